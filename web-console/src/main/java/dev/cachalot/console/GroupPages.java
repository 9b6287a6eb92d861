package dev.cachalot.console;

import dev.cachalot.console.ConsoleBackend.ParameterGroupRow;
import dev.cachalot.console.ConsoleBackend.ResourceKind;
import dev.cachalot.console.ConsoleBackend.SubnetGroupRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Parameter groups (with their parameters) and subnet groups: list, create, detail, change, tags, delete. */
@Controller
class GroupPages {

    static final Listing<ParameterGroupRow> PARAMETER_GROUPS = new Listing<>(parameterGroupColumns(),
            g -> g.name() + " " + g.family() + " " + g.description());
    static final Listing<SubnetGroupRow> SUBNET_GROUPS = new Listing<>(subnetGroupColumns(),
            g -> g.name() + " " + g.description() + " " + String.join(" ", g.zones()));

    private final ConsoleBackend backend;

    GroupPages(ConsoleBackend backend) {
        this.backend = backend;
    }

    private static Map<String, Function<ParameterGroupRow, ? extends Comparable<?>>> parameterGroupColumns() {
        Map<String, Function<ParameterGroupRow, ? extends Comparable<?>>> columns = new LinkedHashMap<>();
        columns.put("name", ParameterGroupRow::name);
        columns.put("family", ParameterGroupRow::family);
        columns.put("description", ParameterGroupRow::description);
        return columns;
    }

    private static Map<String, Function<SubnetGroupRow, ? extends Comparable<?>>> subnetGroupColumns() {
        Map<String, Function<SubnetGroupRow, ? extends Comparable<?>>> columns = new LinkedHashMap<>();
        columns.put("name", SubnetGroupRow::name);
        columns.put("description", SubnetGroupRow::description);
        return columns;
    }

    // ------------------------------------------------------------------------------ parameter groups

    @GetMapping("/console/parameter-groups")
    String parameterGroups(@AuthenticationPrincipal ConsolePrincipal principal, @RequestParam(required = false) String q,
                           @RequestParam(required = false) String sort, @RequestParam(required = false) String dir, Model model) {
        model.addAttribute("view", PARAMETER_GROUPS.apply(backend.parameterGroups(principal), q, sort, dir));
        model.addAttribute("families", backend.parameterGroupFamilies(principal));
        return "console/parameter-groups";
    }

    @PostMapping("/console/parameter-groups")
    String createParameterGroup(@AuthenticationPrincipal ConsolePrincipal principal, @RequestParam String name,
                                @RequestParam String family, @RequestParam(defaultValue = "") String description,
                                RedirectAttributes redirect) {
        try {
            backend.createParameterGroup(principal, name, family, description);
            redirect.addFlashAttribute("notice", "Parameter group " + name + " created.");
            return "redirect:/console/parameter-groups/" + name.toLowerCase(java.util.Locale.ROOT);
        } catch (ConsoleException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/console/parameter-groups#create";
        }
    }

    @GetMapping("/console/parameter-groups/{name}")
    String parameterGroup(@AuthenticationPrincipal ConsolePrincipal principal, @PathVariable String name,
                          @RequestParam(required = false) String q, Model model) {
        ConsoleBackend.ParameterGroupDetail group = backend.parameterGroup(principal, name);
        String query = q == null ? "" : q.strip().toLowerCase(java.util.Locale.ROOT);
        model.addAttribute("group", group);
        model.addAttribute("q", q == null ? "" : q.strip());
        model.addAttribute("parameters", group.parameters().stream()
                .filter(p -> query.isEmpty() || (p.name() + " " + p.description()).toLowerCase(java.util.Locale.ROOT).contains(query))
                .toList());
        return "console/parameter-group";
    }

    @PostMapping("/console/parameter-groups/{name}/parameters")
    String setParameter(@AuthenticationPrincipal ConsolePrincipal principal, @PathVariable String name,
                        @RequestParam String parameterName, @RequestParam String parameterValue, RedirectAttributes redirect) {
        return CacheClusterPages.act(redirect, "/console/parameter-groups/" + name, "Parameter " + parameterName + " set to "
                + parameterValue + ".", () -> backend.setParameters(principal, name, Map.of(parameterName, parameterValue)));
    }

    @PostMapping("/console/parameter-groups/{name}/reset")
    String reset(@AuthenticationPrincipal ConsolePrincipal principal, @PathVariable String name,
                 @RequestParam(name = "parameterName", required = false) List<String> names, RedirectAttributes redirect) {
        List<String> chosen = names == null ? List.of() : names;
        return CacheClusterPages.act(redirect, "/console/parameter-groups/" + name,
                chosen.isEmpty() ? "Every parameter is back to its default." : "Parameter " + String.join(", ", chosen) + " reset.",
                () -> backend.resetParameters(principal, name, chosen));
    }

    @PostMapping("/console/parameter-groups/{name}/delete")
    String deleteParameterGroup(@AuthenticationPrincipal ConsolePrincipal principal, @PathVariable String name,
                                @RequestParam String confirm, RedirectAttributes redirect) {
        if (!name.equals(confirm.strip())) {
            redirect.addFlashAttribute("error", "Type the group's name, " + name + ", to confirm the deletion.");
            return "redirect:/console/parameter-groups/" + name;
        }
        return CacheClusterPages.act(redirect, "/console/parameter-groups", "/console/parameter-groups/" + name,
                "Parameter group " + name + " deleted.", () -> backend.deleteParameterGroup(principal, name));
    }

    @PostMapping("/console/parameter-groups/{name}/tags")
    String addParameterGroupTag(@AuthenticationPrincipal ConsolePrincipal principal, @PathVariable String name,
                                @RequestParam String key, @RequestParam(defaultValue = "") String value, RedirectAttributes redirect) {
        return CacheClusterPages.act(redirect, "/console/parameter-groups/" + name + "#tags", "Tag " + key + " saved.",
                () -> backend.addTag(principal, ResourceKind.PARAMETER_GROUP, name, key, value));
    }

    @PostMapping("/console/parameter-groups/{name}/tags/remove")
    String removeParameterGroupTag(@AuthenticationPrincipal ConsolePrincipal principal, @PathVariable String name,
                                   @RequestParam String key, RedirectAttributes redirect) {
        return CacheClusterPages.act(redirect, "/console/parameter-groups/" + name + "#tags", "Tag " + key + " removed.",
                () -> backend.removeTag(principal, ResourceKind.PARAMETER_GROUP, name, key));
    }

    // ------------------------------------------------------------------------------ subnet groups

    @GetMapping("/console/subnet-groups")
    String subnetGroups(@AuthenticationPrincipal ConsolePrincipal principal, @RequestParam(required = false) String q,
                        @RequestParam(required = false) String sort, @RequestParam(required = false) String dir, Model model) {
        model.addAttribute("view", SUBNET_GROUPS.apply(backend.subnetGroups(principal), q, sort, dir));
        model.addAttribute("subnets", backend.subnets(principal));
        return "console/subnet-groups";
    }

    @PostMapping("/console/subnet-groups")
    String createSubnetGroup(@AuthenticationPrincipal ConsolePrincipal principal, @RequestParam String name,
                             @RequestParam(defaultValue = "") String description,
                             @RequestParam(name = "subnetId", required = false) List<String> subnetIds, RedirectAttributes redirect) {
        try {
            backend.createSubnetGroup(principal, name, description, subnetIds == null ? List.of() : subnetIds);
            redirect.addFlashAttribute("notice", "Subnet group " + name + " created.");
            return "redirect:/console/subnet-groups/" + name.toLowerCase(java.util.Locale.ROOT);
        } catch (ConsoleException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/console/subnet-groups#create";
        }
    }

    @GetMapping("/console/subnet-groups/{name}")
    String subnetGroup(@AuthenticationPrincipal ConsolePrincipal principal, @PathVariable String name, Model model) {
        model.addAttribute("group", backend.subnetGroup(principal, name));
        model.addAttribute("subnets", backend.subnets(principal));
        return "console/subnet-group";
    }

    @PostMapping("/console/subnet-groups/{name}")
    String modifySubnetGroup(@AuthenticationPrincipal ConsolePrincipal principal, @PathVariable String name,
                             @RequestParam(defaultValue = "") String description,
                             @RequestParam(name = "subnetId", required = false) List<String> subnetIds, RedirectAttributes redirect) {
        return CacheClusterPages.act(redirect, "/console/subnet-groups/" + name, "Subnet group " + name + " saved.",
                () -> backend.modifySubnetGroup(principal, name, description, subnetIds == null ? List.of() : subnetIds));
    }

    @PostMapping("/console/subnet-groups/{name}/delete")
    String deleteSubnetGroup(@AuthenticationPrincipal ConsolePrincipal principal, @PathVariable String name,
                             @RequestParam String confirm, RedirectAttributes redirect) {
        if (!name.equals(confirm.strip())) {
            redirect.addFlashAttribute("error", "Type the group's name, " + name + ", to confirm the deletion.");
            return "redirect:/console/subnet-groups/" + name;
        }
        return CacheClusterPages.act(redirect, "/console/subnet-groups", "/console/subnet-groups/" + name,
                "Subnet group " + name + " deleted.", () -> backend.deleteSubnetGroup(principal, name));
    }

    @PostMapping("/console/subnet-groups/{name}/tags")
    String addSubnetGroupTag(@AuthenticationPrincipal ConsolePrincipal principal, @PathVariable String name,
                             @RequestParam String key, @RequestParam(defaultValue = "") String value, RedirectAttributes redirect) {
        return CacheClusterPages.act(redirect, "/console/subnet-groups/" + name + "#tags", "Tag " + key + " saved.",
                () -> backend.addTag(principal, ResourceKind.SUBNET_GROUP, name, key, value));
    }

    @PostMapping("/console/subnet-groups/{name}/tags/remove")
    String removeSubnetGroupTag(@AuthenticationPrincipal ConsolePrincipal principal, @PathVariable String name,
                                @RequestParam String key, RedirectAttributes redirect) {
        return CacheClusterPages.act(redirect, "/console/subnet-groups/" + name + "#tags", "Tag " + key + " removed.",
                () -> backend.removeTag(principal, ResourceKind.SUBNET_GROUP, name, key));
    }
}

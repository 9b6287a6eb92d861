package dev.cachalot.console;

import dev.cachalot.console.ConsoleBackend.CacheClusterDetail;
import dev.cachalot.console.ConsoleBackend.ClusterChange;
import dev.cachalot.console.ConsoleBackend.ClusterDraft;
import dev.cachalot.console.ConsoleBackend.CreateOptions;
import dev.cachalot.console.ConsoleBackend.FieldError;
import dev.cachalot.console.ConsoleBackend.NodeRow;
import dev.cachalot.console.ConsoleBackend.ResourceKind;
import dev.cachalot.console.ConsoleBackend.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Cache clusters: the list (search, sort, statuses that update themselves), the detail page
 * (nodes, endpoints, connect snippets, configuration, tags, events), the create wizard, modify
 * with a summary before it applies, reboot and delete with typed confirmation. Forms and
 * fragments only: every rule is the backend's.
 */
@Controller
@RequestMapping("/console/cache-clusters")
class CacheClusterPages {

    static final Listing<CacheClusterRow> LISTING = new Listing<>(columns(), c -> String.join(" ", c.cacheClusterId(),
            c.status(), c.engine(), c.engineVersion(), c.cacheNodeType(), Objects.toString(c.availabilityZone(), ""),
            Objects.toString(c.endpoint(), "")));

    /** The wizard's steps and the fields each collects; step 4 is the summary. */
    static final List<List<String>> STEPS = List.of(
            List.of("cacheClusterId", "engine", "engineVersion"),
            List.of("cacheNodeType", "numCacheNodes", "azMode", "preferredAvailabilityZone", "cacheSubnetGroupName"),
            List.of("cacheParameterGroupName", "port", "preferredMaintenanceWindow", "snapshotRetentionLimit", "tags"));
    static final List<String> STEP_TITLES = List.of("Name and engine", "Nodes and placement", "Settings", "Review and create");

    private final ConsoleBackend backend;

    CacheClusterPages(ConsoleBackend backend) {
        this.backend = backend;
    }

    private static Map<String, Function<CacheClusterRow, ? extends Comparable<?>>> columns() {
        Map<String, Function<CacheClusterRow, ? extends Comparable<?>>> columns = new LinkedHashMap<>();
        columns.put("name", CacheClusterRow::cacheClusterId);
        columns.put("status", CacheClusterRow::status);
        columns.put("engine", c -> c.engine() + " " + c.engineVersion());
        columns.put("nodeType", CacheClusterRow::cacheNodeType);
        columns.put("zone", CacheClusterRow::availabilityZone);
        columns.put("created", CacheClusterRow::createTime);
        return columns;
    }

    // ------------------------------------------------------------------------------ list

    @GetMapping
    String list(@AuthenticationPrincipal ConsolePrincipal principal, @RequestParam(required = false) String q,
                @RequestParam(required = false) String sort, @RequestParam(required = false) String dir, Model model) {
        model.addAttribute("view", LISTING.apply(backend.cacheClusters(principal), q, sort, dir));
        return "console/cache-clusters";
    }

    /** The list's rows alone: the page replaces its table body with them every few seconds. */
    @GetMapping("/rows")
    String rows(@AuthenticationPrincipal ConsolePrincipal principal, @RequestParam(required = false) String q,
                @RequestParam(required = false) String sort, @RequestParam(required = false) String dir, Model model) {
        model.addAttribute("view", LISTING.apply(backend.cacheClusters(principal), q, sort, dir));
        return "console/cache-clusters :: rows";
    }

    // ------------------------------------------------------------------------------ detail

    @GetMapping("/{id}")
    String detail(@AuthenticationPrincipal ConsolePrincipal principal, @PathVariable String id, Model model) {
        live(principal, id, model);
        return "console/cache-cluster";
    }

    /** The parts of the detail page that change while a cluster comes up: status, nodes, endpoints. */
    @GetMapping("/{id}/live")
    String liveFragment(@AuthenticationPrincipal ConsolePrincipal principal, @PathVariable String id, Model model) {
        live(principal, id, model);
        return "console/cache-cluster :: live";
    }

    private void live(ConsolePrincipal principal, String id, Model model) {
        CacheClusterDetail cluster = backend.cacheCluster(principal, id);
        model.addAttribute("cluster", cluster);
        NodeRow running = cluster.nodes().stream().filter(n -> n.address() != null && n.port() != null).findFirst().orElse(null);
        model.addAttribute("endpointNode", running);
        if (cluster.configurationEndpoint() != null) {
            // memcached: clients need only the configuration endpoint, which stays valid as nodes come and go
            model.addAttribute("snippets", ConnectSnippets.memcached(cluster.configurationEndpoint().address(),
                    cluster.configurationEndpoint().port(), cluster.transitEncryptionEnabled()));
        } else {
            model.addAttribute("snippets", running == null ? List.of()
                    : ConnectSnippets.of(running.address(), running.port(), cluster.transitEncryptionEnabled(),
                            cluster.authTokenEnabled()));
        }
    }

    @PostMapping("/{id}/reboot")
    String reboot(@AuthenticationPrincipal ConsolePrincipal principal, @PathVariable String id,
                  @RequestParam(name = "node", required = false) List<String> nodes, RedirectAttributes redirect) {
        return act(redirect, "/console/cache-clusters/" + id, "Rebooting the nodes of " + id + ".", () -> {
            List<String> chosen = nodes == null || nodes.isEmpty()
                    ? backend.cacheCluster(principal, id).nodes().stream().map(NodeRow::cacheNodeId).toList() : nodes;
            backend.rebootCacheCluster(principal, id, chosen);
        });
    }

    @PostMapping("/{id}/delete")
    String delete(@AuthenticationPrincipal ConsolePrincipal principal, @PathVariable String id, @RequestParam String confirm,
                  RedirectAttributes redirect) {
        if (!id.equals(confirm.strip())) {
            redirect.addFlashAttribute("error", "Type the cluster's name, " + id + ", to confirm the deletion.");
            return "redirect:/console/cache-clusters/" + id + "#delete";
        }
        return act(redirect, "/console/cache-clusters", "/console/cache-clusters/" + id,
                "Cache cluster " + id + " is being deleted.", () -> backend.deleteCacheCluster(principal, id));
    }

    @PostMapping("/{id}/tags")
    String addTag(@AuthenticationPrincipal ConsolePrincipal principal, @PathVariable String id, @RequestParam String key,
                  @RequestParam(defaultValue = "") String value, RedirectAttributes redirect) {
        return act(redirect, "/console/cache-clusters/" + id + "#tags", "Tag " + key + " saved.",
                () -> backend.addTag(principal, ResourceKind.CACHE_CLUSTER, id, key, value));
    }

    @PostMapping("/{id}/tags/remove")
    String removeTag(@AuthenticationPrincipal ConsolePrincipal principal, @PathVariable String id, @RequestParam String key,
                     RedirectAttributes redirect) {
        return act(redirect, "/console/cache-clusters/" + id + "#tags", "Tag " + key + " removed.",
                () -> backend.removeTag(principal, ResourceKind.CACHE_CLUSTER, id, key));
    }

    // ------------------------------------------------------------------------------ create wizard

    /**
     * What the wizard has collected so far; numbers stay text so that a mistyped one can be shown back.
     * The node count and AZ mode are memcached's: for the other engines they are not sent.
     */
    record ClusterForm(String cacheClusterId, String engine, String engineVersion, String cacheNodeType,
                       String numCacheNodes, String azMode,
                       String preferredAvailabilityZone, String cacheSubnetGroupName, String cacheParameterGroupName,
                       String port, String preferredMaintenanceWindow, String snapshotRetentionLimit, String tags) {

        static ClusterForm empty() {
            return new ClusterForm("", "redis", "", "", "", "", "", "", "", "", "", "", "");
        }

        boolean memcached() {
            return "memcached".equals(engine);
        }

        /** The draft as far as {@code step} (later steps' fields left to their defaults). */
        ClusterDraft draft(int step) {
            boolean nodes = step >= 2 && memcached();
            return new ClusterDraft(blank(cacheClusterId), blank(engine), blank(engineVersion),
                    step >= 2 ? blank(cacheNodeType) : null,
                    nodes ? number(numCacheNodes) : null,
                    nodes ? blank(azMode) : null,
                    step >= 2 ? blank(preferredAvailabilityZone) : null,
                    step >= 2 ? blank(cacheSubnetGroupName) : null,
                    step >= 3 ? blank(cacheParameterGroupName) : null,
                    step >= 3 ? number(port) : null,
                    step >= 3 ? blank(preferredMaintenanceWindow) : null,
                    step >= 3 ? number(snapshotRetentionLimit) : null,
                    step >= 3 ? tagList() : List.of());
        }

        /** Problems the form itself finds before anything is asked: numbers that are not numbers, tags without keys. */
        List<FieldError> formErrors(int step) {
            List<FieldError> errors = new ArrayList<>();
            if (step >= 2 && memcached() && blank(numCacheNodes) != null && number(numCacheNodes) == null) {
                errors.add(new FieldError("numCacheNodes", "InvalidParameterValue",
                        "The number of nodes must be a whole number from 1 to 40."));
            }
            if (step >= 3) {
                if (blank(port) != null && number(port) == null) {
                    errors.add(new FieldError("port", "InvalidParameterValue", "The port must be a number from 1 to 65535."));
                }
                if (blank(snapshotRetentionLimit) != null && number(snapshotRetentionLimit) == null) {
                    errors.add(new FieldError("snapshotRetentionLimit", "InvalidParameterValue",
                            "The snapshot retention limit must be a number of days from 0 to 35."));
                }
                for (String line : lines(tags)) {
                    if (line.indexOf('=') <= 0) {
                        errors.add(new FieldError("tags", "InvalidParameterValue",
                                "Write one tag per line as key=value: \"" + line + "\" has no key."));
                        break;
                    }
                }
            }
            return errors;
        }

        List<Tag> tagList() {
            List<Tag> list = new ArrayList<>();
            for (String line : lines(tags)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    list.add(new Tag(line.substring(0, eq).strip(), line.substring(eq + 1).strip()));
                }
            }
            return list;
        }

        private static List<String> lines(String text) {
            return text == null ? List.of() : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        }
    }

    @GetMapping("/new")
    String newCluster(@AuthenticationPrincipal ConsolePrincipal principal, Model model) {
        return wizard(principal, ClusterForm.empty(), 1, List.of(), model);
    }

    @PostMapping("/new")
    String wizardStep(@AuthenticationPrincipal ConsolePrincipal principal, @ModelAttribute ClusterForm form,
                      @RequestParam int step, @RequestParam String action, Model model, RedirectAttributes redirect) {
        int current = Math.max(1, Math.min(step, STEP_TITLES.size()));
        if ("back".equals(action)) {
            return wizard(principal, form, Math.max(1, current - 1), List.of(), model);
        }
        int checkedUpTo = Math.min(current, STEPS.size());
        List<FieldError> errors = form.formErrors(checkedUpTo);
        if (errors.isEmpty()) {
            errors = backend.checkCacheCluster(principal, form.draft(checkedUpTo)).stream()
                    .filter(e -> e.field() == null || stepOf(e.field()) <= checkedUpTo)
                    .toList();
        }
        if (!errors.isEmpty()) {
            int back = errors.stream().mapToInt(e -> e.field() == null ? current : stepOf(e.field())).min().orElse(current);
            return wizard(principal, form, Math.min(back, current), errors, model);
        }
        if (!"create".equals(action)) {
            return wizard(principal, form, current + 1, List.of(), model);
        }
        try {
            String id = backend.createCacheCluster(principal, form.draft(STEPS.size()));
            redirect.addFlashAttribute("notice", "Cache cluster " + id + " is being created. This page updates itself.");
            return "redirect:/console/cache-clusters/" + id;
        } catch (ConsoleException e) {
            FieldError error = new FieldError(e.field(), e.code(), e.getMessage());
            return wizard(principal, form, e.field() == null ? current : stepOf(e.field()), List.of(error), model);
        }
    }

    private String wizard(ConsolePrincipal principal, ClusterForm form, int step, List<FieldError> errors, Model model) {
        CreateOptions options = backend.createOptions(principal);
        model.addAttribute("form", form);
        model.addAttribute("step", step);
        model.addAttribute("stepTitles", STEP_TITLES);
        model.addAttribute("options", options);
        model.addAttribute("fieldErrors", byField(errors));
        model.addAttribute("formError", errors.stream().filter(e -> e.field() == null || stepOf(e.field()) > STEPS.size())
                .map(FieldError::message).findFirst().orElse(null));
        return "console/cache-cluster-new";
    }

    static int stepOf(String field) {
        for (int i = 0; i < STEPS.size(); i++) {
            if (STEPS.get(i).contains(field)) {
                return i + 1;
            }
        }
        return STEPS.size() + 1;
    }

    // ------------------------------------------------------------------------------ modify

    /** The modify form; the selects and text fields hold the values to have after the change. */
    record ChangeForm(String cacheNodeType, String engineVersion, String cacheParameterGroupName,
                      String preferredMaintenanceWindow, String snapshotRetentionLimit, String snapshotWindow,
                      String autoMinorVersionUpgrade, String numCacheNodes, List<String> cacheNodeIdsToRemove,
                      String azMode, String newAvailabilityZones, Boolean applyImmediately) {

        ChangeForm {
            cacheNodeIdsToRemove = cacheNodeIdsToRemove == null ? List.of() : List.copyOf(cacheNodeIdsToRemove);
        }

        static ChangeForm of(CacheClusterDetail c) {
            return new ChangeForm(c.summary().cacheNodeType(), c.summary().engineVersion(), c.parameterGroupName(),
                    c.preferredMaintenanceWindow(), Integer.toString(c.snapshotRetentionLimit()),
                    Objects.toString(c.snapshotWindow(), ""), Boolean.toString(c.autoMinorVersionUpgrade()),
                    c.memcached() ? Integer.toString(c.summary().numCacheNodes()) : null, List.of(),
                    c.memcached() ? c.azMode() : null, "", false);
        }

        /** The zones of the added nodes, one per node, as typed (commas or spaces between them). */
        List<String> zonesOfAddedNodes() {
            return newAvailabilityZones == null || newAvailabilityZones.isBlank() ? List.of()
                    : List.of(newAvailabilityZones.strip().split("[\\s,]+"));
        }
    }

    /** One line of the summary before a change is applied. */
    record Change(String field, String label, String from, String to) {}

    @GetMapping("/{id}/modify")
    String modifyForm(@AuthenticationPrincipal ConsolePrincipal principal, @PathVariable String id, Model model) {
        CacheClusterDetail cluster = backend.cacheCluster(principal, id);
        return modifyPage(principal, cluster, ChangeForm.of(cluster), List.of(), model);
    }

    @PostMapping("/{id}/modify")
    String modify(@AuthenticationPrincipal ConsolePrincipal principal, @PathVariable String id, @ModelAttribute ChangeForm form,
                  @RequestParam String action, Model model, RedirectAttributes redirect) {
        CacheClusterDetail cluster = backend.cacheCluster(principal, id);
        if ("edit".equals(action)) {
            return modifyPage(principal, cluster, form, List.of(), model);
        }
        List<Change> changes = changes(cluster, form);
        if (changes.isEmpty()) {
            return modifyPage(principal, cluster, form, List.of(new FieldError(null, "InvalidParameterCombination",
                    "Nothing to change: every value is as it is now.")), model);
        }
        if (blank(form.snapshotRetentionLimit()) != null && number(form.snapshotRetentionLimit()) == null) {
            return modifyPage(principal, cluster, form, List.of(new FieldError("snapshotRetentionLimit", "InvalidParameterValue",
                    "The snapshot retention limit must be a number of days from 0 to 35.")), model);
        }
        if (blank(form.numCacheNodes()) != null && number(form.numCacheNodes()) == null) {
            return modifyPage(principal, cluster, form, List.of(new FieldError("numCacheNodes", "InvalidParameterValue",
                    "The number of nodes must be a whole number from 1 to 40.")), model);
        }
        if (!"apply".equals(action)) {
            model.addAttribute("cluster", cluster);
            model.addAttribute("form", form);
            model.addAttribute("changes", changes);
            return "console/cache-cluster-modify-review";
        }
        try {
            backend.modifyCacheCluster(principal, id, change(form, changes));
            redirect.addFlashAttribute("notice", "Changes to " + id + " saved"
                    + (Boolean.TRUE.equals(form.applyImmediately()) ? " and being applied now." : "."));
            return "redirect:/console/cache-clusters/" + id;
        } catch (ConsoleException e) {
            // the zones this form names are those of the added nodes
            String field = "preferredAvailabilityZone".equals(e.field()) ? "newAvailabilityZones" : e.field();
            return modifyPage(principal, cluster, form, List.of(new FieldError(field, e.code(), e.getMessage())), model);
        }
    }

    private String modifyPage(ConsolePrincipal principal, CacheClusterDetail cluster, ChangeForm form, List<FieldError> errors,
                              Model model) {
        CreateOptions options = backend.createOptions(principal);
        model.addAttribute("cluster", cluster);
        model.addAttribute("form", form);
        model.addAttribute("nodeTypes", backend.nodeTypesFor(principal, cluster.summary().cacheClusterId()));
        model.addAttribute("versions", options.engineVersions().stream()
                .filter(v -> v.engine().equals(cluster.summary().engine())).toList());
        model.addAttribute("parameterGroups", options.parameterGroups());
        model.addAttribute("zones", options.zones());
        model.addAttribute("fieldErrors", byField(errors));
        model.addAttribute("formError", errors.stream().filter(e -> e.field() == null || !CHANGE_FIELDS.containsKey(e.field()))
                .map(FieldError::message).findFirst().orElse(null));
        return "console/cache-cluster-modify";
    }

    private static final Map<String, String> CHANGE_FIELDS = Map.ofEntries(
            Map.entry("cacheNodeType", "Node type"),
            Map.entry("numCacheNodes", "Number of nodes"),
            Map.entry("cacheNodeIdsToRemove", "Nodes to remove"),
            Map.entry("azMode", "Zones of the nodes"),
            Map.entry("newAvailabilityZones", "Zones of the added nodes"),
            Map.entry("engineVersion", "Engine version"),
            Map.entry("cacheParameterGroupName", "Parameter group"),
            Map.entry("preferredMaintenanceWindow", "Maintenance window"),
            Map.entry("snapshotRetentionLimit", "Snapshot retention (days)"),
            Map.entry("snapshotWindow", "Snapshot window"),
            Map.entry("autoMinorVersionUpgrade", "Automatic minor version upgrades"));

    /** What differs between the cluster and the form, in the form's order. */
    static List<Change> changes(CacheClusterDetail c, ChangeForm f) {
        List<Change> changes = new ArrayList<>();
        diff(changes, "cacheNodeType", c.summary().cacheNodeType(), f.cacheNodeType());
        if (c.memcached()) {
            diff(changes, "numCacheNodes", Integer.toString(c.summary().numCacheNodes()), f.numCacheNodes());
            diff(changes, "cacheNodeIdsToRemove", "", String.join(", ", f.cacheNodeIdsToRemove()));
            diff(changes, "azMode", c.azMode(), f.azMode());
            diff(changes, "newAvailabilityZones", "", String.join(", ", f.zonesOfAddedNodes()));
        }
        diff(changes, "engineVersion", c.summary().engineVersion(), f.engineVersion());
        diff(changes, "cacheParameterGroupName", c.parameterGroupName(), f.cacheParameterGroupName());
        diff(changes, "preferredMaintenanceWindow", c.preferredMaintenanceWindow(), f.preferredMaintenanceWindow());
        diff(changes, "snapshotRetentionLimit", Integer.toString(c.snapshotRetentionLimit()), f.snapshotRetentionLimit());
        diff(changes, "snapshotWindow", c.snapshotWindow(), f.snapshotWindow());
        diff(changes, "autoMinorVersionUpgrade", Boolean.toString(c.autoMinorVersionUpgrade()), f.autoMinorVersionUpgrade());
        return changes;
    }

    private static void diff(List<Change> changes, String field, String from, String to) {
        String now = Objects.toString(from, "");
        String wanted = to == null ? "" : to.strip();
        if (!wanted.isEmpty() && !wanted.equals(now)) {
            changes.add(new Change(field, CHANGE_FIELDS.get(field), now, wanted));
        }
    }

    private static ClusterChange change(ChangeForm f, List<Change> changes) {
        Map<String, String> to = new LinkedHashMap<>();
        changes.forEach(c -> to.put(c.field(), c.to()));
        return new ClusterChange(to.get("cacheNodeType"), to.get("engineVersion"), to.get("cacheParameterGroupName"),
                to.get("preferredMaintenanceWindow"), number(to.get("snapshotRetentionLimit")), to.get("snapshotWindow"),
                to.containsKey("autoMinorVersionUpgrade") ? Boolean.valueOf(to.get("autoMinorVersionUpgrade")) : null,
                number(to.get("numCacheNodes")),
                to.containsKey("cacheNodeIdsToRemove") ? f.cacheNodeIdsToRemove() : null,
                to.get("azMode"), to.containsKey("newAvailabilityZones") ? f.zonesOfAddedNodes() : null,
                Boolean.TRUE.equals(f.applyImmediately()));
    }

    // ------------------------------------------------------------------------------ helpers

    static Map<String, String> byField(List<FieldError> errors) {
        Map<String, String> byField = new LinkedHashMap<>();
        errors.stream().filter(e -> e.field() != null).forEach(e -> byField.putIfAbsent(e.field(), e.message()));
        return byField;
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static Integer number(String s) {
        if (blank(s) == null) {
            return null;
        }
        try {
            return Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Runs an action and redirects with its message (or its refusal) to {@code page}. */
    static String act(RedirectAttributes redirect, String page, String message, Runnable action) {
        return act(redirect, page, page, message, action);
    }

    /** Runs an action and redirects with a message: to {@code onSuccess}, or back to {@code onError}. */
    static String act(RedirectAttributes redirect, String onSuccess, String onError, String message, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("notice", message);
            return "redirect:" + onSuccess;
        } catch (ConsoleException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:" + onError;
        }
    }
}

package dev.cachalot.console;

import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The event log, and the operator's hosts and availability zones. */
@Controller
class ActivityPages {

    static final List<String> SOURCE_TYPES = List.of("cache-cluster", "cache-parameter-group", "cache-subnet-group");
    static final List<Integer> WINDOWS = List.of(1, 24, 24 * 7, 24 * 14);

    private final ConsoleBackend backend;

    ActivityPages(ConsoleBackend backend) {
        this.backend = backend;
    }

    @GetMapping("/console/events")
    String events(@AuthenticationPrincipal ConsolePrincipal principal, @RequestParam(required = false) String sourceType,
                  @RequestParam(required = false) String sourceIdentifier, @RequestParam(defaultValue = "24") int hours,
                  Model model) {
        String type = sourceType == null || sourceType.isBlank() ? null : sourceType;
        String id = sourceIdentifier == null || sourceIdentifier.isBlank() ? null : sourceIdentifier.strip();
        int window = WINDOWS.contains(hours) ? hours : 24;
        model.addAttribute("events", backend.events(principal, type, id, window));
        model.addAttribute("sourceType", type == null ? "" : type);
        model.addAttribute("sourceIdentifier", id == null ? "" : id);
        model.addAttribute("hours", window);
        model.addAttribute("sourceTypes", SOURCE_TYPES);
        model.addAttribute("windows", WINDOWS);
        return "console/events";
    }

    @GetMapping("/console/hosts")
    String hosts(@AuthenticationPrincipal ConsolePrincipal principal, Model model) {
        model.addAttribute("zones", backend.zones(principal));
        model.addAttribute("hosts", backend.hosts(principal));
        return "console/hosts";
    }
}

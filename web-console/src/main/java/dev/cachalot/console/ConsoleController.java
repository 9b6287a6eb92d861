package dev.cachalot.console;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Sign-in and the cache cluster list. */
@Controller
class ConsoleController {

    private final ConsoleBackend backend;

    ConsoleController(ConsoleBackend backend) {
        this.backend = backend;
    }

    @GetMapping("/console/login")
    String login() {
        return "console/login";
    }

    @GetMapping({"/console", "/console/", "/console/cache-clusters"})
    String cacheClusters(@AuthenticationPrincipal ConsolePrincipal principal, Model model) {
        model.addAttribute("principal", principal);
        model.addAttribute("clusters", backend.cacheClusters(principal));
        return "console/cache-clusters";
    }
}

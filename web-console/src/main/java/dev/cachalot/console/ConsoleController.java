package dev.cachalot.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Sign-in, the dashboard and the administrators' account switcher. */
@Controller
class ConsoleController {

    private final ConsoleBackend backend;
    private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    ConsoleController(ConsoleBackend backend) {
        this.backend = backend;
    }

    @GetMapping("/console/login")
    String login() {
        return "console/login";
    }

    @GetMapping({"/console", "/console/"})
    String dashboard(@AuthenticationPrincipal ConsolePrincipal principal, Model model) {
        model.addAttribute("dashboard", backend.dashboard(principal));
        return "console/dashboard";
    }

    /**
     * An administrator acts in another account from now on: the session's principal is replaced
     * (the backend checks that the switch is allowed).
     */
    @PostMapping("/console/account")
    String switchAccount(@AuthenticationPrincipal ConsolePrincipal principal, @RequestParam String accountId,
                         HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            ConsolePrincipal acting = backend.switchAccount(principal, accountId);
            Authentication current = SecurityContextHolder.getContext().getAuthentication();
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(acting, null, current.getAuthorities()));
            SecurityContextHolder.setContext(context);
            contexts.saveContext(context, request, response);
            redirect.addFlashAttribute("notice", "You are now working in account " + acting.accountId() + ".");
        } catch (ConsoleException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/console/";
    }
}

package dev.cachalot.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** A refusal while rendering a page (e.g. an unknown resource in the URL) shows the error page. */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
class ConsoleErrors {

    private final ConsoleModel frame;

    ConsoleErrors(ConsoleModel frame) {
        this.frame = frame;
    }

    @ExceptionHandler(ConsoleException.class)
    String refused(ConsoleException e, @AuthenticationPrincipal ConsolePrincipal principal, Model model,
                   HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(switch (e.code()) {
            case "AccessDenied" -> 403;
            case "NoSuchEntity", "CacheClusterNotFound", "CacheParameterGroupNotFound", "CacheSubnetGroupNotFoundFault" -> 404;
            default -> 400;
        });
        // Exception handlers get a model of their own: the frame's attributes are added here.
        model.addAttribute("principal", principal);
        model.addAttribute("switchableAccounts", frame.switchableAccounts(principal));
        model.addAttribute("currentPath", frame.currentPath(request));
        model.addAttribute("htmxScript", frame.htmxScript());
        model.addAttribute("code", e.code());
        model.addAttribute("message", e.getMessage());
        return "console/error";
    }
}

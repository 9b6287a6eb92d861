package dev.cachalot.console;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** A refusal while rendering a page (e.g. an unknown user in the URL) shows the error page. */
@ControllerAdvice(assignableTypes = {ConsoleController.class, IdentityPages.class})
class ConsoleErrors {

    @ExceptionHandler(ConsoleException.class)
    String refused(ConsoleException e, @AuthenticationPrincipal ConsolePrincipal principal, Model model,
                   HttpServletResponse response) {
        response.setStatus(switch (e.code()) {
            case "AccessDenied" -> 403;
            case "NoSuchEntity", "CacheClusterNotFound" -> 404;
            default -> 400;
        });
        model.addAttribute("principal", principal);
        model.addAttribute("code", e.code());
        model.addAttribute("message", e.getMessage());
        return "console/error";
    }
}

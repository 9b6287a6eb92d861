package dev.cachalot.console;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page's frame needs: who is signed in, the accounts an administrator can
 * switch to, the current path (for the navigation's {@code aria-current}) and where htmx is.
 */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

    private final ConsoleBackend backend;
    private final String htmx;

    ConsoleModel(ConsoleBackend backend) {
        this.backend = backend;
        this.htmx = "/webjars/htmx.org/" + webjarVersion("org.webjars.npm", "htmx.org") + "/dist/htmx.min.js";
    }

    @ModelAttribute("principal")
    ConsolePrincipal principal(@AuthenticationPrincipal ConsolePrincipal principal) {
        return principal;
    }

    @ModelAttribute("switchableAccounts")
    List<ConsoleBackend.AccountChoice> switchableAccounts(@AuthenticationPrincipal ConsolePrincipal principal) {
        if (principal == null || !principal.systemAdmin()) {
            return List.of();
        }
        try {
            return backend.accountChoices(principal);
        } catch (ConsoleException e) {
            return List.of();
        }
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }

    @ModelAttribute("htmxScript")
    String htmxScript() {
        return htmx;
    }

    static String webjarVersion(String groupId, String artifactId) {
        String resource = "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = ConsoleModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing WebJar " + groupId + ":" + artifactId);
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

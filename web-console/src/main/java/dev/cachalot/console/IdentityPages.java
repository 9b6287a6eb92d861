package dev.cachalot.console;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import static dev.cachalot.console.CacheClusterPages.act;

/** Users of the signed-in account, their access keys, and (for system administrators) accounts. */
@Controller
class IdentityPages {

    private final ConsoleBackend backend;

    IdentityPages(ConsoleBackend backend) {
        this.backend = backend;
    }

    @GetMapping("/console/users")
    String users(@AuthenticationPrincipal ConsolePrincipal principal, Model model) {
        model.addAttribute("users", backend.users(principal));
        return "console/users";
    }

    @PostMapping("/console/users")
    String createUser(@AuthenticationPrincipal ConsolePrincipal principal, @RequestParam String userName,
                      @RequestParam(defaultValue = "false") boolean readOnly, @RequestParam(required = false) String password,
                      RedirectAttributes redirect) {
        return act(redirect, "/console/users/" + userName, "/console/users", "User " + userName + " created.",
                () -> backend.createUser(principal, userName, readOnly, password == null || password.isEmpty() ? null : password));
    }

    @GetMapping("/console/users/{userName}")
    String user(@AuthenticationPrincipal ConsolePrincipal principal, @PathVariable String userName, Model model) {
        model.addAttribute("user", backend.user(principal, userName));
        model.addAttribute("keys", backend.accessKeys(principal, userName));
        return "console/user";
    }

    @PostMapping("/console/users/{userName}/policy")
    String policy(@AuthenticationPrincipal ConsolePrincipal principal, @PathVariable String userName,
                  @RequestParam boolean readOnly, RedirectAttributes redirect) {
        String page = "/console/users/" + userName;
        return act(redirect, page, page, "Policy changed.", () -> backend.updateUser(principal, userName, readOnly, null));
    }

    @PostMapping("/console/users/{userName}/password")
    String password(@AuthenticationPrincipal ConsolePrincipal principal, @PathVariable String userName,
                    @RequestParam String password, RedirectAttributes redirect) {
        String page = "/console/users/" + userName;
        return act(redirect, page, page, password.isEmpty() ? "Console access removed." : "Password set.",
                () -> backend.updateUser(principal, userName, null, password));
    }

    @PostMapping("/console/users/{userName}/delete")
    String deleteUser(@AuthenticationPrincipal ConsolePrincipal principal, @PathVariable String userName,
                      @RequestParam String confirm, RedirectAttributes redirect) {
        String page = "/console/users/" + userName;
        if (!userName.equals(confirm)) {
            redirect.addFlashAttribute("error", "Type the user name to confirm the deletion.");
            return "redirect:" + page;
        }
        return act(redirect, "/console/users", page, "User " + userName + " deleted.", () -> backend.deleteUser(principal, userName));
    }

    @PostMapping("/console/users/{userName}/access-keys")
    String createKey(@AuthenticationPrincipal ConsolePrincipal principal, @PathVariable String userName,
                     RedirectAttributes redirect) {
        String page = "/console/users/" + userName;
        try {
            redirect.addFlashAttribute("newKey", backend.createAccessKey(principal, userName));
        } catch (ConsoleException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:" + page;
    }

    @PostMapping("/console/users/{userName}/access-keys/{keyId}")
    String updateKey(@AuthenticationPrincipal ConsolePrincipal principal, @PathVariable String userName,
                     @PathVariable String keyId, @RequestParam String action, RedirectAttributes redirect) {
        String page = "/console/users/" + userName;
        return switch (action) {
            case "activate" -> act(redirect, page, page, "Key " + keyId + " activated.",
                    () -> backend.setAccessKeyActive(principal, userName, keyId, true));
            case "deactivate" -> act(redirect, page, page, "Key " + keyId + " deactivated.",
                    () -> backend.setAccessKeyActive(principal, userName, keyId, false));
            case "delete" -> act(redirect, page, page, "Key " + keyId + " deleted.",
                    () -> backend.deleteAccessKey(principal, userName, keyId));
            default -> act(redirect, page, page, "", () -> {
                throw new ConsoleException("InvalidParameterValue", "Unknown action.");
            });
        };
    }

    @GetMapping("/console/accounts")
    String accounts(@AuthenticationPrincipal ConsolePrincipal principal, Model model) {
        model.addAttribute("accounts", backend.accounts(principal));
        return "console/accounts";
    }

    @PostMapping("/console/accounts")
    String createAccount(@AuthenticationPrincipal ConsolePrincipal principal, @RequestParam String name,
                         RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("newKey", backend.createAccount(principal, name));
        } catch (ConsoleException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/console/accounts";
    }

    @PostMapping("/console/accounts/{accountId}/limits")
    String accountLimits(@AuthenticationPrincipal ConsolePrincipal principal, @PathVariable String accountId,
                         @RequestParam(defaultValue = "") String clusterQuota, @RequestParam(defaultValue = "") String nodeQuota,
                         @RequestParam(defaultValue = "") String requestsPerSecond, RedirectAttributes redirect) {
        try {
            Integer clusters = clusterQuota.isBlank() ? null : Integer.valueOf(clusterQuota.strip());
            Integer nodes = nodeQuota.isBlank() ? null : Integer.valueOf(nodeQuota.strip());
            Double rate = requestsPerSecond.isBlank() ? null : Double.valueOf(requestsPerSecond.strip());
            return act(redirect, "/console/accounts", "/console/accounts", "Limits of account " + accountId + " saved.",
                    () -> backend.setAccountLimits(principal, accountId, clusters, nodes, rate));
        } catch (NumberFormatException e) {
            redirect.addFlashAttribute("error", "Quotas are whole numbers and the request rate a number; leave a field empty for the default.");
            return "redirect:/console/accounts";
        }
    }
}

package dev.cachalot.controlplane.identity;

import java.time.Instant;

/** A user of an account. */
public record UserView(String accountId, String userName, Policy policy, boolean consoleAccess, Instant createTime) {

    public String arn() {
        return "arn:aws:iam::" + accountId + ":user/" + userName;
    }
}

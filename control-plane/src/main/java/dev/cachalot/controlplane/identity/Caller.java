package dev.cachalot.controlplane.identity;

/**
 * Who is making a request, once authenticated: a user of an account, signed in with an access
 * key or a console password. Every application service works in the caller's account and never
 * looks at resources of another account; only a system administrator (a full-access user of
 * the administrator account) manages other accounts.
 *
 * @param accessKeyId the key that signed the request, or null for a console session
 */
public record Caller(String accountId, String userName, String accessKeyId, Policy policy, boolean systemAdmin) {

    /** The user's ARN, as AWS error messages name principals. */
    public String userArn() {
        return "arn:aws:iam::" + accountId + ":user/" + userName;
    }

    public boolean mayWrite() {
        return policy == Policy.FULL_ACCESS;
    }
}

package dev.cachalot.console;

import java.time.Instant;
import java.util.List;

/**
 * What the console reads and does, in the console's own terms. The control plane implements it
 * on the same application services as its APIs; refusals arrive as {@link ConsoleException}.
 */
public interface ConsoleBackend {

    /** The signed-in account's cache clusters, in identifier order. */
    List<CacheClusterRow> cacheClusters(ConsolePrincipal principal);

    List<UserRow> users(ConsolePrincipal principal);

    UserRow user(ConsolePrincipal principal, String userName);

    void createUser(ConsolePrincipal principal, String userName, boolean readOnly, String password);

    void updateUser(ConsolePrincipal principal, String userName, Boolean readOnly, String password);

    void deleteUser(ConsolePrincipal principal, String userName);

    List<AccessKeyRow> accessKeys(ConsolePrincipal principal, String userName);

    /** Creates a key; the secret in the result is shown once and never again. */
    NewAccessKey createAccessKey(ConsolePrincipal principal, String userName);

    void setAccessKeyActive(ConsolePrincipal principal, String userName, String accessKeyId, boolean active);

    void deleteAccessKey(ConsolePrincipal principal, String userName, String accessKeyId);

    /** Every account for a system administrator; the principal's own otherwise. */
    List<AccountRow> accounts(ConsolePrincipal principal);

    /** Creates an account with its admin user; returns that user's first key (secret shown once). */
    NewAccessKey createAccount(ConsolePrincipal principal, String name);

    record UserRow(String userName, String arn, boolean readOnly, boolean consoleAccess, Instant createTime) {}

    record AccessKeyRow(String accessKeyId, boolean active, Instant createTime, Instant lastUsedTime) {}

    record AccountRow(String accountId, String name, boolean admin, Instant createTime) {}

    record NewAccessKey(String accountId, String userName, String accessKeyId, String secretAccessKey) {
        @Override
        public String toString() {
            return "NewAccessKey[" + accountId + ", " + userName + ", " + accessKeyId + "]";
        }
    }
}

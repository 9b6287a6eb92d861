package dev.cachalot.controlplane.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cachalot.controlplane.fault.InvalidParameterValueException;
import dev.cachalot.controlplane.identity.AccessKeyView;
import dev.cachalot.controlplane.identity.AccountQuotas;
import dev.cachalot.controlplane.identity.AccountView;
import dev.cachalot.controlplane.identity.Caller;
import dev.cachalot.controlplane.identity.IssuedAccessKey;
import dev.cachalot.controlplane.identity.Policy;
import dev.cachalot.controlplane.identity.UserView;
import java.time.Instant;

/** The JSON shapes of accounts, users and access keys. */
final class IdentityJson {

    private IdentityJson() {}

    record Quotas(int cacheClusters, int cacheNodes) {}

    record Account(String accountId, String name, boolean admin, Instant createTime, Quotas quotas) {
        static Account of(AccountView a, AccountQuotas q) {
            return new Account(a.accountId(), a.name(), a.admin(), Times.millis(a.createTime()), new Quotas(q.clusters(), q.nodes()));
        }
    }

    record CreateAccount(String name) {}

    /** A new account and the first access key of its {@code admin} user (the secret is shown this once). */
    record NewAccount(Account account, NewAccessKey accessKey) {}

    record User(String accountId, String userName, String arn, String policy, boolean consoleAccess, Instant createTime) {
        static User of(UserView u) {
            return new User(u.accountId(), u.userName(), u.arn(), u.policy().wireName(), u.consoleAccess(), Times.millis(u.createTime()));
        }
    }

    record CreateUser(String userName, String policy, String password) {}

    /** Absent members stay as they are; an empty password removes console access. */
    record ModifyUser(String policy, String password) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AccessKey(String accessKeyId, String accountId, String userName, String status, Instant createTime, Instant lastUsedTime) {
        static AccessKey of(AccessKeyView k) {
            return new AccessKey(k.accessKeyId(), k.accountId(), k.userName(), k.status(), Times.millis(k.createTime()), Times.millis(k.lastUsedTime()));
        }
    }

    /** A new access key with its secret and API token: the only time either is shown. */
    record NewAccessKey(String accessKeyId, String accountId, String userName, String status, String secretAccessKey,
                        String apiToken) {
        static NewAccessKey of(IssuedAccessKey k) {
            return new NewAccessKey(k.accessKeyId(), k.accountId(), k.userName(), "Active", k.secretAccessKey(), k.apiToken());
        }

        @Override
        public String toString() {
            return "NewAccessKey[" + accessKeyId + "]";
        }
    }

    record ModifyAccessKey(String status) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Me(String accountId, String userName, String arn, String policy, boolean systemAdmin, String accessKeyId) {
        static Me of(Caller c) {
            return new Me(c.accountId(), c.userName(), c.userArn(), c.policy().wireName(), c.systemAdmin(), c.accessKeyId());
        }
    }

    record Token(String accessKeyId, String token) {}

    static Policy policy(String name) {
        if (name == null) {
            return null;
        }
        return Policy.fromWireName(name).orElseThrow(() ->
                new InvalidParameterValueException("Invalid value for policy: " + name + ". Valid values are: FullAccess, ReadOnly."));
    }
}

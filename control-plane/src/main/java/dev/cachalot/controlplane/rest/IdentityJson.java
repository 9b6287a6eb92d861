package dev.cachalot.controlplane.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cachalot.controlplane.fault.InvalidParameterValueException;
import dev.cachalot.controlplane.identity.AccessKeyView;
import dev.cachalot.controlplane.identity.AccountQuotas;
import dev.cachalot.controlplane.identity.AccountView;
import dev.cachalot.controlplane.identity.Caller;
import dev.cachalot.controlplane.identity.IdentityService;
import dev.cachalot.controlplane.identity.IssuedAccessKey;
import dev.cachalot.controlplane.identity.Policy;
import dev.cachalot.controlplane.identity.UserView;
import java.time.Instant;
import java.util.Optional;

/** The JSON shapes of accounts, users and access keys. */
final class IdentityJson {

    private IdentityJson() {}

    record Quotas(int cacheClusters, int cacheNodes) {}

    /**
     * @param quotas              the quotas in effect (the account's own or the installation's)
     * @param ownQuotas           which of them the account has of its own (set by an administrator)
     * @param apiRequestsPerSecond the account's own API request rate; absent: the installation's
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Account(String accountId, String name, boolean admin, Instant createTime, Quotas quotas, OwnQuotas ownQuotas,
                   Double apiRequestsPerSecond) {
        static Account of(AccountView a, IdentityService.AccountLimits l) {
            AccountQuotas q = l.effective();
            return new Account(a.accountId(), a.name(), a.admin(), Times.millis(a.createTime()), new Quotas(q.clusters(), q.nodes()),
                    new OwnQuotas(l.clusterQuota() != null, l.nodeQuota() != null), l.apiRequestsPerSecond());
        }
    }

    record OwnQuotas(boolean cacheClusters, boolean cacheNodes) {}

    /**
     * A change of an account's limits: an absent member stays as it is, {@code null} restores the
     * installation's default, a number sets the account's own.
     */
    record ModifyAccount(Optional<Integer> cacheClusterQuota, Optional<Integer> cacheNodeQuota,
                         Optional<Double> apiRequestsPerSecond) {

        private static final java.util.Set<String> MEMBERS = java.util.Set.of("cacheClusterQuota", "cacheNodeQuota",
                "apiRequestsPerSecond");

        /** Read from the JSON tree, since a record cannot tell an absent member from a null one. */
        static ModifyAccount of(tools.jackson.databind.JsonNode body) {
            if (body == null || !body.isObject()) {
                throw new RestFaults.SerializationFault("The request body must be a JSON object.");
            }
            for (String name : body.propertyNames()) {
                if (!MEMBERS.contains(name)) {
                    throw new RestFaults.SerializationFault("Unrecognized field \"" + name + "\": expected one of " + MEMBERS + ".");
                }
            }
            return new ModifyAccount(map(member(body, "cacheClusterQuota", true), Number::intValue),
                    map(member(body, "cacheNodeQuota", true), Number::intValue),
                    map(member(body, "apiRequestsPerSecond", false), Number::doubleValue));
        }

        private static <T> Optional<T> map(Optional<Number> value, java.util.function.Function<Number, T> f) {
            return value == null ? null : value.map(f);
        }

        /** Null when absent, empty when null, the number otherwise. */
        private static Optional<Number> member(tools.jackson.databind.JsonNode body, String name, boolean integral) {
            if (!body.has(name)) {
                return null;
            }
            tools.jackson.databind.JsonNode value = body.get(name);
            if (value.isNull()) {
                return Optional.empty();
            }
            if (!value.isNumber() || integral && !value.isIntegralNumber()) {
                throw new RestFaults.SerializationFault("The member " + name + " must be " + (integral ? "a whole number" : "a number")
                        + " or null.");
            }
            return Optional.of(value.numberValue());
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

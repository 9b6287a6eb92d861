package dev.cachalot.controlplane.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachalot.controlplane.fault.CachalotFault;
import dev.cachalot.controlplane.support.AwsClients;
import dev.cachalot.controlplane.support.ControlPlaneTestBase;
import java.net.http.HttpResponse;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.ElastiCacheException;

/**
 * Users, policies and access keys: what each lets a caller do through the AWS API, and that no
 * caller reaches another account's identities.
 */
class IdentityTest extends ControlPlaneTestBase {

    @Test
    void aReadOnlyUserMayDescribeButNotChange() {
        IssuedAccessKey admin = newAccount("policy");
        Caller root = callerOf(admin);
        identity.createUser(root, admin.accountId(), "reader", Policy.READ_ONLY, null);
        IssuedAccessKey reader = identity.createAccessKey(root, admin.accountId(), "reader");
        try (ElastiCacheClient ec = client(reader)) {
            assertThat(ec.describeCacheClusters().cacheClusters()).isEmpty();
            assertThatThrownBy(() -> ec.createCacheCluster(r -> r.cacheClusterId("nope").engine("redis").cacheNodeType("cache.t4g.micro")))
                    .isInstanceOfSatisfying(ElastiCacheException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::" + admin.accountId()
                                + ":user/reader is not authorized to perform: elasticache:CreateCacheCluster because no "
                                + "identity-based policy allows the elasticache:CreateCacheCluster action");
                    });
            assertAwsError(() -> ec.deleteCacheCluster(r -> r.cacheClusterId("nope")), 403, "AccessDenied");
        }
        try (ElastiCacheClient ec = client(admin)) {
            assertThat(ec.describeCacheClusters().cacheClusters()).isEmpty();
        }
        // The same user with full access may create.
        identity.updateUser(root, admin.accountId(), "reader", Policy.FULL_ACCESS, null);
        try (ElastiCacheClient ec = client(reader)) {
            assertThat(ec.createCacheCluster(r -> r.cacheClusterId("now-yes").engine("redis").cacheNodeType("cache.t4g.micro"))
                    .cacheCluster().cacheClusterStatus()).isEqualTo("creating");
        }
    }

    @Test
    void deactivatedAndDeletedKeysNoLongerAuthenticate() {
        IssuedAccessKey admin = newAccount("keys");
        Caller root = callerOf(admin);
        IssuedAccessKey second = identity.createAccessKey(root, admin.accountId(), "admin");
        assertFault(() -> identity.createAccessKey(root, admin.accountId(), "admin"), "LimitExceeded");
        try (ElastiCacheClient ec = client(second)) {
            ec.describeCacheClusters();
            assertThat(identity.listAccessKeys(root, admin.accountId(), "admin"))
                    .filteredOn(k -> k.accessKeyId().equals(second.accessKeyId()))
                    .singleElement().satisfies(k -> assertThat(k.lastUsedTime()).isNotNull());

            identity.updateAccessKey(root, admin.accountId(), "admin", second.accessKeyId(), "Inactive");
            assertAwsError(ec::describeCacheClusters, 403, "InvalidClientTokenId");
            identity.updateAccessKey(root, admin.accountId(), "admin", second.accessKeyId(), "Active");
            ec.describeCacheClusters();
            identity.deleteAccessKey(root, admin.accountId(), "admin", second.accessKeyId());
            assertAwsError(ec::describeCacheClusters, 403, "InvalidClientTokenId");
        }
        assertFault(() -> identity.updateAccessKey(root, admin.accountId(), "admin", "AKIANOSUCHKEY0000000", "Inactive"), "NoSuchEntity");
        assertFault(() -> identity.updateAccessKey(root, admin.accountId(), "admin", admin.accessKeyId(), "Sleeping"), "InvalidParameterValue");
    }

    @Test
    void deletingAUserRevokesItsKeys() {
        IssuedAccessKey admin = newAccount("deluser");
        Caller root = callerOf(admin);
        identity.createUser(root, admin.accountId(), "temp", Policy.FULL_ACCESS, "a long password");
        IssuedAccessKey temp = identity.createAccessKey(root, admin.accountId(), "temp");
        assertThat(identity.authenticatePassword(admin.accountId(), "temp", "a long password")).isPresent();
        identity.deleteUser(root, admin.accountId(), "temp");
        assertThat(identity.signingCredentials(temp.accessKeyId())).isEmpty();
        assertThat(identity.authenticatePassword(admin.accountId(), "temp", "a long password")).isEmpty();
        assertFault(() -> identity.deleteUser(root, admin.accountId(), "admin"), "InvalidParameterValue");
    }

    @Test
    void passwordsAreCheckedAndStoredHashed() {
        IssuedAccessKey admin = newAccount("pw");
        Caller root = callerOf(admin);
        assertFault(() -> identity.createUser(root, admin.accountId(), "shorty", Policy.READ_ONLY, "short"), "InvalidParameterValue");
        identity.createUser(root, admin.accountId(), "carol", Policy.READ_ONLY, "carol's password");
        assertThat(identity.authenticatePassword(admin.accountId(), "carol", "carol's password"))
                .hasValueSatisfying(c -> assertThat(c.policy()).isEqualTo(Policy.READ_ONLY));
        assertThat(identity.authenticatePassword(admin.accountId(), "carol", "Carol's password")).isEmpty();
        String stored = jdbc.sql("select password_hash from account_users where account_id = ? and user_name = 'carol'")
                .param(admin.accountId()).query(String.class).single();
        assertThat(stored).startsWith("$2a$").doesNotContain("carol's password");
        assertFault(() -> identity.createUser(root, admin.accountId(), "carol", Policy.READ_ONLY, null), "EntityAlreadyExists");
        assertFault(() -> identity.createUser(root, admin.accountId(), "bad name!", Policy.READ_ONLY, null), "InvalidParameterValue");
    }

    @Test
    void noCallerReachesAnotherAccountsIdentities() {
        IssuedAccessKey alice = newAccount("iam-alice");
        IssuedAccessKey bob = newAccount("iam-bob");
        Caller asAlice = callerOf(alice);
        String bobs = bob.accountId();
        assertFault(() -> identity.listUsers(asAlice, bobs), "AccessDenied");
        assertFault(() -> identity.user(asAlice, bobs, "admin"), "AccessDenied");
        assertFault(() -> identity.createUser(asAlice, bobs, "spy", Policy.FULL_ACCESS, null), "AccessDenied");
        assertFault(() -> identity.createAccessKey(asAlice, bobs, "admin"), "AccessDenied");
        assertFault(() -> identity.listAccessKeys(asAlice, bobs, "admin"), "AccessDenied");
        assertFault(() -> identity.updateAccessKey(asAlice, bobs, "admin", bob.accessKeyId(), "Inactive"), "AccessDenied");
        assertFault(() -> identity.deleteAccessKey(asAlice, bobs, "admin", bob.accessKeyId()), "AccessDenied");
        assertFault(() -> identity.deleteUser(asAlice, bobs, "admin"), "AccessDenied");
        assertFault(() -> identity.account(asAlice, bobs), "AccessDenied");
        // An account that does not exist looks the same as another's.
        assertFault(() -> identity.listUsers(asAlice, "999999999999"), "AccessDenied");
        // A key id of another account is not found under one's own users either.
        assertFault(() -> identity.updateAccessKey(asAlice, alice.accountId(), "admin", bob.accessKeyId(), "Inactive"), "NoSuchEntity");
        assertThat(identity.listAccounts(asAlice)).extracting(AccountView::accountId).containsExactly(alice.accountId());
        assertFault(() -> identity.createAccount(asAlice, "stolen"), "AccessDenied");
        assertThat(identity.signingCredentials(bob.accessKeyId())).isPresent();
    }

    @Test
    void theSystemAdministratorManagesAccounts() {
        Caller admin = identity.bootstrapAdmin().orElseThrow();
        assertThat(admin.systemAdmin()).isTrue();
        IssuedAccessKey created = identity.createAccount(admin, "managed-" + System.nanoTime());
        assertThat(created.userName()).isEqualTo("admin");
        assertThat(identity.listAccounts(admin)).extracting(AccountView::accountId).contains(created.accountId(), admin.accountId());
        assertThat(identity.listUsers(admin, created.accountId())).extracting(UserView::userName).containsExactly("admin");
        assertFault(() -> identity.createAccount(admin, "Bad Name"), "InvalidParameterValue");
    }

    @Test
    void requestsBeyondTheAccountsRateAreThrottled() throws Exception {
        IssuedAccessKey key = newAccount("throttle");
        Caller admin = identity.bootstrapAdmin().orElseThrow();
        // One request every 10 s, bursts of 1: the second request in a row is over the limit.
        identity.setRequestRate(admin, key.accountId(), 0.1);
        HttpResponse<String> first = AwsClients.post(port, "Action=DescribeCacheClusters&Version=2015-02-02",
                key.accessKeyId(), key.secretAccessKey());
        HttpResponse<String> second = AwsClients.post(port, "Action=DescribeCacheClusters&Version=2015-02-02",
                key.accessKeyId(), key.secretAccessKey());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(400);
        assertThat(second.body()).contains("<Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message>");
        try (ElastiCacheClient ec = client(key)) {
            assertAwsError(ec::describeCacheClusters, 400, "Throttling");
        }
        // Another account is not affected, and lifting the limit takes effect at once.
        IssuedAccessKey other = newAccount("not-throttled");
        try (ElastiCacheClient ec = client(other)) {
            assertThat(ec.describeCacheClusters().cacheClusters()).isEmpty();
        }
        identity.setRequestRate(admin, key.accountId(), null);
        try (ElastiCacheClient ec = client(key)) {
            assertThat(ec.describeCacheClusters().cacheClusters()).isEmpty();
        }
        Caller self = callerOf(key);
        assertFault(() -> identity.setRequestRate(self, key.accountId(), 1000.0), "AccessDenied");
    }

    private static Caller callerOf(IssuedAccessKey key) {
        return new Caller(key.accountId(), key.userName(), key.accessKeyId(), Policy.FULL_ACCESS, false);
    }

    private ElastiCacheClient client(IssuedAccessKey key) {
        return AwsClients.elastiCache(port, key.accessKeyId(), key.secretAccessKey());
    }

    private static void assertFault(ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CachalotFault.class, f -> assertThat(f.code()).isEqualTo(code));
    }

    private static void assertAwsError(ThrowingCallable call, int status, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ElastiCacheException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.statusCode()).isEqualTo(status);
        });
    }
}

package dev.cachalot.controlplane.awsquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachalot.controlplane.identity.IssuedAccessKey;
import dev.cachalot.controlplane.support.AwsClients;
import dev.cachalot.controlplane.support.ControlPlaneTestBase;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CacheClusterNotFoundException;
import software.amazon.awssdk.services.elasticache.model.CreateCacheClusterRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheClustersResponse;
import software.amazon.awssdk.services.elasticache.model.ElastiCacheException;

/**
 * The ElastiCache API as the AWS SDK for Java v2 sees it: envelopes, error codes and statuses,
 * authentication, validation, pagination and tenancy. The cluster workflow cannot finish here
 * (the registered host's agent does not answer); the integration tests run it for real.
 */
class ElastiCacheApiTest extends ControlPlaneTestBase {

    @Test
    void createReturnsTheClusterInCreatingWithAwsShapes() {
        IssuedAccessKey key = newAccount("shapes");
        try (ElastiCacheClient ec = client(key)) {
            CacheCluster created = ec.createCacheCluster(create("My-Cache")).cacheCluster();
            assertThat(created.cacheClusterId()).isEqualTo("my-cache");
            assertThat(created.cacheClusterStatus()).isEqualTo("creating");
            assertThat(created.engine()).isEqualTo("redis");
            assertThat(created.engineVersion()).isEqualTo("7.1.0");
            assertThat(created.numCacheNodes()).isEqualTo(1);
            assertThat(created.arn()).isEqualTo("arn:aws:elasticache:local-1:" + key.accountId() + ":cluster:my-cache");
            assertThat(created.cacheParameterGroup().cacheParameterGroupName()).isEqualTo("default.redis7");

            CacheCluster described = ec.describeCacheClusters(r -> r.cacheClusterId("MY-CACHE").showCacheNodeInfo(true))
                    .cacheClusters().getFirst();
            assertThat(described.cacheClusterId()).isEqualTo("my-cache");
            assertThat(described.cacheNodes()).singleElement().satisfies(n -> {
                assertThat(n.cacheNodeId()).isEqualTo("0001");
                assertThat(n.cacheNodeStatus()).isEqualTo("creating");
            });
        }
    }

    @Test
    void unsignedRequestsAreRejected() throws Exception {
        HttpResponse<String> response = AwsClients.post(port, "Action=DescribeCacheClusters&Version=2015-02-02", null, null);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/xml"));
        assertThat(response.body())
                .startsWith("<ErrorResponse xmlns=\"http://elasticache.amazonaws.com/doc/2015-02-02/\">")
                .contains("<Type>Sender</Type><Code>MissingAuthenticationToken</Code>")
                .contains("<Message>Request is missing Authentication Token</Message>")
                .contains("<RequestId>" + response.headers().firstValue("x-amzn-RequestId").orElseThrow() + "</RequestId>");
    }

    @Test
    void wrongSecretAndUnknownKeyAreRejected() {
        IssuedAccessKey key = newAccount("auth");
        try (ElastiCacheClient wrong = AwsClients.elastiCache(port, key.accessKeyId(), key.secretAccessKey() + "x");
             ElastiCacheClient unknown = AwsClients.elastiCache(port, "AKIAUNKNOWN000000000", key.secretAccessKey())) {
            assertAwsError(() -> wrong.createCacheCluster(create("authx")), 403, "SignatureDoesNotMatch");
            assertAwsError(() -> unknown.createCacheCluster(create("authx")), 403, "InvalidClientTokenId");
        }
        try (ElastiCacheClient ec = client(key)) {
            assertThat(ec.describeCacheClusters().cacheClusters()).isEmpty();
        }
    }

    @Test
    void unknownAndMissingActions() throws Exception {
        IssuedAccessKey key = newAccount("actions");
        HttpResponse<String> unknown = AwsClients.post(port, "Action=LaunchRockets&Version=2015-02-02",
                key.accessKeyId(), key.secretAccessKey());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("<Code>InvalidAction</Code>")
                .contains("Could not find operation LaunchRockets for version 2015-02-02");
        HttpResponse<String> missing = AwsClients.post(port, "Version=2015-02-02", key.accessKeyId(), key.secretAccessKey());
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("<Code>MissingAction</Code>");
        HttpResponse<String> describe = AwsClients.post(port, "Action=DescribeCacheClusters&Version=2015-02-02",
                key.accessKeyId(), key.secretAccessKey());
        assertThat(describe.statusCode()).isEqualTo(200);
        assertThat(describe.body()).isEqualTo("<DescribeCacheClustersResponse xmlns=\"http://elasticache.amazonaws.com/doc/2015-02-02/\">"
                + "<DescribeCacheClustersResult><CacheClusters/></DescribeCacheClustersResult>"
                + "<ResponseMetadata><RequestId>" + describe.headers().firstValue("x-amzn-RequestId").orElseThrow()
                + "</RequestId></ResponseMetadata></DescribeCacheClustersResponse>");
    }

    @Test
    void invalidCreateRequestsGetAwsErrorsAndChangeNothing() throws Exception {
        IssuedAccessKey key = newAccount("invalid");
        try (ElastiCacheClient ec = client(key)) {
            assertAwsError(() -> ec.createCacheCluster(r -> r.engine("redis").cacheNodeType("cache.t4g.micro")), 400, "MissingParameter");
            assertAwsError(() -> ec.createCacheCluster(create("--x")), 400, "InvalidParameterValue");
            assertAwsError(() -> ec.createCacheCluster(create("a".repeat(51))), 400, "InvalidParameterValue");
            assertAwsError(() -> ec.createCacheCluster(create("ok-name").toBuilder().engine("mongodb").build()), 400, "InvalidParameterValue");
            assertAwsError(() -> ec.createCacheCluster(create("ok-name").toBuilder().cacheNodeType("cache.z1.huge").build()), 400, "InvalidParameterValue");
            assertAwsError(() -> ec.createCacheCluster(create("ok-name").toBuilder().numCacheNodes(3).build()), 400, "InvalidParameterValue");
            assertAwsError(() -> ec.createCacheCluster(create("ok-name").toBuilder().preferredAvailabilityZone("mars-1a").build()),
                    400, "InvalidParameterValue");
            assertAwsError(() -> ec.createCacheCluster(create("ok-name").toBuilder().cacheParameterGroupName("nope").build()),
                    404, "CacheParameterGroupNotFound");
            assertThat(ec.describeCacheClusters().cacheClusters()).isEmpty();
        }
        HttpResponse<String> notANumber = AwsClients.post(port, "Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=ok-name"
                + "&Engine=redis&CacheNodeType=cache.t4g.micro&NumCacheNodes=one", key.accessKeyId(), key.secretAccessKey());
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(notANumber.body()).contains("<Code>InvalidParameterValue</Code>");
        HttpResponse<String> garbage = AwsClients.post(port, "Action=CreateCacheCluster&Version=2015-02-02&CacheClusterId=%zz%00",
                key.accessKeyId(), key.secretAccessKey());
        assertThat(garbage.statusCode()).isEqualTo(400);
        try (ElastiCacheClient ec = client(key)) {
            assertThat(ec.describeCacheClusters().cacheClusters()).isEmpty();
        }
    }

    @Test
    void duplicateIdsAreRejectedCaseInsensitively() {
        IssuedAccessKey key = newAccount("dup");
        try (ElastiCacheClient ec = client(key)) {
            ec.createCacheCluster(create("dup-one"));
            assertAwsError(() -> ec.createCacheCluster(create("DUP-ONE")), 400, "CacheClusterAlreadyExists");
            assertThat(ec.describeCacheClusters().cacheClusters()).extracting(CacheCluster::cacheClusterId).containsExactly("dup-one");
        }
    }

    @Test
    void describeAndDeleteOfUnknownClustersAreNotFound() {
        IssuedAccessKey key = newAccount("missing");
        try (ElastiCacheClient ec = client(key)) {
            assertThatThrownBy(() -> ec.describeCacheClusters(r -> r.cacheClusterId("missing")))
                    .isInstanceOfSatisfying(CacheClusterNotFoundException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(404);
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("CacheCluster not found: missing");
                    });
            assertAwsError(() -> ec.deleteCacheCluster(r -> r.cacheClusterId("missing")), 404, "CacheClusterNotFound");
        }
    }

    @Test
    void deleteMovesTheClusterToDeletingOnce() {
        IssuedAccessKey key = newAccount("delete");
        try (ElastiCacheClient ec = client(key)) {
            ec.createCacheCluster(create("to-delete"));
            assertThat(ec.deleteCacheCluster(r -> r.cacheClusterId("to-delete")).cacheCluster().cacheClusterStatus())
                    .isEqualTo("deleting");
            assertAwsError(() -> ec.deleteCacheCluster(r -> r.cacheClusterId("to-delete")), 400, "InvalidCacheClusterState");
        }
    }

    @Test
    void paginationWalksEveryClusterOnceInOrder() {
        IssuedAccessKey key = newAccount("pages");
        try (ElastiCacheClient ec = client(key)) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                ids.add(String.format("page-%02d", i));
                ec.createCacheCluster(create(ids.getLast()));
            }
            DescribeCacheClustersResponse first = ec.describeCacheClusters(r -> r.maxRecords(20));
            assertThat(first.cacheClusters()).hasSize(20);
            assertThat(first.marker()).isNotBlank();
            DescribeCacheClustersResponse second = ec.describeCacheClusters(r -> r.maxRecords(20).marker(first.marker()));
            assertThat(second.cacheClusters()).hasSize(5);
            assertThat(second.marker()).isNull();
            List<String> seen = ec.describeCacheClustersPaginator(r -> r.maxRecords(20)).cacheClusters().stream()
                    .map(CacheCluster::cacheClusterId).toList();
            assertThat(seen).isEqualTo(ids);

            assertAwsError(() -> ec.describeCacheClusters(r -> r.maxRecords(5)), 400, "InvalidParameterValue");
            assertAwsError(() -> ec.describeCacheClusters(r -> r.maxRecords(101)), 400, "InvalidParameterValue");
            assertAwsError(() -> ec.describeCacheClusters(r -> r.marker("not-a-marker!")), 400, "InvalidParameterValue");
        }
    }

    @Test
    void accountsNeverSeeEachOthersClusters() {
        IssuedAccessKey alice = newAccount("alice");
        IssuedAccessKey bob = newAccount("bob");
        try (ElastiCacheClient a = client(alice); ElastiCacheClient b = client(bob)) {
            a.createCacheCluster(create("shared-name"));
            a.createCacheCluster(create("alice-only"));
            assertAwsError(() -> b.describeCacheClusters(r -> r.cacheClusterId("alice-only")), 404, "CacheClusterNotFound");
            assertAwsError(() -> b.deleteCacheCluster(r -> r.cacheClusterId("alice-only")), 404, "CacheClusterNotFound");
            // Same name in another account is a different cluster.
            CacheCluster bobs = b.createCacheCluster(create("shared-name")).cacheCluster();
            assertThat(bobs.arn()).contains(":" + bob.accountId() + ":");
            assertThat(b.describeCacheClusters().cacheClusters()).extracting(CacheCluster::cacheClusterId).containsExactly("shared-name");
            // A marker is bound to its account: another account presenting it is refused.
            String alicesMarker = Markers.encode("cache-clusters", new dev.cachalot.controlplane.identity.Caller(
                    alice.accountId(), "admin", alice.accessKeyId(), dev.cachalot.controlplane.identity.Policy.FULL_ACCESS, false), "");
            assertThat(a.describeCacheClusters(r -> r.marker(alicesMarker)).cacheClusters()).hasSize(2);
            assertAwsError(() -> b.describeCacheClusters(r -> r.marker(alicesMarker)), 400, "InvalidParameterValue");
            assertThat(a.describeCacheClusters(r -> r.cacheClusterId("alice-only")).cacheClusters()).hasSize(1);
        }
    }

    @Test
    void secretKeysAreEncryptedAtRest() {
        IssuedAccessKey key = newAccount("at-rest");
        byte[] stored = jdbc.sql("select secret_ciphertext from access_keys where access_key_id = ?")
                .param(key.accessKeyId()).query(byte[].class).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(key.secretAccessKey());
        assertThat(identity.signingCredentials(key.accessKeyId())).hasValueSatisfying(c ->
                assertThat(c.secretAccessKey()).isEqualTo(key.secretAccessKey()));
    }

    private ElastiCacheClient client(IssuedAccessKey key) {
        return AwsClients.elastiCache(port, key.accessKeyId(), key.secretAccessKey());
    }

    private static CreateCacheClusterRequest create(String id) {
        return CreateCacheClusterRequest.builder().cacheClusterId(id).engine("redis")
                .cacheNodeType("cache.t4g.micro").numCacheNodes(1).build();
    }

    private static void assertAwsError(ThrowingCallable call, int status, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ElastiCacheException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.statusCode()).isEqualTo(status);
        });
    }
}

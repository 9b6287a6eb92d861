package dev.cachalot.controlplane.awsquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachalot.controlplane.identity.Caller;
import dev.cachalot.controlplane.identity.IssuedAccessKey;
import dev.cachalot.controlplane.support.AwsClients;
import dev.cachalot.controlplane.support.ControlPlaneTestBase;
import dev.cachalot.controlplane.support.FakeHost;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CreateCacheClusterRequest;
import software.amazon.awssdk.services.elasticache.model.ElastiCacheException;
import software.amazon.awssdk.services.elasticache.model.ListAllowedNodeTypeModificationsResponse;

/**
 * ModifyCacheCluster's refusals, ListAllowedNodeTypeModifications, per-account quotas and host
 * capacity, through the AWS SDK. (The modifications themselves run end to end, with real nodes,
 * in the integration tests.)
 */
class CacheClusterLimitsTest extends ControlPlaneTestBase {

    @Test
    void onlyAnAvailableClusterCanBeModified() {
        IssuedAccessKey key = newAccount("modify");
        try (ElastiCacheClient ec = client(key)) {
            ec.createCacheCluster(create("still-creating", "cache.t4g.micro"));
            assertAwsError(() -> ec.modifyCacheCluster(r -> r.cacheClusterId("still-creating").cacheNodeType("cache.t4g.small")),
                    400, "InvalidCacheClusterState");
            assertAwsError(() -> ec.modifyCacheCluster(r -> r.cacheClusterId("missing").snapshotRetentionLimit(1)),
                    404, "CacheClusterNotFound");
            assertThat(ec.describeCacheClusters(r -> r.cacheClusterId("still-creating")).cacheClusters().getFirst().cacheNodeType())
                    .isEqualTo("cache.t4g.micro");
        }
    }

    @Test
    void allowedNodeTypeModificationsListLargerAndSmallerTypes() {
        IssuedAccessKey key = newAccount("allowed");
        try (ElastiCacheClient ec = client(key)) {
            ec.createCacheCluster(create("sizes", "cache.t4g.small"));
            ListAllowedNodeTypeModificationsResponse allowed =
                    ec.listAllowedNodeTypeModifications(r -> r.cacheClusterId("sizes"));
            assertThat(allowed.scaleUpModifications()).contains("cache.t4g.medium", "cache.r7g.large", "cache.r7g.xlarge")
                    .doesNotContain("cache.t4g.small", "cache.t4g.micro");
            assertThat(allowed.scaleDownModifications()).contains("cache.t4g.micro", "cache.t3.micro")
                    .doesNotContain("cache.t4g.small", "cache.t4g.medium");
            assertAwsError(() -> ec.listAllowedNodeTypeModifications(r -> {}), 400, "InvalidParameterCombination");
            assertAwsError(() -> ec.listAllowedNodeTypeModifications(r -> r.cacheClusterId("sizes").replicationGroupId("rg")),
                    400, "InvalidParameterCombination");
            assertAwsError(() -> ec.listAllowedNodeTypeModifications(r -> r.replicationGroupId("rg")), 404, "ReplicationGroupNotFoundFault");
            assertAwsError(() -> ec.listAllowedNodeTypeModifications(r -> r.cacheClusterId("nope")), 404, "CacheClusterNotFound");
        }
    }

    @Test
    void accountQuotasLimitClustersAndNodes() {
        IssuedAccessKey key = newAccount("quota");
        Caller admin = identity.bootstrapAdmin().orElseThrow();
        identity.setQuotas(admin, key.accountId(), 2, null);
        try (ElastiCacheClient ec = client(key)) {
            ec.createCacheCluster(create("q1", "cache.t4g.micro"));
            ec.createCacheCluster(create("q2", "cache.t4g.micro"));
            assertAwsError(() -> ec.createCacheCluster(create("q3", "cache.t4g.micro")), 400, "ClusterQuotaForCustomerExceeded");
            identity.setQuotas(admin, key.accountId(), 10, 2);
            assertAwsError(() -> ec.createCacheCluster(create("q3", "cache.t4g.micro")), 400, "NodeQuotaForCustomerExceeded");
            identity.setQuotas(admin, key.accountId(), null, null);
            ec.createCacheCluster(create("q3", "cache.t4g.micro"));
            assertThat(ec.describeCacheClusters().cacheClusters()).hasSize(3);
        }
        Caller self = new Caller(key.accountId(), "admin", key.accessKeyId(), dev.cachalot.controlplane.identity.Policy.FULL_ACCESS, false);
        assertThatThrownBy(() -> identity.setQuotas(self, key.accountId(), 1000, 1000))
                .hasFieldOrPropertyWithValue("code", "AccessDenied");
    }

    @Test
    void nodesGoOnlyWhereAHostHasRoom() {
        FakeHost.register(grpc.port(), "local-1z", UUID.fromString("00000000-0000-4000-8000-00000000000z".replace('z', 'f')), 1L << 30);
        IssuedAccessKey key = newAccount("capacity");
        try (ElastiCacheClient ec = client(key)) {
            // 1 GiB host: a cache.t4g.small (1.37 GiB) never fits, two cache.t4g.micro (0.5 GiB) do.
            assertAwsError(() -> ec.createCacheCluster(create("big", "cache.t4g.small").toBuilder()
                    .preferredAvailabilityZone("local-1z").build()), 400, "InsufficientCacheClusterCapacity");
            ec.createCacheCluster(create("small-1", "cache.t4g.micro").toBuilder().preferredAvailabilityZone("local-1z").build());
            ec.createCacheCluster(create("small-2", "cache.t4g.micro").toBuilder().preferredAvailabilityZone("local-1z").build());
            assertAwsError(() -> ec.createCacheCluster(create("small-3", "cache.t4g.micro").toBuilder()
                    .preferredAvailabilityZone("local-1z").build()), 400, "InsufficientCacheClusterCapacity");
            // Another zone has room.
            ec.createCacheCluster(create("small-3", "cache.t4g.micro").toBuilder().preferredAvailabilityZone("local-1a").build());
            // Deleting one frees its place.
            ec.deleteCacheCluster(r -> r.cacheClusterId("small-1"));
        }
    }

    private ElastiCacheClient client(IssuedAccessKey key) {
        return AwsClients.elastiCache(port, key.accessKeyId(), key.secretAccessKey());
    }

    private static CreateCacheClusterRequest create(String id, String nodeType) {
        return CreateCacheClusterRequest.builder().cacheClusterId(id).engine("redis").cacheNodeType(nodeType).build();
    }

    private static void assertAwsError(ThrowingCallable call, int status, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ElastiCacheException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.statusCode()).isEqualTo(status);
        });
    }
}

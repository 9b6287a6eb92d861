package dev.cachalot.controlplane.tenancy;

import static dev.cachalot.controlplane.support.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.controlplane.identity.IssuedAccessKey;
import dev.cachalot.controlplane.support.AwsClients;
import dev.cachalot.controlplane.support.ControlPlaneTestBase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CacheParameterGroup;
import software.amazon.awssdk.services.elasticache.model.CacheSubnetGroup;
import software.amazon.awssdk.services.elasticache.model.Event;
import software.amazon.awssdk.services.elasticache.model.ParameterNameValue;
import software.amazon.awssdk.services.elasticache.model.SourceType;
import software.amazon.awssdk.services.elasticache.model.Tag;

/**
 * Two accounts, and every operation of the AWS API tried by one on the other's resources: each is
 * refused as if the resource did not exist, or shows nothing of it; and the same names coexist.
 */
class TenancyTest extends ControlPlaneTestBase {

    @Test
    void oneAccountNeverReachesAnothersResources() {
        IssuedAccessKey alice = newAccount("tenant-a");
        IssuedAccessKey bob = newAccount("tenant-b");
        try (ElastiCacheClient a = client(alice); ElastiCacheClient b = client(bob)) {
            a.createCacheParameterGroup(r -> r.cacheParameterGroupName("a-params").cacheParameterGroupFamily("redis7")
                    .description("alice's"));
            a.createCacheSubnetGroup(r -> r.cacheSubnetGroupName("a-subnets").cacheSubnetGroupDescription("alice's")
                    .subnetIds("subnet-local-1a"));
            CacheCluster cluster = a.createCacheCluster(r -> r.cacheClusterId("a-cache").engine("redis")
                    .cacheNodeType("cache.t4g.micro").cacheParameterGroupName("a-params").cacheSubnetGroupName("a-subnets")
                    .tags(Tag.builder().key("owner").value("alice").build())).cacheCluster();
            String clusterArn = cluster.arn();
            String groupArn = a.describeCacheParameterGroups(r -> r.cacheParameterGroupName("a-params"))
                    .cacheParameterGroups().getFirst().arn();
            String subnetArn = a.describeCacheSubnetGroups(r -> r.cacheSubnetGroupName("a-subnets"))
                    .cacheSubnetGroups().getFirst().arn();

            // Cache clusters: every operation by name is NotFound for the other account.
            assertAwsError(() -> b.describeCacheClusters(r -> r.cacheClusterId("a-cache")), 404, "CacheClusterNotFound");
            assertAwsError(() -> b.modifyCacheCluster(r -> r.cacheClusterId("a-cache").snapshotRetentionLimit(2)), 404, "CacheClusterNotFound");
            assertAwsError(() -> b.rebootCacheCluster(r -> r.cacheClusterId("a-cache").cacheNodeIdsToReboot("0001")), 404, "CacheClusterNotFound");
            assertAwsError(() -> b.listAllowedNodeTypeModifications(r -> r.cacheClusterId("a-cache")), 404, "CacheClusterNotFound");
            assertAwsError(() -> b.deleteCacheCluster(r -> r.cacheClusterId("a-cache")), 404, "CacheClusterNotFound");
            assertThat(b.describeCacheClusters().cacheClusters()).isEmpty();

            // Parameter groups.
            assertAwsError(() -> b.describeCacheParameterGroups(r -> r.cacheParameterGroupName("a-params")), 404, "CacheParameterGroupNotFound");
            assertAwsError(() -> b.describeCacheParameters(r -> r.cacheParameterGroupName("a-params")), 404, "CacheParameterGroupNotFound");
            assertAwsError(() -> b.modifyCacheParameterGroup(r -> r.cacheParameterGroupName("a-params").parameterNameValues(
                    ParameterNameValue.builder().parameterName("timeout").parameterValue("5").build())), 404, "CacheParameterGroupNotFound");
            assertAwsError(() -> b.resetCacheParameterGroup(r -> r.cacheParameterGroupName("a-params").resetAllParameters(true)),
                    404, "CacheParameterGroupNotFound");
            assertAwsError(() -> b.deleteCacheParameterGroup(r -> r.cacheParameterGroupName("a-params")), 404, "CacheParameterGroupNotFound");
            assertThat(b.describeCacheParameterGroups().cacheParameterGroups()).extracting(CacheParameterGroup::cacheParameterGroupName)
                    .doesNotContain("a-params");

            // Subnet groups.
            assertAwsError(() -> b.describeCacheSubnetGroups(r -> r.cacheSubnetGroupName("a-subnets")), 400, "CacheSubnetGroupNotFoundFault");
            assertAwsError(() -> b.modifyCacheSubnetGroup(r -> r.cacheSubnetGroupName("a-subnets").cacheSubnetGroupDescription("mine")),
                    400, "CacheSubnetGroupNotFoundFault");
            assertAwsError(() -> b.deleteCacheSubnetGroup(r -> r.cacheSubnetGroupName("a-subnets")), 400, "CacheSubnetGroupNotFoundFault");
            assertThat(b.describeCacheSubnetGroups().cacheSubnetGroups()).extracting(CacheSubnetGroup::cacheSubnetGroupName)
                    .doesNotContain("a-subnets");

            // Naming the other account's groups in a create is NotFound, too.
            assertAwsError(() -> b.createCacheCluster(r -> r.cacheClusterId("b-cache").engine("redis").cacheNodeType("cache.t4g.micro")
                    .cacheParameterGroupName("a-params")), 404, "CacheParameterGroupNotFound");
            assertAwsError(() -> b.createCacheCluster(r -> r.cacheClusterId("b-cache").engine("redis").cacheNodeType("cache.t4g.micro")
                    .cacheSubnetGroupName("a-subnets")), 400, "CacheSubnetGroupNotFoundFault");

            // Tags by ARN: another account's ARN is not valid for this caller.
            for (String arn : new String[] {clusterArn, groupArn, subnetArn}) {
                assertAwsError(() -> b.listTagsForResource(r -> r.resourceName(arn)), 400, "InvalidARN");
                assertAwsError(() -> b.addTagsToResource(r -> r.resourceName(arn).tags(Tag.builder().key("x").value("y").build())),
                        400, "InvalidARN");
                assertAwsError(() -> b.removeTagsFromResource(r -> r.resourceName(arn).tagKeys("owner")), 400, "InvalidARN");
            }
            assertThat(a.listTagsForResource(r -> r.resourceName(clusterArn)).tagList()).extracting(Tag::key).containsExactly("owner");

            // Events: none of the other account's.
            Instant since = Instant.now().minus(1, ChronoUnit.HOURS);
            assertThat(b.describeEvents(r -> r.startTime(since)).events()).extracting(Event::sourceIdentifier)
                    .doesNotContain("a-cache", "a-params", "a-subnets");
            assertThat(b.describeEvents(r -> r.sourceType(SourceType.CACHE_CLUSTER).sourceIdentifier("a-cache")).events()).isEmpty();

            // The same names coexist in the other account, and stay apart.
            b.createCacheParameterGroup(r -> r.cacheParameterGroupName("a-params").cacheParameterGroupFamily("valkey8").description("bob's"));
            b.createCacheSubnetGroup(r -> r.cacheSubnetGroupName("a-subnets").cacheSubnetGroupDescription("bob's").subnetIds("subnet-local-1a"));
            b.createCacheCluster(r -> r.cacheClusterId("a-cache").engine("valkey").cacheNodeType("cache.t4g.micro")
                    .cacheParameterGroupName("a-params"));
            assertThat(b.describeCacheClusters(r -> r.cacheClusterId("a-cache")).cacheClusters().getFirst().engine()).isEqualTo("valkey");
            assertThat(a.describeCacheClusters(r -> r.cacheClusterId("a-cache")).cacheClusters().getFirst().engine()).isEqualTo("redis");
            assertThat(a.describeCacheParameterGroups(r -> r.cacheParameterGroupName("a-params")).cacheParameterGroups().getFirst()
                    .cacheParameterGroupFamily()).isEqualTo("redis7");
            assertThat(a.describeCacheSubnetGroups(r -> r.cacheSubnetGroupName("a-subnets")).cacheSubnetGroups().getFirst()
                    .cacheSubnetGroupDescription()).isEqualTo("alice's");
        }
    }

    private ElastiCacheClient client(IssuedAccessKey key) {
        return AwsClients.elastiCache(port, key.accessKeyId(), key.secretAccessKey());
    }
}

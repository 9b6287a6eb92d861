package dev.cachalot.controlplane.subnetgroup;

import static dev.cachalot.controlplane.support.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cachalot.controlplane.identity.IssuedAccessKey;
import dev.cachalot.controlplane.support.AwsClients;
import dev.cachalot.controlplane.support.ControlPlaneTestBase;
import dev.cachalot.controlplane.support.FakeHost;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CacheSubnetGroup;
import software.amazon.awssdk.services.elasticache.model.CreateCacheClusterRequest;
import software.amazon.awssdk.services.elasticache.model.SourceType;
import software.amazon.awssdk.services.elasticache.model.Subnet;
import software.amazon.awssdk.services.elasticache.model.Tag;

/** The cache subnet group operations through the AWS SDK, and where they let nodes go. */
class SubnetGroupApiTest extends ControlPlaneTestBase {

    private static final UUID HOST_B = UUID.fromString("00000000-0000-4000-8000-00000000000b");
    private static final UUID HOST_C = UUID.fromString("00000000-0000-4000-8000-00000000000c");

    @BeforeEach
    void hostsInThreeZones() {
        FakeHost.register(grpc.port(), "local-1b", HOST_B);
        FakeHost.register(grpc.port(), "local-1c", HOST_C);
    }

    @Test
    void theDefaultGroupSpansEveryZone() {
        IssuedAccessKey key = newAccount("sg-default");
        try (ElastiCacheClient ec = client(key)) {
            CacheSubnetGroup group = ec.describeCacheSubnetGroups(r -> r.cacheSubnetGroupName("default")).cacheSubnetGroups().getFirst();
            assertThat(group.cacheSubnetGroupName()).isEqualTo("default");
            assertThat(group.vpcId()).isEqualTo("vpc-local-1");
            assertThat(group.arn()).isEqualTo("arn:aws:elasticache:local-1:" + key.accountId() + ":subnetgroup:default");
            assertThat(group.subnets()).extracting(Subnet::subnetIdentifier)
                    .contains("subnet-local-1a", "subnet-local-1b", "subnet-local-1c");
            assertThat(group.subnets()).allSatisfy(s -> assertThat(s.subnetIdentifier())
                    .isEqualTo("subnet-" + s.subnetAvailabilityZone().name()));
            assertThat(ec.describeCacheSubnetGroups().cacheSubnetGroups()).extracting(CacheSubnetGroup::cacheSubnetGroupName)
                    .containsExactly("default");
            CacheCluster cluster = ec.createCacheCluster(cluster("plain").build()).cacheCluster();
            assertThat(cluster.cacheSubnetGroupName()).isEqualTo("default");
            assertAwsError(() -> ec.deleteCacheSubnetGroup(r -> r.cacheSubnetGroupName("default")), 400, "InvalidParameterValue");
            assertAwsError(() -> ec.modifyCacheSubnetGroup(r -> r.cacheSubnetGroupName("default").cacheSubnetGroupDescription("x")),
                    400, "InvalidParameterValue");
            assertAwsError(() -> ec.createCacheSubnetGroup(r -> r.cacheSubnetGroupName("Default").cacheSubnetGroupDescription("x")
                    .subnetIds("subnet-local-1a")), 400, "CacheSubnetGroupAlreadyExists");
        }
    }

    @Test
    void createDescribeModifyDelete() {
        IssuedAccessKey key = newAccount("sg-crud");
        try (ElastiCacheClient ec = client(key)) {
            CacheSubnetGroup created = ec.createCacheSubnetGroup(r -> r.cacheSubnetGroupName("My-Subnets")
                    .cacheSubnetGroupDescription("b and c").subnetIds("subnet-local-1c", "subnet-local-1b", "subnet-local-1b")
                    .tags(Tag.builder().key("k").value("v").build())).cacheSubnetGroup();
            assertThat(created.cacheSubnetGroupName()).isEqualTo("my-subnets");
            assertThat(created.cacheSubnetGroupDescription()).isEqualTo("b and c");
            assertThat(created.subnets()).extracting(Subnet::subnetIdentifier).containsExactly("subnet-local-1b", "subnet-local-1c");
            assertThat(created.subnets().getFirst().subnetAvailabilityZone().name()).isEqualTo("local-1b");
            assertThat(ec.listTagsForResource(r -> r.resourceName(created.arn())).tagList()).hasSize(1);

            CacheSubnetGroup modified = ec.modifyCacheSubnetGroup(r -> r.cacheSubnetGroupName("my-subnets")
                    .subnetIds("subnet-local-1a")).cacheSubnetGroup();
            assertThat(modified.subnets()).extracting(Subnet::subnetIdentifier).containsExactly("subnet-local-1a");
            assertThat(modified.cacheSubnetGroupDescription()).isEqualTo("b and c");
            assertThat(ec.modifyCacheSubnetGroup(r -> r.cacheSubnetGroupName("my-subnets").cacheSubnetGroupDescription("only a"))
                    .cacheSubnetGroup().cacheSubnetGroupDescription()).isEqualTo("only a");
            assertThat(ec.describeCacheSubnetGroups().cacheSubnetGroups()).extracting(CacheSubnetGroup::cacheSubnetGroupName)
                    .containsExactly("default", "my-subnets");

            ec.deleteCacheSubnetGroup(r -> r.cacheSubnetGroupName("MY-SUBNETS"));
            assertAwsError(() -> ec.describeCacheSubnetGroups(r -> r.cacheSubnetGroupName("my-subnets")),
                    400, "CacheSubnetGroupNotFoundFault");
            assertAwsError(() -> ec.deleteCacheSubnetGroup(r -> r.cacheSubnetGroupName("my-subnets")), 400, "CacheSubnetGroupNotFoundFault");
            assertAwsError(() -> ec.modifyCacheSubnetGroup(r -> r.cacheSubnetGroupName("my-subnets").cacheSubnetGroupDescription("x")),
                    400, "CacheSubnetGroupNotFoundFault");
            assertAwsError(() -> ec.listTagsForResource(r -> r.resourceName(created.arn())), 400, "CacheSubnetGroupNotFoundFault");
            assertThat(ec.describeEvents(r -> r.sourceType(SourceType.CACHE_SUBNET_GROUP)).events()).extracting(e -> e.message())
                    .containsExactly("Cache subnet group created", "Cache subnet group modified", "Cache subnet group modified",
                            "Cache subnet group deleted");
        }
    }

    @Test
    void badRequestsAndQuotas() {
        IssuedAccessKey key = newAccount("sg-bad");
        try (ElastiCacheClient ec = client(key)) {
            assertAwsError(() -> ec.createCacheSubnetGroup(r -> r.cacheSubnetGroupName("s").cacheSubnetGroupDescription("d")
                    .subnetIds("subnet-0123456789")), 400, "InvalidSubnet", "subnet-0123456789");
            assertAwsError(() -> ec.createCacheSubnetGroup(r -> r.cacheSubnetGroupName("s").cacheSubnetGroupDescription("d")
                    .subnetIds(List.of())), 400, "MissingParameter");
            assertAwsError(() -> ec.createCacheSubnetGroup(r -> r.cacheSubnetGroupName("bad--name").cacheSubnetGroupDescription("d")
                    .subnetIds("subnet-local-1a")), 400, "InvalidParameterValue");
            ec.createCacheSubnetGroup(r -> r.cacheSubnetGroupName("s").cacheSubnetGroupDescription("d").subnetIds("subnet-local-1a"));
            assertAwsError(() -> ec.createCacheSubnetGroup(r -> r.cacheSubnetGroupName("S").cacheSubnetGroupDescription("d")
                    .subnetIds("subnet-local-1a")), 400, "CacheSubnetGroupAlreadyExists");
            assertAwsError(() -> ec.modifyCacheSubnetGroup(r -> r.cacheSubnetGroupName("s").subnetIds("subnet-nowhere")),
                    400, "InvalidSubnet");
            assertThat(ec.describeCacheSubnetGroups(r -> r.cacheSubnetGroupName("s")).cacheSubnetGroups().getFirst().subnets())
                    .extracting(Subnet::subnetIdentifier).containsExactly("subnet-local-1a");
            for (int i = 1; i < 50; i++) {
                String name = "s" + i;
                ec.createCacheSubnetGroup(r -> r.cacheSubnetGroupName(name).cacheSubnetGroupDescription("d").subnetIds("subnet-local-1a"));
            }
            assertAwsError(() -> ec.createCacheSubnetGroup(r -> r.cacheSubnetGroupName("s50").cacheSubnetGroupDescription("d")
                    .subnetIds("subnet-local-1a")), 400, "CacheSubnetGroupQuotaExceeded");
            List<String> names = ec.describeCacheSubnetGroupsPaginator(r -> r.maxRecords(20)).cacheSubnetGroups().stream()
                    .map(CacheSubnetGroup::cacheSubnetGroupName).toList();
            assertThat(names).hasSize(51).doesNotHaveDuplicates().isSorted();
        }
    }

    @Test
    void aClustersNodesGoOnlyToItsGroupsZones() {
        IssuedAccessKey key = newAccount("sg-place");
        try (ElastiCacheClient ec = client(key)) {
            ec.createCacheSubnetGroup(r -> r.cacheSubnetGroupName("only-c").cacheSubnetGroupDescription("c").subnetIds("subnet-local-1c"));
            assertAwsError(() -> ec.createCacheCluster(cluster("x").cacheSubnetGroupName("missing").build()),
                    400, "CacheSubnetGroupNotFoundFault");
            assertAwsError(() -> ec.createCacheCluster(cluster("x").cacheSubnetGroupName("only-c").preferredAvailabilityZone("local-1a").build()),
                    400, "InvalidParameterValue");
            IntStream.range(0, 3).forEach(i -> ec.createCacheCluster(cluster("in-c-" + i).cacheSubnetGroupName("ONLY-C").build()));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(IntStream.range(0, 3)
                    .mapToObj(i -> describe(ec, "in-c-" + i)).toList()).allSatisfy(c -> {
                        assertThat(c.cacheSubnetGroupName()).isEqualTo("only-c");
                        assertThat(c.cacheNodes().getFirst().customerAvailabilityZone()).isEqualTo("local-1c");
                    }));
            assertAwsError(() -> ec.deleteCacheSubnetGroup(r -> r.cacheSubnetGroupName("only-c")), 400, "CacheSubnetGroupInUse");
            assertAwsError(() -> ec.modifyCacheSubnetGroup(r -> r.cacheSubnetGroupName("only-c").subnetIds("subnet-local-1b")),
                    400, "SubnetInUse", "subnet-local-1c");
            // adding a zone is fine
            assertThat(ec.modifyCacheSubnetGroup(r -> r.cacheSubnetGroupName("only-c").subnetIds("subnet-local-1b", "subnet-local-1c"))
                    .cacheSubnetGroup().subnets()).hasSize(2);
        }
    }

    @Test
    void accountsNeverSeeOrChangeEachOthersGroups() {
        IssuedAccessKey alice = newAccount("sg-alice");
        IssuedAccessKey bob = newAccount("sg-bob");
        try (ElastiCacheClient a = client(alice); ElastiCacheClient b = client(bob)) {
            a.createCacheSubnetGroup(r -> r.cacheSubnetGroupName("mine").cacheSubnetGroupDescription("alice").subnetIds("subnet-local-1a"));
            assertAwsError(() -> b.describeCacheSubnetGroups(r -> r.cacheSubnetGroupName("mine")), 400, "CacheSubnetGroupNotFoundFault");
            assertAwsError(() -> b.modifyCacheSubnetGroup(r -> r.cacheSubnetGroupName("mine").cacheSubnetGroupDescription("bob")),
                    400, "CacheSubnetGroupNotFoundFault");
            assertAwsError(() -> b.deleteCacheSubnetGroup(r -> r.cacheSubnetGroupName("mine")), 400, "CacheSubnetGroupNotFoundFault");
            assertAwsError(() -> b.createCacheCluster(cluster("x").cacheSubnetGroupName("mine").build()), 400, "CacheSubnetGroupNotFoundFault");
            assertAwsError(() -> b.listTagsForResource(r -> r.resourceName("arn:aws:elasticache:local-1:" + alice.accountId()
                    + ":subnetgroup:mine")), 400, "InvalidARN");
            assertThat(b.describeCacheSubnetGroups().cacheSubnetGroups()).extracting(CacheSubnetGroup::cacheSubnetGroupName)
                    .containsExactly("default");
            b.createCacheSubnetGroup(r -> r.cacheSubnetGroupName("mine").cacheSubnetGroupDescription("bob").subnetIds("subnet-local-1b"));
            assertThat(a.describeCacheSubnetGroups(r -> r.cacheSubnetGroupName("mine")).cacheSubnetGroups().getFirst()
                    .cacheSubnetGroupDescription()).isEqualTo("alice");
            String aliceMarker = a.describeCacheSubnetGroups(r -> r.maxRecords(20)).marker();
            assertThat(aliceMarker).isNull(); // two groups: one page
            assertThat(b.describeEvents(r -> r.sourceType(SourceType.CACHE_SUBNET_GROUP)).events())
                    .allSatisfy(e -> assertThat(e.message()).isEqualTo("Cache subnet group created")).hasSize(1);
        }
    }

    private static CacheCluster describe(ElastiCacheClient ec, String id) {
        return ec.describeCacheClusters(r -> r.cacheClusterId(id).showCacheNodeInfo(true)).cacheClusters().getFirst();
    }

    private static CreateCacheClusterRequest.Builder cluster(String id) {
        return CreateCacheClusterRequest.builder().cacheClusterId(id).engine("redis").cacheNodeType("cache.t4g.micro").numCacheNodes(1);
    }

    private ElastiCacheClient client(IssuedAccessKey key) {
        return AwsClients.elastiCache(port, key.accessKeyId(), key.secretAccessKey());
    }
}

package dev.cachalot.controlplane.tag;

import static dev.cachalot.controlplane.support.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.controlplane.identity.IssuedAccessKey;
import dev.cachalot.controlplane.support.AwsClients;
import dev.cachalot.controlplane.support.ControlPlaneTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CreateCacheClusterRequest;
import software.amazon.awssdk.services.elasticache.model.Tag;

/** AddTagsToResource, RemoveTagsFromResource, ListTagsForResource and Tags on Create, through the AWS SDK. */
class TagApiTest extends ControlPlaneTestBase {

    @Test
    void tagsGivenAtCreateAreListedAndCanBeChanged() {
        IssuedAccessKey key = newAccount("tags");
        try (ElastiCacheClient ec = client(key)) {
            String arn = ec.createCacheCluster(cluster("tagged").toBuilder()
                    .tags(tag("team", "cache"), tag("env", "dev")).build()).cacheCluster().arn();
            assertThat(ec.listTagsForResource(r -> r.resourceName(arn)).tagList())
                    .containsExactly(tag("env", "dev"), tag("team", "cache"));

            assertThat(ec.addTagsToResource(r -> r.resourceName(arn).tags(tag("env", "prod"), tag("cost-center", "42"))).tagList())
                    .containsExactly(tag("cost-center", "42"), tag("env", "prod"), tag("team", "cache"));
            assertThat(ec.removeTagsFromResource(r -> r.resourceName(arn).tagKeys("team", "cost-center")).tagList())
                    .containsExactly(tag("env", "prod"));
            assertAwsError(() -> ec.removeTagsFromResource(r -> r.resourceName(arn).tagKeys("nope")), 404, "TagNotFound");
            // a tag without a value is allowed
            assertThat(ec.addTagsToResource(r -> r.resourceName(arn).tags(Tag.builder().key("flag").build())).tagList())
                    .containsExactly(tag("env", "prod"), Tag.builder().key("flag").build());
        }
    }

    @Test
    void keyAndValueRulesAndTheQuota() {
        IssuedAccessKey key = newAccount("tag-rules");
        try (ElastiCacheClient ec = client(key)) {
            List<Tag> fifty = IntStream.range(0, 50).mapToObj(i -> tag("k" + i, "v")).toList();
            List<Tag> fiftyOne = new ArrayList<>(fifty);
            fiftyOne.add(tag("k50", "v"));
            assertAwsError(() -> ec.createCacheCluster(cluster("too-many").toBuilder().tags(fiftyOne).build()),
                    400, "TagQuotaPerResourceExceeded");
            assertThat(ec.describeCacheClusters().cacheClusters()).isEmpty();

            String arn = ec.createCacheCluster(cluster("full").toBuilder().tags(fifty).build()).cacheCluster().arn();
            assertAwsError(() -> ec.addTagsToResource(r -> r.resourceName(arn).tags(tag("one-more", "x"))),
                    400, "TagQuotaPerResourceExceeded");
            // replacing the value of an existing key stays within the quota
            ec.addTagsToResource(r -> r.resourceName(arn).tags(tag("k0", "changed")));
            assertThat(ec.listTagsForResource(r -> r.resourceName(arn)).tagList()).hasSize(50).contains(tag("k0", "changed"));

            assertAwsError(() -> ec.addTagsToResource(r -> r.resourceName(arn).tags(tag("aws:owner", "x"))), 400, "InvalidParameterValue");
            assertAwsError(() -> ec.addTagsToResource(r -> r.resourceName(arn).tags(tag("AWS:owner", "x"))), 400, "InvalidParameterValue");
            assertAwsError(() -> ec.addTagsToResource(r -> r.resourceName(arn).tags(tag("k".repeat(129), "x"))), 400, "InvalidParameterValue");
            assertAwsError(() -> ec.addTagsToResource(r -> r.resourceName(arn).tags(tag("", "x"))), 400, "InvalidParameterValue");
            assertAwsError(() -> ec.addTagsToResource(r -> r.resourceName(arn).tags(tag("k0", "v".repeat(257)))), 400, "InvalidParameterValue");
            assertAwsError(() -> ec.createCacheCluster(cluster("bad-tag").toBuilder().tags(tag("aws:x", "y")).build()),
                    400, "InvalidParameterValue");
            assertThat(ec.listTagsForResource(r -> r.resourceName(arn)).tagList()).hasSize(50).contains(tag("k0", "changed"));
            ec.addTagsToResource(r -> r.resourceName(arn).tags(tag("k1", "v".repeat(256))));
        }
    }

    @Test
    void malformedAndForeignArnsAreInvalidAndMissingResourcesAreNotFound() {
        IssuedAccessKey key = newAccount("arns");
        try (ElastiCacheClient ec = client(key)) {
            String prefix = "arn:aws:elasticache:local-1:" + key.accountId() + ":";
            for (String bad : List.of("not-an-arn", "arn:aws:s3:::bucket", prefix + "spaceship:x",
                    "arn:aws:elasticache:us-east-1:" + key.accountId() + ":cluster:x", prefix + "cluster")) {
                assertAwsError(() -> ec.listTagsForResource(r -> r.resourceName(bad)), 400, "InvalidARN");
            }
            assertAwsError(() -> ec.listTagsForResource(r -> r.resourceName(prefix + "cluster:missing")), 404, "CacheClusterNotFound");
            assertAwsError(() -> ec.addTagsToResource(r -> r.resourceName(prefix + "cluster:missing").tags(tag("a", "b"))),
                    404, "CacheClusterNotFound");
            assertAwsError(() -> ec.listTagsForResource(r -> r.resourceName(prefix + "replicationgroup:rg")),
                    404, "ReplicationGroupNotFoundFault");
            assertAwsError(() -> ec.listTagsForResource(r -> r.resourceName(prefix + "parametergroup:missing")),
                    404, "CacheParameterGroupNotFound");
            assertThat(ec.listTagsForResource(r -> r.resourceName(prefix + "parametergroup:default.redis7")).tagList()).isEmpty();
            assertAwsError(() -> ec.listTagsForResource(r -> r.resourceName(prefix + "subnetgroup:missing")),
                    400, "CacheSubnetGroupNotFoundFault");
        }
    }

    @Test
    void oneAccountCanNeitherSeeNorChangeAnotherAccountsTags() {
        IssuedAccessKey alice = newAccount("tag-alice");
        IssuedAccessKey bob = newAccount("tag-bob");
        try (ElastiCacheClient a = client(alice); ElastiCacheClient b = client(bob)) {
            String aliceArn = a.createCacheCluster(cluster("same").toBuilder().tags(tag("owner", "alice")).build()).cacheCluster().arn();
            String bobArn = b.createCacheCluster(cluster("same").toBuilder().tags(tag("owner", "bob")).build()).cacheCluster().arn();
            assertThat(aliceArn).isNotEqualTo(bobArn);
            assertAwsError(() -> b.listTagsForResource(r -> r.resourceName(aliceArn)), 400, "InvalidARN");
            assertAwsError(() -> b.addTagsToResource(r -> r.resourceName(aliceArn).tags(tag("owner", "bob"))), 400, "InvalidARN");
            assertAwsError(() -> b.removeTagsFromResource(r -> r.resourceName(aliceArn).tagKeys("owner")), 400, "InvalidARN");
            // the same answer whether or not the other account has such a resource
            String aliceMissing = aliceArn.replace(":same", ":nothing-here");
            assertAwsError(() -> b.listTagsForResource(r -> r.resourceName(aliceMissing)), 400, "InvalidARN");
            assertThat(a.listTagsForResource(r -> r.resourceName(aliceArn)).tagList()).containsExactly(tag("owner", "alice"));
            assertThat(b.listTagsForResource(r -> r.resourceName(bobArn)).tagList()).containsExactly(tag("owner", "bob"));
        }
    }

    static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private ElastiCacheClient client(IssuedAccessKey key) {
        return AwsClients.elastiCache(port, key.accessKeyId(), key.secretAccessKey());
    }

    private static CreateCacheClusterRequest cluster(String id) {
        return CreateCacheClusterRequest.builder().cacheClusterId(id).engine("redis")
                .cacheNodeType("cache.t4g.micro").numCacheNodes(1).build();
    }
}

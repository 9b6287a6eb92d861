package dev.cachalot.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CacheClusterNotFoundException;
import software.amazon.awssdk.services.elasticache.model.CacheParameterGroupNotFoundException;
import software.amazon.awssdk.services.elasticache.model.CacheSubnetGroupNotFoundException;
import software.amazon.awssdk.services.elasticache.model.Parameter;
import software.amazon.awssdk.services.elasticache.model.ParameterNameValue;
import software.amazon.awssdk.services.elasticache.model.Tag;

/**
 * Replays, with the AWS SDK for Java, the calls Terraform's AWS provider makes for
 * {@code aws_elasticache_parameter_group}, {@code aws_elasticache_subnet_group} and
 * {@code aws_elasticache_cluster} (create, wait, read with tags, update, delete, wait for
 * NotFound), in the provider's order and with its parameters, as infra/terraform/main.tf would.
 */
class TerraformReplayTest {

    private static LocalRegion region;

    @BeforeAll
    static void startRegion() throws InterruptedException {
        region = LocalRegion.start("terraform");
    }

    @AfterAll
    static void stopRegion() {
        if (region != null) {
            region.close();
        }
    }

    @Test
    void parameterGroupLifecycle() {
        try (ElastiCacheClient ec = region.sdk()) {
            // Create: the group with its tags, then the parameters in batches of at most 20.
            ec.createCacheParameterGroup(r -> r.cacheParameterGroupName("tf-params").cacheParameterGroupFamily("redis7")
                    .description("Managed by Terraform").tags(tag("team", "platform")));
            ec.modifyCacheParameterGroup(r -> r.cacheParameterGroupName("tf-params").parameterNameValues(
                    nv("maxmemory-policy", "allkeys-lru"), nv("timeout", "300")));
            // Read: the group, its user parameters (lowercased names), its tags.
            String arn = ec.describeCacheParameterGroups(r -> r.cacheParameterGroupName("tf-params"))
                    .cacheParameterGroups().getFirst().arn();
            assertThat(userParameters(ec, "tf-params")).containsExactlyInAnyOrderEntriesOf(
                    Map.of("maxmemory-policy", "allkeys-lru", "timeout", "300"));
            assertThat(tags(ec, arn)).containsExactlyEntriesOf(Map.of("team", "platform"));
            // Update: a removed parameter is reset, a changed one modified; tags replaced.
            ec.resetCacheParameterGroup(r -> r.cacheParameterGroupName("tf-params").parameterNameValues(nv("timeout", null)));
            ec.modifyCacheParameterGroup(r -> r.cacheParameterGroupName("tf-params")
                    .parameterNameValues(nv("maxmemory-policy", "volatile-lfu")));
            ec.removeTagsFromResource(r -> r.resourceName(arn).tagKeys("team"));
            ec.addTagsToResource(r -> r.resourceName(arn).tags(tag("owner", "alice")));
            assertThat(userParameters(ec, "tf-params")).containsExactlyEntriesOf(Map.of("maxmemory-policy", "volatile-lfu"));
            assertThat(tags(ec, arn)).containsExactlyEntriesOf(Map.of("owner", "alice"));
            // Delete, then Read finds it gone.
            ec.deleteCacheParameterGroup(r -> r.cacheParameterGroupName("tf-params"));
            assertThatThrownBy(() -> ec.describeCacheParameterGroups(r -> r.cacheParameterGroupName("tf-params")))
                    .isInstanceOf(CacheParameterGroupNotFoundException.class);
        }
    }

    @Test
    void subnetGroupLifecycle() {
        try (ElastiCacheClient ec = region.sdk()) {
            ec.createCacheSubnetGroup(r -> r.cacheSubnetGroupName("tf-subnets").cacheSubnetGroupDescription("Managed by Terraform")
                    .subnetIds("subnet-" + LocalRegion.ZONE).tags(tag("team", "platform")));
            var group = ec.describeCacheSubnetGroups(r -> r.cacheSubnetGroupName("tf-subnets")).cacheSubnetGroups().getFirst();
            assertThat(group.arn()).endsWith(":subnetgroup:tf-subnets");
            assertThat(group.subnets()).extracting(s -> s.subnetIdentifier()).containsExactly("subnet-" + LocalRegion.ZONE);
            assertThat(tags(ec, group.arn())).containsExactlyEntriesOf(Map.of("team", "platform"));
            ec.modifyCacheSubnetGroup(r -> r.cacheSubnetGroupName("tf-subnets").cacheSubnetGroupDescription("changed"));
            assertThat(ec.describeCacheSubnetGroups(r -> r.cacheSubnetGroupName("tf-subnets")).cacheSubnetGroups().getFirst()
                    .cacheSubnetGroupDescription()).isEqualTo("changed");
            ec.deleteCacheSubnetGroup(r -> r.cacheSubnetGroupName("tf-subnets"));
            assertThatThrownBy(() -> ec.describeCacheSubnetGroups(r -> r.cacheSubnetGroupName("tf-subnets")))
                    .isInstanceOf(CacheSubnetGroupNotFoundException.class);
        }
    }

    @Test
    void clusterLifecycle() {
        try (ElastiCacheClient ec = region.sdk()) {
            // Create: SecurityGroupIds is always sent, an empty set as "SecurityGroupIds=".
            CacheCluster created = ec.createCacheCluster(r -> r.cacheClusterId("tf-demo").engine("redis").engineVersion("7.1")
                    .cacheNodeType("cache.t4g.micro").numCacheNodes(1).cacheParameterGroupName("default.redis7")
                    .securityGroupIds(List.of()).autoMinorVersionUpgrade(true).tags(tag("team", "platform")))
                    .cacheCluster();
            String id = created.cacheClusterId().toLowerCase();
            String arn = created.arn();
            waitFor(ec, id, Set.of("creating", "modifying", "snapshotting", "rebooting cluster nodes"), "available");

            // Read: every node needs an id, an endpoint and a zone; then the tags.
            CacheCluster read = ec.describeCacheClusters(r -> r.cacheClusterId(id).showCacheNodeInfo(true)).cacheClusters().getFirst();
            assertThat(read.engineVersion()).startsWith("7.1");
            assertThat(read.cacheNodes()).allSatisfy(n -> {
                assertThat(n.cacheNodeId()).isNotNull();
                assertThat(n.endpoint().address()).isNotNull();
                assertThat(n.endpoint().port()).isNotNull();
                assertThat(n.customerAvailabilityZone()).isNotNull();
            });
            assertThat(read.preferredAvailabilityZone()).isNotEqualTo("Multiple");
            assertThat(tags(ec, arn)).containsExactlyEntriesOf(Map.of("team", "platform"));

            // Update: tags first (remove, then add), then the resource's own changed fields only.
            ec.removeTagsFromResource(r -> r.resourceName(arn).tagKeys("team"));
            ec.addTagsToResource(r -> r.resourceName(arn).tags(tag("env", "test")));
            ec.modifyCacheCluster(r -> r.cacheClusterId(id).applyImmediately(true).snapshotRetentionLimit(3)
                    .cacheNodeType("cache.t4g.small"));
            waitFor(ec, id, Set.of("creating", "modifying", "snapshotting", "rebooting cluster nodes"), "available");
            CacheCluster updated = ec.describeCacheClusters(r -> r.cacheClusterId(id).showCacheNodeInfo(true)).cacheClusters().getFirst();
            assertThat(updated.cacheNodeType()).isEqualTo("cache.t4g.small");
            assertThat(updated.snapshotRetentionLimit()).isEqualTo(3);
            assertThat(tags(ec, arn)).containsExactlyEntriesOf(Map.of("env", "test"));

            // Delete: then wait until Describe answers CacheClusterNotFound (never "deleted").
            assertThat(ec.deleteCacheCluster(r -> r.cacheClusterId(id)).cacheCluster().cacheClusterStatus()).isEqualTo("deleting");
            Set<String> pending = Set.of("creating", "available", "modifying", "deleting", "incompatible-network",
                    "restore-failed", "snapshotting");
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(() -> {
                try {
                    String status = ec.describeCacheClusters(r -> r.cacheClusterId(id)).cacheClusters().getFirst().cacheClusterStatus();
                    assertThat(pending).as("an unexpected state stops Terraform").contains(status);
                    return false;
                } catch (CacheClusterNotFoundException gone) {
                    return true;
                }
            });
            // A second delete (Terraform's retry after a timeout) is NotFound, which it treats as success.
            assertThatThrownBy(() -> ec.deleteCacheCluster(r -> r.cacheClusterId(id))).isInstanceOf(CacheClusterNotFoundException.class);
        }
    }

    /** Terraform's StateChangeConf: a status outside pending and target fails at once. */
    private static void waitFor(ElastiCacheClient ec, String id, Set<String> pending, String target) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(() -> {
            String status = ec.describeCacheClusters(r -> r.cacheClusterId(id)).cacheClusters().getFirst().cacheClusterStatus();
            assertThat(status).as("an unexpected state stops Terraform").isIn(union(pending, target));
            return status.equals(target);
        });
    }

    private static Set<String> union(Set<String> pending, String target) {
        Set<String> all = new java.util.HashSet<>(pending);
        all.add(target);
        return all;
    }

    private static Map<String, String> userParameters(ElastiCacheClient ec, String group) {
        List<Parameter> parameters = new ArrayList<>();
        ec.describeCacheParametersPaginator(r -> r.cacheParameterGroupName(group).source("user")).parameters().forEach(parameters::add);
        return parameters.stream().filter(p -> p.parameterValue() != null)
                .collect(Collectors.toMap(p -> p.parameterName().toLowerCase(), Parameter::parameterValue));
    }

    private static Map<String, String> tags(ElastiCacheClient ec, String arn) {
        return ec.listTagsForResource(r -> r.resourceName(arn)).tagList().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static ParameterNameValue nv(String name, String value) {
        return ParameterNameValue.builder().parameterName(name).parameterValue(value).build();
    }
}

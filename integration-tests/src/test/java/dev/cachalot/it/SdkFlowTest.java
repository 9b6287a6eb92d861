package dev.cachalot.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CacheClusterNotFoundException;
import software.amazon.awssdk.services.elasticache.model.CacheNode;
import software.amazon.awssdk.services.elasticache.model.Event;
import software.amazon.awssdk.services.elasticache.model.ParameterNameValue;
import software.amazon.awssdk.services.elasticache.model.SourceType;
import software.amazon.awssdk.services.elasticache.waiters.ElastiCacheWaiter;

/**
 * The walking skeleton end to end with the AWS SDK for Java v2 and Jedis: create a cache
 * cluster, wait with the SDK's own waiter, use the node, delete it, see it gone.
 */
class SdkFlowTest {

    private static LocalRegion region;

    @BeforeAll
    static void startRegion() throws InterruptedException {
        region = LocalRegion.start("sdk");
    }

    @AfterAll
    static void stopRegion() {
        if (region != null) {
            region.close();
        }
    }

    @Test
    void createUseAndDeleteACacheCluster() {
        try (ElastiCacheClient ec = region.sdk();
             ElastiCacheWaiter waiter = ElastiCacheWaiter.builder().client(ec)
                     .overrideConfiguration(WaiterOverrideConfiguration.builder()
                             .backoffStrategyV2(software.amazon.awssdk.retries.api.BackoffStrategy.fixedDelay(Duration.ofMillis(500)))
                             .maxAttempts(240).build())
                     .build()) {
            CacheCluster created = ec.createCacheCluster(r -> r.cacheClusterId("demo").engine("redis")
                    .cacheNodeType("cache.t4g.micro").numCacheNodes(1)).cacheCluster();
            assertThat(created.cacheClusterStatus()).isEqualTo("creating");

            waiter.waitUntilCacheClusterAvailable(r -> r.cacheClusterId("demo"))
                    .matched().response().orElseThrow();

            CacheCluster cluster = ec.describeCacheClusters(r -> r.cacheClusterId("demo").showCacheNodeInfo(true))
                    .cacheClusters().getFirst();
            assertThat(cluster.cacheClusterStatus()).isEqualTo("available");
            assertThat(cluster.preferredAvailabilityZone()).isEqualTo(LocalRegion.ZONE);
            CacheNode node = cluster.cacheNodes().getFirst();
            assertThat(node.cacheNodeId()).isEqualTo("0001");
            assertThat(node.cacheNodeStatus()).isEqualTo("available");
            assertThat(node.customerAvailabilityZone()).isEqualTo(LocalRegion.ZONE);
            assertThat(node.endpoint().address()).isNotBlank();
            assertThat(node.endpoint().port()).isPositive();
            assertThat(LocalRegion.engineProcesses("demo")).hasSize(1);

            try (Jedis jedis = new Jedis(node.endpoint().address(), node.endpoint().port())) {
                assertThat(jedis.ping()).isEqualTo("PONG");
                assertThat(jedis.set("k", "v")).isEqualTo("OK");
                assertThat(jedis.get("k")).isEqualTo("v");
                assertThat(jedis.incr("counter")).isEqualTo(1);
                assertThat(jedis.incr("counter")).isEqualTo(2);
                assertThat(jedis.expire("k", 100)).isEqualTo(1);
                assertThat(jedis.ttl("k")).isBetween(1L, 100L);
                assertThat(jedis.dbSize()).isEqualTo(2);
                assertThat(jedis.del("k")).isEqualTo(1);
                assertThat(jedis.get("k")).isNull();
                assertThat(jedis.dbSize()).isEqualTo(1);
            }

            CacheCluster deleting = ec.deleteCacheCluster(r -> r.cacheClusterId("demo")).cacheCluster();
            assertThat(deleting.cacheClusterStatus()).isEqualTo("deleting");
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    assertThatThrownBy(() -> ec.describeCacheClusters(r -> r.cacheClusterId("demo")))
                            .isInstanceOfSatisfying(CacheClusterNotFoundException.class,
                                    e -> assertThat(e.statusCode()).isEqualTo(404)));
            assertThat(LocalRegion.engineProcesses("demo")).isEmpty();
            assertThat(portIsOpen(node.endpoint().address(), node.endpoint().port())).isFalse();
            assertThat(ec.describeCacheClusters().cacheClusters()).isEmpty();
        }
    }

    static boolean portIsOpen(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /**
     * A cluster created with a custom parameter group starts its node with the group's values; an
     * {@code immediate} change reaches the running process (same pid), a {@code requires-reboot} one
     * shows as pending until a reboot. reserved-memory-percent is the parameter checked on the node:
     * it sets the engine's maxmemory, which the engine reports with CONFIG GET.
     */
    @Test
    void aParameterGroupReachesTheRunningNode() {
        long nodeMemory = 536_870_912L; // cache.t4g.micro: 0.5 GiB
        try (ElastiCacheClient ec = region.sdk();
             ElastiCacheWaiter waiter = ElastiCacheWaiter.builder().client(ec)
                     .overrideConfiguration(WaiterOverrideConfiguration.builder()
                             .backoffStrategyV2(software.amazon.awssdk.retries.api.BackoffStrategy.fixedDelay(Duration.ofMillis(500)))
                             .maxAttempts(240).build())
                     .build()) {
            ec.createCacheParameterGroup(r -> r.cacheParameterGroupName("tuned").cacheParameterGroupFamily("redis7")
                    .description("half the memory for data"));
            ec.modifyCacheParameterGroup(r -> r.cacheParameterGroupName("tuned").parameterNameValues(
                    nv("reserved-memory-percent", "50"), nv("maxmemory-policy", "allkeys-lru")));
            ec.createCacheCluster(r -> r.cacheClusterId("tuned-cache").engine("redis").cacheNodeType("cache.t4g.micro")
                    .numCacheNodes(1).cacheParameterGroupName("tuned"));
            waiter.waitUntilCacheClusterAvailable(r -> r.cacheClusterId("tuned-cache")).matched().response().orElseThrow();
            CacheNode node = describe(ec, "tuned-cache").cacheNodes().getFirst();
            long pid = LocalRegion.engineProcesses("tuned-cache").getFirst();
            try (Jedis jedis = new Jedis(node.endpoint().address(), node.endpoint().port())) {
                assertThat(jedis.configGet("maxmemory")).containsEntry("maxmemory", Long.toString(nodeMemory / 2));

                // immediate: applied to the running node, no restart
                ec.modifyCacheParameterGroup(r -> r.cacheParameterGroupName("tuned").parameterNameValues(
                        nv("reserved-memory-percent", "25")));
                await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                        assertThat(jedis.configGet("maxmemory")).containsEntry("maxmemory", Long.toString(nodeMemory / 4 * 3)));
                assertThat(LocalRegion.engineProcesses("tuned-cache")).containsExactly(pid);
                await().atMost(Duration.ofMinutes(1)).untilAsserted(() ->
                        assertThat(describe(ec, "tuned-cache").cacheParameterGroup().parameterApplyStatus()).isEqualTo("in-sync"));

                // requires-reboot: pending until the node restarts
                ec.modifyCacheParameterGroup(r -> r.cacheParameterGroupName("tuned").parameterNameValues(nv("databases", "32")));
                CacheCluster pending = describe(ec, "tuned-cache");
                assertThat(pending.cacheParameterGroup().parameterApplyStatus()).isEqualTo("pending-reboot");
                assertThat(pending.cacheParameterGroup().cacheNodeIdsToReboot()).containsExactly("0001");
                assertThat(pending.cacheNodes().getFirst().parameterGroupStatus()).isEqualTo("pending-reboot");
                assertThat(pending.cacheClusterStatus()).isEqualTo("available");
                assertThat(jedis.ping()).isEqualTo("PONG");
                assertThat(LocalRegion.engineProcesses("tuned-cache")).containsExactly(pid);
            }

            ec.deleteCacheCluster(r -> r.cacheClusterId("tuned-cache"));
            waiter.waitUntilCacheClusterDeleted(r -> r.cacheClusterId("tuned-cache"));
            ec.deleteCacheParameterGroup(r -> r.cacheParameterGroupName("tuned"));
            assertThat(ec.describeEvents(r -> r.sourceType(SourceType.CACHE_CLUSTER).sourceIdentifier("tuned-cache")).events())
                    .extracting(Event::message).containsSubsequence(
                            "Added cache node 0001 in availability zone " + LocalRegion.ZONE,
                            "Cache cluster created",
                            "Cache cluster parameters changed",
                            "Cache cluster deleted");
        }
    }

    private static CacheCluster describe(ElastiCacheClient ec, String id) {
        return ec.describeCacheClusters(r -> r.cacheClusterId(id).showCacheNodeInfo(true)).cacheClusters().getFirst();
    }

    private static ParameterNameValue nv(String name, String value) {
        return ParameterNameValue.builder().parameterName(name).parameterValue(value).build();
    }
}

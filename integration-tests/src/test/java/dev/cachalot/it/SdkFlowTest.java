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
}

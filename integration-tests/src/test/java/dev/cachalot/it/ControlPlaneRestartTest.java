package dev.cachalot.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CacheNode;

/**
 * Durable workflows: the control plane is killed (SIGKILL) while a cluster is being created, and
 * the cluster still becomes available after the control plane restarts on the same database.
 * The agent is paused (SIGSTOP) during the kill so that the creation cannot finish before it.
 */
class ControlPlaneRestartTest {

    private static LocalRegion region;

    @BeforeAll
    static void startRegion() throws InterruptedException {
        region = LocalRegion.start("restart");
    }

    @AfterAll
    static void stopRegion() {
        if (region != null) {
            region.close();
        }
    }

    @Test
    void aClusterCreatedBeforeACrashBecomesAvailableAfterTheRestart() throws Exception {
        region.pauseAgent();
        try (ElastiCacheClient ec = region.sdk()) {
            CacheCluster created = ec.createCacheCluster(r -> r.cacheClusterId("survivor").engine("valkey")
                    .cacheNodeType("cache.t4g.small")).cacheCluster();
            assertThat(created.cacheClusterStatus()).isEqualTo("creating");
            // Give the workflow time to start (and block on the paused agent).
            Thread.sleep(1500);
            assertThat(ec.describeCacheClusters(r -> r.cacheClusterId("survivor")).cacheClusters().getFirst()
                    .cacheClusterStatus()).isEqualTo("creating");
        }

        region.killControlPlane();
        region.resumeAgent();
        region.startControlPlane();
        region.awaitAgentRegistered(2);

        try (ElastiCacheClient ec = region.sdk()) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() ->
                    ec.describeCacheClusters(r -> r.cacheClusterId("survivor")).cacheClusters().getFirst()
                            .cacheClusterStatus().equals("available"));
            CacheNode node = ec.describeCacheClusters(r -> r.cacheClusterId("survivor").showCacheNodeInfo(true))
                    .cacheClusters().getFirst().cacheNodes().getFirst();
            try (Jedis jedis = new Jedis(node.endpoint().address(), node.endpoint().port())) {
                assertThat(jedis.ping()).isEqualTo("PONG");
                assertThat(jedis.info("server")).contains("valkey_version:8.1.0");
            }
            // Resumed work is idempotent: one process for the node, not one per attempt.
            assertThat(LocalRegion.engineProcesses("survivor")).hasSize(1);
            // The restart kept every resource and the credentials.
            assertThat(ec.describeCacheClusters().cacheClusters()).extracting(CacheCluster::cacheClusterId).containsExactly("survivor");
        }
    }
}

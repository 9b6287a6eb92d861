package dev.cachalot.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CacheNode;
import software.amazon.awssdk.services.elasticache.model.ElastiCacheException;
import software.amazon.awssdk.services.elasticache.waiters.ElastiCacheWaiter;

/**
 * ModifyCacheCluster with real nodes: settings change at once, a node type change waits for the
 * maintenance window unless applied immediately, and either way the running node ends up with
 * the new node type's memory limit.
 */
class ModifyFlowTest {

    private static final long GIB = 1024L * 1024 * 1024;
    private static LocalRegion region;

    @BeforeAll
    static void startRegion() throws InterruptedException {
        region = LocalRegion.start("modify");
    }

    @AfterAll
    static void stopRegion() {
        if (region != null) {
            region.close();
        }
    }

    @Test
    void settingsNodeTypesAndTheMaintenanceWindow() throws Exception {
        try (ElastiCacheClient ec = region.sdk(); ElastiCacheWaiter waiter = waiter(ec)) {
            ec.createCacheCluster(r -> r.cacheClusterId("scalable").engine("redis").cacheNodeType("cache.t4g.micro"));
            waiter.waitUntilCacheClusterAvailable(r -> r.cacheClusterId("scalable"));
            assertThat(maxmemory(ec)).isEqualTo(dataMemory(0.5));

            CacheCluster settings = ec.modifyCacheCluster(r -> r.cacheClusterId("scalable")
                    .snapshotRetentionLimit(5).snapshotWindow("03:00-04:00").securityGroupIds("sg-0123abcd")
                    .preferredMaintenanceWindow("wed:01:00-wed:02:00").autoMinorVersionUpgrade(false)).cacheCluster();
            assertThat(settings.cacheClusterStatus()).isEqualTo("available");
            assertThat(settings.snapshotRetentionLimit()).isEqualTo(5);
            assertThat(settings.snapshotWindow()).isEqualTo("03:00-04:00");
            assertThat(settings.securityGroups()).singleElement().satisfies(g -> {
                assertThat(g.securityGroupId()).isEqualTo("sg-0123abcd");
                assertThat(g.status()).isEqualTo("active");
            });
            assertThat(settings.preferredMaintenanceWindow()).isEqualTo("wed:01:00-wed:02:00");
            assertThat(settings.autoMinorVersionUpgrade()).isFalse();

            // Not immediately: shown as pending, the node keeps its memory.
            CacheCluster pending = ec.modifyCacheCluster(r -> r.cacheClusterId("scalable").cacheNodeType("cache.t4g.small")
                    .applyImmediately(false)).cacheCluster();
            assertThat(pending.cacheClusterStatus()).isEqualTo("available");
            assertThat(pending.cacheNodeType()).isEqualTo("cache.t4g.micro");
            assertThat(pending.pendingModifiedValues().cacheNodeType()).isEqualTo("cache.t4g.small");
            assertThat(maxmemory(ec)).isEqualTo(dataMemory(0.5));

            // Immediately: the node restarts with the new type's memory, and nothing is pending any more.
            CacheCluster modifying = ec.modifyCacheCluster(r -> r.cacheClusterId("scalable").cacheNodeType("cache.t4g.small")
                    .applyImmediately(true)).cacheCluster();
            assertThat(modifying.cacheClusterStatus()).isEqualTo("modifying");
            waiter.waitUntilCacheClusterAvailable(r -> r.cacheClusterId("scalable"));
            CacheCluster scaled = describe(ec);
            assertThat(scaled.cacheNodeType()).isEqualTo("cache.t4g.small");
            assertThat(scaled.pendingModifiedValues().cacheNodeType()).isNull();
            assertThat(maxmemory(ec)).isEqualTo(dataMemory(1.37));

            // A pending change waits for the maintenance window; open one now and it is applied.
            ec.modifyCacheCluster(r -> r.cacheClusterId("scalable").cacheNodeType("cache.t4g.medium").applyImmediately(false));
            assertThat(describe(ec).pendingModifiedValues().cacheNodeType()).isEqualTo("cache.t4g.medium");
            ec.modifyCacheCluster(r -> r.cacheClusterId("scalable").preferredMaintenanceWindow(windowAroundNow()));
            org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> describe(ec).cacheNodeType().equals("cache.t4g.medium"));
            waiter.waitUntilCacheClusterAvailable(r -> r.cacheClusterId("scalable"));
            assertThat(describe(ec).pendingModifiedValues().cacheNodeType()).isNull();
            assertThat(maxmemory(ec)).isEqualTo(dataMemory(3.09));
            assertThat(LocalRegion.engineProcesses("scalable")).hasSize(1);
        }
    }

    @Test
    void rebootRestartsTheNamedNodes() {
        try (ElastiCacheClient ec = region.sdk(); ElastiCacheWaiter waiter = waiter(ec)) {
            ec.createCacheCluster(r -> r.cacheClusterId("rebooted").engine("valkey").cacheNodeType("cache.t4g.micro"));
            waiter.waitUntilCacheClusterAvailable(r -> r.cacheClusterId("rebooted"));
            long pidBefore = LocalRegion.engineProcesses("rebooted").getFirst();

            assertThatThrownBy(() -> ec.rebootCacheCluster(r -> r.cacheClusterId("rebooted").cacheNodeIdsToReboot("0009")))
                    .isInstanceOfSatisfying(ElastiCacheException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue"));
            CacheCluster rebooting = ec.rebootCacheCluster(r -> r.cacheClusterId("rebooted").cacheNodeIdsToReboot("0001"))
                    .cacheCluster();
            assertThat(rebooting.cacheClusterStatus()).isEqualTo("rebooting cache cluster nodes");
            assertThatThrownBy(() -> ec.rebootCacheCluster(r -> r.cacheClusterId("rebooted").cacheNodeIdsToReboot("0001")))
                    .isInstanceOfSatisfying(ElastiCacheException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidCacheClusterState"));

            waiter.waitUntilCacheClusterAvailable(r -> r.cacheClusterId("rebooted"));
            CacheNode node = ec.describeCacheClusters(r -> r.cacheClusterId("rebooted").showCacheNodeInfo(true))
                    .cacheClusters().getFirst().cacheNodes().getFirst();
            assertThat(node.cacheNodeStatus()).isEqualTo("available");
            assertThat(LocalRegion.engineProcesses("rebooted")).singleElement().isNotEqualTo(pidBefore);
            try (Jedis jedis = new Jedis(node.endpoint().address(), node.endpoint().port())) {
                assertThat(jedis.ping()).isEqualTo("PONG");
            }
        }
    }

    /**
     * The engine's maxmemory for a node type of {@code gib} GiB: ElastiCache's default groups
     * reserve 25% of the memory (reserved-memory-percent) for the engine's own use.
     */
    private static long dataMemory(double gib) {
        return (long) (gib * GIB) * 75 / 100;
    }

    /** The current hour of the week as a maintenance window, e.g. {@code thu:09:10-thu:10:10}. */
    private static String windowAroundNow() {
        ZonedDateTime start = ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(5);
        ZonedDateTime end = start.plusHours(1);
        return String.format("%s:%02d:%02d-%s:%02d:%02d", day(start.getDayOfWeek()), start.getHour(), start.getMinute(),
                day(end.getDayOfWeek()), end.getHour(), end.getMinute());
    }

    private static String day(DayOfWeek d) {
        return d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT);
    }

    private static CacheCluster describe(ElastiCacheClient ec) {
        return ec.describeCacheClusters(r -> r.cacheClusterId("scalable").showCacheNodeInfo(true)).cacheClusters().getFirst();
    }

    /** The node's maxmemory, as INFO memory reports it. */
    private static long maxmemory(ElastiCacheClient ec) {
        CacheNode node = describe(ec).cacheNodes().getFirst();
        try (Jedis jedis = new Jedis(node.endpoint().address(), node.endpoint().port())) {
            Matcher m = Pattern.compile("maxmemory:(\\d+)").matcher(jedis.info("memory"));
            assertThat(m.find()).isTrue();
            return Long.parseLong(m.group(1));
        }
    }

    private static ElastiCacheWaiter waiter(ElastiCacheClient ec) {
        return ElastiCacheWaiter.builder().client(ec).overrideConfiguration(WaiterOverrideConfiguration.builder()
                .backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(500))).maxAttempts(240).build()).build();
    }
}

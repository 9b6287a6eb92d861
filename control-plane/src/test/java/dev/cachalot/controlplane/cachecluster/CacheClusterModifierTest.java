package dev.cachalot.controlplane.cachecluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachalot.controlplane.catalog.Engine;
import dev.cachalot.controlplane.catalog.EngineCatalog;
import dev.cachalot.controlplane.catalog.NodeTypeCatalog;
import dev.cachalot.controlplane.fault.CachalotFault;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ModifyCacheCluster's validation, as a pure function of the cluster and the request. */
class CacheClusterModifierTest {

    private static final java.util.function.Function<String, java.util.Optional<String>> NO_GROUPS =
            name -> name.equals("my-redis7-group") ? java.util.Optional.of("redis7") : java.util.Optional.empty();
    private final CacheClusterModifier modifier = new CacheClusterModifier(new EngineCatalog(), new NodeTypeCatalog());
    private final CacheClusterModifier.Current redis62 =
            new CacheClusterModifier.Current(Engine.REDIS, "6.2.6", "cache.t4g.micro", "default.redis6.x");

    @Test
    void nodeTypeChangesAreNodeChanges() {
        CacheClusterModification m = modifier.plan(redis62, cmd().cacheNodeType("cache.t4g.small").applyImmediately(true).build(), NO_GROUPS);
        assertThat(m.changesNodes()).isTrue();
        assertThat(m.nodeType()).isEqualTo("cache.t4g.small");
        assertThat(m.memoryBytes()).isEqualTo((long) (1.37 * 1024 * 1024 * 1024));
        assertThat(m.applyImmediately()).isTrue();
        assertThat(modifier.plan(redis62, cmd().cacheNodeType("cache.t4g.small").build(), NO_GROUPS).applyImmediately()).isFalse();
    }

    @Test
    void aMajorUpgradeMovesADefaultParameterGroupToTheNewFamily() {
        CacheClusterModification m = modifier.plan(redis62, cmd().engineVersion("7.1").build(), NO_GROUPS);
        assertThat(m.engineVersion()).isEqualTo("7.1.0");
        assertThat(m.parameterGroupName()).isEqualTo("default.redis7");
        CacheClusterModifier.Current custom = new CacheClusterModifier.Current(Engine.REDIS, "6.2.6", "cache.t4g.micro", "my-group");
        assertFault(() -> modifier.plan(custom, cmd().engineVersion("7.1").build(), NO_GROUPS), "InvalidParameterCombination", "family redis7");
    }

    @Test
    void redisMayMoveToValkeyButNotBack() {
        CacheClusterModification m = modifier.plan(redis62, cmd().engine("valkey").build(), NO_GROUPS);
        assertThat(m.engine()).isEqualTo(Engine.VALKEY);
        assertThat(m.engineVersion()).isEqualTo("8.1.0");
        assertThat(m.parameterGroupName()).isEqualTo("default.valkey8");
        CacheClusterModifier.Current valkey = new CacheClusterModifier.Current(Engine.VALKEY, "8.0.1", "cache.t4g.micro", "default.valkey8");
        assertFault(() -> modifier.plan(valkey, cmd().engine("redis").build(), NO_GROUPS), "InvalidParameterCombination", "from valkey to redis");
    }

    @Test
    void versionsOnlyGoUp() {
        CacheClusterModifier.Current redis71 = new CacheClusterModifier.Current(Engine.REDIS, "7.1.0", "cache.t4g.micro", "default.redis7");
        assertFault(() -> modifier.plan(redis71, cmd().engineVersion("7.0.7").build(), NO_GROUPS), "InvalidParameterCombination", "downgrade");
        assertFault(() -> modifier.plan(redis71, cmd().engineVersion("9.9").build(), NO_GROUPS), "InvalidParameterValue", "Cannot find version 9.9");
        assertThat(CacheClusterModifier.compare("7.0.7", "7.1.0")).isNegative();
        assertThat(CacheClusterModifier.compare("10.0", "9.9.9")).isPositive();
    }

    @Test
    void whatASingleNodeRedisClusterCannotDo() {
        assertFault(() -> modifier.plan(redis62, cmd().numCacheNodes(2).build(), NO_GROUPS), "InvalidParameterValue", "cannot be changed");
        assertFault(() -> modifier.plan(redis62, cmd().cacheNodeIdsToRemove(List.of("0001")).build(), NO_GROUPS), "InvalidParameterValue", "cannot be changed");
        assertFault(() -> modifier.plan(redis62, cmd().azMode("cross-az").build(), NO_GROUPS), "InvalidParameterCombination", "memcached");
        assertFault(() -> modifier.plan(redis62, cmd().authToken("secret-token-of-16+").build(), NO_GROUPS), "InvalidParameterCombination", "TransitEncryptionEnabled");
        assertFault(() -> modifier.plan(redis62, cmd().cacheNodeType("cache.q9.huge").build(), NO_GROUPS), "InvalidParameterValue", "Invalid CacheNodeType");
        assertFault(() -> modifier.plan(redis62, cmd().cacheParameterGroupName("nope").build(), NO_GROUPS), "CacheParameterGroupNotFound", "nope");
    }

    @Test
    void settingsAreValidatedAndANoOpIsRefused() {
        assertFault(() -> modifier.plan(redis62, cmd().build(), NO_GROUPS), "InvalidParameterCombination", "No modifications were requested.");
        assertFault(() -> modifier.plan(redis62, cmd().cacheNodeType("cache.t4g.micro").build(), NO_GROUPS), "InvalidParameterCombination", "No modifications");
        assertFault(() -> modifier.plan(redis62, cmd().preferredMaintenanceWindow("someday").build(), NO_GROUPS), "InvalidParameterValue", "maintenance window");
        assertFault(() -> modifier.plan(redis62, cmd().snapshotRetentionLimit(36).build(), NO_GROUPS), "InvalidParameterValue", "SnapshotRetentionLimit");
        assertFault(() -> modifier.plan(redis62, cmd().notificationTopicStatus("paused").build(), NO_GROUPS), "InvalidParameterValue", "active or inactive");
        assertFault(() -> modifier.plan(redis62, cmd().securityGroupIds(List.of("default")).build(), NO_GROUPS), "InvalidParameterValue", "security group");
        CacheClusterModification m = modifier.plan(redis62, cmd().preferredMaintenanceWindow("TUE:03:00-TUE:04:00").build(), NO_GROUPS);
        assertThat(m.maintenanceWindow()).isEqualTo("tue:03:00-tue:04:00");
        assertThat(m.changesNodes()).isFalse();
    }

    @Test
    void maintenanceWindowsAreWeeklyAndMayWrap() {
        Instant sunday0530 = Instant.parse("2026-11-29T05:30:00Z");
        assertThat(ClusterSettingRules.inMaintenanceWindow("sun:05:00-sun:06:00", sunday0530)).isTrue();
        assertThat(ClusterSettingRules.inMaintenanceWindow("sun:05:00-sun:06:00", sunday0530.plusSeconds(3600))).isFalse();
        assertThat(ClusterSettingRules.inMaintenanceWindow("mon:05:00-mon:06:00", sunday0530)).isFalse();
        // Saturday 23:30 to Sunday 00:30 wraps over the week's end.
        assertThat(ClusterSettingRules.inMaintenanceWindow("sun:23:30-mon:00:30", Instant.parse("2026-11-30T00:10:00Z"))).isTrue();
        assertThat(ClusterSettingRules.inMaintenanceWindow("sun:23:30-mon:00:30", Instant.parse("2026-11-30T00:40:00Z"))).isFalse();
    }

    private static CacheClusterModifier.Current memcached(String azMode, String... nodeZones) {
        java.util.SortedMap<String, String> nodes = new java.util.TreeMap<>();
        for (int i = 0; i < nodeZones.length; i++) {
            nodes.put(String.format("%04d", i + 1), nodeZones[i]);
        }
        return new CacheClusterModifier.Current(Engine.MEMCACHED, "1.6.22", "cache.t4g.micro", "default.memcached1.6",
                nodes, azMode, java.util.Set.of("local-1a", "local-1b"), java.util.Set.of("local-1a", "local-1b"), "default");
    }

    @Test
    void memcachedClustersGrowIntoTheirZones() {
        CacheClusterModification grow = modifier.plan(memcached("cross-az", "local-1a", "local-1b", "local-1a"),
                cmd().numCacheNodes(5).applyImmediately(true).build(), NO_GROUPS);
        assertThat(grow.changesNodeCount()).isTrue();
        assertThat(grow.newZones()).containsExactly("local-1b", "local-1a");
        assertThat(grow.numCacheNodes()).isEqualTo(5);
        CacheClusterModification single = modifier.plan(memcached("single-az", "local-1b", "local-1b"),
                cmd().numCacheNodes(3).build(), NO_GROUPS);
        assertThat(single.newZones()).containsExactly("local-1b");
        assertThat(single.applyImmediately()).isFalse();
        CacheClusterModification named = modifier.plan(memcached("cross-az", "local-1a"),
                cmd().numCacheNodes(3).newAvailabilityZones(List.of("local-1b", "local-1b")).build(), NO_GROUPS);
        assertThat(named.newZones()).containsExactly("local-1b", "local-1b");
        assertFault(() -> modifier.plan(memcached("cross-az", "local-1a"), cmd().numCacheNodes(3)
                .newAvailabilityZones(List.of("local-1b")).build(), NO_GROUPS), "InvalidParameterValue", "NewAvailabilityZones (1)");
        assertFault(() -> modifier.plan(memcached("single-az", "local-1a"), cmd().numCacheNodes(2)
                .newAvailabilityZones(List.of("local-1b")).build(), NO_GROUPS), "InvalidParameterCombination", "single-az");
        assertFault(() -> modifier.plan(memcached("cross-az", "local-1a"), cmd().numCacheNodes(41).build(), NO_GROUPS),
                "NodeQuotaForClusterExceeded", "40");
    }

    @Test
    void memcachedClustersShrinkByTheNodesNamed() {
        CacheClusterModifier.Current three = memcached("single-az", "local-1a", "local-1a", "local-1a");
        CacheClusterModification shrink = modifier.plan(three,
                cmd().numCacheNodes(1).cacheNodeIdsToRemove(List.of("0003", "0002")).applyImmediately(true).build(), NO_GROUPS);
        assertThat(shrink.nodeIdsToRemove()).containsExactly("0003", "0002");
        assertThat(shrink.newZones()).isEmpty();
        assertFault(() -> modifier.plan(three, cmd().numCacheNodes(2).build(), NO_GROUPS),
                "InvalidParameterCombination", "The number of CacheNodeIdsToRemove must match the number of nodes you are "
                + "trying to remove, current number of cache nodes is 3, requested number of cache nodes is 2 and "
                + "CacheNodeIdsToRemove supplied are 0");
        assertFault(() -> modifier.plan(three, cmd().numCacheNodes(2).cacheNodeIdsToRemove(List.of("0001", "0002")).build(), NO_GROUPS),
                "InvalidParameterCombination", "CacheNodeIdsToRemove supplied are 2");
        assertFault(() -> modifier.plan(three, cmd().numCacheNodes(2).cacheNodeIdsToRemove(List.of("0009")).build(), NO_GROUPS),
                "InvalidParameterValue", "Cache node 0009 was not found");
        assertFault(() -> modifier.plan(three, cmd().numCacheNodes(4).cacheNodeIdsToRemove(List.of("0001")).build(), NO_GROUPS),
                "InvalidParameterCombination", "CacheNodeIdsToRemove applies only");
        assertFault(() -> modifier.plan(three, cmd().cacheNodeIdsToRemove(List.of("0001")).build(), NO_GROUPS),
                "InvalidParameterCombination", "NumCacheNodes is required");
        assertFault(() -> modifier.plan(three, cmd().numCacheNodes(3).build(), NO_GROUPS),
                "InvalidParameterCombination", "No modifications were requested.");
        assertFault(() -> modifier.plan(three, cmd().cacheNodeType("cache.t4g.small").build(), NO_GROUPS),
                "InvalidParameterCombination", "Scaling is not supported for engine memcached");
    }

    private static Builder cmd() {
        return new Builder();
    }

    /** Only the parameters a test sets, like a request. */
    private static final class Builder {
        private Integer numCacheNodes;
        private List<String> cacheNodeIdsToRemove;
        private String azMode;
        private List<String> securityGroupIds;
        private String preferredMaintenanceWindow;
        private String cacheParameterGroupName;
        private String notificationTopicStatus;
        private Boolean applyImmediately;
        private String engine;
        private String engineVersion;
        private Integer snapshotRetentionLimit;
        private String cacheNodeType;
        private String authToken;
        private List<String> newAvailabilityZones;

        Builder newAvailabilityZones(List<String> v) { newAvailabilityZones = v; return this; }
        Builder numCacheNodes(int v) { numCacheNodes = v; return this; }
        Builder cacheNodeIdsToRemove(List<String> v) { cacheNodeIdsToRemove = v; return this; }
        Builder azMode(String v) { azMode = v; return this; }
        Builder securityGroupIds(List<String> v) { securityGroupIds = v; return this; }
        Builder preferredMaintenanceWindow(String v) { preferredMaintenanceWindow = v; return this; }
        Builder cacheParameterGroupName(String v) { cacheParameterGroupName = v; return this; }
        Builder notificationTopicStatus(String v) { notificationTopicStatus = v; return this; }
        Builder applyImmediately(boolean v) { applyImmediately = v; return this; }
        Builder engine(String v) { engine = v; return this; }
        Builder engineVersion(String v) { engineVersion = v; return this; }
        Builder snapshotRetentionLimit(int v) { snapshotRetentionLimit = v; return this; }
        Builder cacheNodeType(String v) { cacheNodeType = v; return this; }
        Builder authToken(String v) { authToken = v; return this; }

        ModifyCacheClusterCommand build() {
            return new ModifyCacheClusterCommand("c", numCacheNodes, cacheNodeIdsToRemove, azMode, newAvailabilityZones, securityGroupIds,
                    preferredMaintenanceWindow, null, cacheParameterGroupName, notificationTopicStatus, applyImmediately,
                    engine, engineVersion, null, snapshotRetentionLimit, null, cacheNodeType, authToken, null);
        }
    }

    private static void assertFault(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CachalotFault.class, f -> {
            assertThat(f.code()).isEqualTo(code);
            assertThat(f.getMessage()).contains(message);
        });
    }
}

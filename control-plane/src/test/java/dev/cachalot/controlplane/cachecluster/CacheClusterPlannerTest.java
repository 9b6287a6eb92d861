package dev.cachalot.controlplane.cachecluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachalot.controlplane.catalog.Engine;
import dev.cachalot.controlplane.catalog.EngineCatalog;
import dev.cachalot.controlplane.catalog.NodeTypeCatalog;
import dev.cachalot.controlplane.fault.CachalotFault;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The desired state of a new cluster, as a pure function of the request and the catalogs. */
class CacheClusterPlannerTest {

    private final CacheClusterPlanner planner = new CacheClusterPlanner(new EngineCatalog(), new NodeTypeCatalog());
    private static final Set<String> ZONES = Set.of("local-1a", "local-1b");

    @Test
    void fillsInElastiCacheDefaults() {
        CacheClusterPlan plan = planner.plan(command("Demo", "redis", null, "cache.t4g.micro", null, null), ZONES);
        assertThat(plan.clusterId()).isEqualTo("demo");
        assertThat(plan.engine()).isEqualTo(Engine.REDIS);
        assertThat(plan.engineVersion()).isEqualTo("7.1.0");
        assertThat(plan.parameterGroupName()).isEqualTo("default.redis7");
        assertThat(plan.port()).isEqualTo(6379);
        assertThat(plan.numCacheNodes()).isEqualTo(1);
        assertThat(plan.cacheNodeIds()).containsExactly("0001");
        assertThat(plan.maxMemoryBytes()).isEqualTo(512L * 1024 * 1024);
        assertThat(plan.preferredMaintenanceWindow()).isEqualTo("sun:05:00-sun:06:00");
        assertThat(plan.autoMinorVersionUpgrade()).isTrue();
    }

    @Test
    void resolvesMajorMinorVersionsAndValkey() {
        assertThat(planner.plan(command("a", "redis", "6.2", "cache.t4g.micro", null, null), ZONES).engineVersion()).isEqualTo("6.2.6");
        CacheClusterPlan valkey = planner.plan(command("a", "VALKEY", "8.0.1", "cache.t4g.micro", null, null), ZONES);
        assertThat(valkey.engine()).isEqualTo(Engine.VALKEY);
        assertThat(valkey.parameterGroupName()).isEqualTo("default.valkey8");
        assertFault(() -> planner.plan(command("a", "redis", "5.0.6", "cache.t4g.micro", null, null), ZONES),
                "InvalidParameterValue", "Cannot find version 5.0.6 for redis");
    }

    @Test
    void identifierRules() {
        assertThat(CacheClusterIdentifiers.normalize("My-Cluster-1")).isEqualTo("my-cluster-1");
        assertThat(CacheClusterIdentifiers.normalize("a".repeat(50))).hasSize(50);
        for (String bad : List.of("--x", "x--y", "x-", "1abc", "-abc", "a_b", "a.b", "a b", "ünï", "a".repeat(51))) {
            assertFault(() -> CacheClusterIdentifiers.normalize(bad), "InvalidParameterValue",
                    "The parameter CacheClusterIdentifier is not a valid identifier.");
        }
        assertFault(() -> CacheClusterIdentifiers.normalize(""), "MissingParameter", "CacheClusterId");
        assertFault(() -> CacheClusterIdentifiers.normalize(null), "MissingParameter", "CacheClusterId");
    }

    @Test
    void rejectsUnknownEnginesNodeTypesAndCounts() {
        assertFault(() -> planner.plan(command("a", "mongodb", null, "cache.t4g.micro", null, null), ZONES),
                "InvalidParameterValue", "Invalid value for Engine: mongodb");
        assertFault(() -> planner.plan(command("a", "redis", null, "cache.x9.huge", null, null), ZONES),
                "InvalidParameterValue", "Invalid CacheNodeType: cache.x9.huge");
        assertFault(() -> planner.plan(command("a", "redis", null, null, null, null), ZONES),
                "InvalidParameterValue", "CacheNodeType");
        assertFault(() -> planner.plan(command("a", "redis", null, "cache.t4g.micro", 2, null), ZONES),
                "InvalidParameterValue", "Cannot create a Redis cluster with a NumCacheNodes parameter greater than 1.");
        assertFault(() -> planner.plan(command("a", "redis", null, "cache.t4g.micro", 0, null), ZONES),
                "InvalidParameterValue", "NumCacheNodes");
        assertFault(() -> planner.plan(command("a", "memcached", null, "cache.t4g.micro", 41, null), ZONES),
                "NodeQuotaForClusterExceeded", "(40)");
    }

    @Test
    void memcachedIsTheDefaultEngineAndTakesUpTo40NodesInOneZone() {
        CacheClusterPlan plan = planner.plan(command("m", null, null, "cache.t4g.micro", 40, null), ZONES);
        assertThat(plan.engine()).isEqualTo(Engine.MEMCACHED);
        assertThat(plan.engineVersion()).isEqualTo("1.6.22");
        assertThat(plan.parameterGroupName()).isEqualTo("default.memcached1.6");
        assertThat(plan.port()).isEqualTo(11211);
        assertThat(plan.cacheNodeIds()).hasSize(40).startsWith("0001", "0002").endsWith("0040");
        assertThat(plan.azMode()).isEqualTo("single-az");
        assertThat(plan.nodeZones()).isEmpty(); // one zone, chosen at placement
        CacheClusterPlan inB = planner.plan(command("m", "memcached", null, "cache.t4g.micro", 3, "local-1b"), ZONES);
        assertThat(inB.nodeZones()).containsExactly("local-1b", "local-1b", "local-1b");
        assertThat(inB.preferredAvailabilityZone()).isEqualTo("local-1b");
    }

    @Test
    void crossAzMemcachedSpreadsOverTheZonesOrFollowsPreferredAvailabilityZones() {
        CacheClusterPlan spread = planner.plan(memcached(5, "cross-az", null), ZONES);
        assertThat(spread.azMode()).isEqualTo("cross-az");
        assertThat(spread.nodeZones()).containsExactly("local-1a", "local-1b", "local-1a", "local-1b", "local-1a");
        assertThat(spread.preferredAvailabilityZone()).isNull();
        CacheClusterPlan listed = planner.plan(memcached(3, "cross-az", List.of("local-1b", "local-1b", "local-1a")), ZONES);
        assertThat(listed.nodeZones()).containsExactly("local-1b", "local-1b", "local-1a");
        // different zones without AZMode mean cross-az
        assertThat(planner.plan(memcached(2, null, List.of("local-1a", "local-1b")), ZONES).azMode()).isEqualTo("cross-az");
        assertFault(() -> planner.plan(memcached(3, "cross-az", List.of("local-1a")), ZONES),
                "InvalidParameterValue", "The number of PreferredAvailabilityZones must match NumCacheNodes.");
        assertFault(() -> planner.plan(memcached(2, "single-az", List.of("local-1a", "local-1b")), ZONES),
                "InvalidParameterCombination", "single-az");
        assertFault(() -> planner.plan(memcached(2, "cross-az", List.of("local-1a", "us-east-1a")), ZONES),
                "InvalidParameterValue", "Invalid availability zone: us-east-1a");
        assertFault(() -> planner.plan(memcached(2, "sideways", null), ZONES), "InvalidParameterValue", "AZMode");
        assertFault(() -> planner.plan(memcachedAs("redis", "cross-az"), ZONES),
                "InvalidParameterValue", "only supported for the memcached engine");
    }

    private static CreateCacheClusterCommand memcached(int nodes, String azMode, List<String> zones) {
        return new CreateCacheClusterCommand("m", "memcached", null, "cache.t4g.micro", nodes, null, zones, azMode, null,
                null, null, null, null, null, null, null, null, null, null, null);
    }

    private static CreateCacheClusterCommand memcachedAs(String engine, String azMode) {
        return new CreateCacheClusterCommand("m", engine, null, "cache.t4g.micro", 1, null, null, azMode, null,
                null, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void aRequestedZoneMustExist() {
        assertThat(planner.plan(command("a", "redis", null, "cache.t4g.micro", null, "local-1b"), ZONES)
                .preferredAvailabilityZone()).isEqualTo("local-1b");
        assertFault(() -> planner.plan(command("a", "redis", null, "cache.t4g.micro", null, "us-east-1a"), ZONES),
                "InvalidParameterValue", "Invalid availability zone: us-east-1a");
    }

    @Test
    void dependenciesCachalotDoesNotHaveYetAreNotFound() {
        CreateCacheClusterCommand withGroup = new CreateCacheClusterCommand("a", "redis", null, "cache.t4g.micro", null,
                null, null, null, null, null, null, null, null, "my-params", null, null, null, null, null, null);
        assertFault(() -> planner.plan(withGroup, ZONES), "CacheParameterGroupNotFound", "my-params");
        CreateCacheClusterCommand withDefaultGroup = new CreateCacheClusterCommand("a", "redis", null, "cache.t4g.micro", null,
                null, null, null, null, null, null, null, null, "default.redis7", null, null, null, null, null, null);
        assertThat(planner.plan(withDefaultGroup, ZONES).parameterGroupName()).isEqualTo("default.redis7");
        CreateCacheClusterCommand withSubnets = new CreateCacheClusterCommand("a", "redis", null, "cache.t4g.micro", null,
                null, null, null, null, null, null, null, null, null, "my-subnets", null, null, null, null, null);
        assertFault(() -> planner.plan(withSubnets, ZONES), "CacheSubnetGroupNotFoundFault", "my-subnets");
    }

    @Test
    void parameterAndSubnetGroupsAreCheckedAgainstTheAccountsGroups() {
        CacheClusterPlanner.Groups groups = new CacheClusterPlanner.Groups(
                name -> switch (name) {
                    case "mine-7" -> java.util.Optional.of("redis7");
                    case "mine-8" -> java.util.Optional.of("valkey8");
                    default -> java.util.Optional.empty();
                },
                name -> switch (name) {
                    case "default" -> java.util.Optional.of(ZONES);
                    case "only-b" -> java.util.Optional.of(Set.of("local-1b"));
                    default -> java.util.Optional.empty();
                });
        CreateCacheClusterCommand base = command("a", "redis", null, "cache.t4g.micro", null, null);
        CacheClusterPlan plan = planner.plan(withGroups(base, "MINE-7", "only-b", null), ZONES, groups);
        assertThat(plan.parameterGroupName()).isEqualTo("mine-7");
        assertThat(plan.cacheSubnetGroupName()).isEqualTo("only-b");
        assertThat(planner.plan(base, ZONES, groups).cacheSubnetGroupName()).isEqualTo("default");
        assertFault(() -> planner.plan(withGroups(base, "mine-8", null, null), ZONES, groups), "InvalidParameterCombination",
                "Expected a parameter group of family redis7 but found one of family valkey8");
        assertFault(() -> planner.plan(withGroups(base, "default.valkey8", null, null), ZONES, groups), "InvalidParameterCombination",
                "family valkey8");
        assertFault(() -> planner.plan(withGroups(base, "default.redis9", null, null), ZONES, groups), "CacheParameterGroupNotFound",
                "default.redis9");
        assertFault(() -> planner.plan(withGroups(base, null, "nope", null), ZONES, groups), "CacheSubnetGroupNotFoundFault", "nope");
        assertFault(() -> planner.plan(withGroups(base, null, "only-b", "local-1a"), ZONES, groups), "InvalidParameterValue",
                "not in cache subnet group only-b");
    }

    private static CreateCacheClusterCommand withGroups(CreateCacheClusterCommand c, String parameterGroup, String subnetGroup,
                                                        String zone) {
        return new CreateCacheClusterCommand(c.cacheClusterId(), c.engine(), c.engineVersion(), c.cacheNodeType(), c.numCacheNodes(),
                zone, null, null, null, null, null, null, null, parameterGroup, subnetGroup, null, null, null, null, null);
    }

    @Test
    void validatesWindows() {
        CreateCacheClusterCommand badWindow = new CreateCacheClusterCommand("a", "redis", null, "cache.t4g.micro", null,
                null, null, null, null, "sunday:05:00-sun:06:00", null, null, null, null, null, null, null, null, null, null);
        assertFault(() -> planner.plan(badWindow, ZONES), "InvalidParameterValue", "maintenance window");
        CreateCacheClusterCommand upper = new CreateCacheClusterCommand("a", "redis", null, "cache.t4g.micro", null,
                null, null, null, null, "MON:01:00-MON:02:00", null, null, null, null, null, null, null, null, null, null);
        assertThat(planner.plan(upper, ZONES).preferredMaintenanceWindow()).isEqualTo("mon:01:00-mon:02:00");
    }

    private static CreateCacheClusterCommand command(String id, String engine, String version, String nodeType,
                                                     Integer nodes, String zone) {
        return new CreateCacheClusterCommand(id, engine, version, nodeType, nodes, zone, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null);
    }

    private static void assertFault(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CachalotFault.class, f -> {
            assertThat(f.code()).isEqualTo(code);
            assertThat(f.getMessage()).contains(message);
        });
    }
}

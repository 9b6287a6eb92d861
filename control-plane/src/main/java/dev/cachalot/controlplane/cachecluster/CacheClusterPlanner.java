package dev.cachalot.controlplane.cachecluster;

import dev.cachalot.controlplane.catalog.Engine;
import dev.cachalot.controlplane.catalog.EngineCatalog;
import dev.cachalot.controlplane.catalog.EngineVersion;
import dev.cachalot.controlplane.catalog.NodeType;
import dev.cachalot.controlplane.catalog.NodeTypeCatalog;
import dev.cachalot.controlplane.fault.InvalidParameterCombinationException;
import dev.cachalot.controlplane.fault.InvalidParameterValueException;
import dev.cachalot.controlplane.parametergroup.CacheParameterGroupNotFoundFault;
import dev.cachalot.controlplane.replicationgroup.ReplicationGroupNotFoundFault;
import dev.cachalot.controlplane.snapshot.SnapshotNotFoundFault;
import dev.cachalot.controlplane.subnetgroup.CacheSubnetGroupNotFoundFault;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Turns a {@link CreateCacheClusterCommand} into the desired state of the new cluster: a pure
 * function of the request, the catalogs and the zones the fleet has. Every rejection is the
 * error ElastiCache gives for the same request.
 */
@Component
class CacheClusterPlanner {

    static final String DEFAULT_MAINTENANCE_WINDOW = "sun:05:00-sun:06:00";
    static final String DEFAULT_SNAPSHOT_WINDOW = "06:30-07:30";
    static final String DEFAULT_SUBNET_GROUP = "default";


    private final EngineCatalog engines;
    private final NodeTypeCatalog nodeTypes;

    CacheClusterPlanner(EngineCatalog engines, NodeTypeCatalog nodeTypes) {
        this.engines = engines;
        this.nodeTypes = nodeTypes;
    }

    /**
     * What the planner needs to know of the account's groups.
     *
     * @param parameterGroupFamily the family of one of the account's own parameter groups, by name
     *                             (empty when it has no such group); default groups need no lookup
     * @param subnetGroupZones     the zones of one of the account's subnet groups ({@code default}
     *                             included), by name; empty when it has no such group
     */
    record Groups(Function<String, Optional<String>> parameterGroupFamily,
                  Function<String, Optional<? extends Set<String>>> subnetGroupZones) {}

    /** A plan for an account that has only the default groups. */
    CacheClusterPlan plan(CreateCacheClusterCommand cmd, Set<String> zones) {
        return plan(cmd, zones, new Groups(name -> Optional.empty(),
                name -> name.equals(DEFAULT_SUBNET_GROUP) ? Optional.of(zones) : Optional.empty()));
    }

    /**
     * @param zones  the availability zones of the fleet's live hosts (a requested zone must be one of them)
     * @param groups lookups of the account's parameter and subnet groups
     */
    CacheClusterPlan plan(CreateCacheClusterCommand cmd, Set<String> zones, Groups groups) {
        Function<String, Optional<String>> parameterGroupFamily = groups.parameterGroupFamily();
        String clusterId = CacheClusterIdentifiers.normalize(cmd.cacheClusterId());
        if (cmd.replicationGroupId() != null) {
            // Replication groups arrive with their own issue; until then none exists to join.
            throw new ReplicationGroupNotFoundFault(cmd.replicationGroupId());
        }

        // ElastiCache's default engine, when none is named, is memcached.
        String engineName = cmd.engine() == null ? "memcached" : cmd.engine();
        Engine engine = Engine.fromWireName(engineName)
                .orElseThrow(() -> new InvalidParameterValueException("Invalid value for Engine: " + engineName
                        + ". Valid values are: memcached, redis, valkey."));
        boolean memcached = engine == Engine.MEMCACHED;

        EngineVersion version = cmd.engineVersion() == null
                ? engines.defaultVersion(engine)
                : engines.resolve(engine, cmd.engineVersion()).orElseThrow(() -> new InvalidParameterValueException(
                        "Cannot find version " + cmd.engineVersion() + " for " + engine.wireName()));

        if (cmd.cacheNodeType() == null) {
            throw new InvalidParameterValueException("The parameter CacheNodeType must be provided and must not be blank.");
        }
        NodeType nodeType = nodeTypes.find(cmd.cacheNodeType())
                .orElseThrow(() -> new InvalidParameterValueException("Invalid CacheNodeType: " + cmd.cacheNodeType()));

        int numCacheNodes = cmd.numCacheNodes() == null ? 1 : cmd.numCacheNodes();
        if (numCacheNodes < 1) {
            throw new InvalidParameterValueException("The parameter NumCacheNodes must be a positive integer.");
        }
        if (numCacheNodes > 1 && !memcached) {
            throw new InvalidParameterValueException("Cannot create a " + engineLabel(engine)
                    + " cluster with a NumCacheNodes parameter greater than 1.");
        }
        if (numCacheNodes > MAX_MEMCACHED_NODES) {
            throw new NodeQuotaForClusterExceededFault("The request cannot be processed because it would exceed the "
                    + "allowed number of cache nodes in a single cluster (" + MAX_MEMCACHED_NODES + ").");
        }

        String subnetGroup = cmd.cacheSubnetGroupName() == null ? DEFAULT_SUBNET_GROUP
                : cmd.cacheSubnetGroupName().toLowerCase(Locale.ROOT);
        Set<String> subnetZones = groups.subnetGroupZones().apply(subnetGroup)
                .orElseThrow(() -> new CacheSubnetGroupNotFoundFault(subnetGroup));
        String zone;
        String azMode = null;
        List<String> nodeZones = List.of();
        if (memcached) {
            MemcachedZones mz = memcachedZones(cmd, numCacheNodes, zones, subnetZones, subnetGroup);
            azMode = mz.azMode();
            nodeZones = mz.nodeZones();
            zone = azMode.equals(SINGLE_AZ) && !nodeZones.isEmpty() ? nodeZones.getFirst() : null;
        } else {
            zone = preferredZone(cmd, zones);
            if (zone != null && !subnetZones.contains(zone)) {
                throw new InvalidParameterValueException("The availability zone " + zone + " is not in cache subnet group "
                        + subnetGroup + ".");
            }
        }

        int port = cmd.port() == null ? engine.defaultPort() : cmd.port();
        if (port < 1 || port > 65535) {
            throw new InvalidParameterValueException("The parameter Port must be between 1 and 65535.");
        }

        String parameterGroup = parameterGroup(cmd.cacheParameterGroupName(), version, parameterGroupFamily);
        if (cmd.snapshotName() != null) {
            throw new SnapshotNotFoundFault(cmd.snapshotName());
        }
        if (cmd.snapshotArns() != null && !cmd.snapshotArns().isEmpty()) {
            throw new SnapshotNotFoundFault(cmd.snapshotArns().getFirst());
        }
        if (Boolean.TRUE.equals(cmd.transitEncryptionEnabled())) {
            throw new InvalidParameterValueException(
                    "TransitEncryptionEnabled is not supported by this Cachalot release yet.");
        }
        if (cmd.authToken() != null) {
            throw new InvalidParameterCombinationException(
                    "AuthToken can only be used when TransitEncryptionEnabled is true.");
        }

        String maintenanceWindow = cmd.preferredMaintenanceWindow() == null
                ? DEFAULT_MAINTENANCE_WINDOW : ClusterSettingRules.maintenanceWindow(cmd.preferredMaintenanceWindow());
        int retention = cmd.snapshotRetentionLimit() == null ? 0 : ClusterSettingRules.snapshotRetentionLimit(cmd.snapshotRetentionLimit());
        String snapshotWindow = cmd.snapshotWindow() == null
                ? DEFAULT_SNAPSHOT_WINDOW : ClusterSettingRules.snapshotWindow(cmd.snapshotWindow());

        return new CacheClusterPlan(clusterId, engine, version.version(), nodeType.name(), nodeType.memoryBytes(),
                numCacheNodes, zone, port, parameterGroup, maintenanceWindow, retention, snapshotWindow,
                cmd.autoMinorVersionUpgrade() == null || cmd.autoMinorVersionUpgrade(),
                cmd.securityGroupIds() == null ? List.of() : ClusterSettingRules.securityGroupIds(cmd.securityGroupIds()),
                cmd.notificationTopicArn(), subnetGroup, azMode, nodeZones, null);
    }

    static final String SINGLE_AZ = "single-az";
    static final String CROSS_AZ = "cross-az";
    /** ElastiCache's per-cluster node quota for memcached. */
    static final int MAX_MEMCACHED_NODES = 40;

    /** @param nodeZones the zone of each node; empty = one zone chosen at placement for all (single-az) */
    record MemcachedZones(String azMode, List<String> nodeZones) {}

    /**
     * Where the nodes of a memcached cluster go: every node in one zone (single-az, the default) or
     * spread over the zones (cross-az): the PreferredAvailabilityZones given (one per node), or else
     * round robin over the zones of the subnet group that have hosts.
     */
    static MemcachedZones memcachedZones(CreateCacheClusterCommand cmd, int numCacheNodes, Set<String> zones,
                                          Set<String> subnetZones, String subnetGroup) {
        if (cmd.azMode() != null && !cmd.azMode().equals(SINGLE_AZ) && !cmd.azMode().equals(CROSS_AZ)) {
            throw new InvalidParameterValueException("Invalid value for AZMode: " + cmd.azMode()
                    + ". Valid values are: single-az, cross-az.");
        }
        List<String> preferred = cmd.preferredAvailabilityZones() == null ? List.of() : cmd.preferredAvailabilityZones();
        if (cmd.preferredAvailabilityZone() != null && !preferred.isEmpty()) {
            throw new InvalidParameterCombinationException(
                    "Only one of PreferredAvailabilityZone or PreferredAvailabilityZones may be specified.");
        }
        if (!preferred.isEmpty() && preferred.size() != numCacheNodes) {
            throw new InvalidParameterValueException("The number of PreferredAvailabilityZones must match NumCacheNodes.");
        }
        List<String> asked = cmd.preferredAvailabilityZone() != null ? List.of(cmd.preferredAvailabilityZone()) : preferred;
        checkZones(asked, zones, subnetZones, subnetGroup);
        String mode = cmd.azMode() != null ? cmd.azMode()
                : new java.util.HashSet<>(preferred).size() > 1 ? CROSS_AZ : SINGLE_AZ;
        if (mode.equals(SINGLE_AZ)) {
            if (new java.util.HashSet<>(asked).size() > 1) {
                throw new InvalidParameterCombinationException(
                        "When AZMode is single-az, every PreferredAvailabilityZone must be the same availability zone.");
            }
            return new MemcachedZones(mode, asked.isEmpty() ? List.of()
                    : java.util.Collections.nCopies(numCacheNodes, asked.getFirst()));
        }
        if (cmd.preferredAvailabilityZone() != null) {
            throw new InvalidParameterCombinationException(
                    "AZMode cross-az takes PreferredAvailabilityZones (one per node), not PreferredAvailabilityZone.");
        }
        if (!preferred.isEmpty()) {
            return new MemcachedZones(mode, List.copyOf(preferred));
        }
        return new MemcachedZones(mode, spread(numCacheNodes, zones, subnetZones, List.of()));
    }

    /**
     * {@code count} zones round robin over the usable zones, starting after the ones {@code existing}
     * nodes already fill most (so that a cluster stays balanced as it grows).
     */
    static List<String> spread(int count, Set<String> zones, Set<String> subnetZones, List<String> existing) {
        List<String> usable = new java.util.TreeSet<>(subnetZones).stream().filter(zones::contains).toList();
        if (usable.isEmpty()) {
            return java.util.Collections.nCopies(count, null);
        }
        java.util.Map<String, Integer> load = new java.util.TreeMap<>();
        usable.forEach(z -> load.put(z, 0));
        existing.forEach(z -> load.computeIfPresent(z, (k, v) -> v + 1));
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            String least = load.entrySet().stream().min(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey();
            out.add(least);
            load.merge(least, 1, Integer::sum);
        }
        return out;
    }

    static void checkZones(List<String> asked, Set<String> zones, Set<String> subnetZones, String subnetGroup) {
        for (String z : asked) {
            if (!zones.contains(z)) {
                throw new InvalidParameterValueException("Invalid availability zone: " + z);
            }
            if (!subnetZones.contains(z)) {
                throw new InvalidParameterValueException("The availability zone " + z + " is not in cache subnet group "
                        + subnetGroup + ".");
            }
        }
    }

    /**
     * The group the cluster's nodes take their parameters from: the version's default group unless
     * the request names one, which must exist and belong to the version's family.
     */
    private String parameterGroup(String requested, EngineVersion version, Function<String, Optional<String>> familyOf) {
        if (requested == null) {
            return version.defaultParameterGroup();
        }
        String name = requested.toLowerCase(Locale.ROOT);
        Optional<String> family;
        if (name.startsWith("default.")) {
            String defaultFamily = name.substring("default.".length());
            family = engines.families().contains(defaultFamily) ? Optional.of(defaultFamily) : Optional.empty();
        } else {
            family = familyOf.apply(name);
        }
        if (family.isEmpty()) {
            throw new CacheParameterGroupNotFoundFault(name);
        }
        if (!family.get().equals(version.family())) {
            throw new InvalidParameterCombinationException("Expected a parameter group of family " + version.family()
                    + " but found one of family " + family.get());
        }
        return name;
    }

    private static String preferredZone(CreateCacheClusterCommand cmd, Set<String> zones) {
        if (cmd.azMode() != null && !cmd.azMode().equals("single-az") && !cmd.azMode().equals("cross-az")) {
            throw new InvalidParameterValueException("Invalid value for AZMode: " + cmd.azMode()
                    + ". Valid values are: single-az, cross-az.");
        }
        if ("cross-az".equals(cmd.azMode())) {
            throw new InvalidParameterValueException("AZMode cross-az is only supported for the memcached engine.");
        }
        List<String> preferred = cmd.preferredAvailabilityZones() == null ? List.of() : cmd.preferredAvailabilityZones();
        if (cmd.preferredAvailabilityZone() != null && !preferred.isEmpty()) {
            throw new InvalidParameterCombinationException(
                    "Only one of PreferredAvailabilityZone or PreferredAvailabilityZones may be specified.");
        }
        String zone = cmd.preferredAvailabilityZone() != null ? cmd.preferredAvailabilityZone()
                : preferred.isEmpty() ? null : preferred.getFirst();
        if (preferred.size() > 1) {
            throw new InvalidParameterValueException("The number of PreferredAvailabilityZones must match NumCacheNodes.");
        }
        if (zone != null && !zones.contains(zone)) {
            throw new InvalidParameterValueException("Invalid availability zone: " + zone);
        }
        return zone;
    }

    private static String engineLabel(Engine engine) {
        return engine == Engine.VALKEY ? "Valkey" : "Redis";
    }
}

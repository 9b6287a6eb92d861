package dev.cachalot.controlplane.cachecluster;

import dev.cachalot.controlplane.catalog.Engine;
import dev.cachalot.controlplane.catalog.EngineCatalog;
import dev.cachalot.controlplane.catalog.EngineVersion;
import dev.cachalot.controlplane.catalog.NodeType;
import dev.cachalot.controlplane.catalog.NodeTypeCatalog;
import dev.cachalot.controlplane.fault.InvalidParameterCombinationException;
import dev.cachalot.controlplane.fault.InvalidParameterValueException;
import dev.cachalot.controlplane.parametergroup.CacheParameterGroupNotFoundFault;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Validates a ModifyCacheCluster against the cluster as it is: a pure function of the request,
 * the cluster's current settings and the catalogs, answering with ElastiCache's errors.
 */
@Component
class CacheClusterModifier {

    private final EngineCatalog engines;
    private final NodeTypeCatalog nodeTypes;

    CacheClusterModifier(EngineCatalog engines, NodeTypeCatalog nodeTypes) {
        this.engines = engines;
        this.nodeTypes = nodeTypes;
    }

    /**
     * What the cluster is now, as far as a modification is concerned.
     *
     * @param nodeZones   cache node id to the zone it is (or is to be) in, for the nodes not being removed
     * @param zones       the zones of the fleet's live hosts
     * @param subnetZones the zones of the cluster's subnet group
     */
    record Current(Engine engine, String engineVersion, String nodeType, String parameterGroupName,
                   java.util.SortedMap<String, String> nodeZones, String azMode, java.util.Set<String> zones,
                   java.util.Set<String> subnetZones, String subnetGroup) {

        Current(Engine engine, String engineVersion, String nodeType, String parameterGroupName) {
            this(engine, engineVersion, nodeType, parameterGroupName, new java.util.TreeMap<>(java.util.Map.of("0001", "")),
                    null, java.util.Set.of(), java.util.Set.of(), "default");
        }
    }

    /** The node-count part of a modification (memcached). */
    private record NodeCount(Integer numCacheNodes, java.util.List<String> remove, java.util.List<String> newZones, String azMode) {}

    private static final NodeCount NO_NODE_CHANGE = new NodeCount(null, java.util.List.of(), java.util.List.of(), null);

    /**
     * ElastiCache's rules for changing the node count of a memcached cluster: NumCacheNodes up to 40;
     * fewer nodes need exactly that many CacheNodeIdsToRemove, more nodes may name their zones in
     * NewAvailabilityZones (else they spread over the zones, cross-az, or join the cluster's zone).
     */
    private static NodeCount memcachedNodes(Current current, ModifyCacheClusterCommand cmd) {
        java.util.List<String> remove = cmd.cacheNodeIdsToRemove() == null ? java.util.List.of() : cmd.cacheNodeIdsToRemove();
        java.util.List<String> zones = cmd.newAvailabilityZones() == null ? java.util.List.of() : cmd.newAvailabilityZones();
        String azMode = cmd.azMode();
        if (azMode != null && !azMode.equals(CacheClusterPlanner.SINGLE_AZ) && !azMode.equals(CacheClusterPlanner.CROSS_AZ)) {
            throw new InvalidParameterValueException("Invalid value for AZMode: " + azMode
                    + ". Valid values are: single-az, cross-az.");
        }
        String mode = azMode != null ? azMode : current.azMode() == null ? CacheClusterPlanner.SINGLE_AZ : current.azMode();
        int now = current.nodeZones().size();
        if (cmd.numCacheNodes() == null) {
            if (!remove.isEmpty() || !zones.isEmpty()) {
                throw new InvalidParameterCombinationException(
                        "NumCacheNodes is required with CacheNodeIdsToRemove or NewAvailabilityZones.");
            }
            return new NodeCount(null, java.util.List.of(), java.util.List.of(), azMode);
        }
        int target = cmd.numCacheNodes();
        if (target < 1) {
            throw new InvalidParameterValueException("The parameter NumCacheNodes must be a positive integer.");
        }
        if (target > CacheClusterPlanner.MAX_MEMCACHED_NODES) {
            throw new NodeQuotaForClusterExceededFault("The request cannot be processed because it would exceed the "
                    + "allowed number of cache nodes in a single cluster (" + CacheClusterPlanner.MAX_MEMCACHED_NODES + ").");
        }
        if (target < now) {
            if (remove.size() != now - target) {
                throw new InvalidParameterCombinationException("The number of CacheNodeIdsToRemove must match the number "
                        + "of nodes you are trying to remove, current number of cache nodes is " + now
                        + ", requested number of cache nodes is " + target + " and CacheNodeIdsToRemove supplied are "
                        + remove.size());
            }
            if (new java.util.HashSet<>(remove).size() != remove.size()) {
                throw new InvalidParameterValueException("CacheNodeIdsToRemove names a cache node more than once.");
            }
            for (String id : remove) {
                if (!current.nodeZones().containsKey(id)) {
                    throw new InvalidParameterValueException("Cache node " + id + " was not found in the cache cluster.");
                }
            }
            if (!zones.isEmpty()) {
                throw new InvalidParameterCombinationException("NewAvailabilityZones apply only when adding cache nodes.");
            }
            return new NodeCount(target, java.util.List.copyOf(remove), java.util.List.of(), azMode);
        }
        if (!remove.isEmpty()) {
            throw new InvalidParameterCombinationException(
                    "CacheNodeIdsToRemove applies only when NumCacheNodes is less than the current number of cache nodes.");
        }
        int added = target - now;
        if (added == 0) {
            if (!zones.isEmpty()) {
                throw new InvalidParameterCombinationException("NewAvailabilityZones apply only when adding cache nodes.");
            }
            return new NodeCount(null, java.util.List.of(), java.util.List.of(), azMode);
        }
        if (!zones.isEmpty()) {
            if (zones.size() != added) {
                throw new InvalidParameterValueException("The number of NewAvailabilityZones (" + zones.size()
                        + ") must match the number of cache nodes being added (" + added + ").");
            }
            CacheClusterPlanner.checkZones(zones, current.zones(), current.subnetZones(), current.subnetGroup());
            if (mode.equals(CacheClusterPlanner.SINGLE_AZ)) {
                java.util.Set<String> all = new java.util.HashSet<>(zones);
                current.nodeZones().values().stream().filter(z -> z != null && !z.isEmpty()).forEach(all::add);
                if (all.size() > 1) {
                    throw new InvalidParameterCombinationException(
                            "A single-az cluster keeps every node in one availability zone; use AZMode cross-az.");
                }
            }
            return new NodeCount(target, java.util.List.of(), java.util.List.copyOf(zones), azMode);
        }
        java.util.List<String> placed = current.nodeZones().values().stream().filter(z -> z != null && !z.isEmpty()).toList();
        java.util.List<String> newZones = mode.equals(CacheClusterPlanner.CROSS_AZ)
                ? CacheClusterPlanner.spread(added, current.zones(), current.subnetZones(), placed)
                : java.util.Collections.nCopies(added, placed.isEmpty() ? null : placed.getFirst());
        return new NodeCount(target, java.util.List.of(), newZones, azMode);
    }

    /**
     * @param parameterGroupFamily the family of one of the account's parameter groups by name
     *                             (empty when the account has no such group)
     */
    CacheClusterModification plan(Current current, ModifyCacheClusterCommand cmd,
                                  Function<String, Optional<String>> parameterGroupFamily) {
        boolean memcached = current.engine() == Engine.MEMCACHED;
        NodeCount count = NO_NODE_CHANGE;
        if (memcached) {
            if (cmd.cacheNodeType() != null && !cmd.cacheNodeType().equals(current.nodeType())) {
                throw new InvalidParameterCombinationException(
                        "Scaling is not supported for engine memcached");
            }
            count = memcachedNodes(current, cmd);
        } else {
            if (cmd.numCacheNodes() != null && cmd.numCacheNodes() != 1
                    || cmd.cacheNodeIdsToRemove() != null && !cmd.cacheNodeIdsToRemove().isEmpty()) {
                throw new InvalidParameterValueException("The number of nodes of a " + label(current.engine())
                        + " cluster cannot be changed: it has exactly one node. Use a replication group for more nodes.");
            }
            if (cmd.azMode() != null || cmd.newAvailabilityZones() != null && !cmd.newAvailabilityZones().isEmpty()) {
                throw new InvalidParameterCombinationException("AZMode and NewAvailabilityZones apply to memcached clusters only.");
            }
        }
        if (cmd.authToken() != null || cmd.authTokenUpdateStrategy() != null) {
            throw new InvalidParameterCombinationException("AuthToken can only be used when TransitEncryptionEnabled is true.");
        }

        NodeType nodeType = nodeTypes.find(current.nodeType()).orElseThrow();
        String newNodeType = null;
        if (cmd.cacheNodeType() != null && !cmd.cacheNodeType().equals(current.nodeType())) {
            nodeType = nodeTypes.find(cmd.cacheNodeType())
                    .orElseThrow(() -> new InvalidParameterValueException("Invalid CacheNodeType: " + cmd.cacheNodeType()));
            newNodeType = nodeType.name();
        }

        Engine engine = current.engine();
        Engine newEngine = null;
        if (cmd.engine() != null) {
            Engine requested = Engine.fromWireName(cmd.engine())
                    .orElseThrow(() -> new InvalidParameterValueException("Invalid value for Engine: " + cmd.engine()));
            if (requested != current.engine()) {
                if (!(current.engine() == Engine.REDIS && requested == Engine.VALKEY)) {
                    throw new InvalidParameterCombinationException("Cannot change the engine from "
                            + current.engine().wireName() + " to " + requested.wireName() + ".");
                }
                newEngine = requested;
                engine = requested;
            }
        }

        EngineVersion currentVersion = engines.resolve(current.engine(), current.engineVersion()).orElseThrow();
        EngineVersion version = currentVersion;
        String newVersion = null;
        if (cmd.engineVersion() != null || newEngine != null) {
            Engine target = engine;
            version = cmd.engineVersion() == null ? engines.defaultVersion(target)
                    : engines.resolve(target, cmd.engineVersion()).orElseThrow(() -> new InvalidParameterValueException(
                            "Cannot find version " + cmd.engineVersion() + " for " + target.wireName()));
            if (newEngine == null && compare(version.version(), currentVersion.version()) < 0) {
                throw new InvalidParameterCombinationException("Cannot downgrade the engine version from "
                        + currentVersion.version() + " to " + version.version() + ".");
            }
            if (newEngine != null || !version.version().equals(currentVersion.version())) {
                newVersion = version.version();
            }
        }

        String parameterGroup = null;
        boolean familyChanges = !version.family().equals(currentVersion.family());
        if (cmd.cacheParameterGroupName() != null) {
            String name = cmd.cacheParameterGroupName().toLowerCase(Locale.ROOT);
            Optional<String> family = name.startsWith("default.")
                    ? Optional.of(name.substring("default.".length())).filter(f -> engines.families().contains(f))
                    : parameterGroupFamily.apply(name);
            if (family.isEmpty()) {
                throw new CacheParameterGroupNotFoundFault(name);
            }
            if (!family.get().equals(version.family())) {
                throw new InvalidParameterCombinationException("Expected a parameter group of family " + version.family()
                        + " but found one of family " + family.get());
            }
            if (!name.equals(current.parameterGroupName())) {
                parameterGroup = name;
            }
        } else if (familyChanges) {
            if (!current.parameterGroupName().equals(currentVersion.defaultParameterGroup())) {
                throw new InvalidParameterCombinationException("The parameter group " + current.parameterGroupName()
                        + " is of family " + currentVersion.family() + "; engine version " + version.version()
                        + " needs a parameter group of family " + version.family() + ": give CacheParameterGroupName.");
            }
            parameterGroup = version.defaultParameterGroup();
        }

        String notificationStatus = cmd.notificationTopicStatus();
        if (notificationStatus != null && !notificationStatus.equals("active") && !notificationStatus.equals("inactive")) {
            throw new InvalidParameterValueException("NotificationTopicStatus must be active or inactive.");
        }
        CacheClusterModification m = new CacheClusterModification(newNodeType, newEngine, newVersion, parameterGroup,
                nodeType.memoryBytes(), Boolean.TRUE.equals(cmd.applyImmediately()),
                cmd.preferredMaintenanceWindow() == null ? null : ClusterSettingRules.maintenanceWindow(cmd.preferredMaintenanceWindow()),
                cmd.snapshotRetentionLimit() == null ? null : ClusterSettingRules.snapshotRetentionLimit(cmd.snapshotRetentionLimit()),
                cmd.snapshotWindow() == null ? null : ClusterSettingRules.snapshotWindow(cmd.snapshotWindow()),
                cmd.autoMinorVersionUpgrade(),
                cmd.securityGroupIds() == null ? null : ClusterSettingRules.securityGroupIds(cmd.securityGroupIds()),
                cmd.notificationTopicArn(), notificationStatus, count.numCacheNodes(), count.remove(), count.newZones(),
                count.azMode());
        if (!m.changesNodes() && !m.changesNodeCount() && m.azMode() == null && m.parameterGroupName() == null && Objects.isNull(m.maintenanceWindow())
                && m.snapshotRetentionLimit() == null && m.snapshotWindow() == null && m.autoMinorVersionUpgrade() == null
                && m.securityGroupIds() == null && m.notificationTopicArn() == null && m.notificationTopicStatus() == null) {
            throw new InvalidParameterCombinationException("No modifications were requested.");
        }
        return m;
    }

    /** Orders dotted version numbers numerically: 7.0.7 before 7.1.0. */
    static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int xi = i < x.length ? Integer.parseInt(x[i]) : 0;
            int yi = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (xi != yi) {
                return Integer.compare(xi, yi);
            }
        }
        return 0;
    }

    private static String label(Engine engine) {
        return engine == Engine.VALKEY ? "Valkey" : "Redis";
    }
}

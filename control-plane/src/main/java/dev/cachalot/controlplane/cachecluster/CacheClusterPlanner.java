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
import java.util.Set;
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


    private final EngineCatalog engines;
    private final NodeTypeCatalog nodeTypes;

    CacheClusterPlanner(EngineCatalog engines, NodeTypeCatalog nodeTypes) {
        this.engines = engines;
        this.nodeTypes = nodeTypes;
    }

    /**
     * @param zones the availability zones of the fleet (a requested zone must be one of them)
     */
    CacheClusterPlan plan(CreateCacheClusterCommand cmd, Set<String> zones) {
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
        if (engine == Engine.MEMCACHED) {
            throw new InvalidParameterValueException("Engine memcached is not supported by this Cachalot release yet"
                    + (cmd.engine() == null ? " (it is the default when no Engine is given)" : "")
                    + "; use redis or valkey.");
        }

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
        if (numCacheNodes > 1) {
            throw new InvalidParameterValueException("Cannot create a " + engineLabel(engine)
                    + " cluster with a NumCacheNodes parameter greater than 1.");
        }

        String zone = preferredZone(cmd, zones);

        int port = cmd.port() == null ? engine.defaultPort() : cmd.port();
        if (port < 1 || port > 65535) {
            throw new InvalidParameterValueException("The parameter Port must be between 1 and 65535.");
        }

        String parameterGroup = version.defaultParameterGroup();
        if (cmd.cacheParameterGroupName() != null && !cmd.cacheParameterGroupName().equalsIgnoreCase(parameterGroup)) {
            throw new CacheParameterGroupNotFoundFault(cmd.cacheParameterGroupName());
        }
        if (cmd.cacheSubnetGroupName() != null) {
            throw new CacheSubnetGroupNotFoundFault(cmd.cacheSubnetGroupName());
        }
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
                cmd.notificationTopicArn());
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

package dev.cachalot.controlplane.cachecluster;

import dev.cachalot.controlplane.catalog.Engine;
import java.util.List;

/**
 * A validated ModifyCacheCluster: changes to the nodes themselves (node type, engine, version)
 * that restart them — now or in the maintenance window — and settings that only change records.
 *
 * @param nodeType             the node type the nodes should have, or null for no change
 * @param engine               the engine the nodes should run, or null for no change
 * @param engineVersion        the engine version, or null for no change
 * @param parameterGroupName   the parameter group, or null for no change
 * @param memoryBytes          the node memory of the resulting node type
 * @param applyImmediately     apply node changes now rather than in the maintenance window
 * @param numCacheNodes        memcached: the node count asked for, or null for no change
 * @param nodeIdsToRemove      memcached: the nodes to remove (empty: none)
 * @param newZones             memcached: the zone of each node to add (null entries: any zone)
 * @param azMode               memcached: the new AZ mode, or null for no change
 */
record CacheClusterModification(
        String nodeType,
        Engine engine,
        String engineVersion,
        String parameterGroupName,
        long memoryBytes,
        boolean applyImmediately,
        String maintenanceWindow,
        Integer snapshotRetentionLimit,
        String snapshotWindow,
        Boolean autoMinorVersionUpgrade,
        List<String> securityGroupIds,
        String notificationTopicArn,
        String notificationTopicStatus,
        Integer numCacheNodes,
        List<String> nodeIdsToRemove,
        List<String> newZones,
        String azMode) {

    boolean changesNodes() {
        return nodeType != null || engine != null || engineVersion != null;
    }

    /** Whether nodes are added or removed (memcached). */
    boolean changesNodeCount() {
        return !nodeIdsToRemove.isEmpty() || !newZones.isEmpty();
    }
}

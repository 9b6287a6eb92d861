package dev.cachalot.controlplane.cachecluster;

import dev.cachalot.controlplane.catalog.Engine;
import java.util.List;
import java.util.UUID;

/**
 * The validated desired state of a new cache cluster, with every default filled in.
 *
 * @param maxMemoryBytes      the engine memory limit each node gets (from the node type)
 * @param cacheSubnetGroupName the subnet group whose zones the nodes may be placed in
 * @param azMode              memcached: {@code single-az} or {@code cross-az}; null for the other engines
 * @param nodeZones           the zone of each node in id order (empty: any of the cluster's zones)
 * @param discoveryPort       memcached: the configuration endpoint's port (filled in by the service)
 */
record CacheClusterPlan(
        String clusterId,
        Engine engine,
        String engineVersion,
        String cacheNodeType,
        long maxMemoryBytes,
        int numCacheNodes,
        String preferredAvailabilityZone,
        int port,
        String parameterGroupName,
        String preferredMaintenanceWindow,
        int snapshotRetentionLimit,
        String snapshotWindow,
        boolean autoMinorVersionUpgrade,
        List<String> securityGroupIds,
        String notificationTopicArn,
        String cacheSubnetGroupName,
        String azMode,
        List<String> nodeZones,
        Integer discoveryPort) {

    CacheClusterPlan withDiscoveryPort(int port) {
        return new CacheClusterPlan(clusterId, engine, engineVersion, cacheNodeType, maxMemoryBytes, numCacheNodes,
                preferredAvailabilityZone, this.port, parameterGroupName, preferredMaintenanceWindow, snapshotRetentionLimit,
                snapshotWindow, autoMinorVersionUpgrade, securityGroupIds, notificationTopicArn, cacheSubnetGroupName,
                azMode, nodeZones, port);
    }

    /** {@code 0001} … {@code 000N}: ElastiCache's node ids. */
    List<String> cacheNodeIds() {
        return java.util.stream.IntStream.rangeClosed(1, numCacheNodes).mapToObj(i -> String.format("%04d", i)).toList();
    }

    /**
     * The agent's name for a node process. The cluster's UUID keeps it unique when a cluster id
     * is reused after a delete, or exists in two accounts.
     */
    String nodeName(UUID clusterUuid, String cacheNodeId) {
        return clusterId + "-" + cacheNodeId + "-" + clusterUuid.toString().substring(0, 8);
    }
}

package dev.cachalot.controlplane.cachecluster;

import java.time.Instant;
import java.util.List;

/**
 * A cache cluster as every API shows it.
 *
 * @param parameterApplyStatus {@code in-sync}, {@code applying} (a parameter change is reaching the
 *                             nodes) or {@code pending-reboot}
 * @param cacheNodeIdsToReboot the nodes whose requires-reboot parameters wait for a reboot
 * @param configurationEndpoint memcached: the address and port that answer "config get cluster"; null otherwise
 * @param azMode               memcached: {@code single-az} or {@code cross-az}; null otherwise
 */
public record CacheClusterView(
        String arn,
        String cacheClusterId,
        String engine,
        String engineVersion,
        String cacheNodeType,
        CacheClusterStatus status,
        int numCacheNodes,
        String preferredAvailabilityZone,
        Instant createTime,
        String preferredMaintenanceWindow,
        String parameterGroupName,
        int snapshotRetentionLimit,
        String snapshotWindow,
        boolean autoMinorVersionUpgrade,
        boolean transitEncryptionEnabled,
        List<CacheNodeView> nodes,
        Pending pending,
        List<String> securityGroupIds,
        String notificationTopicArn,
        String notificationTopicStatus,
        String parameterApplyStatus,
        List<String> cacheNodeIdsToReboot,
        String cacheSubnetGroupName,
        Endpoint configurationEndpoint,
        String azMode) {

    /** An address and a port. */
    public record Endpoint(String address, int port) {}

    /**
     * Changes that wait for the maintenance window ({@code PendingModifiedValues}); nulls (and an empty
     * list) when none.
     */
    public record Pending(String cacheNodeType, String engineVersion, Integer numCacheNodes, List<String> cacheNodeIdsToRemove) {

        public Pending(String cacheNodeType, String engineVersion) {
            this(cacheNodeType, engineVersion, null, List.of());
        }
    }

    /**
     * One node of the cluster.
     *
     * @param address null until the node has been placed on a host
     * @param port    null until the node's process runs
     * @param parameterGroupStatus {@code in-sync} or {@code pending-reboot}
     */
    public record CacheNodeView(
            String cacheNodeId,
            CacheNodeStatus status,
            Instant createTime,
            String address,
            Integer port,
            String availabilityZone,
            String parameterGroupStatus) {}
}

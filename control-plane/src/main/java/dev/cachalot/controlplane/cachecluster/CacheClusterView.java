package dev.cachalot.controlplane.cachecluster;

import java.time.Instant;
import java.util.List;

/**
 * A cache cluster as every API shows it.
 *
 * @param parameterApplyStatus {@code in-sync}, {@code applying} (a parameter change is reaching the
 *                             nodes) or {@code pending-reboot}
 * @param cacheNodeIdsToReboot the nodes whose requires-reboot parameters wait for a reboot
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
        String cacheSubnetGroupName) {

    /** Changes that wait for the maintenance window ({@code PendingModifiedValues}); nulls when none. */
    public record Pending(String cacheNodeType, String engineVersion) {}

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

package dev.cachalot.controlplane.cachecluster;

import java.util.List;

/**
 * A request to create a cache cluster, as the caller sent it (nulls where a parameter was
 * absent). {@link CacheClusterPlanner} validates it and fills in the defaults.
 */
public record CreateCacheClusterCommand(
        String cacheClusterId,
        String engine,
        String engineVersion,
        String cacheNodeType,
        Integer numCacheNodes,
        String preferredAvailabilityZone,
        List<String> preferredAvailabilityZones,
        String azMode,
        Integer port,
        String preferredMaintenanceWindow,
        Integer snapshotRetentionLimit,
        String snapshotWindow,
        Boolean autoMinorVersionUpgrade,
        String cacheParameterGroupName,
        String cacheSubnetGroupName,
        String replicationGroupId,
        List<String> snapshotArns,
        String snapshotName,
        Boolean transitEncryptionEnabled,
        String authToken,
        List<String> securityGroupIds,
        String notificationTopicArn) {}

package dev.cachalot.controlplane.cachecluster;

import java.util.List;

/** A ModifyCacheCluster request as the caller sent it (nulls where a parameter was absent). */
public record ModifyCacheClusterCommand(
        String cacheClusterId,
        Integer numCacheNodes,
        List<String> cacheNodeIdsToRemove,
        String azMode,
        List<String> newAvailabilityZones,
        List<String> securityGroupIds,
        String preferredMaintenanceWindow,
        String notificationTopicArn,
        String cacheParameterGroupName,
        String notificationTopicStatus,
        Boolean applyImmediately,
        String engine,
        String engineVersion,
        Boolean autoMinorVersionUpgrade,
        Integer snapshotRetentionLimit,
        String snapshotWindow,
        String cacheNodeType,
        String authToken,
        String authTokenUpdateStrategy) {}

package dev.cachalot.controlplane.cachecluster;

import dev.cachalot.controlplane.tag.Tag;
import java.util.List;

/**
 * A request to create a cache cluster, as the caller sent it (nulls where a parameter was
 * absent). {@link CacheClusterPlanner} validates it and fills in the defaults.
 *
 * @param tags the {@code Tags.Tag.N} of the request (null or empty: none)
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
        String notificationTopicArn,
        List<Tag> tags) {

    /** A request without tags, security groups or notification topic. */
    public CreateCacheClusterCommand(String cacheClusterId, String engine, String engineVersion, String cacheNodeType,
                                     Integer numCacheNodes, String preferredAvailabilityZone,
                                     List<String> preferredAvailabilityZones, String azMode, Integer port,
                                     String preferredMaintenanceWindow, Integer snapshotRetentionLimit, String snapshotWindow,
                                     Boolean autoMinorVersionUpgrade, String cacheParameterGroupName,
                                     String cacheSubnetGroupName, String replicationGroupId, List<String> snapshotArns,
                                     String snapshotName, Boolean transitEncryptionEnabled, String authToken) {
        this(cacheClusterId, engine, engineVersion, cacheNodeType, numCacheNodes, preferredAvailabilityZone,
                preferredAvailabilityZones, azMode, port, preferredMaintenanceWindow, snapshotRetentionLimit, snapshotWindow,
                autoMinorVersionUpgrade, cacheParameterGroupName, cacheSubnetGroupName, replicationGroupId, snapshotArns,
                snapshotName, transitEncryptionEnabled, authToken, null, null, List.of());
    }
}

package dev.cachalot.controlplane.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cachalot.controlplane.cachecluster.CacheClusterView;
import dev.cachalot.controlplane.cachecluster.CreateCacheClusterCommand;
import dev.cachalot.controlplane.cachecluster.ModifyCacheClusterCommand;
import dev.cachalot.controlplane.fault.MissingParameterFault;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of cache clusters (schemas {@code CacheCluster}, {@code CreateCacheCluster}, … of openapi.yaml). */
final class CacheClusterJson {

    private CacheClusterJson() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CacheCluster(
            String cacheClusterId,
            String arn,
            String status,
            String engine,
            String engineVersion,
            String cacheNodeType,
            int numCacheNodes,
            String preferredAvailabilityZone,
            Instant createTime,
            String preferredMaintenanceWindow,
            String cacheParameterGroupName,
            String parameterApplyStatus,
            List<String> cacheNodeIdsToReboot,
            String cacheSubnetGroupName,
            int snapshotRetentionLimit,
            String snapshotWindow,
            boolean autoMinorVersionUpgrade,
            boolean transitEncryptionEnabled,
            List<String> securityGroupIds,
            Notification notification,
            Pending pendingModifiedValues,
            Endpoint configurationEndpoint,
            String azMode,
            List<Node> nodes) {

        static CacheCluster of(CacheClusterView c) {
            CacheClusterView.Pending p = c.pending();
            List<String> toRemove = p.cacheNodeIdsToRemove() == null || p.cacheNodeIdsToRemove().isEmpty()
                    ? null : p.cacheNodeIdsToRemove();
            Pending pending = p.cacheNodeType() == null && p.engineVersion() == null && p.numCacheNodes() == null
                    && toRemove == null
                    ? null : new Pending(p.cacheNodeType(), p.engineVersion(), p.numCacheNodes(), toRemove);
            CacheClusterView.Endpoint cfg = c.configurationEndpoint();
            return new CacheCluster(c.cacheClusterId(), c.arn(), c.status().wireValue(), c.engine(), c.engineVersion(),
                    c.cacheNodeType(), c.numCacheNodes(), c.preferredAvailabilityZone(), Times.millis(c.createTime()),
                    c.preferredMaintenanceWindow(), c.parameterGroupName(), c.parameterApplyStatus(),
                    c.cacheNodeIdsToReboot(), c.cacheSubnetGroupName(), c.snapshotRetentionLimit(), c.snapshotWindow(),
                    c.autoMinorVersionUpgrade(), c.transitEncryptionEnabled(), c.securityGroupIds(),
                    c.notificationTopicArn() == null ? null : new Notification(c.notificationTopicArn(), c.notificationTopicStatus()),
                    pending,
                    cfg == null ? null : new Endpoint(cfg.address(), cfg.port()),
                    c.azMode(),
                    c.nodes().stream().map(n -> new Node(n.cacheNodeId(), n.status().wireValue(), Times.millis(n.createTime()), n.availabilityZone(),
                            n.address() != null && n.port() != null ? new Endpoint(n.address(), n.port()) : null,
                            n.parameterGroupStatus())).toList());
        }
    }

    /** Where clients connect: present once the node runs. */
    record Endpoint(String address, int port) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Node(String cacheNodeId, String status, Instant createTime, String availabilityZone, Endpoint endpoint,
                String parameterGroupStatus) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Pending(String cacheNodeType, String engineVersion, Integer numCacheNodes, List<String> cacheNodeIdsToRemove) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Notification(String topicArn, String topicStatus) {}

    record CreateCacheCluster(
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
            Boolean transitEncryptionEnabled,
            List<String> securityGroupIds,
            String notificationTopicArn,
            List<TagJson> tags) {

        CreateCacheClusterCommand command() {
            if (cacheClusterId == null) {
                throw new MissingParameterFault("cacheClusterId");
            }
            return new CreateCacheClusterCommand(cacheClusterId, engine, engineVersion, cacheNodeType, numCacheNodes,
                    preferredAvailabilityZone, preferredAvailabilityZones, azMode, port, preferredMaintenanceWindow, snapshotRetentionLimit,
                    snapshotWindow, autoMinorVersionUpgrade, cacheParameterGroupName, cacheSubnetGroupName, null, null, null,
                    transitEncryptionEnabled, null, securityGroupIds, notificationTopicArn, TagJson.tags(tags));
        }
    }

    /**
     * A change: absent members stay as they are. Node changes (type, version, a memcached cluster's node
     * count) wait for the maintenance window unless applyImmediately.
     */
    record ModifyCacheCluster(
            Integer numCacheNodes,
            List<String> cacheNodeIdsToRemove,
            String azMode,
            List<String> newAvailabilityZones,
            String cacheNodeType,
            String engine,
            String engineVersion,
            String cacheParameterGroupName,
            String preferredMaintenanceWindow,
            Integer snapshotRetentionLimit,
            String snapshotWindow,
            Boolean autoMinorVersionUpgrade,
            List<String> securityGroupIds,
            String notificationTopicArn,
            String notificationTopicStatus,
            Boolean applyImmediately) {

        ModifyCacheClusterCommand command(String cacheClusterId) {
            return new ModifyCacheClusterCommand(cacheClusterId, numCacheNodes, cacheNodeIdsToRemove, azMode,
                    newAvailabilityZones, securityGroupIds,
                    preferredMaintenanceWindow, notificationTopicArn, cacheParameterGroupName, notificationTopicStatus,
                    applyImmediately, engine, engineVersion, autoMinorVersionUpgrade, snapshotRetentionLimit, snapshotWindow,
                    cacheNodeType, null, null);
        }
    }

    record AllowedNodeTypeModifications(List<String> scaleUp, List<String> scaleDown) {}

    record Reboot(List<String> cacheNodeIds) {}
}

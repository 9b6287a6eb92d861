package dev.cachalot.controlplane.awsquery;

import dev.cachalot.controlplane.cachecluster.AllowedNodeTypeModifications;
import dev.cachalot.controlplane.cachecluster.CacheClusterPage;
import dev.cachalot.controlplane.cachecluster.CacheClusterService;
import dev.cachalot.controlplane.cachecluster.CacheClusterView;
import dev.cachalot.controlplane.cachecluster.CreateCacheClusterCommand;
import dev.cachalot.controlplane.cachecluster.ModifyCacheClusterCommand;
import dev.cachalot.controlplane.fault.InvalidParameterValueException;
import java.util.List;
import org.springframework.stereotype.Component;

/** The cache cluster operations on the wire. */
@Component
class CacheClusterActions implements QueryAction.Group {

    private static final String LISTING = "cache-clusters";

    private final CacheClusterService clusters;

    CacheClusterActions(CacheClusterService clusters) {
        this.clusters = clusters;
    }

    @Override
    public List<QueryAction> actions() {
        return List.of(
                new QueryAction("CreateCacheCluster", true, (caller, p, xml) -> {
                    CacheClusterView created = clusters.create(caller, new CreateCacheClusterCommand(
                            p.required("CacheClusterId"),
                            p.stringOrNull("Engine"),
                            p.stringOrNull("EngineVersion"),
                            p.stringOrNull("CacheNodeType"),
                            p.integer("NumCacheNodes"),
                            p.stringOrNull("PreferredAvailabilityZone"),
                            p.list("PreferredAvailabilityZones", "PreferredAvailabilityZone"),
                            p.stringOrNull("AZMode"),
                            p.integer("Port"),
                            p.stringOrNull("PreferredMaintenanceWindow"),
                            p.integer("SnapshotRetentionLimit"),
                            p.stringOrNull("SnapshotWindow"),
                            p.bool("AutoMinorVersionUpgrade"),
                            p.stringOrNull("CacheParameterGroupName"),
                            p.stringOrNull("CacheSubnetGroupName"),
                            p.stringOrNull("ReplicationGroupId"),
                            p.list("SnapshotArns", "SnapshotArn"),
                            p.stringOrNull("SnapshotName"),
                            p.bool("TransitEncryptionEnabled"),
                            p.stringOrNull("AuthToken"),
                            p.list("SecurityGroupIds", "SecurityGroupId"),
                            p.stringOrNull("NotificationTopicArn"),
                            TagActions.tags(p)));
                    xml.struct("CacheCluster", () -> writeCluster(xml, created, false));
                }),
                new QueryAction("DescribeCacheClusters", true, (caller, p, xml) -> {
                    boolean showNodes = Boolean.TRUE.equals(p.bool("ShowCacheNodeInfo"));
                    CacheClusterPage page = clusters.describe(caller, p.string("CacheClusterId"), p.maxRecords(),
                            Markers.decode(LISTING, caller, p));
                    page.lastClusterId().ifPresent(last -> xml.element("Marker", Markers.encode(LISTING, caller, last)));
                    xml.list("CacheClusters", "CacheCluster", page.clusters(), (w, c) -> writeCluster(w, c, showNodes));
                }),
                new QueryAction("ModifyCacheCluster", true, (caller, p, xml) -> {
                    CacheClusterView modified = clusters.modify(caller, new ModifyCacheClusterCommand(
                            p.required("CacheClusterId"),
                            p.integer("NumCacheNodes"),
                            p.list("CacheNodeIdsToRemove", "CacheNodeId"),
                            p.stringOrNull("AZMode"),
                            p.list("NewAvailabilityZones", "PreferredAvailabilityZone"),
                            p.list("SecurityGroupIds", "SecurityGroupId"),
                            p.stringOrNull("PreferredMaintenanceWindow"),
                            p.stringOrNull("NotificationTopicArn"),
                            p.stringOrNull("CacheParameterGroupName"),
                            p.stringOrNull("NotificationTopicStatus"),
                            p.bool("ApplyImmediately"),
                            p.stringOrNull("Engine"),
                            p.stringOrNull("EngineVersion"),
                            p.bool("AutoMinorVersionUpgrade"),
                            p.integer("SnapshotRetentionLimit"),
                            p.stringOrNull("SnapshotWindow"),
                            p.stringOrNull("CacheNodeType"),
                            p.stringOrNull("AuthToken"),
                            p.stringOrNull("AuthTokenUpdateStrategy")));
                    xml.struct("CacheCluster", () -> writeCluster(xml, modified, false));
                }),
                new QueryAction("RebootCacheCluster", true, (caller, p, xml) -> {
                    CacheClusterView rebooting = clusters.reboot(caller, p.required("CacheClusterId"),
                            p.list("CacheNodeIdsToReboot", "CacheNodeId"));
                    xml.struct("CacheCluster", () -> writeCluster(xml, rebooting, false));
                }),
                new QueryAction("ListAllowedNodeTypeModifications", true, (caller, p, xml) -> {
                    AllowedNodeTypeModifications allowed = clusters.allowedNodeTypeModifications(caller,
                            p.stringOrNull("CacheClusterId"), p.stringOrNull("ReplicationGroupId"));
                    xml.list("ScaleUpModifications", "member", allowed.scaleUp(), (w, t) -> w.text(t));
                    xml.list("ScaleDownModifications", "member", allowed.scaleDown(), (w, t) -> w.text(t));
                }),
                new QueryAction("DeleteCacheCluster", true, (caller, p, xml) -> {
                    if (p.string("FinalSnapshotIdentifier").isPresent()) {
                        throw new InvalidParameterValueException(
                                "FinalSnapshotIdentifier is not supported by this Cachalot release yet: snapshots come later.");
                    }
                    CacheClusterView deleted = clusters.delete(caller, p.required("CacheClusterId"));
                    xml.struct("CacheCluster", () -> writeCluster(xml, deleted, false));
                }));
    }

    /** The {@code CacheCluster} shape of the ElastiCache model. */
    static void writeCluster(XmlWriter xml, CacheClusterView c, boolean showNodes) {
        xml.element("CacheClusterId", c.cacheClusterId());
        if (c.configurationEndpoint() != null) {
            xml.struct("ConfigurationEndpoint", () -> xml.element("Address", c.configurationEndpoint().address())
                    .element("Port", c.configurationEndpoint().port()));
            xml.element("ClientDownloadLandingPage", "https://console.aws.amazon.com/elasticache/home#client-download:");
        }
        xml.element("CacheNodeType", c.cacheNodeType())
                .element("Engine", c.engine())
                .element("EngineVersion", c.engineVersion())
                .element("CacheClusterStatus", c.status().wireValue())
                .element("NumCacheNodes", c.numCacheNodes())
                .element("PreferredAvailabilityZone", c.preferredAvailabilityZone())
                .element("CacheClusterCreateTime", c.createTime())
                .element("PreferredMaintenanceWindow", c.preferredMaintenanceWindow())
                .struct("PendingModifiedValues", () -> {
                    xml.element("NumCacheNodes", c.pending().numCacheNodes());
                    if (!c.pending().cacheNodeIdsToRemove().isEmpty()) {
                        xml.list("CacheNodeIdsToRemove", "CacheNodeId", c.pending().cacheNodeIdsToRemove(), (w, id) -> w.text(id));
                    }
                    xml.element("EngineVersion", c.pending().engineVersion())
                            .element("CacheNodeType", c.pending().cacheNodeType());
                });
        if (c.notificationTopicArn() != null) {
            xml.struct("NotificationConfiguration", () -> xml
                    .element("TopicArn", c.notificationTopicArn())
                    .element("TopicStatus", c.notificationTopicStatus()));
        }
        xml.list("CacheSecurityGroups", "CacheSecurityGroup", List.of(), (w, g) -> {})
                .struct("CacheParameterGroup", () -> xml
                        .element("CacheParameterGroupName", c.parameterGroupName())
                        .element("ParameterApplyStatus", c.parameterApplyStatus())
                        .list("CacheNodeIdsToReboot", "CacheNodeId", c.cacheNodeIdsToReboot(), (w, id) -> w.text(id)))
                .element("CacheSubnetGroupName", c.cacheSubnetGroupName());
        if (showNodes) {
            xml.list("CacheNodes", "CacheNode", c.nodes(), (w, n) -> {
                w.element("CacheNodeId", n.cacheNodeId())
                        .element("CacheNodeStatus", n.status().wireValue())
                        .element("CacheNodeCreateTime", n.createTime());
                if (n.address() != null && n.port() != null) {
                    w.struct("Endpoint", () -> w.element("Address", n.address()).element("Port", n.port()));
                }
                w.element("ParameterGroupStatus", n.parameterGroupStatus())
                        .element("CustomerAvailabilityZone", n.availabilityZone());
            });
        }
        xml.element("AutoMinorVersionUpgrade", c.autoMinorVersionUpgrade())
                .list("SecurityGroups", "member", c.securityGroupIds(), (w, id) -> w
                        .element("SecurityGroupId", id).element("Status", "active"))
                .element("SnapshotRetentionLimit", c.snapshotRetentionLimit())
                .element("SnapshotWindow", c.snapshotWindow())
                .element("AuthTokenEnabled", false)
                .element("TransitEncryptionEnabled", c.transitEncryptionEnabled())
                .element("AtRestEncryptionEnabled", false)
                .element("ARN", c.arn())
                .element("ReplicationGroupLogDeliveryEnabled", false)
                .list("LogDeliveryConfigurations", "LogDeliveryConfiguration", List.of(), (w, l) -> {})
                .element("NetworkType", "ipv4")
                .element("IpDiscovery", "ipv4");
    }
}

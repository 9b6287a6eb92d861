package dev.cachalot.controlplane.cachecluster;

import dev.cachalot.controlplane.CachalotProperties;
import dev.cachalot.controlplane.fleet.FleetService;
import dev.cachalot.controlplane.fleet.HostView;
import dev.cachalot.controlplane.identity.Caller;
import dev.cachalot.controlplane.parametergroup.CacheParameterGroupNotFoundFault;
import dev.cachalot.controlplane.parametergroup.CacheParameterGroupService;
import dev.cachalot.controlplane.parametergroup.ParameterValue;
import dev.cachalot.controlplane.subnetgroup.CacheSubnetGroupService;
import dev.cachalot.controlplane.tag.Tag;
import dev.cachalot.controlplane.tag.TagService;
import dev.cachalot.controlplane.workflow.WorkflowEngine;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Node-based cache clusters: create, describe, delete. Records the desired state and hands the
 * work to the cluster's durable workflow; returns at once, as ElastiCache does. Every method
 * works inside the caller's account only.
 */
@Service
public class CacheClusterService {

    private final CacheClusterRepository clusters;
    private final CacheClusterPlanner planner;
    private final FleetService fleet;
    private final WorkflowEngine workflows;
    private final TagService tags;
    private final CacheParameterGroupService parameterGroups;
    private final CacheSubnetGroupService subnetGroups;
    private final Clock clock;
    private final String region;

    CacheClusterService(CacheClusterRepository clusters, CacheClusterPlanner planner, FleetService fleet,
                        WorkflowEngine workflows, TagService tags, CacheParameterGroupService parameterGroups,
                        CacheSubnetGroupService subnetGroups, Clock clock, CachalotProperties properties) {
        this.clusters = clusters;
        this.planner = planner;
        this.fleet = fleet;
        this.workflows = workflows;
        this.tags = tags;
        this.parameterGroups = parameterGroups;
        this.subnetGroups = subnetGroups;
        this.clock = clock;
        this.region = properties.region();
    }

    @Transactional
    public CacheClusterView create(Caller caller, CreateCacheClusterCommand command) {
        List<HostView> hosts = fleet.liveHosts();
        Set<String> zones = hosts.stream().map(HostView::availabilityZone).collect(Collectors.toSet());
        CacheClusterPlan plan = planner.plan(command, zones, new CacheClusterPlanner.Groups(
                name -> parameterGroups.familyForUse(caller.accountId(), name),
                name -> subnetGroups.zonesForUse(caller.accountId(), name)));
        List<Tag> validTags = tags.validate(command.tags());
        if (clusters.existsByAccountIdAndClusterId(caller.accountId(), plan.clusterId())) {
            throw new CacheClusterAlreadyExistsFault(plan.clusterId());
        }
        Set<String> placementZones = plan.preferredAvailabilityZone() != null ? Set.of(plan.preferredAvailabilityZone())
                : subnetGroups.zones(caller.accountId(), plan.cacheSubnetGroupName()).map(Set::copyOf).orElse(Set.of());
        if (fleet.placeNode(placementZones).isEmpty()) {
            throw new InsufficientCacheClusterCapacityFault("There is not enough capacity for " + plan.cacheNodeType()
                    + " in " + (plan.preferredAvailabilityZone() != null ? plan.preferredAvailabilityZone()
                    : "the availability zones of cache subnet group " + plan.cacheSubnetGroupName())
                    + ": no host is available. Retry later, or in a different availability zone.");
        }
        CacheCluster cluster = new CacheCluster(UUID.randomUUID(), caller.accountId(), plan, clock.instant());
        Map<String, String> rebootValues = NodeParameters.rebootValues(
                parameterGroups.values(caller.accountId(), plan.parameterGroupName()));
        cluster.nodes().forEach(n -> n.startWith(rebootValues));
        try {
            clusters.saveAndFlush(cluster);
        } catch (DataIntegrityViolationException e) {
            // A concurrent create of the same id won the race on the unique key.
            throw new CacheClusterAlreadyExistsFault(plan.clusterId());
        }
        tags.tagNew(caller.accountId(), CacheClusterTaggable.ARN_TYPE, cluster.clusterId(), validTags);
        workflows.request(CacheClusterReconciler.KIND, cluster.id().toString());
        return view(cluster);
    }

    /**
     * One cluster by id, or a page of the caller's clusters in identifier order.
     *
     * @param after the last cluster id of the previous page (exclusive), if any
     */
    @Transactional(readOnly = true)
    public CacheClusterPage describe(Caller caller, Optional<String> clusterId, int maxRecords, Optional<String> after) {
        if (clusterId.isPresent()) {
            CacheCluster cluster = find(caller, clusterId.get());
            return new CacheClusterPage(List.of(view(cluster)), Optional.empty());
        }
        List<CacheCluster> page = clusters.page(caller.accountId(), after.orElse(""), Limit.of(maxRecords + 1));
        boolean more = page.size() > maxRecords;
        List<CacheCluster> shown = more ? page.subList(0, maxRecords) : page;
        return new CacheClusterPage(shown.stream().map(this::view).toList(),
                more ? Optional.of(shown.getLast().clusterId()) : Optional.empty());
    }

    @Transactional
    public CacheClusterView delete(Caller caller, String clusterId) {
        CacheCluster cluster = find(caller, clusterId);
        if (cluster.status() == CacheClusterStatus.DELETING) {
            throw new InvalidCacheClusterStateFault("Cache cluster " + cluster.clusterId() + " is already being deleted.");
        }
        cluster.markDeleting();
        clusters.saveAndFlush(cluster);
        workflows.request(CacheClusterReconciler.KIND, cluster.id().toString());
        return view(cluster);
    }

    private CacheCluster find(Caller caller, String clusterId) {
        String id = clusterId.toLowerCase(Locale.ROOT);
        return clusters.findByAccountIdAndClusterId(caller.accountId(), id)
                .orElseThrow(() -> new CacheClusterNotFoundFault(id));
    }

    private CacheClusterView view(CacheCluster c) {
        String arn = "arn:aws:elasticache:" + region + ":" + c.accountId() + ":cluster:" + c.clusterId();
        Map<String, String> groupRebootValues = groupRebootValues(c);
        List<CacheClusterView.CacheNodeView> nodes = c.nodes().stream()
                .map(n -> new CacheClusterView.CacheNodeView(n.cacheNodeId(), n.status(), n.createdAt(),
                        n.address(), n.port(), n.availabilityZone(),
                        NodeParameters.pendingReboot(groupRebootValues, n.rebootParameters()) ? PENDING_REBOOT : IN_SYNC))
                .toList();
        List<String> toReboot = nodes.stream().filter(n -> n.parameterGroupStatus().equals(PENDING_REBOOT))
                .map(CacheClusterView.CacheNodeView::cacheNodeId).toList();
        String applyStatus = !toReboot.isEmpty() ? PENDING_REBOOT
                : c.status() == CacheClusterStatus.AVAILABLE && c.generation() > c.observedGeneration() ? APPLYING : IN_SYNC;
        String zone = c.preferredAvailabilityZone() != null ? c.preferredAvailabilityZone()
                : nodes.stream().map(CacheClusterView.CacheNodeView::availabilityZone).filter(z -> z != null).findFirst().orElse(null);
        return new CacheClusterView(arn, c.clusterId(), c.engine().wireName(), c.engineVersion(), c.cacheNodeType(),
                c.status(), c.numCacheNodes(), zone, c.createdAt(), c.preferredMaintenanceWindow(),
                c.parameterGroupName(), c.snapshotRetentionLimit(), c.snapshotWindow(), c.autoMinorVersionUpgrade(),
                c.transitEncryptionEnabled(), nodes, applyStatus, toReboot, c.subnetGroupName());
    }

    private static final String IN_SYNC = "in-sync";
    private static final String PENDING_REBOOT = "pending-reboot";
    private static final String APPLYING = "applying";

    private Map<String, String> groupRebootValues(CacheCluster c) {
        try {
            List<ParameterValue> values = parameterGroups.values(c.accountId(), c.parameterGroupName());
            return NodeParameters.rebootValues(values);
        } catch (CacheParameterGroupNotFoundFault e) {
            return new HashMap<>(); // cannot happen while the cluster uses it; shown as in sync
        }
    }
}

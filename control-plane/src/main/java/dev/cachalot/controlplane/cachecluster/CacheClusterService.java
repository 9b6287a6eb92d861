package dev.cachalot.controlplane.cachecluster;

import dev.cachalot.controlplane.CachalotProperties;
import dev.cachalot.controlplane.catalog.NodeType;
import dev.cachalot.controlplane.catalog.NodeTypeCatalog;
import dev.cachalot.controlplane.fleet.FleetService;
import dev.cachalot.controlplane.fleet.HostView;
import dev.cachalot.controlplane.fault.InvalidParameterCombinationException;
import dev.cachalot.controlplane.fault.PreconditionFailedFault;
import dev.cachalot.controlplane.identity.AccountQuotas;
import dev.cachalot.controlplane.identity.Caller;
import dev.cachalot.controlplane.identity.IdentityService;
import dev.cachalot.controlplane.parametergroup.CacheParameterGroupNotFoundFault;
import dev.cachalot.controlplane.parametergroup.CacheParameterGroupService;
import dev.cachalot.controlplane.parametergroup.ParameterValue;
import dev.cachalot.controlplane.subnetgroup.CacheSubnetGroupService;
import dev.cachalot.controlplane.tag.Tag;
import dev.cachalot.controlplane.tag.TagService;
import dev.cachalot.controlplane.replicationgroup.ReplicationGroupNotFoundFault;
import dev.cachalot.controlplane.workflow.WorkflowEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Node-based cache clusters: create, describe, modify, delete. Records the desired state and
 * hands the work to the cluster's durable workflow; returns at once, as ElastiCache does. Every
 * method works inside the caller's account only.
 */
@Service
public class CacheClusterService {

    private static final Logger log = LoggerFactory.getLogger(CacheClusterService.class);
    /** A maintenance window applies pending changes once, however often it is checked. */
    private static final Duration ONE_WINDOW = Duration.ofHours(24);

    private final CacheClusterRepository clusters;
    private final CacheClusterPlanner planner;
    private final CacheClusterModifier modifier;
    private final NodeTypeCatalog nodeTypes;
    private final FleetService fleet;
    private final IdentityService identity;
    private final WorkflowEngine workflows;
    private final TagService tags;
    private final CacheParameterGroupService parameterGroups;
    private final CacheSubnetGroupService subnetGroups;
    private final Clock clock;
    private final String region;
    private final ClusterEndpoints endpoints;
    private final int[] discoveryPorts;

    CacheClusterService(CacheClusterRepository clusters, CacheClusterPlanner planner, CacheClusterModifier modifier,
                        NodeTypeCatalog nodeTypes, FleetService fleet, IdentityService identity, WorkflowEngine workflows,
                        TagService tags, CacheParameterGroupService parameterGroups, CacheSubnetGroupService subnetGroups,
                        Clock clock, CachalotProperties properties, ClusterEndpoints endpoints) {
        this.endpoints = endpoints;
        this.discoveryPorts = portRange(properties.discovery().ports());
        this.tags = tags;
        this.parameterGroups = parameterGroups;
        this.subnetGroups = subnetGroups;
        this.clusters = clusters;
        this.planner = planner;
        this.modifier = modifier;
        this.nodeTypes = nodeTypes;
        this.fleet = fleet;
        this.identity = identity;
        this.workflows = workflows;
        this.clock = clock;
        this.region = properties.region();
    }

    @Transactional
    public CacheClusterView create(Caller caller, CreateCacheClusterCommand command) {
        Checked checked = check(caller, command);
        CacheClusterPlan plan = checked.plan();
        CacheCluster created = new CacheCluster(UUID.randomUUID(), caller.accountId(), plan, clock.instant());
        Map<String, String> rebootValues = NodeParameters.rebootValues(
                parameterGroups.values(caller.accountId(), plan.parameterGroupName()));
        created.nodes().forEach(n -> n.startWith(rebootValues));
        CacheCluster cluster;
        try {
            // save() merges an entity whose id is set: carry on with the managed copy it returns.
            cluster = clusters.saveAndFlush(created);
        } catch (DataIntegrityViolationException e) {
            // A concurrent create of the same id won the race on the unique key.
            throw new CacheClusterAlreadyExistsFault(plan.clusterId());
        }
        placeNodes(cluster, plan);
        tags.tagNew(caller.accountId(), CacheClusterTaggable.ARN_TYPE, cluster.clusterId(), checked.tags());
        workflows.request(CacheClusterReconciler.KIND, cluster.id().toString());
        return view(cluster);
    }

    /** A create that passed every check: its plan and its tags. */
    private record Checked(CacheClusterPlan plan, List<Tag> tags) {}

    /**
     * Checks a create without making it (a dry run, for forms that validate before they submit):
     * throws exactly the fault {@link #create} would, or returns normally. Not a read-only
     * transaction: the checks take the same share locks on the groups a create takes.
     */
    @Transactional
    public void validateCreate(Caller caller, CreateCacheClusterCommand command) {
        CacheClusterPlan plan = check(caller, command).plan();
        // Where the create would place its node (nothing is placed here).
        if (fleet.placeNode(placementZones(caller.accountId(), plan), plan.maxMemoryBytes()).isEmpty()) {
            throw insufficientCapacity(plan);
        }
    }

    private Checked check(Caller caller, CreateCacheClusterCommand command) {
        List<HostView> hosts = fleet.liveHosts();
        Set<String> zones = hosts.stream().map(HostView::availabilityZone).collect(Collectors.toSet());
        CacheClusterPlan plan = planner.plan(command, zones, new CacheClusterPlanner.Groups(
                name -> parameterGroups.familyForUse(caller.accountId(), name),
                name -> subnetGroups.zonesForUse(caller.accountId(), name)));
        List<Tag> validTags = tags.validate(command.tags());
        if (clusters.existsByAccountIdAndClusterId(caller.accountId(), plan.clusterId())) {
            throw new CacheClusterAlreadyExistsFault(plan.clusterId());
        }
        AccountQuotas quotas = identity.quotas(caller.accountId());
        if (clusters.countByAccountId(caller.accountId()) >= quotas.clusters()) {
            throw new ClusterQuotaForCustomerExceededFault("You have reached this account's quota of "
                    + quotas.clusters() + " cache clusters.");
        }
        if (clusters.countNodes(caller.accountId()) + plan.numCacheNodes() > quotas.nodes()) {
            throw new NodeQuotaForCustomerExceededFault("This cluster would exceed this account's quota of "
                    + quotas.nodes() + " cache nodes.");
        }
        if (plan.engine() == dev.cachalot.controlplane.catalog.Engine.MEMCACHED) {
            plan = memcachedPlacement(plan, placementZones(caller.accountId(), plan));
        }
        return new Checked(plan, validTags);
    }

    /**
     * A memcached cluster's configuration-endpoint port (the lowest free one of the range, kept for the
     * cluster's life) and, for a single-az cluster that named no zone, the one zone all its nodes go to.
     */
    private CacheClusterPlan memcachedPlacement(CacheClusterPlan plan, Set<String> placementZones) {
        clusters.lockDiscoveryPorts(); // held until the create commits: the next create then sees this port used
        Set<Integer> used = new java.util.HashSet<>(clusters.findDiscoveryPorts());
        int port = -1;
        for (int p = discoveryPorts[0]; p <= discoveryPorts[1]; p++) {
            if (!used.contains(p)) {
                port = p;
                break;
            }
        }
        if (port < 0) {
            throw new InsufficientCacheClusterCapacityFault("No configuration endpoint port is free: the range "
                    + discoveryPorts[0] + "-" + discoveryPorts[1] + " (cachalot.discovery.ports) is used up.");
        }
        CacheClusterPlan p = plan.withDiscoveryPort(port);
        if (p.nodeZones().isEmpty()) {
            String zone = fleet.placeNode(placementZones, p.maxMemoryBytes()).map(HostView::availabilityZone).orElse(null);
            p = new CacheClusterPlan(p.clusterId(), p.engine(), p.engineVersion(), p.cacheNodeType(), p.maxMemoryBytes(),
                    p.numCacheNodes(), zone, p.port(), p.parameterGroupName(), p.preferredMaintenanceWindow(),
                    p.snapshotRetentionLimit(), p.snapshotWindow(), p.autoMinorVersionUpgrade(), p.securityGroupIds(),
                    p.notificationTopicArn(), p.cacheSubnetGroupName(), p.azMode(),
                    java.util.Collections.nCopies(p.numCacheNodes(), zone), p.discoveryPort());
        }
        return p;
    }

    static int[] portRange(String range) {
        String[] parts = range.strip().split("-");
        try {
            int from = Integer.parseInt(parts[0].strip());
            int to = parts.length > 1 ? Integer.parseInt(parts[1].strip()) : from;
            if (from < 1 || to > 65535 || from > to) {
                throw new IllegalArgumentException();
            }
            return new int[] {from, to};
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cachalot.discovery.ports must be a range such as 21211-21999: " + range);
        }
    }

    /**
     * Chooses each node's host now, in the create's transaction, so that the capacity it takes is
     * counted by the next create at once; refuses the create when a node has nowhere to go.
     */
    private void placeNodes(CacheCluster cluster, CacheClusterPlan plan) {
        Set<String> placementZones = placementZones(cluster.accountId(), plan);
        for (CacheNode node : cluster.nodes()) {
            // a memcached node may have its own zone (cross-az, PreferredAvailabilityZones)
            Set<String> zones = node.requestedZone() != null ? Set.of(node.requestedZone()) : placementZones;
            HostView host = fleet.placeNode(zones, node.memoryBytes())
                    .orElseThrow(() -> insufficientCapacity(plan, node.requestedZone()));
            node.place(host.id(), host.availabilityZone(), host.nodeAddress());
            clusters.flush();
        }
    }

    private Set<String> placementZones(String accountId, CacheClusterPlan plan) {
        return plan.preferredAvailabilityZone() != null ? Set.of(plan.preferredAvailabilityZone())
                : subnetGroups.zones(accountId, plan.cacheSubnetGroupName()).map(Set::copyOf).orElse(Set.of());
    }

    private static InsufficientCacheClusterCapacityFault insufficientCapacity(CacheClusterPlan plan) {
        return insufficientCapacity(plan, null);
    }

    private static InsufficientCacheClusterCapacityFault insufficientCapacity(CacheClusterPlan plan, String nodeZone) {
        return new InsufficientCacheClusterCapacityFault(plan.cacheNodeType()
                + " is not currently available in " + (nodeZone != null ? nodeZone : plan.preferredAvailabilityZone() != null
                ? plan.preferredAvailabilityZone() : "the availability zones of cache subnet group " + plan.cacheSubnetGroupName())
                + ": no host has room for it. Retry later, with a smaller node type, or in a different availability zone.");
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

    /**
     * Changes a cluster. Settings take effect at once; node type and engine (version) changes
     * restart the nodes, now with ApplyImmediately or else in the next maintenance window
     * (shown meanwhile in PendingModifiedValues).
     */
    @Transactional
    public CacheClusterView modify(Caller caller, ModifyCacheClusterCommand command) {
        return modify(caller, command, current -> true);
    }

    /**
     * Modify, on condition that the cluster is still as the caller last saw it: {@code expected}
     * is asked about the current state inside the transaction, with the cluster's row locked (the
     * REST API's {@code If-Match}).
     */
    @Transactional
    public CacheClusterView modify(Caller caller, ModifyCacheClusterCommand command, Predicate<CacheClusterView> expected) {
        CacheCluster cluster = findForUpdate(caller, command.cacheClusterId());
        requireUnchanged(cluster, expected);
        if (cluster.status() != CacheClusterStatus.AVAILABLE) {
            throw new InvalidCacheClusterStateFault("Cache cluster " + cluster.clusterId() + " is not in available state.");
        }
        java.util.SortedMap<String, String> nodeZones = new java.util.TreeMap<>();
        cluster.nodes().stream().filter(n -> n.status() != CacheNodeStatus.DELETING).forEach(n -> nodeZones.put(n.cacheNodeId(),
                n.availabilityZone() != null ? n.availabilityZone() : n.requestedZone() == null ? "" : n.requestedZone()));
        Set<String> liveZones = fleet.liveHosts().stream().map(HostView::availabilityZone).collect(Collectors.toSet());
        Set<String> subnetZones = subnetGroups.zones(cluster.accountId(), cluster.subnetGroupName()).map(Set::copyOf).orElse(liveZones);
        CacheClusterModification m = modifier.plan(new CacheClusterModifier.Current(cluster.engine(),
                cluster.engineVersion(), cluster.cacheNodeType(), cluster.parameterGroupName(), nodeZones,
                cluster.azMode(), liveZones, subnetZones, cluster.subnetGroupName()), command,
                name -> parameterGroups.familyForUse(caller.accountId(), name));
        if (m.azMode() != null) {
            cluster.azMode(m.azMode());
        }
        if (m.changesNodeCount()) {
            int added = m.newZones().size();
            AccountQuotas quotas = identity.quotas(caller.accountId());
            if (added > 0 && clusters.countNodes(caller.accountId()) + added > quotas.nodes()) {
                throw new NodeQuotaForCustomerExceededFault("This change would exceed this account's quota of "
                        + quotas.nodes() + " cache nodes.");
            }
            if (m.applyImmediately()) {
                changeNodes(cluster, m.newZones(), m.nodeIdsToRemove());
            } else {
                cluster.setPendingNodes(m.numCacheNodes(), m.nodeIdsToRemove(), m.newZones().stream()
                        .map(z -> z == null ? "" : z).toList());
            }
        }
        boolean deferredNodes = m.changesNodes() && !m.applyImmediately();
        cluster.modifySettings(m.maintenanceWindow(), m.snapshotRetentionLimit(), m.snapshotWindow(),
                m.autoMinorVersionUpgrade(), m.securityGroupIds(), deferredNodes ? null : m.parameterGroupName(),
                m.notificationTopicArn(), m.notificationTopicStatus());
        if (deferredNodes) {
            cluster.setPending(m.nodeType(), m.engine(), m.engineVersion(), m.parameterGroupName());
        } else if (m.changesNodes()) {
            applyNodeChange(cluster, m.nodeType(), m.engine(), m.engineVersion(), m.parameterGroupName());
        } else if (m.parameterGroupName() != null) {
            // Immediate parameters of the new group are applied live; the others wait for a reboot.
            cluster.parameterGroupChanged();
            workflows.request(CacheClusterReconciler.KIND, cluster.id().toString());
        }
        clusters.saveAndFlush(cluster);
        return view(cluster);
    }

    /** Adds and removes memcached nodes now; the workflow does the rest. */
    private void changeNodes(CacheCluster cluster, List<String> newZones, List<String> idsToRemove) {
        long memory = nodeTypes.find(cluster.cacheNodeType()).map(NodeType::memoryBytes).orElseThrow();
        for (String zone : new java.util.HashSet<>(newZones)) {
            Set<String> where = zone == null || zone.isEmpty()
                    ? subnetGroups.zones(cluster.accountId(), cluster.subnetGroupName()).map(Set::copyOf).orElse(fleet.zones())
                    : Set.of(zone);
            if (fleet.placeNode(where, memory).isEmpty()) {
                throw new InsufficientCacheClusterCapacityFault(cluster.cacheNodeType() + " is not currently available in "
                        + (zone == null || zone.isEmpty() ? "the cluster's availability zones" : zone)
                        + ": no host has room for it. Retry later or in a different availability zone.");
            }
        }
        Map<String, String> rebootValues = NodeParameters.rebootValues(
                parameterGroups.values(cluster.accountId(), cluster.parameterGroupName()));
        UUID id = cluster.id();
        String clusterId = cluster.clusterId();
        cluster.changeNodes(newZones.stream().map(z -> z == null || z.isEmpty() ? null : z).toList(), idsToRemove, memory,
                nodeId -> clusterId + "-" + nodeId + "-" + id.toString().substring(0, 8), clock.instant(), rebootValues);
        cluster.setPendingNodes(null, null, null);
        workflows.request(CacheClusterReconciler.KIND, cluster.id().toString());
    }

    private void applyNodeChange(CacheCluster cluster, String nodeType, dev.cachalot.controlplane.catalog.Engine engine,
                                 String engineVersion, String parameterGroupName) {
        String targetType = nodeType == null ? cluster.cacheNodeType() : nodeType;
        long memory = nodeTypes.find(targetType).map(NodeType::memoryBytes).orElseThrow();
        for (CacheNode node : cluster.nodes()) {
            long growth = memory - node.memoryBytes();
            if (growth > 0 && node.hostId() != null && !fleet.hasRoom(node.hostId(), growth)) {
                throw new InsufficientCacheClusterCapacityFault(targetType + " does not fit on the host of node "
                        + node.cacheNodeId() + " of cluster " + cluster.clusterId() + ". Retry later or with a smaller node type.");
            }
        }
        String group = parameterGroupName == null ? cluster.parameterGroupName() : parameterGroupName;
        cluster.modifyNodes(targetType, engine == null ? cluster.engine() : engine,
                engineVersion == null ? cluster.engineVersion() : engineVersion, group, memory);
        // The nodes restart, so they start with the group's current values, reboot-only ones included.
        Map<String, String> rebootValues = NodeParameters.rebootValues(parameterGroups.values(cluster.accountId(), group));
        cluster.nodes().forEach(n -> n.startWith(rebootValues));
        cluster.clearPending(null);
        workflows.request(CacheClusterReconciler.KIND, cluster.id().toString());
    }

    /**
     * Restarts some of a cluster's nodes (applying parameters that only a restart applies). The
     * cluster shows {@code rebooting cache cluster nodes} until they run again.
     */
    @Transactional
    public CacheClusterView reboot(Caller caller, String clusterId, List<String> cacheNodeIds) {
        CacheCluster cluster = findForUpdate(caller, clusterId);
        if (cacheNodeIds == null || cacheNodeIds.isEmpty()) {
            throw new dev.cachalot.controlplane.fault.MissingParameterFault("CacheNodeIdsToReboot");
        }
        if (cluster.status() != CacheClusterStatus.AVAILABLE) {
            throw new InvalidCacheClusterStateFault("Cache cluster " + cluster.clusterId() + " is not in available state.");
        }
        Set<String> known = cluster.nodes().stream().map(CacheNode::cacheNodeId).collect(Collectors.toSet());
        for (String id : cacheNodeIds) {
            if (!known.contains(id)) {
                throw new dev.cachalot.controlplane.fault.InvalidParameterValueException(
                        "Cache node " + id + " was not found in cache cluster " + cluster.clusterId() + ".");
            }
        }
        cluster.reboot(Set.copyOf(cacheNodeIds),
                NodeParameters.rebootValues(parameterGroups.values(cluster.accountId(), cluster.parameterGroupName())));
        clusters.saveAndFlush(cluster);
        workflows.request(CacheClusterReconciler.KIND, cluster.id().toString());
        return view(cluster);
    }

    /** The node types the cluster's nodes can be changed to. */
    @Transactional(readOnly = true)
    public AllowedNodeTypeModifications allowedNodeTypeModifications(Caller caller, String clusterId, String replicationGroupId) {
        if ((clusterId == null) == (replicationGroupId == null)) {
            throw new InvalidParameterCombinationException("Exactly one of CacheClusterId and ReplicationGroupId must be given.");
        }
        if (replicationGroupId != null) {
            throw new ReplicationGroupNotFoundFault(replicationGroupId);
        }
        CacheCluster cluster = find(caller, clusterId);
        long current = nodeTypes.find(cluster.cacheNodeType()).map(NodeType::memoryBytes).orElseThrow();
        List<NodeType> all = nodeTypes.all();
        return new AllowedNodeTypeModifications(
                all.stream().filter(t -> t.memoryBytes() > current).map(NodeType::name).toList(),
                all.stream().filter(t -> t.memoryBytes() < current).map(NodeType::name).toList());
    }

    @Transactional
    public CacheClusterView delete(Caller caller, String clusterId) {
        return delete(caller, clusterId, current -> true);
    }

    /** Delete, on condition that the cluster is still as the caller last saw it (see modify). */
    @Transactional
    public CacheClusterView delete(Caller caller, String clusterId, Predicate<CacheClusterView> expected) {
        CacheCluster cluster = findForUpdate(caller, clusterId);
        requireUnchanged(cluster, expected);
        if (cluster.status() == CacheClusterStatus.DELETING) {
            throw new InvalidCacheClusterStateFault("Cache cluster " + cluster.clusterId() + " is already being deleted.");
        }
        cluster.markDeleting();
        clusters.saveAndFlush(cluster);
        workflows.request(CacheClusterReconciler.KIND, cluster.id().toString());
        return view(cluster);
    }

    /**
     * Applies pending changes of every cluster whose maintenance window is open now, once per
     * window. Run periodically by the workflow engine.
     */
    @Transactional
    public void applyMaintenance() {
        Instant now = clock.instant();
        for (UUID pendingId : clusters.findWithPendingChanges().stream().map(CacheCluster::id).toList()) {
            CacheCluster cluster = clusters.lockById(pendingId).orElse(null);
            if (cluster == null || cluster.status() != CacheClusterStatus.AVAILABLE || !cluster.hasPendingChanges()) {
                continue;
            }
            boolean appliedThisWindow = cluster.lastMaintenanceAt() != null
                    && cluster.lastMaintenanceAt().isAfter(now.minus(ONE_WINDOW));
            if (appliedThisWindow || !ClusterSettingRules.inMaintenanceWindow(cluster.preferredMaintenanceWindow(), now)) {
                continue;
            }
            log.info("Applying pending changes of cache cluster {} in its maintenance window {}",
                    cluster.clusterId(), cluster.preferredMaintenanceWindow());
            try {
                if (cluster.pendingNumCacheNodes() != null) {
                    changeNodes(cluster, cluster.pendingNewZones(), cluster.pendingNodeIdsToRemove());
                }
                if (cluster.pendingCacheNodeType() != null || cluster.pendingEngine() != null
                        || cluster.pendingEngineVersion() != null) {
                    applyNodeChange(cluster, cluster.pendingCacheNodeType(), cluster.pendingEngine(),
                            cluster.pendingEngineVersion(), cluster.pendingParameterGroupName());
                }
            } catch (InsufficientCacheClusterCapacityFault e) {
                log.warn("Cache cluster {}: {}", cluster.clusterId(), e.getMessage());
                continue;
            }
            cluster.clearPending(now);
        }
    }

    private void requireUnchanged(CacheCluster cluster, Predicate<CacheClusterView> expected) {
        if (!expected.test(view(cluster))) {
            throw new PreconditionFailedFault("Cache cluster " + cluster.clusterId() + " has changed since you read it.");
        }
    }

    /** The cluster, with its row locked for this transaction (see the repository's lock finders). */
    private CacheCluster findForUpdate(Caller caller, String clusterId) {
        String id = clusterId.toLowerCase(Locale.ROOT);
        return clusters.lockByAccountIdAndClusterId(caller.accountId(), id)
                .orElseThrow(() -> new CacheClusterNotFoundFault(id));
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
        String zone = CacheClusterPlanner.CROSS_AZ.equals(c.azMode()) ? "Multiple"
                : c.preferredAvailabilityZone() != null ? c.preferredAvailabilityZone()
                : nodes.stream().map(CacheClusterView.CacheNodeView::availabilityZone).filter(z -> z != null).findFirst().orElse(null);
        CacheClusterView.Endpoint configuration = c.discoveryPort() == null ? null
                : new CacheClusterView.Endpoint(endpoints.configurationAddress(c.accountId(), c.clusterId()), c.discoveryPort());
        return new CacheClusterView(arn, c.clusterId(), c.engine().wireName(), c.engineVersion(), c.cacheNodeType(),
                c.status(), c.numCacheNodes(), zone, c.createdAt(), c.preferredMaintenanceWindow(),
                c.parameterGroupName(), c.snapshotRetentionLimit(), c.snapshotWindow(), c.autoMinorVersionUpgrade(),
                c.transitEncryptionEnabled(), nodes,
                new CacheClusterView.Pending(c.pendingCacheNodeType(), c.pendingEngineVersion(), c.pendingNumCacheNodes(),
                        c.pendingNodeIdsToRemove()),
                c.securityGroupIds(), c.notificationTopicArn(), c.notificationTopicStatus(),
                applyStatus, toReboot, c.subnetGroupName(), configuration, c.azMode());
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

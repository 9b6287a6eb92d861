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
import dev.cachalot.controlplane.replicationgroup.ReplicationGroupNotFoundFault;
import dev.cachalot.controlplane.workflow.WorkflowEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
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
    private final Clock clock;
    private final String region;

    CacheClusterService(CacheClusterRepository clusters, CacheClusterPlanner planner, CacheClusterModifier modifier,
                        NodeTypeCatalog nodeTypes, FleetService fleet, IdentityService identity, WorkflowEngine workflows,
                        Clock clock, CachalotProperties properties) {
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
        CacheClusterPlan plan = check(caller, command);
        CacheCluster cluster = new CacheCluster(UUID.randomUUID(), caller.accountId(), plan, clock.instant());
        try {
            clusters.saveAndFlush(cluster);
        } catch (DataIntegrityViolationException e) {
            // A concurrent create of the same id won the race on the unique key.
            throw new CacheClusterAlreadyExistsFault(plan.clusterId());
        }
        workflows.request(CacheClusterReconciler.KIND, cluster.id().toString());
        return view(cluster);
    }

    /**
     * Checks a create without making it (a dry run, for forms that validate before they submit):
     * throws exactly the fault {@link #create} would, or returns normally.
     */
    @Transactional(readOnly = true)
    public void validateCreate(Caller caller, CreateCacheClusterCommand command) {
        check(caller, command);
    }

    private CacheClusterPlan check(Caller caller, CreateCacheClusterCommand command) {
        List<HostView> hosts = fleet.liveHosts();
        Set<String> zones = hosts.stream().map(HostView::availabilityZone).collect(Collectors.toSet());
        CacheClusterPlan plan = planner.plan(command, zones);
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
        Set<String> allowedZones = plan.preferredAvailabilityZone() == null ? Set.of() : Set.of(plan.preferredAvailabilityZone());
        if (fleet.placeNode(allowedZones, plan.maxMemoryBytes()).isEmpty()) {
            throw new InsufficientCacheClusterCapacityFault(plan.cacheNodeType() + " is not currently available"
                    + (plan.preferredAvailabilityZone() == null ? "" : " in " + plan.preferredAvailabilityZone())
                    + ": no host has room for it. Retry later, with a smaller node type, or in a different availability zone.");
        }
        return plan;
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
     * is asked about the current state inside the transaction (the REST API's {@code If-Match});
     * a concurrent change that lands first fails this one at commit (optimistic locking).
     */
    @Transactional
    public CacheClusterView modify(Caller caller, ModifyCacheClusterCommand command, Predicate<CacheClusterView> expected) {
        CacheCluster cluster = find(caller, command.cacheClusterId());
        requireUnchanged(cluster, expected);
        if (cluster.status() != CacheClusterStatus.AVAILABLE) {
            throw new InvalidCacheClusterStateFault("Cache cluster " + cluster.clusterId() + " is not in available state.");
        }
        CacheClusterModification m = modifier.plan(new CacheClusterModifier.Current(cluster.engine(),
                cluster.engineVersion(), cluster.cacheNodeType(), cluster.parameterGroupName()), command);
        boolean deferredNodes = m.changesNodes() && !m.applyImmediately();
        cluster.modifySettings(m.maintenanceWindow(), m.snapshotRetentionLimit(), m.snapshotWindow(),
                m.autoMinorVersionUpgrade(), m.securityGroupIds(), deferredNodes ? null : m.parameterGroupName(),
                m.notificationTopicArn(), m.notificationTopicStatus());
        if (deferredNodes) {
            cluster.setPending(m.nodeType(), m.engine(), m.engineVersion(), m.parameterGroupName());
        } else if (m.changesNodes()) {
            applyNodeChange(cluster, m.nodeType(), m.engine(), m.engineVersion(), m.parameterGroupName());
        }
        clusters.saveAndFlush(cluster);
        return view(cluster);
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
        cluster.modifyNodes(targetType, engine == null ? cluster.engine() : engine,
                engineVersion == null ? cluster.engineVersion() : engineVersion,
                parameterGroupName == null ? cluster.parameterGroupName() : parameterGroupName, memory);
        cluster.clearPending(null);
        workflows.request(CacheClusterReconciler.KIND, cluster.id().toString());
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
        CacheCluster cluster = find(caller, clusterId);
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
        for (CacheCluster cluster : clusters.findWithPendingChanges()) {
            boolean appliedThisWindow = cluster.lastMaintenanceAt() != null
                    && cluster.lastMaintenanceAt().isAfter(now.minus(ONE_WINDOW));
            if (appliedThisWindow || !ClusterSettingRules.inMaintenanceWindow(cluster.preferredMaintenanceWindow(), now)) {
                continue;
            }
            log.info("Applying pending changes of cache cluster {} in its maintenance window {}",
                    cluster.clusterId(), cluster.preferredMaintenanceWindow());
            try {
                applyNodeChange(cluster, cluster.pendingCacheNodeType(), cluster.pendingEngine(),
                        cluster.pendingEngineVersion(), cluster.pendingParameterGroupName());
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

    private CacheCluster find(Caller caller, String clusterId) {
        String id = clusterId.toLowerCase(Locale.ROOT);
        return clusters.findByAccountIdAndClusterId(caller.accountId(), id)
                .orElseThrow(() -> new CacheClusterNotFoundFault(id));
    }

    private CacheClusterView view(CacheCluster c) {
        String arn = "arn:aws:elasticache:" + region + ":" + c.accountId() + ":cluster:" + c.clusterId();
        List<CacheClusterView.CacheNodeView> nodes = c.nodes().stream()
                .map(n -> new CacheClusterView.CacheNodeView(n.cacheNodeId(), n.status(), n.createdAt(),
                        n.address(), n.port(), n.availabilityZone()))
                .toList();
        String zone = c.preferredAvailabilityZone() != null ? c.preferredAvailabilityZone()
                : nodes.stream().map(CacheClusterView.CacheNodeView::availabilityZone).filter(z -> z != null).findFirst().orElse(null);
        String pendingVersion = c.pendingEngineVersion();
        return new CacheClusterView(arn, c.clusterId(), c.engine().wireName(), c.engineVersion(), c.cacheNodeType(),
                c.status(), c.numCacheNodes(), zone, c.createdAt(), c.preferredMaintenanceWindow(),
                c.parameterGroupName(), c.snapshotRetentionLimit(), c.snapshotWindow(), c.autoMinorVersionUpgrade(),
                c.transitEncryptionEnabled(), nodes,
                new CacheClusterView.Pending(c.pendingCacheNodeType(), pendingVersion),
                c.securityGroupIds(), c.notificationTopicArn(), c.notificationTopicStatus());
    }
}

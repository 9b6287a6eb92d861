package dev.cachalot.controlplane.cachecluster;

import dev.cachalot.controlplane.catalog.Engine;
import dev.cachalot.controlplane.catalog.NodeType;
import dev.cachalot.controlplane.catalog.NodeTypeCatalog;
import dev.cachalot.controlplane.event.EventService;
import dev.cachalot.controlplane.event.SourceType;
import dev.cachalot.controlplane.fleet.AgentClient;
import dev.cachalot.controlplane.fleet.AgentUnavailableException;
import dev.cachalot.controlplane.fleet.FleetService;
import dev.cachalot.controlplane.fleet.HostView;
import dev.cachalot.controlplane.fleet.NodeSpecification;
import dev.cachalot.controlplane.fleet.ObservedNode;
import dev.cachalot.controlplane.parametergroup.CacheParameterGroupService;
import dev.cachalot.controlplane.parametergroup.ParameterValue;
import dev.cachalot.controlplane.subnetgroup.CacheSubnetGroupService;
import dev.cachalot.controlplane.tag.TagService;
import dev.cachalot.controlplane.workflow.Outcome;
import dev.cachalot.controlplane.workflow.Reconciler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes a cache cluster from {@code creating} to {@code available} and from {@code deleting} to
 * gone. Each step is an idempotent "ensure" keyed by the node's stable name, so a run can stop
 * anywhere (a crash, a restart, an unreachable agent) and the next run picks up from what the
 * database and the agents say. Nothing counts as done until an agent has reported it.
 */
@Component
class CacheClusterReconciler implements Reconciler {

    static final String KIND = "cache-cluster";

    private static final Logger log = LoggerFactory.getLogger(CacheClusterReconciler.class);

    private final CacheClusterRepository clusters;
    private final FleetService fleet;
    private final AgentClient agents;
    private final NodeTypeCatalog nodeTypes;
    private final EventService events;
    private final TagService tags;
    private final CacheParameterGroupService parameterGroups;
    private final CacheSubnetGroupService subnetGroups;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ClusterEndpoints endpoints;
    private final Duration drain;

    CacheClusterReconciler(CacheClusterRepository clusters, FleetService fleet, AgentClient agents,
                           NodeTypeCatalog nodeTypes, EventService events, TagService tags,
                           CacheParameterGroupService parameterGroups, CacheSubnetGroupService subnetGroups,
                           TransactionTemplate tx, Clock clock, ClusterEndpoints endpoints,
                           dev.cachalot.controlplane.CachalotProperties properties) {
        this.endpoints = endpoints;
        this.drain = properties.discovery().drain();
        this.clusters = clusters;
        this.fleet = fleet;
        this.agents = agents;
        this.nodeTypes = nodeTypes;
        this.events = events;
        this.tags = tags;
        this.parameterGroups = parameterGroups;
        this.subnetGroups = subnetGroups;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<String> pendingResources() {
        return clusters.findPendingIds().stream().map(UUID::toString).toList();
    }

    @Override
    public Outcome reconcile(String resourceKey) {
        UUID id = UUID.fromString(resourceKey);
        Optional<ClusterState> state = tx.execute(s -> clusters.findById(id).map(this::stateOf));
        if (state.isEmpty()) {
            return Outcome.DONE;
        }
        return switch (state.get().status()) {
            case AVAILABLE -> state.get().generation() > state.get().observedGeneration()
                    ? ensureApplied(state.get()) : Outcome.DONE;
            case CREATING, MODIFYING, REBOOTING -> ensureRunning(state.get());
            case DELETING -> ensureDeleted(state.get());
        };
    }

    /**
     * Every node placed, applied at the cluster's generation and observed running it; then the
     * cluster (being created, modified or rebooted) is available.
     */
    private Outcome ensureRunning(ClusterState cluster) {
        boolean allRunning = true;
        for (NodeState node : cluster.nodes()) {
            if (node.status() == CacheNodeStatus.DELETING) {
                // removed below, once the others no longer list it; until it stops it still answers
                // "config get cluster", so it gets the new list too: a client that polls through it
                // (xmemcached asks one of its node connections) moves on instead of holding on to it
                giveListToLeavingNode(cluster, node);
                continue;
            }
            Optional<HostView> host = ensurePlaced(cluster, node);
            if (host.isEmpty()) {
                allRunning = false;
                continue;
            }
            ObservedNode observed;
            try {
                // A reboot restarts the process even when its spec is unchanged; once per generation.
                observed = node.status() == CacheNodeStatus.REBOOTING
                        ? agents.rebootNode(host.get(), spec(cluster, node))
                        : agents.applyNode(host.get(), spec(cluster, node));
            } catch (AgentUnavailableException e) {
                log.debug("Cluster {} waits for its agent: {}", cluster.clusterId(), e.getMessage());
                allRunning = false;
                continue;
            }
            if (observed.running() && observed.generation() >= cluster.generation()) {
                reportUnapplied(cluster, node, observed);
                recordRunning(cluster.id(), node.cacheNodeId(), observed.port());
            } else {
                allRunning = false;
            }
        }
        if (!allRunning) {
            return Outcome.RETRY;
        }
        if (cluster.engine() == Engine.MEMCACHED) {
            if (ensureDiscoveryList(cluster)) {
                return Outcome.RETRY; // a new list and generation: the next run gives it to every node
            }
            if (!ensureRemoved(cluster)) {
                return Outcome.RETRY;
            }
        }
        boolean converged = Boolean.TRUE.equals(tx.execute(s -> clusters.lockById(cluster.id())
                .filter(c -> c.status() == cluster.status() && c.generation() == cluster.generation())
                .map(c -> {
                    c.markAvailable(cluster.generation());
                    events.record(c.accountId(), SourceType.CACHE_CLUSTER, c.clusterId(), switch (cluster.status()) {
                        case CREATING -> "Cache cluster created";
                        case REBOOTING -> "Cache cluster rebooted";
                        default -> "Cache cluster modified";
                    });
                    return true;
                })
                .orElse(false)));
        if (!converged) {
            return Outcome.RETRY; // the desired state changed meanwhile (e.g. a delete): look again
        }
        if (cluster.status() == CacheClusterStatus.CREATING) {
            log.info("Cache cluster {} is available ({} ms after create)", cluster.clusterId(),
                    Duration.between(cluster.createdAt(), clock.instant()).toMillis());
        } else {
            log.info("Cache cluster {} is available again (generation {})", cluster.clusterId(), cluster.generation());
        }
        return Outcome.DONE;
    }

    /**
     * Brings the nodes of an available cluster to a newer desired state that needs no new node,
     * such as changed parameter values: the agents apply them to the running processes.
     */
    private Outcome ensureApplied(ClusterState cluster) {
        boolean allApplied = true;
        for (NodeState node : cluster.nodes()) {
            Optional<HostView> host = node.hostId() == null ? Optional.empty() : fleet.host(node.hostId());
            if (host.isEmpty()) {
                allApplied = false;
                continue;
            }
            try {
                ObservedNode observed = agents.applyNode(host.get(), spec(cluster, node));
                if (observed.running() && observed.generation() >= cluster.generation()) {
                    reportUnapplied(cluster, node, observed);
                } else {
                    allApplied = false;
                }
            } catch (AgentUnavailableException e) {
                log.debug("Cluster {} waits for its agent: {}", cluster.clusterId(), e.getMessage());
                allApplied = false;
            }
        }
        if (!allApplied) {
            return Outcome.RETRY;
        }
        boolean converged = Boolean.TRUE.equals(tx.execute(s -> clusters.lockById(cluster.id())
                .filter(c -> c.status() == CacheClusterStatus.AVAILABLE && c.generation() == cluster.generation())
                .map(c -> {
                    c.markAvailable(cluster.generation());
                    events.record(c.accountId(), SourceType.CACHE_CLUSTER, c.clusterId(), "Cache cluster parameters changed");
                    return true;
                })
                .orElse(false)));
        return converged ? Outcome.DONE : Outcome.RETRY;
    }

    private void giveListToLeavingNode(ClusterState cluster, NodeState node) {
        if (cluster.engine() != Engine.MEMCACHED || cluster.discoveryVersion() == 0 || node.hostId() == null
                || cluster.discoveryChangedAt() == null || !clock.instant().isBefore(cluster.discoveryChangedAt().plus(drain))) {
            return; // only during the drain: afterwards the node is being removed, never started again
        }
        fleet.host(node.hostId()).ifPresent(host -> {
            try {
                agents.applyNode(host, spec(cluster, node));
            } catch (AgentUnavailableException e) {
                log.debug("Cluster {}: node {} leaves without the last list: {}", cluster.clusterId(), node.nodeName(),
                        e.getMessage());
            }
        });
    }

    private NodeSpecification spec(ClusterState cluster, NodeState node) {
        NodeSpecification.AutoDiscovery discovery = cluster.engine() == Engine.MEMCACHED && cluster.discoveryVersion() > 0
                ? NodeSpecification.AutoDiscovery.parse(cluster.discoveryVersion(), cluster.discoveryNodes()) : null;
        return new NodeSpecification(node.nodeName(), cluster.engine(), cluster.engineVersion(), cluster.maxMemoryBytes(),
                cluster.generation(), node.engineSettings(), discovery);
    }

    /**
     * Memcached: the Auto Discovery list is every node that stays, with its DNS name, address and port.
     * When that differs from the recorded list, records it as a new version (and generation), which the
     * next run gives to every node. Returns true when it changed.
     */
    private boolean ensureDiscoveryList(ClusterState cluster) {
        return Boolean.TRUE.equals(tx.execute(s -> clusters.lockById(cluster.id())
                .filter(c -> c.generation() == cluster.generation())
                .map(c -> {
                    String list = c.nodes().stream()
                            .filter(n -> n.status() != CacheNodeStatus.DELETING && n.address() != null && n.port() != null)
                            .map(n -> endpoints.nodeHostname(c.accountId(), c.clusterId(), n.cacheNodeId()) + "|"
                                    + n.address() + "|" + n.port())
                            .collect(java.util.stream.Collectors.joining(" "));
                    if (!c.discoveryChanged(list, clock.instant())) {
                        return false;
                    }
                    log.info("Cache cluster {}: Auto Discovery version {}: {}", c.clusterId(), c.discoveryVersion(), list);
                    return true;
                })
                .orElse(false)));
    }

    /**
     * Removes the nodes marked for removal, now that the others have a list without them, and a drain
     * period ({@code cachalot.discovery.drain}) after that list was made, so that clients polling
     * "config get cluster" drop a node before it stops answering.
     */
    private boolean ensureRemoved(ClusterState cluster) {
        boolean removing = cluster.nodes().stream().anyMatch(n -> n.status() == CacheNodeStatus.DELETING);
        if (removing && cluster.discoveryChangedAt() != null
                && clock.instant().isBefore(cluster.discoveryChangedAt().plus(drain))) {
            return false;
        }
        for (NodeState node : cluster.nodes()) {
            if (node.status() != CacheNodeStatus.DELETING) {
                continue;
            }
            if (node.hostId() != null) {
                Optional<HostView> host = fleet.host(node.hostId());
                if (host.isPresent()) {
                    try {
                        agents.removeNode(host.get(), node.nodeName());
                    } catch (AgentUnavailableException e) {
                        log.debug("Cluster {} waits for its agent to remove {}: {}", cluster.clusterId(), node.nodeName(), e.getMessage());
                        return false;
                    }
                }
            }
            tx.executeWithoutResult(s -> clusters.lockById(cluster.id()).ifPresent(c -> {
                if (c.nodes().removeIf(n -> n.cacheNodeId().equals(node.cacheNodeId()) && n.status() == CacheNodeStatus.DELETING)) {
                    events.record(c.accountId(), SourceType.CACHE_CLUSTER, c.clusterId(),
                            "Removed cache node " + node.cacheNodeId());
                }
            }));
        }
        return true;
    }

    private static void reportUnapplied(ClusterState cluster, NodeState node, ObservedNode observed) {
        if (!observed.unappliedParameters().isEmpty()) {
            log.info("Cluster {} node {}: the engine runs without parameters {}", cluster.clusterId(), node.cacheNodeId(),
                    observed.unappliedParameters().keySet());
        }
    }

    /** The node's host: the one it was placed on, or a new placement recorded before anything starts. */
    private Optional<HostView> ensurePlaced(ClusterState cluster, NodeState node) {
        if (node.hostId() != null) {
            return fleet.host(node.hostId());
        }
        Optional<HostView> host = fleet.placeNode(node.requestedZone() != null ? java.util.Set.of(node.requestedZone())
                : cluster.placementZones(), node.memoryBytes());
        if (host.isEmpty()) {
            log.debug("Cluster {} waits for a live host", cluster.clusterId());
            return host;
        }
        tx.executeWithoutResult(s -> clusters.lockById(cluster.id()).ifPresent(c -> c.nodes().stream()
                .filter(n -> n.cacheNodeId().equals(node.cacheNodeId()) && n.hostId() == null)
                .forEach(n -> n.place(host.get().id(), host.get().availabilityZone(), host.get().nodeAddress()))));
        return host;
    }

    private void recordRunning(UUID clusterId, String cacheNodeId, int port) {
        tx.executeWithoutResult(s -> clusters.lockById(clusterId).ifPresent(c -> c.nodes().stream()
                .filter(n -> n.cacheNodeId().equals(cacheNodeId))
                .filter(n -> n.status() != CacheNodeStatus.AVAILABLE || n.port() == null || n.port() != port)
                .forEach(n -> {
                    if (n.status() == CacheNodeStatus.CREATING) {
                        events.record(c.accountId(), SourceType.CACHE_CLUSTER, c.clusterId(),
                                "Added cache node " + n.cacheNodeId() + " in availability zone " + n.availabilityZone());
                    }
                    n.markRunning(port);
                })));
    }

    private Outcome ensureDeleted(ClusterState cluster) {
        for (NodeState node : cluster.nodes()) {
            if (node.hostId() != null) {
                Optional<HostView> host = fleet.host(node.hostId());
                if (host.isPresent()) {
                    try {
                        agents.removeNode(host.get(), node.nodeName());
                    } catch (AgentUnavailableException e) {
                        log.debug("Cluster {} waits for its agent to remove {}: {}", cluster.clusterId(), node.nodeName(), e.getMessage());
                        return Outcome.RETRY;
                    }
                }
            }
            tx.executeWithoutResult(s -> clusters.lockById(cluster.id())
                    .ifPresent(c -> c.nodes().removeIf(n -> n.cacheNodeId().equals(node.cacheNodeId()))));
        }
        tx.executeWithoutResult(s -> clusters.lockById(cluster.id())
                .filter(c -> c.status() == CacheClusterStatus.DELETING)
                .ifPresent(c -> {
                    clusters.delete(c);
                    tags.deleteAll(c.accountId(), CacheClusterTaggable.ARN_TYPE, c.clusterId());
                    events.record(c.accountId(), SourceType.CACHE_CLUSTER, c.clusterId(), "Cache cluster deleted");
                }));
        log.info("Cache cluster {} deleted", cluster.clusterId());
        return Outcome.DONE;
    }

    /** What one run needs to know of the cluster, read in one short transaction. */
    private record ClusterState(UUID id, String clusterId, CacheClusterStatus status,
                                Engine engine, String engineVersion,
                                long maxMemoryBytes, String preferredAvailabilityZone, long generation,
                                long observedGeneration, Instant createdAt, List<NodeState> nodes,
                                java.util.Set<String> placementZones, long discoveryVersion, String discoveryNodes,
                                Instant discoveryChangedAt) {}

    /** @param engineSettings the engine directives of the node's spec */
    private record NodeState(String cacheNodeId, String nodeName, UUID hostId, long memoryBytes,
                             CacheNodeStatus status, Map<String, String> engineSettings, String requestedZone) {}

    private ClusterState stateOf(CacheCluster c) {
        List<ParameterValue> parameters = parameterGroups.values(c.accountId(), c.parameterGroupName());
        long nodeMemory = nodeTypes.find(c.cacheNodeType()).map(NodeType::memoryBytes).orElse(0L);
        return new ClusterState(c.id(), c.clusterId(), c.status(), c.engine(), c.engineVersion(),
                NodeParameters.maxMemoryBytes(nodeMemory, parameters),
                c.preferredAvailabilityZone(), c.generation(), c.observedGeneration(), c.createdAt(),
                c.nodes().stream().map(n -> new NodeState(n.cacheNodeId(), n.nodeName(), n.hostId(), n.memoryBytes(), n.status(),
                        NodeParameters.engineSettings(parameters, n.rebootParameters()), n.requestedZone())).toList(),
                c.preferredAvailabilityZone() != null ? java.util.Set.of(c.preferredAvailabilityZone())
                        : java.util.Set.copyOf(subnetGroups.zones(c.accountId(), c.subnetGroupName()).orElse(fleet.zones())),
                c.discoveryVersion(), c.discoveryNodes(), c.discoveryChangedAt());
    }
}

package dev.cachalot.controlplane.cachecluster;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One node of a cache cluster: where it is placed and what its agent last reported. */
@Entity
@Table(name = "cache_nodes")
class CacheNode {

    @Id
    private UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "cluster_uuid")
    private CacheCluster cluster;

    /** {@code 0001}, {@code 0002}, … */
    @Column(name = "cache_node_id", nullable = false)
    private String cacheNodeId;

    /** The agent's id for the node process: unique across the fleet and the node's whole life. */
    @Column(name = "node_name", nullable = false, unique = true)
    private String nodeName;

    @Column(name = "host_id")
    private UUID hostId;

    @Column(name = "availability_zone")
    private String availabilityZone;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private CacheNodeStatus status;

    private String address;

    private Integer port;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** Memory reserved for the node on its host: its node type's memory. */
    @Column(name = "memory_bytes", nullable = false)
    private long memoryBytes;

    /**
     * The values of the group's requires-reboot parameters this node's process starts with; they
     * change only when the node (re)starts, so a group change shows as pending until a reboot.
     */
    @Convert(converter = ParameterMapConverter.class)
    @Column(name = "reboot_parameters")
    private Map<String, String> rebootParameters;

    /** The zone the node was asked for; null = any of its cluster's zones. */
    @Column(name = "requested_zone")
    private String requestedZone;

    protected CacheNode() {}

    CacheNode(CacheCluster cluster, String cacheNodeId, String nodeName, long memoryBytes, Instant now) {
        this.memoryBytes = memoryBytes;
        this.id = UUID.randomUUID();
        this.cluster = cluster;
        this.cacheNodeId = cacheNodeId;
        this.nodeName = nodeName;
        this.status = CacheNodeStatus.CREATING;
        this.createdAt = now;
    }

    String cacheNodeId() { return cacheNodeId; }
    String nodeName() { return nodeName; }
    UUID hostId() { return hostId; }
    String availabilityZone() { return availabilityZone; }
    CacheNodeStatus status() { return status; }
    String address() { return address; }
    Integer port() { return port; }
    Instant createdAt() { return createdAt; }
    long memoryBytes() { return memoryBytes; }

    Map<String, String> rebootParameters() { return rebootParameters; }
    String requestedZone() { return requestedZone; }

    void requestZone(String zone) {
        this.requestedZone = zone;
    }

    /**
     * Records the requires-reboot parameter values the node's next process start uses: at creation,
     * and when a reboot applies the group's pending values.
     */
    void startWith(Map<String, String> rebootParameterValues) {
        this.rebootParameters = Map.copyOf(rebootParameterValues);
    }

    void place(UUID hostId, String availabilityZone, String address) {
        this.hostId = hostId;
        this.availabilityZone = availabilityZone;
        this.address = address;
    }

    void markRunning(int port) {
        this.port = port;
        this.status = CacheNodeStatus.AVAILABLE;
    }

    void markRebooting(Map<String, String> rebootParameterValues) {
        this.status = CacheNodeStatus.REBOOTING;
        startWith(rebootParameterValues);
    }

    void markDeleting() {
        this.status = CacheNodeStatus.DELETING;
    }

    /** The node is being restarted with a new specification (node type, engine version). */
    void markModifying(long memoryBytes) {
        this.memoryBytes = memoryBytes;
        this.status = CacheNodeStatus.MODIFYING;
    }
}

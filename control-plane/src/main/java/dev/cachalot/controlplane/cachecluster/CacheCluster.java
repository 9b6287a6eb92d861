package dev.cachalot.controlplane.cachecluster;

import dev.cachalot.controlplane.catalog.Engine;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A node-based cache cluster: the desired state a tenant asked for, plus its lifecycle status. */
@Entity
@Table(name = "cache_clusters")
class CacheCluster {

    @Id
    private UUID id;

    @Column(name = "account_id", nullable = false)
    private String accountId;

    @Column(name = "cluster_id", nullable = false)
    private String clusterId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Engine engine;

    @Column(name = "engine_version", nullable = false)
    private String engineVersion;

    @Column(name = "cache_node_type", nullable = false)
    private String cacheNodeType;

    @Column(name = "num_cache_nodes", nullable = false)
    private int numCacheNodes;

    @Column(name = "preferred_availability_zone")
    private String preferredAvailabilityZone;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private CacheClusterStatus status;

    @Column(nullable = false)
    private int port;

    @Column(name = "parameter_group_name", nullable = false)
    private String parameterGroupName;

    @Column(name = "subnet_group_name", nullable = false)
    private String subnetGroupName;

    @Column(name = "preferred_maintenance_window", nullable = false)
    private String preferredMaintenanceWindow;

    @Column(name = "snapshot_retention_limit", nullable = false)
    private int snapshotRetentionLimit;

    @Column(name = "snapshot_window")
    private String snapshotWindow;

    @Column(name = "auto_minor_version_upgrade", nullable = false)
    private boolean autoMinorVersionUpgrade;

    @Column(name = "transit_encryption_enabled", nullable = false)
    private boolean transitEncryptionEnabled;

    /** Bumped by every change of the desired state. */
    @Column(nullable = false)
    private long generation;

    /** The generation the fleet last converged to. */
    @Column(name = "observed_generation", nullable = false)
    private long observedGeneration;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    @Column(nullable = false)
    private long version;

    @OneToMany(mappedBy = "cluster", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("cacheNodeId")
    private List<CacheNode> nodes = new ArrayList<>();

    protected CacheCluster() {}

    CacheCluster(UUID id, String accountId, CacheClusterPlan plan, Instant now) {
        this.id = id;
        this.accountId = accountId;
        this.clusterId = plan.clusterId();
        this.engine = plan.engine();
        this.engineVersion = plan.engineVersion();
        this.cacheNodeType = plan.cacheNodeType();
        this.numCacheNodes = plan.numCacheNodes();
        this.preferredAvailabilityZone = plan.preferredAvailabilityZone();
        this.status = CacheClusterStatus.CREATING;
        this.port = plan.port();
        this.parameterGroupName = plan.parameterGroupName();
        this.subnetGroupName = plan.cacheSubnetGroupName();
        this.preferredMaintenanceWindow = plan.preferredMaintenanceWindow();
        this.snapshotRetentionLimit = plan.snapshotRetentionLimit();
        this.snapshotWindow = plan.snapshotWindow();
        this.autoMinorVersionUpgrade = plan.autoMinorVersionUpgrade();
        this.transitEncryptionEnabled = false;
        this.generation = 1;
        this.observedGeneration = 0;
        this.createdAt = now;
        for (String nodeId : plan.cacheNodeIds()) {
            nodes.add(new CacheNode(this, nodeId, plan.nodeName(id, nodeId), now));
        }
    }

    UUID id() { return id; }
    String accountId() { return accountId; }
    String clusterId() { return clusterId; }
    Engine engine() { return engine; }
    String engineVersion() { return engineVersion; }
    String cacheNodeType() { return cacheNodeType; }
    int numCacheNodes() { return numCacheNodes; }
    String preferredAvailabilityZone() { return preferredAvailabilityZone; }
    CacheClusterStatus status() { return status; }
    int port() { return port; }
    String parameterGroupName() { return parameterGroupName; }
    String subnetGroupName() { return subnetGroupName; }
    String preferredMaintenanceWindow() { return preferredMaintenanceWindow; }
    int snapshotRetentionLimit() { return snapshotRetentionLimit; }
    String snapshotWindow() { return snapshotWindow; }
    boolean autoMinorVersionUpgrade() { return autoMinorVersionUpgrade; }
    boolean transitEncryptionEnabled() { return transitEncryptionEnabled; }
    long generation() { return generation; }
    Instant createdAt() { return createdAt; }
    List<CacheNode> nodes() { return nodes; }

    void markDeleting() {
        status = CacheClusterStatus.DELETING;
        generation++;
        nodes.forEach(CacheNode::markDeleting);
    }

    /** The parameter group's values changed: the nodes must be brought to them. */
    void parameterGroupChanged() {
        generation++;
    }

    long observedGeneration() { return observedGeneration; }

    void markAvailable(long convergedGeneration) {
        status = CacheClusterStatus.AVAILABLE;
        observedGeneration = convergedGeneration;
    }
}

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

    /** Changes waiting for the maintenance window (ApplyImmediately=false). */
    @Column(name = "pending_cache_node_type")
    private String pendingCacheNodeType;

    @Enumerated(EnumType.STRING)
    @Column(name = "pending_engine")
    private Engine pendingEngine;

    @Column(name = "pending_engine_version")
    private String pendingEngineVersion;

    @Column(name = "pending_parameter_group_name")
    private String pendingParameterGroupName;

    /** VPC security group ids, recorded and shown; Cachalot has no VPC firewall to apply them to. */
    @Column(name = "security_group_ids", nullable = false)
    private String securityGroupIds = "";

    @Column(name = "notification_topic_arn")
    private String notificationTopicArn;

    @Column(name = "notification_topic_status")
    private String notificationTopicStatus;

    @Column(name = "last_maintenance_at")
    private Instant lastMaintenanceAt;

    /** Memcached: {@code single-az} or {@code cross-az}; null for the other engines. */
    @Column(name = "az_mode")
    private String azMode;

    /** Memcached: the port of the configuration endpoint, allocated for the cluster's life. */
    @Column(name = "discovery_port")
    private Integer discoveryPort;

    /** Memcached: what "config get cluster" answers (version and host|ip|port list). */
    @Column(name = "discovery_version", nullable = false)
    private long discoveryVersion;

    @Column(name = "discovery_nodes", nullable = false)
    private String discoveryNodes = "";

    @Column(name = "discovery_changed_at")
    private Instant discoveryChangedAt;

    /** Node-count changes waiting for the maintenance window (ApplyImmediately=false). */
    @Column(name = "pending_num_cache_nodes")
    private Integer pendingNumCacheNodes;

    @Column(name = "pending_node_ids_to_remove")
    private String pendingNodeIdsToRemove;

    @Column(name = "pending_new_zones")
    private String pendingNewZones;

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
        this.securityGroupIds = String.join(",", plan.securityGroupIds());
        this.notificationTopicArn = plan.notificationTopicArn();
        this.notificationTopicStatus = plan.notificationTopicArn() == null ? null : "active";
        this.transitEncryptionEnabled = false;
        this.generation = 1;
        this.observedGeneration = 0;
        this.createdAt = now;
        this.azMode = plan.azMode();
        this.discoveryPort = plan.discoveryPort();
        List<String> ids = plan.cacheNodeIds();
        for (int i = 0; i < ids.size(); i++) {
            CacheNode node = new CacheNode(this, ids.get(i), plan.nodeName(id, ids.get(i)), plan.maxMemoryBytes(), now);
            node.requestZone(plan.nodeZones().isEmpty() ? null : plan.nodeZones().get(i));
            nodes.add(node);
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
    String pendingCacheNodeType() { return pendingCacheNodeType; }
    Engine pendingEngine() { return pendingEngine; }
    String pendingEngineVersion() { return pendingEngineVersion; }
    String pendingParameterGroupName() { return pendingParameterGroupName; }
    List<String> securityGroupIds() {
        return securityGroupIds.isEmpty() ? List.of() : List.of(securityGroupIds.split(","));
    }
    String notificationTopicArn() { return notificationTopicArn; }
    String notificationTopicStatus() { return notificationTopicStatus; }
    Instant lastMaintenanceAt() { return lastMaintenanceAt; }

    String azMode() { return azMode; }

    void azMode(String azMode) {
        this.azMode = azMode;
    }
    Integer discoveryPort() { return discoveryPort; }
    long discoveryVersion() { return discoveryVersion; }
    String discoveryNodes() { return discoveryNodes; }
    Instant discoveryChangedAt() { return discoveryChangedAt; }
    Integer pendingNumCacheNodes() { return pendingNumCacheNodes; }

    List<String> pendingNodeIdsToRemove() {
        return pendingNodeIdsToRemove == null || pendingNodeIdsToRemove.isEmpty() ? List.of()
                : List.of(pendingNodeIdsToRemove.split(","));
    }

    List<String> pendingNewZones() {
        return pendingNewZones == null || pendingNewZones.isEmpty() ? List.of() : List.of(pendingNewZones.split(","));
    }

    boolean hasPendingChanges() {
        return pendingCacheNodeType != null || pendingEngine != null || pendingEngineVersion != null
                || pendingNumCacheNodes != null;
    }

    /** Node-count changes for the maintenance window; nulls clear them. */
    void setPendingNodes(Integer numCacheNodes, List<String> idsToRemove, List<String> newZones) {
        this.pendingNumCacheNodes = numCacheNodes;
        this.pendingNodeIdsToRemove = idsToRemove == null ? null : String.join(",", idsToRemove);
        this.pendingNewZones = newZones == null ? null : String.join(",", newZones);
    }

    /**
     * Memcached: adds nodes (each in its zone, null = any of the cluster's zones) and marks the named
     * ones for removal; the workflow starts the new ones, updates Auto Discovery on the surviving
     * ones, then removes the others.
     */
    void changeNodes(List<String> newZones, List<String> idsToRemove, long memoryBytes, java.util.function.Function<String, String> nodeName,
                     Instant now, java.util.Map<String, String> rebootValues) {
        int next = nodes.stream().mapToInt(n -> Integer.parseInt(n.cacheNodeId())).max().orElse(0) + 1;
        for (String zone : newZones) {
            String cacheNodeId = String.format("%04d", next++);
            CacheNode node = new CacheNode(this, cacheNodeId, nodeName.apply(cacheNodeId), memoryBytes, now);
            node.requestZone(zone);
            node.startWith(rebootValues);
            nodes.add(node);
        }
        nodes.stream().filter(n -> idsToRemove.contains(n.cacheNodeId())).forEach(CacheNode::markDeleting);
        this.numCacheNodes = numCacheNodes + newZones.size() - idsToRemove.size();
        this.status = CacheClusterStatus.MODIFYING;
        this.generation++;
    }

    /**
     * Records a new Auto Discovery list (a new version) and moves the generation on, so that the
     * workflow pushes it to the nodes; false when the list is unchanged.
     */
    boolean discoveryChanged(String nodeList, Instant now) {
        if (nodeList.equals(discoveryNodes) && discoveryVersion > 0) {
            return false;
        }
        discoveryNodes = nodeList;
        discoveryChangedAt = now;
        discoveryVersion++;
        generation++;
        return true;
    }

    /**
     * Restarts the cluster's nodes with a new node type and/or engine version: the nodes'
     * specification changes, so the generation moves on and the workflow converges the nodes.
     */
    void modifyNodes(String nodeType, Engine engine, String engineVersion, String parameterGroupName, long memoryBytes) {
        this.cacheNodeType = nodeType;
        this.engine = engine;
        this.engineVersion = engineVersion;
        this.parameterGroupName = parameterGroupName;
        this.status = CacheClusterStatus.MODIFYING;
        this.generation++;
        nodes.forEach(n -> n.markModifying(memoryBytes));
    }

    void setPending(String nodeType, Engine engine, String engineVersion, String parameterGroupName) {
        this.pendingCacheNodeType = nodeType;
        this.pendingEngine = engine;
        this.pendingEngineVersion = engineVersion;
        this.pendingParameterGroupName = parameterGroupName;
    }

    void clearPending(Instant maintenanceAt) {
        setPending(null, null, null, null);
        setPendingNodes(null, null, null);
        this.lastMaintenanceAt = maintenanceAt;
    }

    void modifySettings(String maintenanceWindow, Integer snapshotRetentionLimit, String snapshotWindow,
                        Boolean autoMinorVersionUpgrade, List<String> securityGroupIds, String parameterGroupName,
                        String notificationTopicArn, String notificationTopicStatus) {
        if (maintenanceWindow != null) {
            this.preferredMaintenanceWindow = maintenanceWindow;
        }
        if (snapshotRetentionLimit != null) {
            this.snapshotRetentionLimit = snapshotRetentionLimit;
        }
        if (snapshotWindow != null) {
            this.snapshotWindow = snapshotWindow;
        }
        if (autoMinorVersionUpgrade != null) {
            this.autoMinorVersionUpgrade = autoMinorVersionUpgrade;
        }
        if (securityGroupIds != null) {
            this.securityGroupIds = String.join(",", securityGroupIds);
        }
        if (parameterGroupName != null) {
            this.parameterGroupName = parameterGroupName;
        }
        if (notificationTopicArn != null) {
            this.notificationTopicArn = notificationTopicArn;
            this.notificationTopicStatus = "active";
        }
        if (notificationTopicStatus != null) {
            this.notificationTopicStatus = notificationTopicStatus;
        }
    }

    void markDeleting() {
        status = CacheClusterStatus.DELETING;
        generation++;
        nodes.forEach(CacheNode::markDeleting);
    }

    /**
     * Restarts the given nodes: they start again with the parameter values of now, including the
     * ones that only a restart applies.
     */
    void reboot(java.util.Set<String> cacheNodeIds, java.util.Map<String, String> rebootParameterValues) {
        status = CacheClusterStatus.REBOOTING;
        generation++;
        nodes.stream().filter(n -> cacheNodeIds.contains(n.cacheNodeId())).forEach(n -> n.markRebooting(rebootParameterValues));
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

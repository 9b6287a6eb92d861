package dev.cachalot.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the console reads and does, in the console's own terms. The control plane implements it
 * on the same application services as its APIs (the shapes follow the REST API's resources);
 * refusals arrive as {@link ConsoleException} carrying the API's error code. Everything here
 * acts in the principal's account.
 */
public interface ConsoleBackend {

    // ------------------------------------------------------------------------------ session

    /**
     * The principal acting in another account: for a system administrator any account, for
     * anyone else only their own.
     */
    ConsolePrincipal switchAccount(ConsolePrincipal principal, String accountId);

    // ------------------------------------------------------------------------------ dashboard

    /** Resources by status, the latest events and (for administrators) the fleet's capacity. */
    Dashboard dashboard(ConsolePrincipal principal);

    // ------------------------------------------------------------------------------ cache clusters

    /** The signed-in account's cache clusters, in identifier order. */
    List<CacheClusterRow> cacheClusters(ConsolePrincipal principal);

    CacheClusterDetail cacheCluster(ConsolePrincipal principal, String cacheClusterId);

    /** What a new cluster can be made of: engines and versions, node types, zones, groups. */
    CreateOptions createOptions(ConsolePrincipal principal);

    /**
     * Checks a draft without creating anything; the problems found, by form field (empty when
     * it would be created). Fields still null are filled with workable defaults first, so a
     * wizard can check its first steps alone.
     */
    List<FieldError> checkCacheCluster(ConsolePrincipal principal, ClusterDraft draft);

    /** Creates the cluster; returns its id. */
    String createCacheCluster(ConsolePrincipal principal, ClusterDraft draft);

    /** Checks and applies a change; problems by form field, as for a create. */
    void modifyCacheCluster(ConsolePrincipal principal, String cacheClusterId, ClusterChange change);

    /** The node types the cluster can be changed to (current one included), smallest first. */
    List<String> nodeTypesFor(ConsolePrincipal principal, String cacheClusterId);

    void rebootCacheCluster(ConsolePrincipal principal, String cacheClusterId, List<String> cacheNodeIds);

    void deleteCacheCluster(ConsolePrincipal principal, String cacheClusterId);

    // ------------------------------------------------------------------------------ tags

    void addTag(ConsolePrincipal principal, ResourceKind kind, String name, String key, String value);

    void removeTag(ConsolePrincipal principal, ResourceKind kind, String name, String key);

    // ------------------------------------------------------------------------------ parameter groups

    List<ParameterGroupRow> parameterGroups(ConsolePrincipal principal);

    ParameterGroupDetail parameterGroup(ConsolePrincipal principal, String name);

    /** The parameter group families a group can be made for. */
    List<String> parameterGroupFamilies(ConsolePrincipal principal);

    void createParameterGroup(ConsolePrincipal principal, String name, String family, String description);

    void setParameters(ConsolePrincipal principal, String name, Map<String, String> values);

    /** Back to the family's defaults: the named parameters, or all when the list is empty. */
    void resetParameters(ConsolePrincipal principal, String name, List<String> parameterNames);

    void deleteParameterGroup(ConsolePrincipal principal, String name);

    // ------------------------------------------------------------------------------ subnet groups

    List<SubnetGroupRow> subnetGroups(ConsolePrincipal principal);

    SubnetGroupRow subnetGroup(ConsolePrincipal principal, String name);

    /** Every subnet a group may have: one per availability zone of the fleet. */
    List<String> subnets(ConsolePrincipal principal);

    void createSubnetGroup(ConsolePrincipal principal, String name, String description, List<String> subnetIds);

    void modifySubnetGroup(ConsolePrincipal principal, String name, String description, List<String> subnetIds);

    void deleteSubnetGroup(ConsolePrincipal principal, String name);

    // ------------------------------------------------------------------------------ events

    /**
     * Events of the last {@code hours}, newest first.
     *
     * @param sourceType e.g. {@code cache-cluster}, or null for all
     */
    List<EventRow> events(ConsolePrincipal principal, String sourceType, String sourceIdentifier, int hours);

    // ------------------------------------------------------------------------------ fleet (administrators)

    List<HostRow> hosts(ConsolePrincipal principal);

    List<ZoneRow> zones(ConsolePrincipal principal);

    // ------------------------------------------------------------------------------ identity

    List<UserRow> users(ConsolePrincipal principal);

    UserRow user(ConsolePrincipal principal, String userName);

    void createUser(ConsolePrincipal principal, String userName, boolean readOnly, String password);

    void updateUser(ConsolePrincipal principal, String userName, Boolean readOnly, String password);

    void deleteUser(ConsolePrincipal principal, String userName);

    List<AccessKeyRow> accessKeys(ConsolePrincipal principal, String userName);

    /** Creates a key; the secret in the result is shown once and never again. */
    NewAccessKey createAccessKey(ConsolePrincipal principal, String userName);

    void setAccessKeyActive(ConsolePrincipal principal, String userName, String accessKeyId, boolean active);

    void deleteAccessKey(ConsolePrincipal principal, String userName, String accessKeyId);

    /** Every account for a system administrator; the principal's own otherwise. */
    List<AccountRow> accounts(ConsolePrincipal principal);

    /** The accounts the principal may switch to, by id and name (cheap: every page's frame shows them). */
    List<AccountChoice> accountChoices(ConsolePrincipal principal);

    /** Creates an account with its admin user; returns that user's first key (secret shown once). */
    NewAccessKey createAccount(ConsolePrincipal principal, String name);

    /** Sets an account's own quotas and request rate (null: back to the installation's default). */
    void setAccountLimits(ConsolePrincipal principal, String accountId, Integer clusterQuota, Integer nodeQuota,
                          Double requestsPerSecond);

    // ------------------------------------------------------------------------------ shapes

    /** Taggable resources. */
    enum ResourceKind { CACHE_CLUSTER, PARAMETER_GROUP, SUBNET_GROUP }

    /** A problem with one field of a form ({@code field} null: the form as a whole). */
    record FieldError(String field, String code, String message) {}

    record Tag(String key, String value) {}

    record EventRow(Instant date, String sourceType, String sourceIdentifier, String message) {}

    record Dashboard(Map<String, Integer> clustersByStatus, int parameterGroups, int subnetGroups, List<EventRow> recentEvents,
                     List<ZoneRow> zones) {

        public int totalClusters() {
            return clustersByStatus.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** One node: {@code address}/{@code port} null until it runs. */
    record NodeRow(String cacheNodeId, String status, String availabilityZone, String address, Integer port,
                   String parameterGroupStatus, Instant createTime) {}

    /** An address and a port. */
    record Endpoint(String address, int port) {
        @Override
        public String toString() {
            return address + ":" + port;
        }
    }

    /**
     * One cluster with everything its page shows.
     *
     * @param configurationEndpoint memcached: where Auto Discovery clients connect; null for the other engines
     * @param azMode                memcached: {@code single-az} or {@code cross-az}; null for the other engines
     * @param pendingNumCacheNodes  memcached: the node count waiting for the maintenance window, or null
     * @param pendingCacheNodeIdsToRemove the nodes that pending count removes (empty when none)
     */
    record CacheClusterDetail(CacheClusterRow summary, String arn, String parameterGroupName, String parameterApplyStatus,
                              String subnetGroupName, String preferredMaintenanceWindow, int snapshotRetentionLimit,
                              String snapshotWindow, boolean autoMinorVersionUpgrade, boolean transitEncryptionEnabled,
                              boolean authTokenEnabled, String pendingNodeType, String pendingEngineVersion,
                              Endpoint configurationEndpoint, String azMode, Integer pendingNumCacheNodes,
                              List<String> pendingCacheNodeIdsToRemove,
                              List<NodeRow> nodes, List<Tag> tags, List<EventRow> events) {

        public boolean memcached() {
            return "memcached".equals(summary.engine());
        }

        /** Something waits for the maintenance window. */
        public boolean hasPending() {
            return pendingNodeType != null || pendingEngineVersion != null || pendingNumCacheNodes != null;
        }

        /** Still on its way somewhere: the page keeps itself up to date. */
        public boolean transitional() {
            return !"available".equals(summary.status()) || nodes.stream().anyMatch(n -> !"available".equals(n.status()));
        }
    }

    record EngineOption(String engine, String version, String family, boolean isDefault) {}

    record NodeTypeOption(String name, int vcpus, double memoryGib) {}

    record GroupOption(String name, String family) {}

    record CreateOptions(List<EngineOption> engineVersions, List<NodeTypeOption> nodeTypes, List<String> zones,
                         List<GroupOption> parameterGroups, List<String> subnetGroups) {}

    /**
     * A new cluster as the wizard collects it (null: not chosen, the default applies).
     *
     * @param numCacheNodes memcached: 1–40
     * @param azMode        memcached: {@code single-az} or {@code cross-az}
     */
    record ClusterDraft(String cacheClusterId, String engine, String engineVersion, String cacheNodeType,
                        Integer numCacheNodes, String azMode,
                        String preferredAvailabilityZone, String cacheSubnetGroupName, String cacheParameterGroupName,
                        Integer port, String preferredMaintenanceWindow, Integer snapshotRetentionLimit, List<Tag> tags) {}

    /**
     * A change (null: unchanged).
     *
     * @param numCacheNodes        memcached: the new node count
     * @param cacheNodeIdsToRemove memcached, when the count goes down: exactly that many nodes to remove
     */
    record ClusterChange(String cacheNodeType, String engineVersion, String cacheParameterGroupName,
                         String preferredMaintenanceWindow, Integer snapshotRetentionLimit, String snapshotWindow,
                         Boolean autoMinorVersionUpgrade, Integer numCacheNodes, List<String> cacheNodeIdsToRemove,
                         String azMode, List<String> newAvailabilityZones, boolean applyImmediately) {}

    record ParameterGroupRow(String name, String family, String description, boolean isDefault) {}

    record ParameterRow(String name, String value, String source, String dataType, String allowedValues, boolean modifiable,
                        String changeType, String description) {}

    record ParameterGroupDetail(ParameterGroupRow group, String arn, List<ParameterRow> parameters, List<Tag> tags,
                                List<EventRow> events) {}

    record SubnetGroupRow(String name, String description, List<String> subnetIds, List<String> zones, boolean isDefault,
                          List<Tag> tags) {}

    /** A host as the operator sees it; memory in GiB. */
    record HostRow(String hostId, String availabilityZone, boolean healthy, String nodeAddress, int cpus, double memoryGib,
                   double capacityGib, double reservedGib, int nodes, Instant lastHeartbeat) {

        public int percentUsed() {
            return capacityGib <= 0 ? 0 : (int) Math.round(100 * reservedGib / capacityGib);
        }
    }

    record ZoneRow(String availabilityZone, int hosts, int healthyHosts, double capacityGib, double reservedGib, int nodes) {

        public int percentUsed() {
            return capacityGib <= 0 ? 0 : (int) Math.round(100 * reservedGib / capacityGib);
        }
    }

    record UserRow(String userName, String arn, boolean readOnly, boolean consoleAccess, Instant createTime) {}

    record AccessKeyRow(String accessKeyId, boolean active, Instant createTime, Instant lastUsedTime) {}

    /**
     * An account with its limits: the quotas in effect, and the account's own limits where an
     * administrator set them (null: the installation's default applies).
     */
    record AccountRow(String accountId, String name, boolean admin, Instant createTime, int clusterQuota, int nodeQuota,
                      Integer ownClusterQuota, Integer ownNodeQuota, Double ownRequestsPerSecond) {}

    record AccountChoice(String accountId, String name) {}

    /** A new key with its secret and API token: shown once. */
    record NewAccessKey(String accountId, String userName, String accessKeyId, String secretAccessKey, String apiToken) {
        @Override
        public String toString() {
            return "NewAccessKey[" + accountId + ", " + userName + ", " + accessKeyId + "]";
        }
    }
}

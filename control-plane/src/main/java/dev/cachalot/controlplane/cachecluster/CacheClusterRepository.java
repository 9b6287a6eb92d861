package dev.cachalot.controlplane.cachecluster;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface CacheClusterRepository extends JpaRepository<CacheCluster, UUID> {

    Optional<CacheCluster> findByAccountIdAndClusterId(String accountId, String clusterId);

    /*
     * The "lock" finders take the cluster row's write lock for the rest of the transaction. Every
     * change of a cluster (API calls, workflow steps, parameter group changes) goes through them,
     * so concurrent changes wait for each other instead of failing on the optimistic version.
     */

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from CacheCluster c where c.accountId = :accountId and c.clusterId = :clusterId")
    Optional<CacheCluster> lockByAccountIdAndClusterId(String accountId, String clusterId);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from CacheCluster c where c.id = :id")
    Optional<CacheCluster> lockById(UUID id);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from CacheCluster c where c.accountId = :accountId and c.parameterGroupName = :parameterGroupName order by c.id")
    List<CacheCluster> lockByAccountIdAndParameterGroupName(String accountId, String parameterGroupName);

    boolean existsByAccountIdAndClusterId(String accountId, String clusterId);

    boolean existsByAccountIdAndParameterGroupName(String accountId, String parameterGroupName);

    List<CacheCluster> findByAccountIdAndParameterGroupName(String accountId, String parameterGroupName);

    boolean existsByAccountIdAndSubnetGroupName(String accountId, String subnetGroupName);

    List<CacheCluster> findByAccountIdAndSubnetGroupName(String accountId, String subnetGroupName);

    /** One page of an account's clusters in identifier order, starting after {@code after}. */
    @Query("select c from CacheCluster c where c.accountId = :accountId and c.clusterId > :after order by c.clusterId")
    List<CacheCluster> page(String accountId, String after, Limit limit);

    @Query("select c.id from CacheCluster c where c.status <> dev.cachalot.controlplane.cachecluster.CacheClusterStatus.AVAILABLE"
            + " or c.generation <> c.observedGeneration")
    List<UUID> findPendingIds();

    long countByAccountId(String accountId);

    @Query("select coalesce(sum(c.numCacheNodes), 0) from CacheCluster c where c.accountId = :accountId")
    long countNodes(String accountId);

    @Query("select c from CacheCluster c where c.status = dev.cachalot.controlplane.cachecluster.CacheClusterStatus.AVAILABLE"
            + " and (c.pendingCacheNodeType is not null or c.pendingEngine is not null or c.pendingEngineVersion is not null"
            + " or c.pendingNumCacheNodes is not null)")
    List<CacheCluster> findWithPendingChanges();

    @Query("select c.discoveryPort from CacheCluster c where c.discoveryPort is not null")
    List<Integer> findDiscoveryPorts();

    /**
     * Takes the lock on choosing configuration-endpoint ports until the transaction ends, so that two
     * concurrent memcached creates cannot both pick the lowest free port (the unique key would then
     * refuse the second one's insert).
     */
    @Query(value = "select 1 from pg_advisory_xact_lock(hashtext('cache_clusters.discovery_port'))", nativeQuery = true)
    int lockDiscoveryPorts();

    /** Every memcached cluster with its configuration endpoint (for the endpoints and the DNS names). */
    @Query("select c from CacheCluster c where c.discoveryPort is not null")
    List<CacheCluster> findWithConfigurationEndpoints();
}

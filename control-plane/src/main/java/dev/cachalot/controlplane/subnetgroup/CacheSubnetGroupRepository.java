package dev.cachalot.controlplane.subnetgroup;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface CacheSubnetGroupRepository extends JpaRepository<CacheSubnetGroup, UUID> {

    Optional<CacheSubnetGroup> findByAccountIdAndName(String accountId, String name);

    /** The group, share-locked until the transaction ends: it cannot be deleted or narrowed meanwhile. */
    @Lock(LockModeType.PESSIMISTIC_READ)
    @Query("select g from CacheSubnetGroup g where g.accountId = :accountId and g.name = :name")
    Optional<CacheSubnetGroup> findForUse(String accountId, String name);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select g from CacheSubnetGroup g where g.accountId = :accountId and g.name = :name")
    Optional<CacheSubnetGroup> findForUpdate(String accountId, String name);

    long countByAccountId(String accountId);

    @Query("select g from CacheSubnetGroup g where g.accountId = :accountId and g.name > :after order by g.name")
    List<CacheSubnetGroup> page(String accountId, String after, Limit limit);
}

package dev.cachalot.controlplane.parametergroup;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface CacheParameterGroupRepository extends JpaRepository<CacheParameterGroup, UUID> {

    Optional<CacheParameterGroup> findByAccountIdAndName(String accountId, String name);

    /** The group, share-locked until the transaction ends: it cannot be deleted meanwhile. */
    @Lock(LockModeType.PESSIMISTIC_READ)
    @Query("select g from CacheParameterGroup g where g.accountId = :accountId and g.name = :name")
    Optional<CacheParameterGroup> findForUse(String accountId, String name);

    /** The group, locked for a change or a delete. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select g from CacheParameterGroup g where g.accountId = :accountId and g.name = :name")
    Optional<CacheParameterGroup> findForUpdate(String accountId, String name);

    long countByAccountId(String accountId);

    @Query("select g from CacheParameterGroup g where g.accountId = :accountId and g.name > :after order by g.name")
    List<CacheParameterGroup> page(String accountId, String after, Limit limit);
}

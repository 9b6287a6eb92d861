package dev.cachalot.controlplane.identity;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface AccountRepository extends JpaRepository<Account, String> {

    Optional<Account> findFirstByAdminTrueOrderByCreatedAtAsc();

    Optional<Account> findByName(String name);

    java.util.List<Account> findAllByOrderByCreatedAtAsc();

    /** The account, locked until the transaction ends (a conditional change checks and writes it). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from Account a where a.id = :id")
    Optional<Account> findForUpdate(String id);
}

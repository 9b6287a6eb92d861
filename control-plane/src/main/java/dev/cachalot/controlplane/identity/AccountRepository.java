package dev.cachalot.controlplane.identity;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface AccountRepository extends JpaRepository<Account, String> {

    Optional<Account> findFirstByAdminTrueOrderByCreatedAtAsc();

    Optional<Account> findByName(String name);

    java.util.List<Account> findAllByOrderByCreatedAtAsc();
}

package dev.cachalot.controlplane.identity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface AccountUserRepository extends JpaRepository<AccountUser, UUID> {

    Optional<AccountUser> findByAccountIdAndUserName(String accountId, String userName);

    List<AccountUser> findByAccountIdOrderByUserName(String accountId);
}

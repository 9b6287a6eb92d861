package dev.cachalot.controlplane.identity;

import java.time.Instant;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface AccessKeyRepository extends JpaRepository<AccessKey, String> {

    List<AccessKey> findByAccountIdOrderByCreatedAtAsc(String accountId);

    List<AccessKey> findByUserIdOrderByCreatedAtAsc(java.util.UUID userId);

    @Modifying
    @Query("update AccessKey k set k.lastUsedAt = :at where k.accessKeyId = :id")
    void touch(String id, Instant at);
}

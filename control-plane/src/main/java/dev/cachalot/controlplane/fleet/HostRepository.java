package dev.cachalot.controlplane.fleet;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface HostRepository extends JpaRepository<Host, UUID> {

    @Query("select h from Host h where h.lastHeartbeatAt >= :since order by h.availabilityZone, h.id")
    List<Host> findLive(Instant since);

    /** The live hosts, locked: placements made in one transaction are seen by the next. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select h from Host h where h.lastHeartbeatAt >= :since order by h.id")
    List<Host> lockLive(Instant since);

    @Query("select distinct h.availabilityZone from Host h")
    List<String> findZones();

    @Modifying
    @Query("update Host h set h.lastHeartbeatAt = :at where h.id = :id")
    int heartbeat(UUID id, Instant at);
}

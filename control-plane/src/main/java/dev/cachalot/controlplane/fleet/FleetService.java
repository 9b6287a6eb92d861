package dev.cachalot.controlplane.fleet;

import dev.cachalot.controlplane.CachalotProperties;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Collection;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The hosts agents registered, their liveness, and where new nodes go. */
@Service
public class FleetService {

    private final HostRepository hosts;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final CachalotProperties.Fleet settings;

    public FleetService(HostRepository hosts, JdbcClient jdbc, Clock clock, CachalotProperties properties) {
        this.hosts = hosts;
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = properties.fleet();
    }

    /** Records (or refreshes) a host's registration. Idempotent, keyed by the agent's host id. */
    @Transactional
    public HostView register(HostRegistration registration) {
        Host host = hosts.findById(registration.hostId()).orElseGet(() -> new Host(registration.hostId()));
        host.register(registration.availabilityZone(), registration.agentEndpoint(), registration.nodeAddress(),
                registration.agentVersion(), registration.memoryBytes(), registration.cpus(), clock.instant());
        return hosts.save(host).view();
    }

    /** Records a heartbeat; false when the host is unknown (it must register again). */
    @Transactional
    public boolean heartbeat(UUID hostId) {
        return hosts.heartbeat(hostId, clock.instant()) == 1;
    }

    @Transactional(readOnly = true)
    public Optional<HostView> host(UUID hostId) {
        return hosts.findById(hostId).map(Host::view);
    }

    /** Hosts that reported recently enough to take new nodes. */
    @Transactional(readOnly = true)
    public List<HostView> liveHosts() {
        return hosts.findLive(clock.instant().minus(settings.hostTimeout())).stream().map(Host::view).toList();
    }

    /**
     * Chooses the host for a new node: a live host in one of the zones with room for the node's
     * memory, the least used first. The live hosts stay locked until the caller's transaction
     * ends, so concurrent placements cannot both take the last room on a host; the caller records
     * the placement (a node row with its host and memory) in that same transaction.
     */
    @Transactional
    public Optional<HostView> placeNode(Collection<String> zones, long memoryBytes) {
        List<HostView> live = hosts.lockLive(clock.instant().minus(settings.hostTimeout())).stream().map(Host::view).toList();
        Map<UUID, Long> reserved = reservedMemory();
        return live.stream()
                .filter(h -> zones.contains(h.availabilityZone()))
                .filter(h -> free(h, reserved) >= memoryBytes)
                .min(Comparator.comparingLong((HostView h) -> reserved.getOrDefault(h.id(), 0L))
                        .thenComparing(HostView::availabilityZone));
    }

    /** The availability zones of every registered host, live or not, in name order. */
    @Transactional(readOnly = true)
    public java.util.SortedSet<String> zones() {
        return new java.util.TreeSet<>(hosts.findZones());
    }

    /** Whether a host can take {@code extraBytes} more than what its nodes already reserve. */
    @Transactional(readOnly = true)
    public boolean hasRoom(UUID hostId, long extraBytes) {
        return host(hostId).map(h -> free(h, reservedMemory()) >= extraBytes).orElse(false);
    }

    private long free(HostView host, Map<UUID, Long> reserved) {
        return (long) (host.memoryBytes() * settings.memoryOvercommit()) - reserved.getOrDefault(host.id(), 0L);
    }

    /** Memory reserved by the nodes placed on each host (their node types' memory). */
    private Map<UUID, Long> reservedMemory() {
        return jdbc.sql("select host_id, sum(memory_bytes) as bytes from cache_nodes where host_id is not null group by host_id")
                .query((rs, i) -> Map.entry(rs.getObject("host_id", UUID.class), rs.getLong("bytes")))
                .list().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}

package dev.cachalot.controlplane.fleet;

import dev.cachalot.controlplane.CachalotProperties;
import dev.cachalot.controlplane.identity.AccessDeniedFault;
import dev.cachalot.controlplane.identity.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The operator's view of the fleet: every registered host with its health and the memory and
 * nodes placed on it, and the same summed up per availability zone. For system administrators
 * only; tenants never see hosts.
 */
@Service
public class FleetCapacity {

    private final HostRepository hosts;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final CachalotProperties.Fleet settings;

    FleetCapacity(HostRepository hosts, JdbcClient jdbc, Clock clock, CachalotProperties properties) {
        this.hosts = hosts;
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = properties.fleet();
    }

    /**
     * One host as the operator sees it.
     *
     * @param healthy          it reported within the host timeout, so it takes new nodes
     * @param capacityBytes    the node memory it may take (its memory times the overcommit factor)
     * @param reservedBytes    the memory of the nodes placed on it
     * @param nodes            how many nodes are placed on it
     */
    public record HostCapacity(UUID hostId, String availabilityZone, String agentEndpoint, String nodeAddress,
                               int cpus, long memoryBytes, long capacityBytes, long reservedBytes, int nodes,
                               boolean healthy, Instant lastHeartbeatAt) {}

    /** The hosts of one availability zone, summed up. */
    public record ZoneCapacity(String availabilityZone, int hosts, int healthyHosts, long capacityBytes,
                               long reservedBytes, int nodes) {}

    @Transactional(readOnly = true)
    public List<HostCapacity> hosts(Caller caller) {
        requireAdmin(caller, "ListHosts");
        Instant liveSince = clock.instant().minus(settings.hostTimeout());
        Map<UUID, long[]> placed = placed();
        return hosts.findAll().stream().map(Host::view)
                .map(h -> {
                    long[] p = placed.getOrDefault(h.id(), new long[2]);
                    return new HostCapacity(h.id(), h.availabilityZone(), h.agentEndpoint(), h.nodeAddress(), h.cpus(),
                            h.memoryBytes(), (long) (h.memoryBytes() * settings.memoryOvercommit()), p[0], (int) p[1],
                            !h.lastHeartbeatAt().isBefore(liveSince), h.lastHeartbeatAt());
                })
                .sorted(java.util.Comparator.comparing(HostCapacity::availabilityZone).thenComparing(HostCapacity::hostId))
                .toList();
    }

    @Transactional(readOnly = true)
    public List<ZoneCapacity> zones(Caller caller) {
        requireAdmin(caller, "ListZones");
        Map<String, List<HostCapacity>> byZone = hosts(caller).stream()
                .collect(Collectors.groupingBy(HostCapacity::availabilityZone, TreeMap::new, Collectors.toList()));
        return byZone.entrySet().stream().map(e -> new ZoneCapacity(e.getKey(), e.getValue().size(),
                        (int) e.getValue().stream().filter(HostCapacity::healthy).count(),
                        e.getValue().stream().mapToLong(HostCapacity::capacityBytes).sum(),
                        e.getValue().stream().mapToLong(HostCapacity::reservedBytes).sum(),
                        e.getValue().stream().mapToInt(HostCapacity::nodes).sum()))
                .toList();
    }

    /** Memory and node count placed on each host. */
    private Map<UUID, long[]> placed() {
        return jdbc.sql("select host_id, sum(memory_bytes) as bytes, count(*) as n from cache_nodes where host_id is not null group by host_id")
                .query((rs, i) -> Map.entry(rs.getObject("host_id", UUID.class), new long[] {rs.getLong("bytes"), rs.getLong("n")}))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static void requireAdmin(Caller caller, String action) {
        if (!caller.systemAdmin()) {
            throw new AccessDeniedFault("User: " + caller.userArn() + " is not authorized to perform: cachalot:" + action);
        }
    }
}

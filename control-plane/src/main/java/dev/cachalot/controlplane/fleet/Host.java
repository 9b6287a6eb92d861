package dev.cachalot.controlplane.fleet;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "hosts")
class Host {

    @Id
    private UUID id;

    @Column(name = "availability_zone", nullable = false)
    private String availabilityZone;

    @Column(name = "agent_endpoint", nullable = false)
    private String agentEndpoint;

    @Column(name = "node_address", nullable = false)
    private String nodeAddress;

    @Column(name = "agent_version")
    private String agentVersion;

    @Column(name = "memory_bytes", nullable = false)
    private long memoryBytes;

    @Column(nullable = false)
    private int cpus;

    @Column(name = "registered_at", nullable = false)
    private Instant registeredAt;

    @Column(name = "last_heartbeat_at", nullable = false)
    private Instant lastHeartbeatAt;

    protected Host() {}

    Host(UUID id) {
        this.id = id;
    }

    void register(String zone, String agentEndpoint, String nodeAddress, String agentVersion,
                  long memoryBytes, int cpus, Instant now) {
        this.availabilityZone = zone;
        this.agentEndpoint = agentEndpoint;
        this.nodeAddress = nodeAddress;
        this.agentVersion = agentVersion;
        this.memoryBytes = memoryBytes;
        this.cpus = cpus;
        this.registeredAt = now;
        this.lastHeartbeatAt = now;
    }

    HostView view() {
        return new HostView(id, availabilityZone, agentEndpoint, nodeAddress, memoryBytes, cpus, lastHeartbeatAt);
    }
}

package dev.cachalot.controlplane.fleet;

import java.time.Instant;
import java.util.UUID;

/** A registered host, as the rest of the control plane sees it. */
public record HostView(
        UUID id,
        String availabilityZone,
        String agentEndpoint,
        String nodeAddress,
        long memoryBytes,
        int cpus,
        Instant lastHeartbeatAt) {}

package dev.cachalot.controlplane.fleet;

import java.util.UUID;

/** What an agent tells the control plane about its host when it registers. */
public record HostRegistration(
        UUID hostId,
        String availabilityZone,
        String agentEndpoint,
        String nodeAddress,
        String agentVersion,
        long memoryBytes,
        int cpus) {}

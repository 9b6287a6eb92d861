package dev.cachalot.controlplane.rest;

import dev.cachalot.controlplane.catalog.NodeTypeCatalog;
import dev.cachalot.controlplane.fleet.FleetCapacity;
import dev.cachalot.controlplane.fleet.FleetCapacity.HostCapacity;
import dev.cachalot.controlplane.identity.Caller;
import dev.cachalot.controlplane.identity.NoSuchEntityFault;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the region runs on: hosts and availability zones with their capacity and health (system
 * administrators), and the node types it offers (every caller).
 */
@RestController
class FleetResources {

    private final FleetCapacity fleet;
    private final NodeTypeCatalog nodeTypes;

    FleetResources(FleetCapacity fleet, NodeTypeCatalog nodeTypes) {
        this.fleet = fleet;
        this.nodeTypes = nodeTypes;
    }

    record Host(String hostId, String availabilityZone, String health, String agentEndpoint, String nodeAddress, int cpus,
                long memoryBytes, long capacityBytes, long reservedBytes, int nodes, Instant lastHeartbeatTime) {
        static Host of(HostCapacity h) {
            return new Host(h.hostId().toString(), h.availabilityZone(), h.healthy() ? "healthy" : "unreachable",
                    h.agentEndpoint(), h.nodeAddress(), h.cpus(), h.memoryBytes(), h.capacityBytes(), h.reservedBytes(),
                    h.nodes(), Times.millis(h.lastHeartbeatAt()));
        }
    }

    record Zone(String availabilityZone, int hosts, int healthyHosts, long capacityBytes, long reservedBytes, int nodes) {}

    record NodeType(String cacheNodeType, int vcpus, long memoryBytes) {}

    record Items<T>(List<T> items) {}

    @GetMapping(RestRequest.PREFIX + "/hosts")
    Paging.Page<Host> hosts(Caller caller, @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return Paging.slice("hosts", caller, fleet.hosts(caller), h -> h.hostId().toString(), Host::of, limit, cursor);
    }

    @GetMapping(RestRequest.PREFIX + "/hosts/{hostId}")
    Host host(Caller caller, @PathVariable String hostId) {
        return fleet.hosts(caller).stream().filter(h -> h.hostId().toString().equals(hostId)).findFirst().map(Host::of)
                .orElseThrow(() -> new NoSuchEntityFault("The host " + hostId + " cannot be found."));
    }

    @GetMapping(RestRequest.PREFIX + "/zones")
    Items<Zone> zones(Caller caller) {
        return new Items<>(fleet.zones(caller).stream().map(z -> new Zone(z.availabilityZone(), z.hosts(), z.healthyHosts(),
                z.capacityBytes(), z.reservedBytes(), z.nodes())).toList());
    }

    @GetMapping(RestRequest.PREFIX + "/node-types")
    Items<NodeType> nodeTypes(Caller caller) {
        return new Items<>(nodeTypes.all().stream().map(t -> new NodeType(t.name(), t.vcpus(), t.memoryBytes())).toList());
    }

}

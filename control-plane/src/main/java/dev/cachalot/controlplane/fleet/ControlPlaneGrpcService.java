package dev.cachalot.controlplane.fleet;

import dev.cachalot.api.agent.v1.ControlPlaneGrpc;
import dev.cachalot.api.agent.v1.HostStatus;
import dev.cachalot.api.agent.v1.RegisterRequest;
import dev.cachalot.api.agent.v1.RegisterResponse;
import dev.cachalot.api.agent.v1.ReportStatusResponse;
import dev.cachalot.controlplane.CachalotProperties;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The ControlPlane gRPC service agents call: registration and the heartbeat stream. */
@Component
class ControlPlaneGrpcService extends ControlPlaneGrpc.ControlPlaneImplBase {

    private static final Logger log = LoggerFactory.getLogger(ControlPlaneGrpcService.class);

    private final FleetService fleet;
    private final CachalotProperties.Fleet settings;

    ControlPlaneGrpcService(FleetService fleet, CachalotProperties properties) {
        this.fleet = fleet;
        this.settings = properties.fleet();
    }

    @Override
    public void register(RegisterRequest request, StreamObserver<RegisterResponse> response) {
        UUID hostId;
        try {
            hostId = UUID.fromString(request.getHostId());
        } catch (IllegalArgumentException e) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("host_id must be a UUID").asRuntimeException());
            return;
        }
        if (request.getAvailabilityZone().isBlank() || request.getAgentEndpoint().isBlank() || request.getNodeAddress().isBlank()) {
            response.onError(Status.INVALID_ARGUMENT
                    .withDescription("availability_zone, agent_endpoint and node_address are required").asRuntimeException());
            return;
        }
        HostView host = fleet.register(new HostRegistration(hostId, request.getAvailabilityZone(), request.getAgentEndpoint(),
                request.getNodeAddress(), request.getAgentVersion(), request.getMemoryBytes(), request.getCpus()));
        log.info("Host {} registered in {} (agent {}, {} nodes running)",
                host.id(), host.availabilityZone(), host.agentEndpoint(), request.getNodesCount());
        response.onNext(RegisterResponse.newBuilder()
                .setHeartbeatIntervalMillis((int) settings.heartbeatInterval().toMillis()).build());
        response.onCompleted();
    }

    @Override
    public StreamObserver<HostStatus> reportStatus(StreamObserver<ReportStatusResponse> response) {
        return new StreamObserver<>() {
            @Override
            public void onNext(HostStatus status) {
                UUID hostId;
                try {
                    hostId = UUID.fromString(status.getHostId());
                } catch (IllegalArgumentException e) {
                    response.onError(Status.INVALID_ARGUMENT.withDescription("host_id must be a UUID").asRuntimeException());
                    return;
                }
                if (!fleet.heartbeat(hostId)) {
                    // The host is unknown (e.g. the database was reset): make the agent register again.
                    response.onError(Status.NOT_FOUND.withDescription("unknown host " + hostId + ": register first").asRuntimeException());
                }
            }

            @Override
            public void onError(Throwable t) {
                log.debug("status stream ended: {}", t.toString());
            }

            @Override
            public void onCompleted() {
                response.onNext(ReportStatusResponse.getDefaultInstance());
                response.onCompleted();
            }
        };
    }
}

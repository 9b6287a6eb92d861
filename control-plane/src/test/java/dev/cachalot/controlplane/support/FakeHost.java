package dev.cachalot.controlplane.support;

import dev.cachalot.api.agent.v1.ControlPlaneGrpc;
import dev.cachalot.api.agent.v1.RegisterRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Registers a host through the real gRPC Register call, for tests of the API alone: its agent
 * endpoint does not answer, as when an agent is down, so its clusters stay in {@code creating}.
 */
public final class FakeHost {

    public static final UUID HOST_ID = UUID.fromString("00000000-0000-4000-8000-000000000001");

    private FakeHost() {}

    public static void register(int grpcPort, String zone) {
        register(grpcPort, zone, HOST_ID);
    }

    /** Registers another host (its own id), e.g. to have hosts in several zones. */
    public static void register(int grpcPort, String zone, UUID hostId) {
        register(grpcPort, zone, hostId, 1L << 40);
    }

    /** A host of the given memory, e.g. a small one to run out of capacity. */
    public static void register(int grpcPort, String zone, UUID hostId, long memoryBytes) {
        ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", grpcPort).usePlaintext().build();
        try {
            ControlPlaneGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS).register(RegisterRequest.newBuilder()
                    .setHostId(hostId.toString())
                    .setAvailabilityZone(zone)
                    .setAgentEndpoint("127.0.0.1:1")
                    .setNodeAddress("127.0.0.1")
                    .setAgentVersion("test")
                    .setMemoryBytes(memoryBytes)
                    .setCpus(2)
                    .build());
        } finally {
            channel.shutdownNow();
        }
    }
}

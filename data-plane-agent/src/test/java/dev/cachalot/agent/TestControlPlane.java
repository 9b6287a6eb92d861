package dev.cachalot.agent;

import dev.cachalot.api.agent.v1.ControlPlaneGrpc;
import dev.cachalot.api.agent.v1.HostStatus;
import dev.cachalot.api.agent.v1.NodeState;
import dev.cachalot.api.agent.v1.NodeStatus;
import dev.cachalot.api.agent.v1.RegisterRequest;
import dev.cachalot.api.agent.v1.RegisterResponse;
import dev.cachalot.api.agent.v1.ReportStatusResponse;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.netty.channel.ChannelOption;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the control plane's ControlPlane service: a real gRPC server that records every
 * Register call and every HostStatus it receives. It can be stopped and started again on the same
 * port, as a restarting control plane would be.
 */
final class TestControlPlane implements AutoCloseable {

    final List<RegisterRequest> registrations = new CopyOnWriteArrayList<>();
    final List<HostStatus> statuses = new CopyOnWriteArrayList<>();
    private final int heartbeatMillis;
    private volatile int port;
    private Server server;

    private TestControlPlane(int port, int heartbeatMillis) {
        this.port = port;
        this.heartbeatMillis = heartbeatMillis;
    }

    /** Starts on a free port. */
    static TestControlPlane start(int heartbeatMillis) throws IOException {
        return onPort(0, heartbeatMillis).restart();
    }

    /** Not started yet: call {@link #restart()} to start serving on {@code port}. */
    static TestControlPlane onPort(int port, int heartbeatMillis) {
        return new TestControlPlane(port, heartbeatMillis);
    }

    synchronized TestControlPlane restart() throws IOException {
        if (server != null) {
            throw new IllegalStateException("already running");
        }
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                .withOption(ChannelOption.SO_REUSEADDR, true)
                .addService(new Service())
                .build()
                .start();
        port = server.getPort();
        return this;
    }

    synchronized void stop() throws InterruptedException {
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server = null;
        }
    }

    String target() {
        return "127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    /** The last status of the node that the agent streamed. */
    Optional<NodeStatus> lastStatus(String nodeId) {
        for (int i = statuses.size() - 1; i >= 0; i--) {
            Optional<NodeStatus> found = statuses.get(i).getNodesList().stream()
                    .filter(node -> node.getNodeId().equals(nodeId))
                    .findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Every streamed status of the node in the given state, oldest first. */
    List<NodeStatus> streamed(String nodeId, NodeState state) {
        return statuses.stream()
                .flatMap(status -> status.getNodesList().stream())
                .filter(node -> node.getNodeId().equals(nodeId) && node.getState() == state)
                .toList();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private final class Service extends ControlPlaneGrpc.ControlPlaneImplBase {
        @Override
        public void register(RegisterRequest request, StreamObserver<RegisterResponse> response) {
            registrations.add(request);
            response.onNext(RegisterResponse.newBuilder().setHeartbeatIntervalMillis(heartbeatMillis).build());
            response.onCompleted();
        }

        @Override
        public StreamObserver<HostStatus> reportStatus(StreamObserver<ReportStatusResponse> response) {
            return new StreamObserver<>() {
                @Override
                public void onNext(HostStatus status) {
                    statuses.add(status);
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                    response.onNext(ReportStatusResponse.getDefaultInstance());
                    response.onCompleted();
                }
            };
        }
    }
}

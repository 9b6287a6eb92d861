package dev.cachalot.controlplane.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachalot.api.agent.v1.AgentGrpc;
import dev.cachalot.api.agent.v1.ApplyNodeRequest;
import dev.cachalot.api.agent.v1.EngineKind;
import dev.cachalot.api.agent.v1.NodeState;
import dev.cachalot.api.agent.v1.NodeStatus;
import dev.cachalot.api.agent.v1.RebootNodeRequest;
import dev.cachalot.controlplane.catalog.Engine;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AgentClient against a stand-in agent on a real gRPC port (the other side of the contract, as the
 * agent's tests stand in for the control plane): what ApplyNode and RebootNode put on the wire, and
 * how the reply's unapplied parameters come back.
 */
class AgentClientTest {

    private final List<Object> received = new CopyOnWriteArrayList<>();
    private Server server;
    private AgentClient client;
    private HostView host;

    @BeforeEach
    void start() throws Exception {
        server = NettyServerBuilder.forPort(0).addService(new AgentGrpc.AgentImplBase() {
            @Override
            public void applyNode(ApplyNodeRequest request, StreamObserver<NodeStatus> response) {
                received.add(request);
                response.onNext(NodeStatus.newBuilder().setNodeId(request.getSpec().getNodeId()).setState(NodeState.NODE_STATE_RUNNING)
                        .setPort(6400).setPid(42).setGeneration(request.getSpec().getGeneration())
                        .putUnappliedParameters("maxmemory-policy", "ERR Unknown option").build());
                response.onCompleted();
            }

            @Override
            public void rebootNode(RebootNodeRequest request, StreamObserver<NodeStatus> response) {
                received.add(request);
                if (request.getSpec().getNodeId().equals("unknown")) {
                    response.onError(Status.NOT_FOUND.withDescription("no node unknown").asRuntimeException());
                    return;
                }
                response.onNext(NodeStatus.newBuilder().setNodeId(request.getSpec().getNodeId()).setState(NodeState.NODE_STATE_STARTING)
                        .setPort(6400).setPid(43).setGeneration(request.getSpec().getGeneration()).build());
                response.onCompleted();
            }
        }).build().start();
        client = new AgentClient(Duration.ofSeconds(5));
        host = new HostView(UUID.randomUUID(), "local-1a", "127.0.0.1:" + server.getPort(), "127.0.0.1", 1L << 30, 2, Instant.now());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.shutdownNow().awaitTermination();
    }

    @Test
    void applyCarriesTheParametersAndReturnsWhatTheEngineRefused() {
        ObservedNode observed = client.applyNode(host, new NodeSpecification("n-0001", Engine.VALKEY, "8.1.0", 1 << 20, 3,
                Map.of("maxmemory-policy", "allkeys-lru", "timeout", "300")));
        ApplyNodeRequest sent = (ApplyNodeRequest) received.getFirst();
        assertThat(sent.getSpec().getEngine()).isEqualTo(EngineKind.ENGINE_KIND_VALKEY);
        assertThat(sent.getSpec().getParametersMap()).containsExactlyInAnyOrderEntriesOf(
                Map.of("maxmemory-policy", "allkeys-lru", "timeout", "300"));
        assertThat(observed.running()).isTrue();
        assertThat(observed.generation()).isEqualTo(3);
        assertThat(observed.unappliedParameters()).containsEntry("maxmemory-policy", "ERR Unknown option");
    }

    @Test
    void rebootSendsTheSpecToRestartWith() {
        ObservedNode observed = client.rebootNode(host, new NodeSpecification("n-0001", Engine.REDIS, "7.1.0", 1 << 20, 4,
                Map.of("databases", "32")));
        RebootNodeRequest sent = (RebootNodeRequest) received.getFirst();
        assertThat(sent.getSpec().getNodeId()).isEqualTo("n-0001");
        assertThat(sent.getSpec().getGeneration()).isEqualTo(4);
        assertThat(sent.getSpec().getParametersMap()).containsEntry("databases", "32");
        assertThat(observed.state()).isEqualTo(ObservedNode.State.STARTING);
        assertThat(observed.pid()).isEqualTo(43);
        assertThatThrownBy(() -> client.rebootNode(host, new NodeSpecification("unknown", Engine.REDIS, "7.1.0", 0, 1)))
                .isInstanceOf(AgentUnavailableException.class).hasMessageContaining("NOT_FOUND");
    }
}

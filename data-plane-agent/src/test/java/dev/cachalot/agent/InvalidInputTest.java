package dev.cachalot.agent;

import static dev.cachalot.agent.TestSupport.redis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachalot.api.agent.v1.AgentGrpc;
import dev.cachalot.api.agent.v1.ApplyNodeRequest;
import dev.cachalot.api.agent.v1.DescribeNodesRequest;
import dev.cachalot.api.agent.v1.EngineKind;
import dev.cachalot.api.agent.v1.NodeSpec;
import dev.cachalot.api.agent.v1.RemoveNodeRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Specs the agent cannot apply get a gRPC error that says why, and change nothing. */
class InvalidInputTest {

    @TempDir
    Path dataDir;

    private final String prefix = TestSupport.uniquePrefix("bad");
    private TestControlPlane controlPlane;
    private Agent agent;
    private ManagedChannel channel;
    private AgentGrpc.AgentBlockingStub stub;

    @BeforeEach
    void startAgent() throws Exception {
        controlPlane = TestControlPlane.start(1000);
        agent = new Agent(TestSupport.options(dataDir, controlPlane.target(), true)).start();
        channel = TestSupport.channel(agent.grpcPort());
        stub = AgentGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void stopEverything() throws Exception {
        try {
            TestSupport.close(channel);
            agent.close();
            controlPlane.close();
        } finally {
            TestSupport.killNodes(prefix);
        }
    }

    static List<Object[]> invalidSpecs() {
        String id = "bad-node";
        return List.of(
                new Object[] {redis("", 1), "node_id is required"},
                new Object[] {redis("../escape", 1), "node_id '../escape'"},
                new Object[] {redis("has space", 1), "node_id 'has space'"},
                new Object[] {redis(id, 1).toBuilder().setAutoDiscovery(dev.cachalot.api.agent.v1.AutoDiscovery.newBuilder()
                        .setVersion(1)).build(), "auto_discovery applies to memcached nodes only"},
                new Object[] {redis(id, 1).toBuilder().setEngine(EngineKind.ENGINE_KIND_UNSPECIFIED).build(),
                        "engine is required"},
                new Object[] {redis(id, 1).toBuilder().setPort(70000).build(), "port 70000 is outside 1-65535"},
                new Object[] {redis(id, 1).toBuilder().setPort(-1).build(), "port -1 is outside 1-65535"},
                new Object[] {redis(id, 1).toBuilder().setMaxMemoryBytes(-5).build(), "max_memory_bytes"},
                new Object[] {redis(id, 1).toBuilder().setEngineVersion("--evil").build(), "engine_version"});
    }

    @ParameterizedTest
    @MethodSource("invalidSpecs")
    void invalidSpecsAreInvalidArgument(NodeSpec spec, String reason) throws Exception {
        assertThatThrownBy(() -> TestSupport.apply(stub, spec))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains(reason);
                });
        assertThat(stub.describeNodes(DescribeNodesRequest.getDefaultInstance()).getNodesList()).isEmpty();
        try (var entries = Files.list(dataDir.resolve("nodes"))) {
            assertThat(entries).isEmpty();
        }
    }

    @Test
    void applyWithoutASpecIsInvalidArgument() {
        assertThatThrownBy(() -> stub.applyNode(ApplyNodeRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void removeOfAnInvalidIdIsInvalidArgumentAndOfAnUnknownIdIsNotAnError() {
        assertThatThrownBy(() -> stub.removeNode(RemoveNodeRequest.newBuilder().setNodeId("").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        assertThat(stub.removeNode(RemoveNodeRequest.newBuilder().setNodeId("never-applied").build()).getRemoved())
                .isFalse();
    }

    @Test
    void noFreePortIsResourceExhaustedAndAPortOfAnotherNodeIsFailedPrecondition() throws Exception {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(0));
            int port = busy.getLocalPort();
            try (Agent tiny = new Agent(AgentOptions.parse(
                    "--control-plane", controlPlane.target(), "--data-dir", dataDir.resolve("tiny").toString(),
                    "--grpc-port", "0", "--bind-address", "127.0.0.1", "--stop-nodes-on-exit",
                    "--node-ports", port + "-" + port)).start()) {
                ManagedChannel tinyChannel = TestSupport.channel(tiny.grpcPort());
                try {
                    assertThatThrownBy(() -> TestSupport.apply(AgentGrpc.newBlockingStub(tinyChannel),
                            redis(prefix + "-noport", 1)))
                            .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                                assertThat(e.getStatus().getDescription()).contains("no free port");
                            });
                    assertThat(tiny.nodes()).isEmpty();
                } finally {
                    TestSupport.close(tinyChannel);
                }
            }
        }

        int taken = TestSupport.apply(stub, redis(prefix + "-first", 1)).getPort();
        assertThatThrownBy(() -> TestSupport.apply(stub, redis(prefix + "-second", 1).toBuilder().setPort(taken).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(e.getStatus().getDescription()).contains("already assigned to node " + prefix + "-first");
                });
    }
}

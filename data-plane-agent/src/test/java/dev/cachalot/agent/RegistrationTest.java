package dev.cachalot.agent;

import static dev.cachalot.agent.TestSupport.apply;
import static dev.cachalot.agent.TestSupport.redis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cachalot.api.agent.v1.AgentGrpc;
import dev.cachalot.api.agent.v1.NodeState;
import dev.cachalot.api.agent.v1.NodeStatus;
import dev.cachalot.api.agent.v1.RegisterRequest;
import io.grpc.ManagedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's side of the ControlPlane service, against a stand-in control plane. */
class RegistrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    private final String prefix = TestSupport.uniquePrefix("reg");
    private TestControlPlane controlPlane;
    private Agent agent;
    private ManagedChannel channel;

    @AfterEach
    void stopEverything() throws Exception {
        try {
            TestSupport.close(channel);
            if (agent != null) {
                agent.close();
            }
            if (controlPlane != null) {
                controlPlane.close();
            }
        } finally {
            TestSupport.killNodes(prefix);
        }
    }

    @Test
    void registersStreamsNodeStatusAndRegistersAgainAfterAControlPlaneRestart() throws Exception {
        controlPlane = TestControlPlane.start(100);
        agent = new Agent(TestSupport.options(dataDir, controlPlane.target(), true)).start();

        await().atMost(TIMEOUT).until(() -> !controlPlane.registrations.isEmpty());
        RegisterRequest registration = controlPlane.registrations.getFirst();
        assertThat(registration.getHostId()).isEqualTo(agent.hostId());
        assertThat(Files.readString(dataDir.resolve("host-id")).strip()).isEqualTo(agent.hostId());
        assertThat(registration.getAvailabilityZone()).isEqualTo("test-1b");
        assertThat(registration.getAgentEndpoint()).isEqualTo("127.0.0.1:" + agent.grpcPort());
        assertThat(registration.getNodeAddress()).isEqualTo("127.0.0.1");
        assertThat(registration.getMemoryBytes()).isPositive();
        assertThat(registration.getCpus()).isPositive();
        assertThat(registration.getAgentVersion()).isNotBlank();
        assertThat(registration.getNodesList()).isEmpty();

        channel = TestSupport.channel(agent.grpcPort());
        String nodeId = prefix + "-0001";
        apply(AgentGrpc.newBlockingStub(channel), redis(nodeId, 1));
        await().atMost(TIMEOUT).until(() -> controlPlane.lastStatus(nodeId)
                .filter(node -> node.getState() == NodeState.NODE_STATE_RUNNING).isPresent());
        assertThat(controlPlane.statuses).allSatisfy(status -> assertThat(status.getHostId()).isEqualTo(agent.hostId()));
        assertThat(controlPlane.streamed(nodeId, NodeState.NODE_STATE_STARTING)).isNotEmpty();

        // heartbeats keep coming without changes
        int seen = controlPlane.statuses.size();
        await().atMost(TIMEOUT).until(() -> controlPlane.statuses.size() >= seen + 3);

        controlPlane.stop();
        controlPlane.restart();

        await().atMost(TIMEOUT).until(() -> controlPlane.registrations.size() >= 2);
        RegisterRequest again = controlPlane.registrations.get(1);
        assertThat(again.getHostId()).isEqualTo(agent.hostId());
        assertThat(again.getNodesList()).extracting(NodeStatus::getNodeId, NodeStatus::getState)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(nodeId, NodeState.NODE_STATE_RUNNING));
        int afterRestart = controlPlane.statuses.size();
        await().atMost(TIMEOUT).until(() -> controlPlane.statuses.size() > afterRestart);
    }

    @Test
    void servesNodesWhileTheControlPlaneIsDownAndRegistersOnceItIsUp() throws Exception {
        int controlPlanePort = TestSupport.freePort();
        controlPlane = TestControlPlane.onPort(controlPlanePort, 100);
        agent = new Agent(TestSupport.options(dataDir, "127.0.0.1:" + controlPlanePort, true)).start();

        channel = TestSupport.channel(agent.grpcPort());
        String nodeId = prefix + "-early";
        NodeStatus applied = apply(AgentGrpc.newBlockingStub(channel), redis(nodeId, 1));
        assertThat(applied.getPid()).isPositive();

        controlPlane.restart();
        await().atMost(TIMEOUT).until(() -> !controlPlane.registrations.isEmpty());
        assertThat(controlPlane.registrations.getFirst().getNodesList())
                .extracting(NodeStatus::getNodeId).containsExactly(nodeId);
        await().atMost(TIMEOUT).until(() -> controlPlane.lastStatus(nodeId)
                .filter(node -> node.getState() == NodeState.NODE_STATE_RUNNING).isPresent());
    }
}

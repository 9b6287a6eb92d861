package dev.cachalot.agent;

import static dev.cachalot.agent.TestSupport.alive;
import static dev.cachalot.agent.TestSupport.apply;
import static dev.cachalot.agent.TestSupport.describe;
import static dev.cachalot.agent.TestSupport.redis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cachalot.api.agent.v1.AgentGrpc;
import dev.cachalot.api.agent.v1.NodeState;
import dev.cachalot.api.agent.v1.NodeStatus;
import dev.cachalot.api.agent.v1.RegisterRequest;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** An agent restart leaves nodes running; the next agent on the same data dir adopts them. */
class ReadoptionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    private final String prefix = TestSupport.uniquePrefix("adopt");
    private final List<Agent> agents = new ArrayList<>();
    private final List<ManagedChannel> channels = new ArrayList<>();
    private final List<Long> nodePids = new ArrayList<>();
    private TestControlPlane controlPlane;

    @BeforeEach
    void startControlPlane() throws IOException {
        controlPlane = TestControlPlane.start(200);
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            for (ManagedChannel channel : channels) {
                TestSupport.close(channel);
            }
            agents.forEach(Agent::close);
            controlPlane.close();
        } finally {
            // these agents leave nodes running by design: kill them whatever happened
            nodePids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            TestSupport.killNodes(prefix);
        }
    }

    @Test
    void aRestartedAgentAdoptsRunningNodesWithoutRestartingThem() throws Exception {
        String nodeId = prefix + "-0001";
        Agent first = startAgent();
        AgentGrpc.AgentBlockingStub stubA = stub(first);
        NodeStatus applied = apply(stubA, redis(nodeId, 1));
        nodePids.add(applied.getPid());
        awaitRunning(stubA, nodeId);
        try (Jedis jedis = new Jedis("127.0.0.1", applied.getPort())) {
            jedis.set("survives", "the agent");
        }

        first.close();
        assertThat(alive(applied.getPid())).as("node outlives its agent").isTrue();

        Agent second = startAgent();
        assertThat(second.hostId()).isEqualTo(first.hostId());
        AgentGrpc.AgentBlockingStub stubB = stub(second);
        NodeStatus adopted = describe(stubB, nodeId).orElseThrow();
        assertThat(adopted.getState()).isEqualTo(NodeState.NODE_STATE_RUNNING);
        assertThat(adopted.getPid()).isEqualTo(applied.getPid());
        assertThat(adopted.getPort()).isEqualTo(applied.getPort());
        assertThat(adopted.getGeneration()).isEqualTo(1);
        assertThat(adopted.getStartedAtMillis()).isEqualTo(applied.getStartedAtMillis());
        try (var all = ProcessHandle.allProcesses()) {
            assertThat(all.filter(p -> TestSupport.arguments(p.pid()).contains(nodeId))).hasSize(1);
        }

        // the second agent reports the adopted node when it registers
        await().atMost(TIMEOUT).until(() -> controlPlane.registrations.stream()
                .filter(r -> r.getHostId().equals(second.hostId()))
                .count() >= 2);
        RegisterRequest reRegistration = controlPlane.registrations.getLast();
        assertThat(reRegistration.getNodesList()).singleElement().satisfies(node -> {
            assertThat(node.getNodeId()).isEqualTo(nodeId);
            assertThat(node.getPid()).isEqualTo(applied.getPid());
            assertThat(node.getState()).isEqualTo(NodeState.NODE_STATE_RUNNING);
        });

        // and supervises it as its own: the same spec is a no-op, a crash is repaired
        assertThat(apply(stubB, redis(nodeId, 1)).getPid()).isEqualTo(applied.getPid());
        ProcessHandle.of(applied.getPid()).orElseThrow().destroyForcibly();
        NodeStatus restarted = await().atMost(TIMEOUT).until(() -> describe(stubB, nodeId)
                .filter(s -> s.getState() == NodeState.NODE_STATE_RUNNING && s.getPid() != applied.getPid())
                .orElse(null), s -> s != null);
        nodePids.add(restarted.getPid());
        assertThat(restarted.getPort()).isEqualTo(applied.getPort());
    }

    @Test
    void aNodeWhoseProcessDiedWhileNoAgentRanIsStartedAgain() throws Exception {
        String nodeId = prefix + "-dead";
        Agent first = startAgent();
        NodeStatus applied = apply(stub(first), redis(nodeId, 1));
        nodePids.add(applied.getPid());
        awaitRunning(stub(first), nodeId);
        first.close();
        ProcessHandle node = ProcessHandle.of(applied.getPid()).orElseThrow();
        node.destroyForcibly();
        node.onExit().get();

        Agent second = startAgent();
        AgentGrpc.AgentBlockingStub stubB = stub(second);
        NodeStatus restarted = awaitRunning(stubB, nodeId);
        nodePids.add(restarted.getPid());
        assertThat(restarted.getPid()).isNotEqualTo(applied.getPid());
        assertThat(restarted.getPort()).isEqualTo(applied.getPort());
    }

    @Test
    void twoAgentsCannotShareADataDirectory() throws Exception {
        startAgent();
        assertThatThrownBy(() -> new Agent(TestSupport.options(dataDir, controlPlane.target(), false)).start())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("another agent is using");
    }

    private Agent startAgent() throws IOException {
        Agent agent = new Agent(TestSupport.options(dataDir, controlPlane.target(), false)).start();
        agents.add(agent);
        return agent;
    }

    private AgentGrpc.AgentBlockingStub stub(Agent agent) {
        ManagedChannel channel = TestSupport.channel(agent.grpcPort());
        channels.add(channel);
        return AgentGrpc.newBlockingStub(channel);
    }

    private static NodeStatus awaitRunning(AgentGrpc.AgentBlockingStub stub, String nodeId) {
        return await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> describe(stub, nodeId)
                .filter(s -> s.getState() == NodeState.NODE_STATE_RUNNING)
                .orElse(null), s -> s != null);
    }

}

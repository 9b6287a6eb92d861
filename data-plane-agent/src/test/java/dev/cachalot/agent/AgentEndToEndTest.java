package dev.cachalot.agent;

import static dev.cachalot.agent.TestSupport.alive;
import static dev.cachalot.agent.TestSupport.apply;
import static dev.cachalot.agent.TestSupport.describe;
import static dev.cachalot.agent.TestSupport.listening;
import static dev.cachalot.agent.TestSupport.redis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cachalot.api.agent.v1.AgentGrpc;
import dev.cachalot.api.agent.v1.DescribeNodesRequest;
import dev.cachalot.api.agent.v1.DescribeNodesResponse;
import dev.cachalot.api.agent.v1.NodeSpec;
import dev.cachalot.api.agent.v1.NodeState;
import dev.cachalot.api.agent.v1.NodeStatus;
import dev.cachalot.api.agent.v1.RemoveNodeRequest;
import io.grpc.ManagedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * An in-process agent (stop-nodes-on-exit, as in local mode) driven over real gRPC, running real
 * engine processes that a real Redis client talks to.
 */
class AgentEndToEndTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    private final String prefix = TestSupport.uniquePrefix("e2e");
    private TestControlPlane controlPlane;
    private Agent agent;
    private ManagedChannel channel;
    private AgentGrpc.AgentBlockingStub stub;

    @BeforeEach
    void startAgent() throws Exception {
        controlPlane = TestControlPlane.start(200);
        agent = new Agent(TestSupport.options(dataDir, controlPlane.target(), true)).start();
        channel = TestSupport.channel(agent.grpcPort());
        stub = AgentGrpc.newBlockingStub(channel);
    }

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

    /**
     * On a shared machine another program may take a node's port while the node restarts: the
     * other program's PONG must not pass for the node's, and the node moves to another port.
     */
    @Test
    void aNodeWhosePortIsTakenMovesToAnotherPort() throws Exception {
        String nodeId = prefix + "-0001";
        NodeStatus applied = apply(stub, redis(nodeId, 1));
        int port = applied.getPort();
        awaitState(nodeId, NodeState.NODE_STATE_RUNNING);
        long pid = describe(stub, nodeId).orElseThrow().getPid();
        ProcessHandle node = ProcessHandle.of(pid).orElseThrow();
        node.destroyForcibly();
        node.onExit().get();
        // a real redis-server answers PING on the freed port before the node restarts
        Process squatter = new ProcessBuilder("/usr/bin/redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            await().atMost(TIMEOUT).untilAsserted(() -> {
                NodeStatus status = describe(stub, nodeId).orElseThrow();
                assertThat(status.getState()).isEqualTo(NodeState.NODE_STATE_RUNNING);
                assertThat(status.getPort()).isNotEqualTo(port);
                assertThat(status.getPid()).isNotEqualTo(pid);
            });
            NodeStatus moved = describe(stub, nodeId).orElseThrow();
            try (Jedis jedis = new Jedis("127.0.0.1", moved.getPort())) {
                assertThat(jedis.info("server")).contains("process_id:" + moved.getPid());
            }
        } finally {
            squatter.destroyForcibly().waitFor();
        }
    }

    @Test
    void runsSupervisesAndRemovesANode() throws Exception {
        String nodeId = prefix + "-0001";
        NodeStatus applied = apply(stub, redis(nodeId, 1));
        assertThat(applied.getState()).isEqualTo(NodeState.NODE_STATE_STARTING);
        assertThat(applied.getPort()).isPositive();
        assertThat(applied.getPid()).isPositive();
        assertThat(applied.getGeneration()).isEqualTo(1);
        assertThat(applied.getStartedAtMillis()).isPositive();
        int port = applied.getPort();
        long pid = applied.getPid();
        Path nodeDir = dataDir.resolve("nodes").resolve(nodeId);
        assertThat(nodeDir.resolve("node.properties")).exists();

        awaitState(nodeId, NodeState.NODE_STATE_RUNNING);
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            assertThat(jedis.ping()).isEqualTo("PONG");
            assertThat(jedis.set("greeting", "hello")).isEqualTo("OK");
            assertThat(jedis.get("greeting")).isEqualTo("hello");
        }

        // idempotent: the same spec again changes nothing
        NodeStatus again = apply(stub, redis(nodeId, 1));
        assertThat(again.getPid()).isEqualTo(pid);
        assertThat(again.getPort()).isEqualTo(port);
        assertThat(again.getState()).isEqualTo(NodeState.NODE_STATE_RUNNING);

        DescribeNodesResponse all = stub.describeNodes(DescribeNodesRequest.getDefaultInstance());
        assertThat(all.getNodesList()).extracting(NodeStatus::getNodeId).containsExactly(nodeId);
        assertThat(stub.describeNodes(DescribeNodesRequest.newBuilder().addNodeIds("no-such-node").build())
                .getNodesList()).isEmpty();
        assertThat(Files.readString(nodeDir.resolve("node.log"))).contains("Ready to accept connections");

        // a crash: FAILED (with the exit code), then restarted on the same port
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(controlPlane.streamed(nodeId, NodeState.NODE_STATE_FAILED))
                .anySatisfy(failed -> {
                    assertThat(failed.getPid()).isEqualTo(pid);
                    assertThat(failed.getMessage()).contains("exited with code 137");
                }));
        NodeStatus restarted = awaitState(nodeId, NodeState.NODE_STATE_RUNNING);
        assertThat(restarted.getPid()).isNotEqualTo(pid);
        assertThat(restarted.getPort()).isEqualTo(port);
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            assertThat(jedis.ping()).isEqualTo("PONG");
        }

        long newPid = restarted.getPid();
        assertThat(stub.removeNode(RemoveNodeRequest.newBuilder().setNodeId(nodeId).build()).getRemoved()).isTrue();
        assertThat(alive(newPid)).isFalse();
        assertThat(nodeDir).doesNotExist();
        assertThat(listening(port)).isFalse();
        assertThat(describe(stub, nodeId)).isEmpty();

        assertThat(stub.removeNode(RemoveNodeRequest.newBuilder().setNodeId(nodeId).build()).getRemoved()).isFalse();
    }

    @Test
    void concurrentApplyOfOneNodeStartsOneProcess() throws Exception {
        String nodeId = prefix + "-race";
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<NodeStatus> applyIt = () -> apply(stub, redis(nodeId, 1));
            List<Future<NodeStatus>> results = pool.invokeAll(List.of(applyIt, applyIt, applyIt, applyIt));
            long pid = results.getFirst().get().getPid();
            for (Future<NodeStatus> result : results) {
                assertThat(result.get().getPid()).isEqualTo(pid);
            }
            awaitState(nodeId, NodeState.NODE_STATE_RUNNING);
            try (var all = ProcessHandle.allProcesses()) {
                assertThat(all.filter(p -> TestSupport.arguments(p.pid()).contains(nodeId)))
                        .hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void newerGenerationRestartsTheNodeOnTheSamePort() {
        String nodeId = prefix + "-gen";
        NodeStatus first = apply(stub, redis(nodeId, 1));
        awaitState(nodeId, NodeState.NODE_STATE_RUNNING);

        NodeSpec valkey = redis(nodeId, 2).toBuilder()
                .setEngine(dev.cachalot.api.agent.v1.EngineKind.ENGINE_KIND_VALKEY)
                .setEngineVersion("8.1.0")
                .build();
        NodeStatus second = apply(stub, valkey);
        assertThat(second.getGeneration()).isEqualTo(2);
        assertThat(second.getPid()).isNotEqualTo(first.getPid());
        assertThat(second.getPort()).isEqualTo(first.getPort());
        assertThat(alive(first.getPid())).isFalse();
        awaitState(nodeId, NodeState.NODE_STATE_RUNNING);
        assertThat(TestSupport.arguments(second.getPid()))
                .containsSequence("--engine", "valkey", "--engine-version", "8.1.0");

        // an older generation is not a downgrade: nothing happens
        NodeStatus stale = apply(stub, redis(nodeId, 1));
        assertThat(stale.getPid()).isEqualTo(second.getPid());
        assertThat(stale.getGeneration()).isEqualTo(2);
    }

    @Test
    void twoNodesGetDistinctPortsAndAnExplicitPortIsHonoured() throws Exception {
        NodeStatus a = apply(stub, redis(prefix + "-a", 1));
        NodeStatus b = apply(stub, redis(prefix + "-b", 1));
        assertThat(a.getPort()).isNotEqualTo(b.getPort());

        int explicit = TestSupport.freePort();
        NodeStatus c = apply(stub, redis(prefix + "-c", 1).toBuilder().setPort(explicit).build());
        assertThat(c.getPort()).isEqualTo(explicit);
        awaitState(prefix + "-c", NodeState.NODE_STATE_RUNNING);
        try (Jedis jedis = new Jedis("127.0.0.1", explicit)) {
            assertThat(jedis.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void aNodeThatStopsAnsweringIsFailedUntilItAnswersAgain() throws Exception {
        String nodeId = prefix + "-frozen";
        long pid = apply(stub, redis(nodeId, 1)).getPid();
        awaitState(nodeId, NodeState.NODE_STATE_RUNNING);

        signal("STOP", pid); // alive, but answers nothing: a hung node
        try {
            NodeStatus failed = awaitState(nodeId, NodeState.NODE_STATE_FAILED);
            assertThat(failed.getPid()).isEqualTo(pid);
            assertThat(failed.getMessage()).contains("has not answered");
        } finally {
            signal("CONT", pid);
        }
        // not restarted: the same process is RUNNING again once it answers
        assertThat(awaitState(nodeId, NodeState.NODE_STATE_RUNNING).getPid()).isEqualTo(pid);
    }

    private static void signal(String signal, long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor()).isZero();
    }

    @Test
    void stopNodesOnExitStopsNodesWhenTheAgentCloses() {
        String nodeId = prefix + "-exit";
        long pid = apply(stub, redis(nodeId, 1)).getPid();
        awaitState(nodeId, NodeState.NODE_STATE_RUNNING);

        agent.close();

        assertThat(alive(pid)).isFalse();
        // stopped, not removed: a later agent on this data dir starts it again
        assertThat(dataDir.resolve("nodes").resolve(nodeId)).isDirectory();
    }

    private NodeStatus awaitState(String nodeId, NodeState state) {
        return await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50))
                .until(() -> describe(stub, nodeId).filter(s -> s.getState() == state).orElse(null),
                        status -> status != null);
    }
}

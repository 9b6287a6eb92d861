package dev.cachalot.agent;

import static dev.cachalot.agent.TestSupport.alive;
import static dev.cachalot.agent.TestSupport.apply;
import static dev.cachalot.agent.TestSupport.describe;
import static dev.cachalot.agent.TestSupport.redis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cachalot.api.agent.v1.AgentGrpc;
import dev.cachalot.api.agent.v1.NodeSpec;
import dev.cachalot.api.agent.v1.NodeState;
import dev.cachalot.api.agent.v1.NodeStatus;
import dev.cachalot.api.agent.v1.RebootNodeRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Engine parameters of a node spec and RebootNode, on an in-process agent with real engine processes
 * reached with Jedis: parameters applied at start, a parameter-only generation applied to the running
 * process (same pid), and a reboot (new pid, same port, once per generation).
 */
class NodeParametersTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long MIB = 1024L * 1024;

    @TempDir
    Path dataDir;

    private final String prefix = TestSupport.uniquePrefix("params");
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

    @Test
    void everyEngineSettingOfElastiCachesDefaultGroupsIsApplied() throws Exception {
        // the directives a default.redis7 / default.valkey8 group sends (cache-parameters.csv, engine_setting)
        Map<String, String> defaults = new java.util.TreeMap<>();
        try (var in = getClass().getResourceAsStream("/cachalot/reference/cache-parameters.csv")) {
            List<String> lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#")).toList();
            List<String> header = csv(lines.getFirst());
            for (String line : lines.subList(1, lines.size())) {
                List<String> row = csv(line);
                String setting = row.get(header.indexOf("engine_setting"));
                List<String> families = List.of(row.get(header.indexOf("families")).split(" "));
                if (!setting.isEmpty() && (families.contains("redis7") || families.contains("valkey8"))) {
                    defaults.put(setting, row.get(header.indexOf("default")));
                }
            }
        }
        assertThat(defaults).containsKeys("maxmemory-policy", "activedefrag", "lazyfree-lazy-eviction", "notify-keyspace-events");
        String nodeId = prefix + "-defaults";
        apply(stub, redis(nodeId, 1).toBuilder().putAllParameters(defaults).build());
        NodeStatus running = awaitState(nodeId, NodeState.NODE_STATE_RUNNING);
        assertThat(running.getUnappliedParametersMap()).isEmpty();
        try (Jedis jedis = new Jedis("127.0.0.1", running.getPort())) {
            assertThat(jedis.configGet("active-defrag-cycle-max")).containsEntry("active-defrag-cycle-max",
                    defaults.get("active-defrag-cycle-max"));
        }
    }

    /** One line of the reference CSV: comma-separated cells, some in double quotes. */
    private static List<String> csv(String line) {
        List<String> cells = new java.util.ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    @Test
    void parametersAreAppliedWhenTheNodeStartsAndRefusedOnesAreReported() throws Exception {
        String nodeId = prefix + "-start";
        NodeSpec spec = redis(nodeId, 1).toBuilder()
                .putParameters("maxmemory-policy", "allkeys-lru")
                .putParameters("cachalot-no-such-directive", "1")
                .build();
        apply(stub, spec);
        NodeStatus running = awaitState(nodeId, NodeState.NODE_STATE_RUNNING);
        // a directive the engine does not know does not fail the node: it is reported
        assertThat(running.getUnappliedParametersMap()).containsKey("cachalot-no-such-directive");
        try (Jedis jedis = new Jedis("127.0.0.1", running.getPort())) {
            assertThat(jedis.ping()).isEqualTo("PONG");
            // the engine knows maxmemory-policy: it is in effect, not reported
            assertThat(running.getUnappliedParametersMap()).doesNotContainKey("maxmemory-policy");
            assertThat(jedis.configGet("maxmemory-policy")).containsEntry("maxmemory-policy", "allkeys-lru");
            assertThat(jedis.configGet("maxmemory")).containsEntry("maxmemory", Long.toString(32 * MIB));
        }
        assertThat(Files.readString(dataDir.resolve("nodes").resolve(nodeId).resolve("node.properties")))
                .contains("spec.parameter.maxmemory-policy=allkeys-lru");
        // the stream to the control plane carries the report too
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(controlPlane.streamed(nodeId, NodeState.NODE_STATE_RUNNING))
                .anySatisfy(s -> assertThat(s.getUnappliedParametersMap()).containsKey("cachalot-no-such-directive")));
    }

    @Test
    void aGenerationThatChangesOnlyParametersAndMemoryIsAppliedWithoutARestart() {
        String nodeId = prefix + "-live";
        NodeStatus first = apply(stub, redis(nodeId, 1).toBuilder().putParameters("cachalot-no-such-directive", "1").build());
        awaitState(nodeId, NodeState.NODE_STATE_RUNNING);
        try (Jedis jedis = new Jedis("127.0.0.1", first.getPort())) {
            jedis.set("survives", "the change");
        }

        NodeSpec changed = redis(nodeId, 2).toBuilder().setMaxMemoryBytes(48 * MIB)
                .putParameters("maxmemory-policy", "allkeys-lfu").build();
        NodeStatus second = apply(stub, changed);
        assertThat(second.getPid()).isEqualTo(first.getPid());
        assertThat(second.getPort()).isEqualTo(first.getPort());
        assertThat(second.getGeneration()).isEqualTo(2);
        assertThat(second.getState()).isEqualTo(NodeState.NODE_STATE_RUNNING);
        assertThat(second.getUnappliedParametersMap()).doesNotContainKey("cachalot-no-such-directive");
        try (Jedis jedis = new Jedis("127.0.0.1", first.getPort())) {
            assertThat(jedis.configGet("maxmemory")).containsEntry("maxmemory", Long.toString(48 * MIB));
            assertThat(jedis.get("survives")).isEqualTo("the change");
        }
        // the same generation again is a no-op
        assertThat(apply(stub, changed).getPid()).isEqualTo(first.getPid());
    }

    @Test
    void rebootRestartsTheProcessOnTheSamePortOncePerGeneration() {
        String nodeId = prefix + "-reboot";
        NodeStatus first = apply(stub, redis(nodeId, 1));
        awaitState(nodeId, NodeState.NODE_STATE_RUNNING);
        try (Jedis jedis = new Jedis("127.0.0.1", first.getPort())) {
            jedis.set("k", "v");
        }

        NodeSpec reboot = redis(nodeId, 2).toBuilder().putParameters("cachalot-no-such-directive", "2").build();
        NodeStatus rebooted = reboot(reboot);
        assertThat(rebooted.getPid()).isNotEqualTo(first.getPid());
        assertThat(rebooted.getPort()).isEqualTo(first.getPort());
        assertThat(rebooted.getGeneration()).isEqualTo(2);
        assertThat(alive(first.getPid())).isFalse();
        NodeStatus running = awaitState(nodeId, NodeState.NODE_STATE_RUNNING);
        assertThat(running.getPid()).isEqualTo(rebooted.getPid());
        // the new process started from the rebooted spec
        assertThat(running.getUnappliedParametersMap()).containsKey("cachalot-no-such-directive");
        try (Jedis jedis = new Jedis("127.0.0.1", first.getPort())) {
            assertThat(jedis.ping()).isEqualTo("PONG");
            assertThat(jedis.get("k")).isNull(); // a reboot of a cache node loses its data, as in ElastiCache
        }

        // a retried call for the same generation does not restart the node again
        assertThat(reboot(reboot).getPid()).isEqualTo(rebooted.getPid());
        assertThat(describe(stub, nodeId).orElseThrow().getPid()).isEqualTo(rebooted.getPid());

        assertThatThrownBy(() -> reboot(redis(prefix + "-unknown", 5)))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        assertThatThrownBy(() -> reboot(redis(nodeId, 3).toBuilder().putParameters("Bad Name", "x").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        assertThat(List.of(describe(stub, nodeId).orElseThrow().getPid())).containsExactly(rebooted.getPid());
    }

    private NodeStatus reboot(NodeSpec spec) {
        return stub.withDeadlineAfter(30, TimeUnit.SECONDS).rebootNode(RebootNodeRequest.newBuilder().setSpec(spec).build());
    }

    private NodeStatus awaitState(String nodeId, NodeState state) {
        return await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50))
                .until(() -> describe(stub, nodeId).filter(s -> s.getState() == state).orElse(null),
                        status -> status != null);
    }
}

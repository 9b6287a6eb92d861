package dev.cachalot.agent;

import static dev.cachalot.agent.TestSupport.apply;
import static dev.cachalot.agent.TestSupport.describe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cachalot.api.agent.v1.AgentGrpc;
import dev.cachalot.api.agent.v1.AutoDiscovery;
import dev.cachalot.api.agent.v1.DiscoveryNode;
import dev.cachalot.api.agent.v1.EngineKind;
import dev.cachalot.api.agent.v1.NodeSpec;
import dev.cachalot.api.agent.v1.NodeState;
import dev.cachalot.api.agent.v1.NodeStatus;
import io.grpc.ManagedChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memcached nodes on an in-process agent, as real engine processes: the {@code version} health check,
 * parameters given on the command line and applied live over the token-guarded admin channel (refused
 * ones reported), the Auto Discovery list pushed at start and changed without a restart.
 */
class MemcachedNodeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    private final String prefix = TestSupport.uniquePrefix("mc");
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

    static NodeSpec memcached(String nodeId, long generation) {
        return NodeSpec.newBuilder().setNodeId(nodeId).setEngine(EngineKind.ENGINE_KIND_MEMCACHED)
                .setEngineVersion("1.6.22").setMaxMemoryBytes(32L * 1024 * 1024).setGeneration(generation).build();
    }

    static AutoDiscovery discovery(long version, int... ports) {
        AutoDiscovery.Builder b = AutoDiscovery.newBuilder().setVersion(version);
        for (int i = 0; i < ports.length; i++) {
            b.addNodes(DiscoveryNode.newBuilder().setHostname("mc.abc.000" + (i + 1) + ".local-1.cachalot.internal")
                    .setIpAddress("127.0.0.1").setPort(ports[i]));
        }
        return b.build();
    }

    @Test
    void aMemcachedNodeRunsWithItsParametersAndAutoDiscovery() throws Exception {
        String nodeId = prefix + "-node";
        NodeSpec spec = memcached(nodeId, 1).toBuilder()
                .putParameters("max-item-size", "2097152")
                .putParameters("chunk-size", "96")
                .putParameters("lru-crawler", "1")
                .setAutoDiscovery(discovery(3, 11211, 11212))
                .build();
        NodeStatus created = apply(stub, spec);
        NodeStatus running = awaitState(nodeId, NodeState.NODE_STATE_RUNNING);
        assertThat(running.getPid()).isEqualTo(created.getPid());
        assertThat(running.getUnappliedParametersMap()).containsOnlyKeys("lru-crawler");
        int port = running.getPort();
        assertThat(call(port, "version\r\n")).isEqualTo("VERSION 1.6.22\r\n");
        String settings = call(port, "stats settings\r\n");
        assertThat(settings).contains("STAT item_size_max 2097152\r\n", "STAT chunk_size 96\r\n", "STAT maxbytes 33554432\r\n");
        String expected = "3\nmc.abc.0001.local-1.cachalot.internal|127.0.0.1|11211 "
                + "mc.abc.0002.local-1.cachalot.internal|127.0.0.1|11212\n";
        assertThat(call(port, "config get cluster\r\n"))
                .isEqualTo("CONFIG cluster 0 " + expected.length() + "\r\n" + expected + "\r\nEND\r\n");
        // the admin token is the agent's: in the node's directory, readable by the agent's user only
        Path token = dataDir.resolve("nodes").resolve(nodeId).resolve("admin.token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token))).isEqualTo("rw-------");
        assertThat(TestSupport.arguments(running.getPid())).contains("--admin-token-file", "--chunk-size", "96")
                .doesNotContain(Files.readString(token).strip());
        assertThat(call(port, "config set cluster guess 4\r\n1\nx\n\r\n")).isEqualTo("CLIENT_ERROR unauthorized\r\n");

        // a node added to the cluster: a newer generation changes only the list, the process stays
        call(port, "set survives 0 0 3\r\nyes\r\n");
        NodeStatus second = apply(stub, spec.toBuilder().setGeneration(2).setAutoDiscovery(discovery(4, 11211, 11212, 11213))
                .putParameters("max-item-size", "4194304").build());
        assertThat(second.getPid()).isEqualTo(running.getPid());
        assertThat(second.getGeneration()).isEqualTo(2);
        assertThat(call(port, "config get cluster\r\n")).startsWith("CONFIG cluster 0 ").contains("\n4\n", "|11213\n");
        assertThat(call(port, "stats settings\r\n")).contains("STAT item_size_max 4194304\r\n");
        assertThat(call(port, "get survives\r\n")).isEqualTo("VALUE survives 0 3\r\nyes\r\nEND\r\n");
    }

    @Test
    void aKilledMemcachedNodeIsRestartedWithItsListAgain() throws Exception {
        String nodeId = prefix + "-restart";
        apply(stub, memcached(nodeId, 1).toBuilder().setAutoDiscovery(discovery(7, 11211)).build());
        NodeStatus running = awaitState(nodeId, NodeState.NODE_STATE_RUNNING);
        ProcessHandle.of(running.getPid()).ifPresent(ProcessHandle::destroyForcibly);
        NodeStatus again = await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50))
                .until(() -> describe(stub, nodeId).filter(s -> s.getState() == NodeState.NODE_STATE_RUNNING
                        && s.getPid() != running.getPid()).orElse(null), s -> s != null);
        assertThat(call(again.getPort(), "config get cluster\r\n")).contains("\n7\n");
    }

    private NodeStatus awaitState(String nodeId, NodeState state) {
        return await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50))
                .until(() -> describe(stub, nodeId).filter(s -> s.getState() == state).orElse(null), s -> s != null);
    }

    /** One request over a fresh connection; the reply up to its final END, STORED, ERROR or single line. */
    static String call(int port, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write((request + "mn\r\n").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (!got.toString(StandardCharsets.ISO_8859_1).endsWith("MN\r\n")) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                got.write(buf, 0, n);
            }
            String reply = got.toString(StandardCharsets.ISO_8859_1);
            return reply.endsWith("MN\r\n") ? reply.substring(0, reply.length() - 4) : reply;
        }
    }
}

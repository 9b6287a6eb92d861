package dev.cachalot.agent;

import dev.cachalot.agent.node.NodeProcess;
import dev.cachalot.api.agent.v1.AgentGrpc;
import dev.cachalot.api.agent.v1.ApplyNodeRequest;
import dev.cachalot.api.agent.v1.DescribeNodesRequest;
import dev.cachalot.api.agent.v1.EngineKind;
import dev.cachalot.api.agent.v1.NodeSpec;
import dev.cachalot.api.agent.v1.NodeStatus;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** Helpers shared by the tests that run real agents and node processes. */
final class TestSupport {

    private TestSupport() {
    }

    /** A unique prefix for node ids, so that cleanup can find this test's node processes and no others. */
    static String uniquePrefix(String test) {
        return test + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    }

    /**
     * Options for an in-process agent: any free gRPC port, loopback only, and a node port range of its
     * own (the allocator skips ports that are busy anyway).
     */
    static AgentOptions options(Path dataDir, String controlPlane, boolean stopNodesOnExit) {
        int from = 20000 + ThreadLocalRandom.current().nextInt(200) * 100;
        List<String> args = new ArrayList<>(List.of(
                "--control-plane", controlPlane,
                "--zone", "test-1b",
                "--data-dir", dataDir.toString(),
                "--grpc-port", "0",
                "--bind-address", "127.0.0.1",
                "--node-ports", from + "-" + (from + 99),
                "--engine-jvm-options", "-XX:TieredStopAtLevel=1"));
        if (stopNodesOnExit) {
            args.add("--stop-nodes-on-exit");
        }
        return AgentOptions.parse(args.toArray(String[]::new));
    }

    static ManagedChannel channel(int port) {
        return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    static void close(ManagedChannel channel) throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    static NodeSpec redis(String nodeId, long generation) {
        return NodeSpec.newBuilder()
                .setNodeId(nodeId)
                .setEngine(EngineKind.ENGINE_KIND_REDIS)
                .setEngineVersion("7.1.0")
                .setMaxMemoryBytes(32L * 1024 * 1024)
                .setGeneration(generation)
                .build();
    }

    static NodeStatus apply(AgentGrpc.AgentBlockingStub agent, NodeSpec spec) {
        return agent.withDeadlineAfter(30, TimeUnit.SECONDS)
                .applyNode(ApplyNodeRequest.newBuilder().setSpec(spec).build());
    }

    static Optional<NodeStatus> describe(AgentGrpc.AgentBlockingStub agent, String nodeId) {
        return agent.withDeadlineAfter(10, TimeUnit.SECONDS)
                .describeNodes(DescribeNodesRequest.newBuilder().addNodeIds(nodeId).build())
                .getNodesList().stream().findFirst();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static List<String> arguments(long pid) {
        return ProcessHandle.of(pid).flatMap(NodeProcess::arguments).orElse(List.of());
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Kills (SIGKILL) every engine process whose node id starts with the prefix and waits for them:
     * the safety net that keeps a failed test from leaking node processes.
     */
    static void killNodes(String nodeIdPrefix) {
        List<ProcessHandle> nodes;
        try (var all = ProcessHandle.allProcesses()) {
            nodes = all.filter(handle -> isNodeWithPrefix(handle, nodeIdPrefix)).toList();
        }
        for (ProcessHandle node : nodes) {
            node.destroyForcibly();
        }
        for (ProcessHandle node : nodes) {
            try {
                node.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    private static boolean isNodeWithPrefix(ProcessHandle handle, String prefix) {
        List<String> args = NodeProcess.arguments(handle).orElse(List.of());
        int at = args.indexOf("--node-id");
        return args.contains("dev.cachalot.engine.EngineMain") && at >= 0 && at + 1 < args.size()
                && args.get(at + 1).startsWith(prefix);
    }
}

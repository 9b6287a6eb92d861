package dev.cachalot.agent;

import static dev.cachalot.agent.TestSupport.alive;
import static dev.cachalot.agent.TestSupport.apply;
import static dev.cachalot.agent.TestSupport.describe;
import static dev.cachalot.agent.TestSupport.redis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cachalot.api.agent.v1.AgentGrpc;
import dev.cachalot.api.agent.v1.NodeState;
import dev.cachalot.api.agent.v1.NodeStatus;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** AgentMain as the operator runs it: a real process with a real command line. */
class AgentMainProcessTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern SERVING = Pattern.compile("Agent (\\S+) serving on 127\\.0\\.0\\.1:(\\d+), zone (\\S+)");

    @TempDir
    Path dir;

    private final String prefix = TestSupport.uniquePrefix("main");
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killEverything() {
        for (Process process : processes) {
            process.destroyForcibly();
        }
        for (Process process : processes) {
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // best effort
            }
        }
        TestSupport.killNodes(prefix);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--no-such-option", "--grpc-port=abc", "--node-ports=7000-6000", "--control-plane=nohost",
            "--zone"})
    void badArgumentsPrintUsageAndExitWith2(String argument) throws Exception {
        Path stderr = dir.resolve("stderr.txt");
        Process agent = start(List.of(argument), dir.resolve("stdout.txt"), stderr);

        assertThat(agent.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(agent.exitValue()).isEqualTo(2);
        assertThat(Files.readString(stderr)).contains("Usage: java -jar data-plane-agent.jar").contains("--control-plane");
    }

    @Test
    void exitsWhenItsOwnerIsGoneAndTakesItsNodesAlong() throws Exception {
        Process owner = new ProcessBuilder("sleep", "600").start();
        processes.add(owner);
        Path stdout = dir.resolve("agent.log");
        int unusedControlPlanePort = TestSupport.freePort(); // nobody listens: the agent must work without it
        Process agent = start(List.of(
                "--control-plane", "127.0.0.1:" + unusedControlPlanePort,
                "--zone", "proc-1c",
                "--data-dir", dir.resolve("data").toString(),
                "--grpc-port", "0",
                "--bind-address", "127.0.0.1",
                "--node-ports", "31000-31099",
                "--engine-jvm-options", "-XX:TieredStopAtLevel=1",
                "--stop-nodes-on-exit",
                "--owner-pid", Long.toString(owner.pid())), stdout, dir.resolve("agent.err"));

        Matcher serving = await().atMost(TIMEOUT).until(() -> {
            Matcher m = SERVING.matcher(Files.readString(stdout, StandardCharsets.UTF_8));
            return m.find() ? m : null;
        }, m -> m != null);
        assertThat(serving.group(1)).isEqualTo(Files.readString(dir.resolve("data/host-id")).strip());
        assertThat(serving.group(3)).isEqualTo("proc-1c");
        int grpcPort = Integer.parseInt(serving.group(2));

        ManagedChannel channel = TestSupport.channel(grpcPort);
        NodeStatus node;
        try {
            AgentGrpc.AgentBlockingStub stub = AgentGrpc.newBlockingStub(channel);
            String nodeId = prefix + "-0001";
            apply(stub, redis(nodeId, 1));
            node = await().atMost(TIMEOUT).until(() -> describe(stub, nodeId)
                    .filter(s -> s.getState() == NodeState.NODE_STATE_RUNNING).orElse(null), s -> s != null);
            // local mode: the node also watches the agent, in case the agent is SIGKILLed
            assertThat(TestSupport.arguments(node.getPid())).containsSequence("--owner-pid", Long.toString(agent.pid()));
        } finally {
            TestSupport.close(channel);
        }

        owner.destroy();

        assertThat(agent.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("agent exits by itself").isTrue();
        assertThat(alive(node.getPid())).as("its node is stopped").isFalse();
        assertThat(Files.readString(stdout)).contains("Owner process " + owner.pid() + " is gone");
    }

    private Process start(List<String> args, Path stdout, Path stderr) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                AgentMain.class.getName()));
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        processes.add(process);
        return process;
    }
}

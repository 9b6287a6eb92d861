package dev.cachalot.engine.memcached;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.engine.EngineConfig;
import dev.cachalot.engine.EngineMain;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A memcached node as the agent runs it, a child process: the same ready line, the same exit on
 * SIGTERM and when its owner is gone, as a RESP node; bad memcached options exit with 2.
 */
class MemcachedProcessTest {

    private static final Pattern READY = Pattern.compile("Ready to accept connections tcp on port (\\d+)");

    private static ProcessBuilder engine(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-cp", System.getProperty("java.class.path"), EngineMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    }

    private static int awaitReady(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher m = READY.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("the node exited before it was ready");
    }

    @Test
    void servesMemcachedAndExitsCleanlyOnSigtermAndWhenItsOwnerIsGone() throws Exception {
        Process owner = new ProcessBuilder("sleep", "300").start();
        Process p = engine("--port", "0", "--bind", "127.0.0.1", "--engine", "memcached", "--maxmemory", "16mb",
                "--max-item-size", "2m", "--owner-pid", Long.toString(owner.pid())).start();
        try {
            int port = awaitReady(p);
            try (RawClient c = new RawClient(port)) {
                assertThat(c.call("version\r\n")).isEqualTo("VERSION 1.6.22\r\n");
                assertThat(MemcachedNodeTest.stats(c, "settings")).containsEntry("item_size_max", "2097152")
                        .containsEntry("maxbytes", Long.toString(16 * 1024 * 1024));
            }
            owner.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the node exits after its owner").isTrue();
            assertThat(p.exitValue()).isZero();
        } finally {
            owner.destroyForcibly();
            p.destroyForcibly();
        }
        Process q = engine("--port", "0", "--bind", "127.0.0.1", "--engine", "memcached").start();
        try {
            awaitReady(q);
            q.destroy(); // SIGTERM
            assertThat(q.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(q.exitValue()).isZero();
        } finally {
            q.destroyForcibly();
        }
    }

    @Test
    void badMemcachedOptionsAreUsageErrors() throws Exception {
        for (String[] args : new String[][] {{"--port", "0", "--engine", "memcached", "--max-item-size", "lots"},
                {"--port", "0", "--engine", "memcached", "--growth-factor", "1"},
                {"--port", "0", "--engine", "memcached", "--cas-disabled", "maybe"}}) {
            Process p = engine(args).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(String.join(" ", args)).isEqualTo(2);
            } finally {
                p.destroyForcibly();
            }
        }
        assertThat(EngineConfig.parse("--port", "0", "--engine", "memcached", "--chunk-size", "96").memcached().chunkSize())
                .isEqualTo(96);
    }
}

package dev.cachalot.engine;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** EngineMain as a real child process: the command-line contract the agent relies on. */
class EngineMainProcessTest {

    static final Pattern READY = Pattern.compile("Ready to accept connections tcp on port (\\d+)");

    static ProcessBuilder engine(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-cp", System.getProperty("java.class.path"), EngineMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /** Reads stdout until the ready line and returns the port it names. */
    static int awaitReady(Process p) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = READY.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("engine exited before it was ready");
    }

    static String ping(int port) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] b = new byte[7];
            int read = 0;
            while (read < 7) {
                int n = s.getInputStream().read(b, read, 7 - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            return new String(b, 0, read, StandardCharsets.US_ASCII);
        }
    }

    @Test
    void printsTheChosenPortServesAndExitsCleanlyOnSigterm() throws Exception {
        Process p = engine("--port", "0", "--bind", "127.0.0.1", "--node-id", "node-7", "--engine", "valkey",
                "--engine-version", "8.1.0", "--maxmemory", "64mb").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            int port = awaitReady(p);
            assertThat(port).isPositive();
            assertThat(ping(port)).isEqualTo("+PONG\r\n");
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void exitsByItselfWhenTheOwnerProcessIsGone() throws Exception {
        Process owner = new ProcessBuilder("sleep", "300").start();
        Process p = null;
        try {
            p = engine("--port", "0", "--bind", "127.0.0.1", "--owner-pid", Long.toString(owner.pid()))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            int port = awaitReady(p);
            assertThat(ping(port)).isEqualTo("+PONG\r\n");
            owner.destroyForcibly();
            owner.waitFor(10, TimeUnit.SECONDS);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("engine exits after its owner").isTrue();
            assertThat(p.exitValue()).isZero();
        } finally {
            owner.destroyForcibly();
            if (p != null) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void badArgumentsPrintUsageAndExitWith2() throws Exception {
        String[][] bad = {{}, {"--bogus", "1"}, {"--port"}, {"--port", "abc"}, {"--port", "70000"},
                {"--port", "0", "--engine", "memcache"}, {"--port", "0", "--maxmemory", "lots"},
                {"--port", "0", "--owner-pid", "-4"}, {"--port", "0", "stray"}};
        for (String[] args : bad) {
            Process p = engine(args).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as("exit code for %s", List.of(args)).isEqualTo(2);
                assertThat(err).contains("Usage:").contains("--port");
            } finally {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void configParsing() {
        EngineConfig c = EngineConfig.parse("--port", "6400", "--bind", "10.0.0.1", "--engine", "valkey",
                "--maxmemory", "1gb", "--node-id", "n1", "--owner-pid", "123");
        assertThat(c).isEqualTo(new EngineConfig(6400, "10.0.0.1", EngineConfig.Engine.VALKEY, "8.1.0", 1L << 30, "n1", 123));
        assertThat(EngineConfig.parse("--port", "0").engineVersion()).isEqualTo("7.2.4");
        assertThat(EngineConfig.parse("--port", "0", "--engine-version", "7.1.0").engineVersion()).isEqualTo("7.1.0");
        assertThat(EngineConfig.parse("--port", "0", "--maxmemory", "1048576").maxmemory()).isEqualTo(1048576);
        assertThat(EngineConfig.parse("--port", "0").bind()).isEqualTo("0.0.0.0");
    }
}

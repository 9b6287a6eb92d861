package dev.cachalot.engine.memcached;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.engine.EngineConfig;
import dev.cachalot.engine.EngineServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's libmemcached-tools against a memcached node: memccp copies files in, memccat reads them back,
 * memcstat shows the node's stats, memcslap runs its load (text and binary). Fails with a clear message
 * when the tools are missing ({@code .ci/run} installs them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LibmemcachedToolsTest {

    private EngineServer node;
    private String servers;

    @BeforeAll
    void start() throws Exception {
        for (String tool : List.of("memccp", "memccat", "memcstat", "memcslap")) {
            assertThat(new File("/usr/bin/" + tool).canExecute())
                    .as("/usr/bin/" + tool + " (apt-get install libmemcached-tools; .ci/run installs it)").isTrue();
        }
        node = EngineServer.start(EngineConfig.defaults().withEngine(EngineConfig.Engine.MEMCACHED));
        servers = "--servers=127.0.0.1:" + node.port();
    }

    @AfterAll
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("%s: %s", String.join(" ", command), text).isZero();
        return text;
    }

    @Test
    void memccpThenMemccatRoundTripsFiles(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("alpha.txt");
        Path b = dir.resolve("beta.bin");
        Files.writeString(a, "the first file\n");
        byte[] binary = new byte[200_000];
        new java.util.Random(3).nextBytes(binary);
        Files.write(b, binary);
        run("memccp", servers, a.toString(), b.toString());
        assertThat(run("memccat", servers, "alpha.txt")).startsWith("the first file\n"); // memccat adds a newline
        Path copy = dir.resolve("copy.bin");
        Process cat = new ProcessBuilder("memccat", servers, "beta.bin").redirectOutput(copy.toFile()).start();
        assertThat(cat.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(java.util.Arrays.copyOf(Files.readAllBytes(copy), binary.length)).isEqualTo(binary);
        run("memccp", "--binary", servers, a.toString());
        assertThat(run("memccat", "--binary", servers, "alpha.txt")).startsWith("the first file\n");
    }

    @Test
    void memcstatShowsTheNodesStats() throws Exception {
        String stats = run("memcstat", servers);
        assertThat(stats).contains("Server: 127.0.0.1 (" + node.port() + ")", "curr_items:", "get_hits:",
                "limit_maxbytes: 67108864", "version: 1.6.22");
    }

    @Test
    void memcslapRunsItsLoad() throws Exception {
        List<String> out = new ArrayList<>();
        out.add(run("memcslap", servers, "--concurrency=4", "--execute-number=2000", "--test=set", "--flush"));
        out.add(run("memcslap", servers, "--concurrency=4", "--execute-number=2000", "--test=get"));
        out.add(run("memcslap", servers, "--binary", "--concurrency=2", "--execute-number=2000", "--test=mget"));
        assertThat(out).allSatisfy(o -> assertThat(o).contains("Time total:").doesNotContain("rror"));
        try (RawClient c = new RawClient(node.port())) {
            assertThat(Long.parseLong(MemcachedNodeTest.stats(c, "").get("cmd_set"))).isGreaterThan(1000);
        }
    }
}

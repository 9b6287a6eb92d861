package dev.cachalot.agent.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class EngineCommandTest {

    private static final long MIB = 1024 * 1024;
    private static final long GIB = 1024 * MIB;

    private final EngineCommand command = new EngineCommand(Path.of("/jdk/bin/java"), "/a.jar:/b.jar",
            List.of("-Xlog:gc", "-Xmx2g"), OptionalLong.of(99), Path.of("/usr/bin/setsid"), 16 * GIB);

    @Test
    void buildsTheEngineCommandLine() {
        List<String> line = command.command(new DesiredNode("n-1", Engine.VALKEY, "8.1.0", 0, 100 * MIB, 3), 6405);

        assertThat(line).startsWith("/usr/bin/setsid", "/jdk/bin/java");
        assertThat(line).containsAll(EngineCommand.DEFAULT_JVM_OPTIONS);
        // extra options come after the derived heap, so that an operator's -Xmx wins
        assertThat(line.indexOf("-Xmx2g")).isGreaterThan(line.indexOf("-Xmx200m"));
        assertThat(line).containsSequence("-cp", "/a.jar:/b.jar", "dev.cachalot.engine.EngineMain",
                "--port", "6405", "--bind", "0.0.0.0", "--engine", "valkey", "--engine-version", "8.1.0",
                "--maxmemory", Long.toString(100 * MIB), "--node-id", "n-1", "--owner-pid", "99");
    }

    @Test
    void leavesTheVersionToTheEngineWhenTheSpecHasNone() {
        EngineCommand plain = new EngineCommand(Path.of("java"), "/a.jar", List.of(), OptionalLong.empty(), null, 0);
        List<String> line = plain.command(new DesiredNode("n-1", Engine.REDIS, "", 0, 0, 1), 6400);

        assertThat(line.getFirst()).isEqualTo("java");
        assertThat(line).doesNotContain("--engine-version", "--owner-pid").contains("-Xmx256m");
    }

    @Test
    void heapIsTwiceTheDataLimitWithinBounds() {
        assertThat(command.heapBytes(0)).isEqualTo(256 * MIB);
        assertThat(command.heapBytes(1)).isEqualTo(64 * MIB);
        assertThat(command.heapBytes(100 * MIB)).isEqualTo(200 * MIB);
        assertThat(command.heapBytes(15 * GIB)).isEqualTo(12 * GIB);
    }

    @Test
    void memcachedNodesGetTheirStartOnlyParametersAndTheAdminTokenFileOnTheCommandLine() {
        DesiredNode spec = new DesiredNode("mc-1", Engine.MEMCACHED, "1.6.22", 0, 64 * MIB, 1,
                java.util.Map.of("chunk-size", "96", "growth-factor", "not-a-number", "lru-crawler", "1"));
        List<String> line = command.command(spec, 11211, java.nio.file.Path.of("/var/lib/x/admin.token"));
        assertThat(line).containsSubsequence("--engine", "memcached").containsSubsequence("--chunk-size", "96")
                .containsSubsequence("--admin-token-file", "/var/lib/x/admin.token")
                .doesNotContain("--growth-factor", "--lru-crawler");
    }

    @Test
    void smallNodesGetSerialGcWithASmallYoungGenerationAndLargeOnesG1() {
        List<String> small = command.command(new DesiredNode("n-1", Engine.REDIS, "", 0, 512 * MIB, 1), 6400);
        assertThat(small).contains("-XX:+UseSerialGC", "-Xmn16m", "-Xmx1024m");
        assertThat(EngineCommand.gcOptions(4 * GIB)).containsExactly("-XX:+UseSerialGC", "-Xmn64m");
        assertThat(EngineCommand.gcOptions(12 * GIB)).contains("-XX:+UseG1GC").noneMatch(o -> o.startsWith("-Xmn"));
    }

    @Test
    void classPathEntriesBecomeAbsolute() {
        String absolute = EngineCommand.absoluteClassPath("lib/x.jar" + File.pathSeparator + "/opt/y.jar");

        assertThat(absolute.split(File.pathSeparator))
                .containsExactly(Path.of("lib/x.jar").toAbsolutePath().toString(), "/opt/y.jar");
    }
}

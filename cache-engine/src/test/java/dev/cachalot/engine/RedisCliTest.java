package dev.cachalot.engine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real redis-cli against an embedded node, non-interactively and with commands on stdin. */
class RedisCliTest {

    static final String REDIS_CLI = "/usr/bin/redis-cli";
    static EngineServer server;

    @BeforeAll
    static void start() throws Exception {
        assertThat(new File(REDIS_CLI)).as("redis-cli (apt-get install redis-tools; .ci/run installs it)").canRead();
        server = TestEngine.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String cli(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(REDIS_CLI, "-h", "127.0.0.1", "-p", Integer.toString(server.port())));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return out;
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void basicCommands() throws Exception {
        assertThat(cli(null, "PING")).isEqualTo("PONG\n");
        assertThat(cli(null, "SET", "k", "v")).isEqualTo("OK\n");
        assertThat(cli(null, "GET", "k")).isEqualTo("v\n");
        assertThat(cli(null, "EXPIRE", "k", "100")).isEqualTo("1\n");
        assertThat(cli(null, "TTL", "k")).matches("(99|100)\n");
        assertThat(cli(null, "INCR", "counter")).isEqualTo("1\n");
        assertThat(cli(null, "INCR", "counter")).isEqualTo("2\n");
        assertThat(cli(null, "DBSIZE")).isEqualTo("2\n");
        assertThat(cli(null, "DEL", "k")).isEqualTo("1\n");
        assertThat(cli(null, "GET", "k")).isEqualTo("\n");
        assertThat(cli(null, "INFO", "server")).contains("redis_version:", "tcp_port:" + server.port());
    }

    @Test
    void errorsAsRedisCliPrintsThem() throws Exception {
        // without a terminal, redis-cli prints an error and an empty line
        assertThat(cli(null, "SELECT", "99")).isEqualTo("ERR DB index is out of range\n\n");
        assertThat(cli(null, "NOSUCH", "a")).isEqualTo("ERR unknown command 'NOSUCH', with args beginning with: 'a' \n\n");
    }

    @Test
    void commandsFromStandardInput() throws Exception {
        String out = cli("SET piped 1\nINCRBY piped 41\nGET piped\nPING\n");
        assertThat(out).isEqualTo("OK\n42\n42\nPONG\n");
    }

    @Test
    void pipeModeMassInsert() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            String k = "mass:" + i;
            sb.append("*3\r\n$3\r\nSET\r\n$").append(k.length()).append("\r\n").append(k).append("\r\n$1\r\nx\r\n");
        }
        String out = cli(sb.toString(), "--pipe");
        assertThat(out).contains("errors: 0, replies: 1000");
        assertThat(cli(null, "EXISTS", "mass:0", "mass:999")).isEqualTo("2\n");
    }
}

package dev.cachalot.engine.command.server;

import dev.cachalot.engine.EngineClientTest;
import dev.cachalot.engine.TestClients;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.cachalot.engine.TestEngine.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CONFIG GET/SET/RESETSTAT/REWRITE from the parameter registry, with Redis 7's texts, through Jedis and Lettuce. */
class ConfigCommandTest extends EngineClientTest {

    @Test
    void getByNameAndPattern() {
        assertThat(jedis.configGet("maxmemory")).isEqualTo(Map.of("maxmemory", "0"));
        assertThat(jedis.configGet("MAXMEMORY")).isEqualTo(Map.of("MAXMEMORY", "0"));
        assertThat(jedis.configGet("maxmemory*")).containsEntry("maxmemory", "0").containsEntry("maxmemory-policy", "noeviction");
        assertThat(jedis.configGet("port", "port")).isEqualTo(Map.of("port", Integer.toString(server.port())));
        assertThat(jedis.configGet("save", "appendonly")).isEqualTo(Map.of("save", "", "appendonly", "no"));
        assertThat(jedis.configGet("client-output-buffer-limit")).isEqualTo(Map.of("client-output-buffer-limit",
                "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60"));
        assertThat(jedis.configGet("nosuch*")).isEmpty();
    }

    @Test
    void setValidatesEverythingBeforeChangingAnything() {
        assertThat(jedis.configSet("maxmemory", "10mb", "slowlog-max-len", "5")).isEqualTo("OK");
        assertThat(jedis.configGet("maxmemory")).containsEntry("maxmemory", "10485760");
        assertThat(jedis.info("memory")).contains("maxmemory:10485760");
        assertThatThrownBy(() -> jedis.configSet("maxmemory", "1", "slowlog-max-len", "x"))
                .hasMessage("ERR CONFIG SET failed (possibly related to argument 'slowlog-max-len') - argument couldn't be parsed into an integer");
        assertThat(jedis.configGet("maxmemory")).containsEntry("maxmemory", "10485760");
        assertThatThrownBy(() -> jedis.configSet("maxmemory", "abc"))
                .hasMessage("ERR CONFIG SET failed (possibly related to argument 'maxmemory') - argument must be a memory value");
        assertThatThrownBy(() -> jedis.configSet("maxmemory", "1", "maxmemory", "2"))
                .hasMessage("ERR CONFIG SET failed (possibly related to argument 'maxmemory') - duplicate parameter");
        assertThatThrownBy(() -> jedis.configSet("foo", "1"))
                .hasMessage("ERR Unknown option or number of arguments for CONFIG SET - 'foo'");
        assertThatThrownBy(() -> jedis.configSet("port", "1"))
                .hasMessage("ERR CONFIG SET failed (possibly related to argument 'port') - can't set immutable config");
        assertThatThrownBy(() -> jedis.configSet("maxmemory-policy", "foo"))
                .hasMessage("ERR CONFIG SET failed (possibly related to argument 'maxmemory-policy') - argument(s) must be one of the following: "
                        + "volatile-lru, volatile-lfu, volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction");
        assertThatThrownBy(() -> jedis.configSet("slowlog-log-slower-than", "-2"))
                .hasMessage("ERR CONFIG SET failed (possibly related to argument 'slowlog-log-slower-than') - argument must be between -1 and 9223372036854775807 inclusive");
        assertThatThrownBy(() -> call(jedis, "CONFIG", "SET", "maxmemory"))
                .hasMessage("ERR wrong number of arguments for 'config|set' command");
        assertThat(jedis.configSet("maxmemory", "0")).isEqualTo("OK");
    }

    @Test
    void specialParameters() {
        assertThat(jedis.configSet("notify-keyspace-events", "KEA")).isEqualTo("OK");
        assertThat(jedis.configGet("notify-keyspace-events")).containsEntry("notify-keyspace-events", "AKE");
        assertThat(jedis.configSet("notify-keyspace-events", "Kgx$")).isEqualTo("OK");
        assertThat(jedis.configGet("notify-keyspace-events")).containsEntry("notify-keyspace-events", "g$xK");
        assertThatThrownBy(() -> jedis.configSet("notify-keyspace-events", "Z"))
                .hasMessage("ERR CONFIG SET failed (possibly related to argument 'notify-keyspace-events') - Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
        assertThat(jedis.configSet("notify-keyspace-events", "")).isEqualTo("OK");
        assertThat(jedis.configSet("client-output-buffer-limit", "pubsub 1mb 1k 3")).isEqualTo("OK");
        assertThat(jedis.configGet("client-output-buffer-limit")).containsEntry("client-output-buffer-limit",
                "normal 0 0 0 slave 268435456 67108864 60 pubsub 1048576 1000 3");
        assertThatThrownBy(() -> jedis.configSet("client-output-buffer-limit", "foo 1 1 1"))
                .hasMessage("ERR CONFIG SET failed (possibly related to argument 'client-output-buffer-limit') - Invalid client class specified in buffer limit configuration.");
        assertThat(jedis.configSet("client-output-buffer-limit", "pubsub 32mb 8mb 60")).isEqualTo("OK");
        assertThatThrownBy(() -> jedis.configSet("appendonly", "maybe"))
                .hasMessage("ERR CONFIG SET failed (possibly related to argument 'appendonly') - argument must be 'yes' or 'no'");
    }

    @Test
    void parametersOfIdleFeaturesAreKeptAndChecked() {
        // what ElastiCache's parameter groups set: Redis's names, defaults and bounds
        assertThat(jedis.configGet("lazyfree-*")).hasSize(5).containsEntry("lazyfree-lazy-user-flush", "no");
        assertThat(jedis.configGet("repl-backlog-size")).containsEntry("repl-backlog-size", "1048576");
        assertThat(jedis.configSet("active-defrag-cycle-max", "75", "repl-timeout", "30", "maxmemory-clients", "5%"))
                .isEqualTo("OK");
        assertThat(jedis.configGet("active-defrag-cycle-max")).containsEntry("active-defrag-cycle-max", "75");
        assertThat(jedis.configGet("maxmemory-clients")).containsEntry("maxmemory-clients", "5%");
        assertThatThrownBy(() -> jedis.configSet("maxmemory-clients", "lots"))
                .hasMessage("ERR CONFIG SET failed (possibly related to argument 'maxmemory-clients') - argument must be a memory or percent value");
        assertThatThrownBy(() -> jedis.configSet("active-expire-effort", "11"))
                .hasMessage("ERR CONFIG SET failed (possibly related to argument 'active-expire-effort') - argument must be between 1 and 10 inclusive");
        // a JVM compacts its own heap: refused as a Redis without jemalloc refuses it
        assertThatThrownBy(() -> jedis.configSet("activedefrag", "yes")).hasMessageStartingWith(
                "ERR CONFIG SET failed (possibly related to argument 'activedefrag') - Active defragmentation cannot be enabled");
        assertThat(jedis.configSet("activedefrag", "no", "maxmemory-clients", "0")).isEqualTo("OK");
    }

    @Test
    void rewriteResetstatAndHelp() {
        assertThatThrownBy(() -> call(jedis, "CONFIG", "REWRITE")).hasMessage("ERR The server is running without a config file");
        jedis.set("a", "1");
        assertThat(jedis.configResetStat()).isEqualTo("OK");
        assertThat(jedis.info("stats")).contains("total_commands_processed:1\r\n");
        assertThat((java.util.List<Object>) call(jedis, "CONFIG", "HELP")).last().isEqualTo("    Prints this help.");
    }

    @Test
    void lettuceReadsAndWritesConfig() {
        RedisClient client = TestClients.lettuce(server);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            assertThat(c.sync().configSet(Map.of("slowlog-max-len", "64", "latency-monitor-threshold", "5"))).isEqualTo("OK");
            assertThat(c.sync().configGet("slowlog-max-len", "latency-monitor-threshold"))
                    .isEqualTo(Map.of("slowlog-max-len", "64", "latency-monitor-threshold", "5"));
        } finally {
            TestClients.shutdown(client);
        }
    }
}

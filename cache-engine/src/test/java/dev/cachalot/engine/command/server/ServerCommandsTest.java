package dev.cachalot.engine.command.server;

import dev.cachalot.engine.EngineClientTest;
import dev.cachalot.engine.EngineConfig;
import dev.cachalot.engine.EngineServer;
import dev.cachalot.engine.TestEngine;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.cachalot.engine.TestEngine.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DBSIZE, FLUSH*, INFO, COMMAND, CONFIG and TIME through Jedis. */
@SuppressWarnings("unchecked")
class ServerCommandsTest extends EngineClientTest {

    @Override
    protected EngineConfig config() {
        return EngineConfig.defaults().withMaxmemory(100 * 1024 * 1024).withNodeId("node-a");
    }

    @Test
    void dbsizeAndFlush() {
        jedis.mset("a", "1", "b", "2");
        jedis.select(1);
        jedis.set("c", "3");
        assertThat(jedis.dbSize()).isEqualTo(1);
        assertThat(call(jedis, "FLUSHDB", "ASYNC")).isEqualTo("OK");
        assertThat(jedis.dbSize()).isZero();
        jedis.select(0);
        assertThat(jedis.dbSize()).isEqualTo(2);
        assertThatThrownBy(() -> call(jedis, "FLUSHALL", "LATER")).hasMessage("ERR syntax error");
        assertThatThrownBy(() -> call(jedis, "FLUSHDB", "SYNC", "SYNC")).hasMessage("ERR syntax error");
        assertThat(call(jedis, "FLUSHALL", "sync")).isEqualTo("OK");
        assertThat(jedis.dbSize()).isZero();
        assertThatThrownBy(() -> call(jedis, "DBSIZE", "x")).hasMessage("ERR wrong number of arguments for 'dbsize' command");
    }

    @Test
    void infoHasRedisSectionsAndFields() {
        String info = jedis.info();
        assertThat(info).startsWith("# Server\r\n");
        assertThat(info).contains("\r\n\r\n# Clients\r\n", "\r\n\r\n# Memory\r\n", "\r\n\r\n# Stats\r\n",
                "\r\n\r\n# Keyspace\r\n");
        Map<String, String> f = fields(info);
        assertThat(f).containsKeys("redis_version", "redis_git_sha1", "redis_git_dirty", "redis_build_id", "redis_mode",
                "os", "arch_bits", "multiplexing_api", "gcc_version", "process_id", "process_supervised", "run_id",
                "tcp_port", "server_time_usec", "uptime_in_seconds", "uptime_in_days", "hz", "configured_hz",
                "lru_clock", "executable", "config_file", "io_threads_active", "connected_clients", "used_memory",
                "maxmemory", "total_connections_received", "total_commands_processed", "keyspace_hits",
                "keyspace_misses", "expired_keys");
        assertThat(f.get("redis_version")).isEqualTo("7.2.4");
        assertThat(f.get("redis_mode")).isEqualTo("standalone");
        assertThat(f.get("tcp_port")).isEqualTo(Integer.toString(server.port()));
        assertThat(f.get("process_id")).isEqualTo(Long.toString(ProcessHandle.current().pid()));
        assertThat(f.get("run_id")).hasSize(40);
        assertThat(f.get("maxmemory")).isEqualTo("104857600");
        assertThat(f).doesNotContainKey("server_name");
        assertThat(Long.parseLong(f.get("connected_clients"))).isPositive();
        // every line ends with CRLF
        assertThat(info.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void infoSectionsAndStats() {
        jedis.set("k", "v");
        jedis.get("k");
        jedis.get("missing");
        String stats = jedis.info("stats");
        assertThat(stats).startsWith("# Stats\r\n").doesNotContain("# Server");
        Map<String, String> f = fields(stats);
        assertThat(Long.parseLong(f.get("keyspace_hits"))).isGreaterThanOrEqualTo(1);
        assertThat(Long.parseLong(f.get("keyspace_misses"))).isGreaterThanOrEqualTo(1);
        assertThat(Long.parseLong(f.get("total_commands_processed"))).isGreaterThanOrEqualTo(3);
        String two = (String) call(jedis, "INFO", "server", "KEYSPACE");
        assertThat(two).startsWith("# Server\r\n").contains("\r\n\r\n# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0\r\n");
        assertThat(jedis.info("nosuchsection")).isEmpty();
        assertThat(jedis.info("everything")).contains("# Keyspace");
    }

    @Test
    void valkeyFlavourReportsValkeyVersions() throws Exception {
        try (EngineServer valkey = EngineServer.start(EngineConfig.defaults().withEngine(EngineConfig.Engine.VALKEY)
                .withEngineVersion("8.1.0")); Jedis j = TestEngine.jedis(valkey)) {
            Map<String, String> f = fields(j.info("server"));
            assertThat(f).containsEntry("redis_version", "7.2.4").containsEntry("server_name", "valkey")
                    .containsEntry("valkey_version", "8.1.0");
            assertThat(call(j, "HELLO")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .containsSubsequence("server", "valkey", "version", "8.1.0");
        }
    }

    @Test
    void commandCountInfoDocsList() {
        long count = (Long) call(jedis, "COMMAND", "COUNT");
        List<Object> all = (List<Object>) call(jedis, "COMMAND");
        assertThat(all).hasSize((int) count);
        List<Object> info = (List<Object>) call(jedis, "COMMAND", "INFO", "get", "SET", "nosuch", "client|setname");
        assertThat(info).hasSize(4);
        List<Object> get = (List<Object>) info.get(0);
        assertThat(get.subList(0, 7)).containsExactly("get", 2L, List.of("readonly", "fast"), 1L, 1L, 1L,
                List.of("@read", "@string", "@fast"));
        List<Object> set = (List<Object>) info.get(1);
        assertThat(set.get(1)).isEqualTo(-3L);
        assertThat((List<Object>) set.get(2)).containsExactly("write", "denyoom");
        assertThat((List<Object>) set.get(6)).containsExactly("@write", "@string", "@slow");
        assertThat(info.get(2)).isNull();
        assertThat(((List<Object>) info.get(3)).get(0)).isEqualTo("client|setname");
        List<Object> client = (List<Object>) ((List<Object>) call(jedis, "COMMAND", "INFO", "client")).get(0);
        assertThat((List<Object>) client.get(9)).isNotEmpty(); // subcommands
        List<Object> docs = (List<Object>) call(jedis, "COMMAND", "DOCS", "get");
        assertThat(docs.get(0)).isEqualTo("get");
        assertThat((List<Object>) docs.get(1)).containsSubsequence("summary", "Returns the string value of a key.", "since", "1.0.0",
                "group", "string");
        assertThat((List<Object>) call(jedis, "COMMAND", "DOCS")).hasSize((int) count * 2);
        assertThat((List<Object>) call(jedis, "COMMAND", "LIST")).contains("get", "set", "client|setname", "command|docs");
        assertThatThrownBy(() -> call(jedis, "COMMAND", "FOO")).hasMessage("ERR unknown subcommand 'FOO'. Try COMMAND HELP.");
        assertThat((List<Object>) call(jedis, "COMMAND", "HELP")).isNotEmpty();
    }

    @Test
    void configGetAndSet() {
        assertThat(call(jedis, "CONFIG", "GET", "save")).isEqualTo(List.of("save", ""));
        assertThat(call(jedis, "CONFIG", "GET", "appendonly")).isEqualTo(List.of("appendonly", "no"));
        assertThat(call(jedis, "CONFIG", "GET", "port")).isEqualTo(List.of("port", Integer.toString(server.port())));
        assertThat((List<Object>) call(jedis, "CONFIG", "GET", "maxmemory*")).contains("maxmemory", "maxmemory-policy");
        assertThat(call(jedis, "CONFIG", "GET", "nosuch")).isEqualTo(List.of());
        assertThat(call(jedis, "CONFIG", "SET", "maxmemory", "10mb")).isEqualTo("OK");
        assertThat(call(jedis, "CONFIG", "GET", "maxmemory")).isEqualTo(List.of("maxmemory", "10485760"));
        assertThat(fields(jedis.info("memory"))).containsEntry("maxmemory", "10485760");
        assertThatThrownBy(() -> call(jedis, "CONFIG", "SET", "nosuch", "1"))
                .hasMessage("ERR Unknown option or number of arguments for CONFIG SET - 'nosuch'");
        assertThatThrownBy(() -> call(jedis, "CONFIG", "GET")).hasMessage("ERR wrong number of arguments for 'config|get' command");
        assertThat(call(jedis, "CONFIG", "SET", "maxmemory", "104857600")).isEqualTo("OK");
        assertThat(call(jedis, "CONFIG", "RESETSTAT")).isEqualTo("OK");
    }

    @Test
    void time() {
        List<Object> t = (List<Object>) call(jedis, "TIME");
        long seconds = Long.parseLong((String) t.get(0));
        assertThat(Math.abs(seconds - System.currentTimeMillis() / 1000)).isLessThan(5);
        assertThat(Long.parseLong((String) t.get(1))).isBetween(0L, 999_999L);
    }

    static Map<String, String> fields(String info) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : info.split("\r\n")) {
            int colon = line.indexOf(':');
            if (!line.startsWith("#") && colon > 0) {
                out.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return out;
    }
}

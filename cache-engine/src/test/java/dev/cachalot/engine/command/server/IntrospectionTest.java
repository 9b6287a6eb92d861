package dev.cachalot.engine.command.server;

import dev.cachalot.engine.EngineClientTest;
import dev.cachalot.engine.TestClients;
import dev.cachalot.engine.TestEngine;
import dev.cachalot.engine.TestRaw;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.resps.Slowlog;

import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import static dev.cachalot.engine.TestEngine.call;
import static dev.cachalot.engine.TestRaw.exchange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** INFO, COMMAND, CLIENT, SLOWLOG, LATENCY, MONITOR, DEBUG, RESET, LASTSAVE, TIME through Jedis, Lettuce and raw RESP. */
@SuppressWarnings("unchecked")
class IntrospectionTest extends EngineClientTest {

    static List<String> headers(String info) {
        List<String> out = new ArrayList<>();
        for (String line : info.split("\r\n")) {
            if (line.startsWith("# ")) {
                out.add(line.substring(2));
            }
        }
        return out;
    }

    @Test
    void infoSectionsInRedisOrder() {
        assertThat(headers(jedis.info())).containsExactly("Server", "Clients", "Memory", "Persistence", "Stats",
                "Replication", "CPU", "Modules", "Errorstats", "Cluster", "Keyspace");
        assertThat(headers(jedis.info("everything"))).containsExactly("Server", "Clients", "Memory", "Persistence",
                "Stats", "Replication", "CPU", "Modules", "Commandstats", "Errorstats", "Latencystats", "Cluster", "Keyspace");
        assertThat(headers(jedis.info("all"))).isEqualTo(headers(jedis.info("everything")));
        assertThat(headers(jedis.info("keyspace"))).containsExactly("Keyspace");
        assertThat(jedis.info("nosuchsection")).isEmpty();
        String all = jedis.info("everything");
        assertThat(all).contains("\r\nlistener0:name=tcp,", "\r\nused_cpu_user_main_thread:", "\r\nrdb_last_save_time:",
                "\r\nmaster_replid:", "\r\ntracking_total_keys:0\r\n", "\r\npubsubshard_channels:0\r\n",
                "\r\ntotal_blocking_keys:0\r\n", "\r\nrepl_backlog_size:1048576\r\n");
    }

    @Test
    void commandstatsErrorstatsLatencystats() {
        jedis.configResetStat();
        jedis.set("k", "v");
        jedis.get("k");
        assertThatThrownBy(() -> call(jedis, "INCR", "k")).hasMessage("ERR value is not an integer or out of range");
        assertThatThrownBy(() -> call(jedis, "GET")).hasMessage("ERR wrong number of arguments for 'get' command");
        String stats = jedis.info("commandstats");
        assertThat(stats).containsPattern("cmdstat_set:calls=1,usec=\\d+,usec_per_call=\\d+\\.\\d\\d,rejected_calls=0,failed_calls=0\r\n");
        assertThat(stats).containsPattern("cmdstat_get:calls=1,usec=\\d+,usec_per_call=\\d+\\.\\d\\d,rejected_calls=1,failed_calls=0\r\n");
        assertThat(stats).containsPattern("cmdstat_incr:calls=1,.*,failed_calls=1\r\n");
        assertThat(jedis.info("errorstats")).isEqualTo("# Errorstats\r\nerrorstat_ERR:count=2\r\n");
        assertThat(jedis.info("latencystats")).containsPattern("latency_percentiles_usec_set:p50=\\d+\\.\\d{3},p99=\\d+\\.\\d{3},p99\\.9=\\d+\\.\\d{3}\r\n");
        List<Object> histogram = (List<Object>) call(jedis, "LATENCY", "HISTOGRAM", "set");
        assertThat(histogram.get(0)).isEqualTo("set");
        assertThat((List<Object>) histogram.get(1)).startsWith("calls", 1L, "histogram_usec");
    }

    @Test
    void commandIntrospection() {
        assertThat((Long) call(jedis, "COMMAND", "COUNT")).isGreaterThan(40);
        assertThat(call(jedis, "COMMAND", "GETKEYS", "MSET", "a", "1", "b", "2")).isEqualTo(List.of("a", "b"));
        assertThat(call(jedis, "COMMAND", "GETKEYSANDFLAGS", "GET", "a")).isEqualTo(List.of(List.of("a", List.of("RO", "access"))));
        assertThatThrownBy(() -> call(jedis, "COMMAND", "GETKEYS", "PING", "x")).hasMessage("ERR The command has no key arguments");
        assertThatThrownBy(() -> call(jedis, "COMMAND", "GETKEYS", "NOSUCH", "x")).hasMessage("ERR Invalid command specified");
        assertThatThrownBy(() -> call(jedis, "COMMAND", "GETKEYS", "GET", "a", "b"))
                .hasMessage("ERR Invalid number of arguments specified for command");
        assertThat((List<Object>) call(jedis, "COMMAND", "LIST", "FILTERBY", "ACLCAT", "transaction"))
                .containsExactlyInAnyOrder("multi", "exec", "discard", "watch", "unwatch");
        assertThat((List<Object>) call(jedis, "COMMAND", "LIST", "FILTERBY", "PATTERN", "client|*")).contains("client|tracking", "client|kill");
        assertThatThrownBy(() -> call(jedis, "COMMAND", "LIST", "FILTERBY", "FOO", "x")).hasMessage("ERR syntax error");
        // DOCS carries the arguments that redis-cli turns into hints
        List<Object> docs = (List<Object>) call(jedis, "COMMAND", "DOCS", "ping");
        List<Object> ping = (List<Object>) docs.get(1);
        int i = ping.indexOf("arguments");
        assertThat(ping.get(i + 1)).isEqualTo(List.of(List.of("name", "message", "type", "string", "flags", List.of("optional"))));
    }

    @Test
    void everyCommandsDocsAndInfoParseInBothProtocols() {
        long count = (Long) call(jedis, "COMMAND", "COUNT");
        List<Object> docs2 = (List<Object>) call(jedis, "COMMAND", "DOCS");
        assertThat(docs2).hasSize((int) count * 2);
        try (Jedis resp3 = TestClients.jedisResp3(server)) {
            Object docs3 = resp3.sendCommand(redis.clients.jedis.Protocol.Command.COMMAND, "DOCS");
            assertThat((List<Object>) docs3).hasSize((int) count); // a RESP3 map: one entry per command
            Object info3 = resp3.sendCommand(redis.clients.jedis.Protocol.Command.COMMAND);
            assertThat((List<Object>) info3).hasSize((int) count);
        }
        RedisClient client = TestClients.lettuce(server);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            assertThat(c.sync().command()).hasSize((int) count);
            assertThat(io.lettuce.core.models.command.CommandDetailParser.parse(c.sync().command()))
                    .anySatisfy(d -> assertThat(d.getName()).isEqualTo("client"));
        } finally {
            TestClients.shutdown(client);
        }
    }

    @Test
    void lettuceCommandDocsAndInfoInResp3() {
        RedisClient client = TestClients.lettuce(server);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            RedisCommands<String, String> r = c.sync();
            assertThat(r.commandCount()).isGreaterThan(40);
            assertThat(r.info("server")).contains("redis_version:7.2.4");
            assertThat(r.clientList()).contains("cmd=client|list", "resp=3");
            assertThat(r.time()).hasSize(2);
            assertThat(r.lastsave()).isNotNull();
            assertThat(r.slowlogLen()).isNotNull();
        } finally {
            TestClients.shutdown(client);
        }
    }

    @Test
    void clientListInfoKillAndFlags() throws Exception {
        try (Jedis other = TestEngine.jedis(server)) {
            other.clientSetname("victim");
            long victim = other.clientId();
            String list = jedis.clientList();
            assertThat(list).contains("id=" + victim + " ", " name=victim ", " flags=N ", " multi=-1 ", " user=default ");
            assertThat(jedis.clientList(victim)).startsWith("id=" + victim + " ");
            assertThat(call(jedis, "CLIENT", "LIST", "TYPE", "pubsub")).isEqualTo("");
            assertThatThrownBy(() -> call(jedis, "CLIENT", "LIST", "TYPE", "foo")).hasMessage("ERR Unknown client type 'foo'");
            assertThatThrownBy(() -> call(jedis, "CLIENT", "KILL", "USER", "nobody")).hasMessage("ERR No such user 'nobody'");
            assertThatThrownBy(() -> call(jedis, "CLIENT", "KILL", "ID", "0")).hasMessage("ERR client-id should be greater than 0");
            assertThatThrownBy(() -> call(jedis, "CLIENT", "KILL", "1.2.3.4:5")).hasMessage("ERR No such client");
            assertThat(call(jedis, "CLIENT", "KILL", "ID", Long.toString(victim), "SKIPME", "yes")).isEqualTo(1L);
            assertThatThrownBy(other::ping).isInstanceOf(Exception.class);
        }
        assertThat(call(jedis, "CLIENT", "NO-EVICT", "on")).isEqualTo("OK");
        assertThat(call(jedis, "CLIENT", "NO-TOUCH", "on")).isEqualTo("OK");
        assertThat(jedis.clientInfo()).contains(" flags=eT ");
        assertThat(call(jedis, "CLIENT", "NO-EVICT", "off")).isEqualTo("OK");
        assertThat(call(jedis, "CLIENT", "NO-TOUCH", "off")).isEqualTo("OK");
        assertThatThrownBy(() -> call(jedis, "CLIENT", "NO-EVICT", "maybe")).hasMessage("ERR syntax error");
        assertThat(exchange(server.port(), "MULTI\r\nCLIENT INFO\r\n")).startsWith("+OK\r\n+QUEUED\r\n");
    }

    @Test
    void clientReplyOffAndSkip() throws Exception {
        assertThat(exchange(server.port(), "CLIENT REPLY OFF\r\nPING\r\nSET r 1\r\nCLIENT REPLY ON\r\nPING\r\n"
                + "CLIENT REPLY SKIP\r\nPING\r\nPING\r\nCLIENT REPLY FOO\r\n"))
                .isEqualTo("+OK\r\n+PONG\r\n+PONG\r\n-ERR syntax error\r\n");
        assertThat(jedis.get("r")).isEqualTo("1");
    }

    @Test
    void clientPauseHoldsWritesUntilUnpaused() throws Exception {
        assertThat(exchange(server.port(), "CLIENT PAUSE abc\r\nCLIENT PAUSE -1\r\nCLIENT PAUSE 10 FOO\r\n"))
                .isEqualTo("-ERR timeout is not an integer or out of range\r\n-ERR timeout is negative\r\n"
                        + "-ERR CLIENT PAUSE mode must be WRITE or ALL\r\n");
        assertThat(jedis.clientPause(60_000, redis.clients.jedis.args.ClientPauseMode.WRITE)).isEqualTo("OK");
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            // the read runs, the write waits (and so does what follows it)
            assertThat(TestRaw.send(s, "GET p\r\nSET p 1\r\nGET p\r\n")).isEqualTo("$-1\r\n");
            assertThat(call(jedis, "CLIENT", "UNPAUSE")).isEqualTo("OK");
            assertThat(TestRaw.read(s, 500)).isEqualTo("+OK\r\n$1\r\n1\r\n");
        }
    }

    @Test
    void slowlogRecordsCommandsOverTheThreshold() {
        jedis.slowlogReset();
        jedis.configSet("slowlog-log-slower-than", "0");
        try {
            jedis.clientSetname("slowpoke");
            jedis.set("slow", "x".repeat(200));
            List<Slowlog> entries = jedis.slowlogGet(2);
            Slowlog set = entries.stream().filter(e -> e.getArgs().get(0).equalsIgnoreCase("set")).findFirst().orElseThrow();
            assertThat(set.getArgs().get(2)).isEqualTo("x".repeat(128) + "... (72 more bytes)");
            assertThat(set.getClientName()).isEqualTo("slowpoke");
            assertThat(jedis.slowlogLen()).isPositive();
        } finally {
            jedis.configSet("slowlog-log-slower-than", "10000");
        }
        assertThat(jedis.slowlogReset()).isEqualTo("OK");
        assertThatThrownBy(() -> call(jedis, "SLOWLOG", "GET", "-2")).hasMessage("ERR count should be greater than or equal to -1");
    }

    @Test
    void latencyMonitorAndDebugSleep() {
        assertThat((String) call(jedis, "LATENCY", "DOCTOR")).startsWith("I'm sorry, Dave, I can't do that.");
        jedis.configSet("latency-monitor-threshold", "1");
        try {
            assertThat(call(jedis, "DEBUG", "SLEEP", "0.02")).isEqualTo("OK");
            List<Object> latest = (List<Object>) call(jedis, "LATENCY", "LATEST");
            assertThat(((List<Object>) latest.get(0)).get(0)).isEqualTo("command");
            assertThat((List<Object>) call(jedis, "LATENCY", "HISTORY", "command")).hasSize(1);
            assertThat((String) call(jedis, "LATENCY", "DOCTOR")).startsWith("Dave, I have observed latency spikes");
            assertThat(call(jedis, "LATENCY", "RESET")).isEqualTo(1L);
        } finally {
            jedis.configSet("latency-monitor-threshold", "0");
        }
        assertThatThrownBy(() -> call(jedis, "LATENCY", "GRAPH", "command")).hasMessage("ERR No samples available for event 'command'");
    }

    @Test
    void debugObjectAndActiveExpire() {
        jedis.set("n", "12345");
        jedis.set("s", "hello");
        assertThat((String) call(jedis, "DEBUG", "OBJECT", "n")).contains(" encoding:int ");
        assertThat((String) call(jedis, "DEBUG", "OBJECT", "s")).startsWith("Value at:").contains(" encoding:embstr ");
        assertThatThrownBy(() -> call(jedis, "DEBUG", "OBJECT", "none")).hasMessage("ERR no such key");
        assertThat(call(jedis, "DEBUG", "SET-ACTIVE-EXPIRE", "0")).isEqualTo("OK");
        assertThat(call(jedis, "DEBUG", "SET-ACTIVE-EXPIRE", "1")).isEqualTo("OK");
    }

    @Test
    void monitorSeesOtherClientsCommands() throws Exception {
        try (Socket m = new Socket("127.0.0.1", server.port())) {
            assertThat(TestRaw.send(m, "MONITOR\r\n")).isEqualTo("+OK\r\n");
            jedis.set("mon", "a \"b\"\n");
            String line = TestRaw.read(m, 300);
            assertThat(line).matches("\\+\\d+\\.\\d{6} \\[0 127\\.0\\.0\\.1:\\d+\\] \"SET\" \"mon\" \"a \\\\\"b\\\\\"\\\\n\"\r\n");
            jedis.configGet("maxmemory"); // admin commands are not shown
            assertThat(TestRaw.read(m, 300)).isEmpty();
        }
        assertThat(exchange(server.port(), "MULTI\r\nMONITOR\r\nEXEC\r\n"))
                .isEqualTo("+OK\r\n+QUEUED\r\n*1\r\n-ERR MONITOR isn't allowed for DENY BLOCKING client\r\n");
    }

    @Test
    void resetLastsaveTime() throws Exception {
        assertThat(exchange(server.port(), "SELECT 3\r\nCLIENT SETNAME n\r\nHELLO 3\r\nMULTI\r\nRESET\r\nCLIENT GETNAME\r\nCLIENT INFO\r\n"))
                .contains("+RESET\r\n$-1\r\n$").contains(" db=0 ").contains(" resp=2 ");
        long lastsave = jedis.lastsave();
        assertThat(lastsave).isPositive();
        List<String> time = jedis.time();
        assertThat(Long.parseLong(time.get(0))).isGreaterThanOrEqualTo(lastsave);
        assertThat(Long.parseLong(time.get(1))).isBetween(0L, 999_999L);
    }
}

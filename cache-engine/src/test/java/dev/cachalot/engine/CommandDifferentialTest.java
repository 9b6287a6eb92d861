package dev.cachalot.engine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the same command sequences, pipelined on one connection, against /usr/bin/redis-server and the
 * engine, in RESP2 and in RESP3 (after HELLO 3, whose reply carries versions and is left out), and
 * compares the raw reply bytes. Sequences cover the server side: transactions, pub/sub, tracking,
 * CONFIG, CLIENT, COMMAND, SLOWLOG, LATENCY, RESET, HELLO and reply modes. Each sequence leaves the
 * server as it found it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandDifferentialTest {

    EngineServer engine;
    ReferenceRedis redis;

    @BeforeAll
    void start() throws Exception {
        redis = ReferenceRedis.start();
        engine = TestEngine.start();
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (redis != null) {
                redis.close();
            }
        } finally {
            if (engine != null) {
                engine.close();
            }
        }
    }

    static final List<String[]> SEQUENCES = List.of(
            seq("multi-exec", "MULTI", "SET a 1", "INCR a", "GET a", "EXEC", "DEL a"),
            seq("multi-errors", "MULTI", "MULTI", "WATCH x", "SET a 1", "NOSUCH", "GET", "EXEC", "EXEC", "DISCARD", "GET a"),
            seq("exec-refused", "MULTI", "EXEC x", "EXEC"),
            seq("multi-runtime-error", "SET s text", "MULTI", "INCR s", "SET b 2", "EXEC", "DEL s b"),
            seq("watch-unwatch", "WATCH a", "UNWATCH", "MULTI", "PING", "EXEC", "WATCH a b", "MULTI", "DISCARD"),
            seq("watch-own-write", "WATCH w", "SET w 1", "MULTI", "GET w", "EXEC", "DEL w"),
            seq("watch-flush", "SET w 1", "WATCH w", "FLUSHALL", "MULTI", "GET w", "EXEC"),
            seq("watch-flush-missing-key", "WATCH nothere", "FLUSHALL", "MULTI", "PING", "EXEC"),
            // one channel per kind: Redis unsubscribes "all" in its dict's (random) order
            seq("subscribe-mode", "SUBSCRIBE a", "PSUBSCRIBE p*", "SSUBSCRIBE s", "PING", "PING x", "GET k", "MULTI",
                    "PUBSUB NUMPAT", "UNSUBSCRIBE", "PUNSUBSCRIBE", "SUNSUBSCRIBE", "UNSUBSCRIBE", "PING"),
            seq("unsubscribe-none", "UNSUBSCRIBE", "PUNSUBSCRIBE", "SUNSUBSCRIBE", "UNSUBSCRIBE x"),
            seq("multi-subscribe", "MULTI", "SUBSCRIBE x", "EXEC", "EXEC", "RESET"),
            seq("pubsub-introspection", "PUBLISH nobody m", "PUBSUB CHANNELS", "PUBSUB NUMSUB a b", "PUBSUB NUMPAT",
                    "PUBSUB SHARDCHANNELS", "PUBSUB SHARDNUMSUB s", "PUBSUB CHANNELS a b", "PUBSUB FOO", "PUBSUB HELP"),
            seq("keyspace-events", "CONFIG SET notify-keyspace-events KEA", "CONFIG GET notify-keyspace-events",
                    "CONFIG SET notify-keyspace-events Z", "CONFIG SET notify-keyspace-events ''",
                    "CONFIG GET notify-keyspace-events"),
            seq("config", "CONFIG GET maxmemory", "CONFIG GET MAXMEMORY", "CONFIG GET timeout", "CONFIG GET save",
                    "CONFIG GET client-output-buffer-limit", "CONFIG GET proto-max-bulk-len", "CONFIG GET nosuch*",
                    "CONFIG SET maxmemory abc", "CONFIG SET maxmemory 1 maxmemory 2", "CONFIG SET foo 1",
                    "CONFIG SET maxmemory-policy foo", "CONFIG SET appendonly maybe", "CONFIG SET maxmemory",
                    "CONFIG SET client-output-buffer-limit 'foo 1 1 1'", "CONFIG REWRITE", "CONFIG HELP",
                    "CONFIG SET slowlog-max-len 64", "CONFIG GET slowlog-max-len", "CONFIG SET slowlog-max-len 128"),
            seq("client-errors", "CLIENT KILL TYPE foo", "CLIENT KILL USER nobody", "CLIENT KILL SKIPME maybe",
                    "CLIENT KILL ID 0", "CLIENT KILL ADDR 1.2.3.4:5", "CLIENT KILL 1.2.3.4:5", "CLIENT LIST TYPE foo",
                    "CLIENT LIST ID abc", "CLIENT PAUSE abc", "CLIENT PAUSE -1", "CLIENT PAUSE 10 FOO", "CLIENT REPLY FOO",
                    "CLIENT NO-EVICT maybe", "CLIENT NO-EVICT on", "CLIENT NO-EVICT off", "CLIENT GETNAME",
                    "CLIENT SETNAME 'a b'", "CLIENT SETNAME x", "CLIENT GETNAME", "CLIENT FOO"),
            seq("client-reply", "CLIENT REPLY OFF", "PING", "SET r 1", "CLIENT REPLY ON", "PING", "CLIENT REPLY SKIP",
                    "PING", "PING", "GET r", "DEL r"),
            seq("tracking", "CLIENT TRACKINGINFO", "CLIENT GETREDIR", "CLIENT TRACKING on REDIRECT 999999",
                    "CLIENT TRACKING on PREFIX a", "CLIENT TRACKING on BCAST OPTIN", "CLIENT TRACKING on OPTIN OPTOUT",
                    "CLIENT TRACKING maybe", "CLIENT CACHING yes", "CLIENT TRACKING on OPTIN", "CLIENT CACHING no",
                    "CLIENT CACHING maybe", "CLIENT TRACKING on BCAST", "CLIENT TRACKINGINFO", "CLIENT GETREDIR",
                    "CLIENT TRACKING off", "CLIENT TRACKING on BCAST PREFIX a PREFIX ab",
                    "CLIENT TRACKING on BCAST PREFIX b NOLOOP", "CLIENT TRACKINGINFO", "CLIENT TRACKING off"),
            seq("tracking-self", "CLIENT TRACKING on", "GET tk", "SET tk 1", "GET tk", "FLUSHALL", "CLIENT TRACKING off"),
            seq("command", "COMMAND GETKEYS mset a 1 b 2", "COMMAND GETKEYS get a b", "COMMAND GETKEYS ping x",
                    "COMMAND GETKEYS nosuch a", "COMMAND GETKEYSANDFLAGS get a", "COMMAND INFO get nosuch",
                    "COMMAND LIST FILTERBY FOO x", "COMMAND LIST FILTERBY PATTERN cl* x", "COMMAND DOCS nosuch"),
            seq("diagnostics", "SLOWLOG GET -2", "SLOWLOG GET x", "SLOWLOG HELP", "LATENCY LATEST", "LATENCY HISTORY command",
                    "LATENCY RESET", "LATENCY GRAPH command", "LATENCY HISTOGRAM nosuch", "LATENCY HELP", "LATENCY DOCTOR"),
            seq("hello-reset", "HELLO 4", "HELLO x", "HELLO 3 FOO", "HELLO 3 SETNAME 'a b' AUTH x y",
                    "HELLO 3 AUTH nobody pw", "SELECT 3", "MULTI", "RESET", "GET k", "ECHO e", "PING", "PING m"),
            seq("info", "INFO foo"),
            seq("keyspace-events-to-self", "CONFIG SET notify-keyspace-events KE$", "SUBSCRIBE __keyevent@0__:set",
                    "SET ke v", "PUBLISH __keyevent@0__:set x", "RESET", "CONFIG SET notify-keyspace-events ''", "DEL ke"),
            seq("publish-to-self", "SUBSCRIBE me", "PUBLISH me hello", "PSUBSCRIBE m*", "PUBLISH me again", "RESET"));

    static String[] seq(String name, String... commands) {
        String[] out = new String[commands.length + 1];
        out[0] = name;
        System.arraycopy(commands, 0, out, 1, commands.length);
        return out;
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String[] s : SEQUENCES) {
            out.add(Arguments.of(s[0], 2, s));
            out.add(Arguments.of(s[0], 3, s));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} RESP{1}")
    @MethodSource("cases")
    void sameRepliesAsRedis(String name, int protocol, String[] sequence) throws Exception {
        String expected = run(redis.port(), protocol, sequence, 1);
        // at least as many bytes as Redis sent, however slow a loaded machine makes the engine's first replies
        String actual = run(engine.port(), protocol, sequence, expected.length());
        assertThat(actual).as(name + " in RESP" + protocol).isEqualTo(expected);
    }

    /**
     * The sequence as inline commands, pipelined; the reply bytes after HELLO's: read until at least
     * {@code minBytes} arrived (or 20 s passed), then until the connection stays quiet.
     */
    static String run(int port, int protocol, String[] sequence, int minBytes) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            if (protocol == 3) {
                s.getOutputStream().write("HELLO 3\r\n".getBytes(StandardCharsets.US_ASCII));
                String hello = read(s, 60, 100);
                assertThat(hello).startsWith("%7\r\n");
            }
            StringBuilder req = new StringBuilder();
            for (int i = 1; i < sequence.length; i++) {
                req.append(sequence[i]).append("\r\n");
            }
            s.getOutputStream().write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            return read(s, minBytes, 150);
        }
    }

    static String read(Socket s, int minBytes, int quietMs) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        long deadline = System.nanoTime() + 20_000_000_000L;
        for (;;) {
            s.setSoTimeout(got.size() >= minBytes ? quietMs : 1000);
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException quiet) {
                if (got.size() >= minBytes || System.nanoTime() > deadline) {
                    return got.toString(StandardCharsets.ISO_8859_1);
                }
                continue;
            }
            if (n < 0) {
                return got.toString(StandardCharsets.ISO_8859_1) + "<closed>";
            }
            got.write(buf, 0, n);
        }
    }
}

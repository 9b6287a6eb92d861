package dev.cachalot.engine.server;

import dev.cachalot.engine.EngineClientTest;
import dev.cachalot.engine.EngineMain;
import dev.cachalot.engine.TestEngine;
import dev.cachalot.engine.TestRaw;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * client-output-buffer-limit, client-query-buffer-limit, proto-max-bulk-len, a 512 MB bulk, and
 * 10,000 idle connections: none of them stalls another client.
 */
class LimitsTest extends EngineClientTest {

    /** A connection that reads nothing, with a small receive window so the node's output backs up quickly. */
    static Socket nonReader(int port) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress("127.0.0.1", port));
        return s;
    }

    static boolean gone(Jedis jedis, long id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!jedis.clientList().contains("id=" + id + " ")) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    static long clientId(Socket s) throws IOException {
        String r = TestRaw.send(s, "CLIENT ID\r\n");
        return Long.parseLong(r.substring(1, r.indexOf('\r')));
    }

    @Test
    void aClientThatNeverReadsIsDisconnectedAndOthersKeepGoing() throws Exception {
        jedis.configSet("client-output-buffer-limit", "normal 1mb 0 0");
        try (Socket lazy = nonReader(server.port())) {
            long id = clientId(lazy);
            jedis.set("big", "x".repeat(100_000));
            OutputStream out = lazy.getOutputStream();
            byte[] gets = "GET big\r\n".repeat(200).getBytes(StandardCharsets.US_ASCII); // 20 MB of replies
            try {
                out.write(gets);
                out.flush();
            } catch (IOException closedAlready) {
                // the node may close it while we are still writing
            }
            for (int i = 0; i < 100; i++) {
                assertThat(jedis.ping()).isEqualTo("PONG");
            }
            assertThat(gone(jedis, id)).as("client over its hard limit disconnected").isTrue();
            assertThat(jedis.info("stats")).contains("client_output_buffer_limit_disconnections:1\r\n");
        } finally {
            jedis.configSet("client-output-buffer-limit", "normal 0 0 0");
        }
    }

    @Test
    void aSubscriberThatNeverReadsIsDisconnectedByThePubsubLimit() throws Exception {
        jedis.configSet("client-output-buffer-limit", "pubsub 256kb 0 0");
        try (Socket subscriber = nonReader(server.port())) {
            long id = clientId(subscriber);
            TestRaw.send(subscriber, "SUBSCRIBE flood\r\n");
            String payload = "m".repeat(10_000);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (jedis.publish("flood", payload) > 0 && System.nanoTime() < deadline) {
                // keep publishing until the node drops the subscriber
            }
            assertThat(jedis.publish("flood", payload)).isZero();
            assertThat(gone(jedis, id)).isTrue();
        } finally {
            jedis.configSet("client-output-buffer-limit", "pubsub 32mb 8mb 60");
        }
    }

    @Test
    void queryBufferLimitClosesTheConnection() throws Exception {
        jedis.configSet("client-query-buffer-limit", "1mb");
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            long id = clientId(s);
            OutputStream out = s.getOutputStream();
            try {
                out.write("*2\r\n$4\r\nECHO\r\n$3000000\r\n".getBytes(StandardCharsets.US_ASCII));
                byte[] chunk = new byte[64 * 1024];
                for (int i = 0; i < 40; i++) { // 2.5 MB of a 3 MB argument
                    out.write(chunk);
                }
            } catch (IOException closed) {
                // expected once the node closes
            }
            assertThat(gone(jedis, id)).isTrue();
            assertThat(jedis.info("stats")).contains("client_query_buffer_limit_disconnections:1\r\n");
        } finally {
            jedis.configSet("client-query-buffer-limit", "1gb");
        }
        assertThat(jedis.ping()).isEqualTo("PONG");
    }

    @Test
    void bulkBeyondProtoMaxBulkLenIsRefusedAndClosed() throws Exception {
        jedis.configSet("proto-max-bulk-len", "1mb");
        try {
            assertThat(TestRaw.exchange(server.port(), "*2\r\n$4\r\nECHO\r\n$1048577\r\n"))
                    .isEqualTo("-ERR Protocol error: invalid bulk length\r\n<closed>");
            assertThat(TestRaw.exchange(server.port(), "*2\r\n$4\r\nECHO\r\n$3\r\nabc\r\n")).isEqualTo("$3\r\nabc\r\n");
        } finally {
            jedis.configSet("proto-max-bulk-len", "512mb");
        }
    }

    @Test
    void a512MegabyteBulkWithinTheLimitsWorks() throws Exception {
        long size = 512L * 1024 * 1024;
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = new java.io.BufferedOutputStream(s.getOutputStream(), 1 << 20);
            out.write(("*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$" + size + "\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) 'z');
            for (long sent = 0; sent < size; sent += chunk.length) {
                out.write(chunk);
            }
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            s.setSoTimeout(60_000);
            byte[] ok = new byte[5];
            int n = s.getInputStream().readNBytes(ok, 0, 5);
            assertThat(new String(ok, 0, n, StandardCharsets.US_ASCII)).isEqualTo("+OK\r\n");
        }
        assertThat(jedis.strlen("big")).isEqualTo(size);
        assertThat(jedis.del("big")).isEqualTo(1);
    }

    static final Pattern READY = Pattern.compile("Ready to accept connections tcp on port (\\d+)");

    /**
     * 10,000 idle connections, then a normal client. The node runs as its own process: client and
     * server ends in one JVM would need 20,000 descriptors, the limit here (ulimit -n).
     */
    @Test
    void tenThousandIdleConnectionsDoNotStallANewClient() throws Exception {
        int idle = 10_000;
        Process node = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-cp", System.getProperty("java.class.path"), EngineMain.class.getName(), "--port", "0", "--bind", "127.0.0.1")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        TestEngine.stopWithThisJvm(node.pid());
        List<Socket> sockets = new ArrayList<>(idle);
        try {
            int port = awaitReady(node);
            try (Jedis admin = new Jedis("127.0.0.1", port, 10_000)) {
                admin.configSet("maxclients", Integer.toString(idle + 50));
                for (int i = 0; i < idle; i++) {
                    sockets.add(new Socket("127.0.0.1", port));
                }
                // every idle connection is registered (each got through accept)
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!admin.info("clients").contains("connected_clients:" + (idle + 1) + "\r\n") && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(admin.info("clients")).contains("connected_clients:" + (idle + 1) + "\r\n");
            }
            try (Jedis fresh = new Jedis("127.0.0.1", port, 10_000)) {
                for (int i = 0; i < 1000; i++) {
                    fresh.set("k" + i, "v");
                }
                assertThat(fresh.get("k999")).isEqualTo("v");
                assertThat(fresh.dbSize()).isEqualTo(1000);
            }
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
            node.destroy();
            if (!node.waitFor(10, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
    }

    @Test
    void maxclientsRefusesTheNextConnectionWithRedisError() throws Exception {
        jedis.configSet("maxclients", "1");
        try {
            assertThat(TestRaw.exchange(server.port(), "PING\r\n")).isEqualTo("-ERR max number of clients reached\r\n<closed>");
            assertThat(jedis.info("stats")).contains("rejected_connections:1\r\n");
        } finally {
            jedis.configSet("maxclients", "10000");
        }
    }

    @Test
    void maxclientsCannotPassTheOpenFilesLimit() {
        long fds = dev.cachalot.engine.config.FileLimits.openFilesLimit();
        org.junit.jupiter.api.Assumptions.assumeTrue(fds > 0, "no open-files limit");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jedis.configSet("maxclients", Long.toString(fds)))
                .hasMessage("ERR CONFIG SET failed (possibly related to argument 'maxclients') - The operating system is "
                        + "not able to handle the specified number of clients, try with " + (fds - 32));
    }

    @Test
    void idleClientsAreClosedAfterTimeout() throws Exception {
        jedis.configSet("timeout", "1");
        try (Socket idle = new Socket("127.0.0.1", server.port())) {
            long id = clientId(idle);
            assertThat(gone(jedis, id)).isTrue();
        } finally {
            jedis.configSet("timeout", "0");
        }
    }

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
}

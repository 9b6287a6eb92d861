package dev.cachalot.engine.command.tracking;

import dev.cachalot.engine.EngineClientTest;
import dev.cachalot.engine.TestClients;
import dev.cachalot.engine.TestEngine;
import dev.cachalot.engine.TestRaw;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.support.caching.CacheAccessor;
import io.lettuce.core.support.caching.CacheFrontend;
import io.lettuce.core.support.caching.ClientSideCaching;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

import java.net.Socket;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.cachalot.engine.TestRaw.exchange;
import static org.assertj.core.api.Assertions.assertThat;

/** CLIENT TRACKING and friends: RESP3 pushes, RESP2 redirection, BCAST, OPTIN, NOLOOP; Lettuce's client-side cache. */
class TrackingTest extends EngineClientTest {

    @Test
    void defaultModeInvalidatesWhatWasRead() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            TestRaw.send(s, "HELLO 3\r\n");
            assertThat(TestRaw.send(s, "CLIENT TRACKING on\r\nGET k\r\n")).isEqualTo("+OK\r\n_\r\n");
            jedis.set("k", "1");
            assertThat(TestRaw.read(s, 300)).isEqualTo(">2\r\n$10\r\ninvalidate\r\n*1\r\n$1\r\nk\r\n");
            jedis.set("k", "2"); // not read again since: no second invalidation
            assertThat(TestRaw.read(s, 300)).isEmpty();
            // the client's own write: the invalidation follows the reply
            assertThat(TestRaw.send(s, "GET k\r\nSET k 3\r\n"))
                    .isEqualTo("$1\r\n2\r\n+OK\r\n>2\r\n$10\r\ninvalidate\r\n*1\r\n$1\r\nk\r\n");
            assertThat(TestRaw.send(s, "GET k\r\nFLUSHALL\r\n")).isEqualTo("$1\r\n3\r\n+OK\r\n>2\r\n$10\r\ninvalidate\r\n_\r\n");
            assertThat(TestRaw.send(s, "CLIENT TRACKINGINFO\r\nCLIENT GETREDIR\r\n")).isEqualTo(
                    "%3\r\n$5\r\nflags\r\n~1\r\n$2\r\non\r\n$8\r\nredirect\r\n:0\r\n$8\r\nprefixes\r\n*0\r\n:0\r\n");
        }
    }

    @Test
    void noloopBcastAndPrefixes() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            TestRaw.send(s, "HELLO 3\r\n");
            assertThat(TestRaw.send(s, "CLIENT TRACKING on BCAST PREFIX user: NOLOOP\r\n")).isEqualTo("+OK\r\n");
            jedis.set("user:1", "a");
            jedis.set("order:1", "b");
            assertThat(TestRaw.read(s, 300)).isEqualTo(">2\r\n$10\r\ninvalidate\r\n*1\r\n$6\r\nuser:1\r\n");
            assertThat(TestRaw.send(s, "SET user:2 own\r\n")).isEqualTo("+OK\r\n"); // NOLOOP: not told about itself
            assertThat(TestRaw.read(s, 300)).isEmpty();
            assertThat(TestRaw.send(s, "CLIENT TRACKINGINFO\r\n")).isEqualTo("%3\r\n$5\r\nflags\r\n~3\r\n$2\r\non\r\n"
                    + "$5\r\nbcast\r\n$6\r\nnoloop\r\n$8\r\nredirect\r\n:0\r\n$8\r\nprefixes\r\n*1\r\n$5\r\nuser:\r\n");
        }
    }

    @Test
    void optinTracksOnlyAfterCachingYes() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            TestRaw.send(s, "HELLO 3\r\n");
            TestRaw.send(s, "CLIENT TRACKING on OPTIN\r\nGET a\r\nCLIENT CACHING yes\r\nGET b\r\n");
            jedis.set("a", "1");
            jedis.set("b", "1");
            assertThat(TestRaw.read(s, 300)).isEqualTo(">2\r\n$10\r\ninvalidate\r\n*1\r\n$1\r\nb\r\n");
        }
    }

    @Test
    void resp2ClientsGetInvalidationsThroughARedirectedSubscriber() throws Exception {
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onMessage(String channel, String message) {
                got.add(channel + "=" + message);
            }
        };
        Jedis sub = TestEngine.jedis(server);
        long subId = sub.clientId();
        Thread t = new Thread(() -> sub.subscribe(listener, "__redis__:invalidate"));
        t.start();
        try (Jedis tracked = TestEngine.jedis(server)) {
            while (jedis.pubsubNumSub("__redis__:invalidate").get("__redis__:invalidate") == 0L) {
                Thread.sleep(10);
            }
            assertThat(TestEngine.call(tracked, "CLIENT", "TRACKING", "on", "REDIRECT", Long.toString(subId))).isEqualTo("OK");
            assertThat(TestEngine.call(tracked, "CLIENT", "GETREDIR")).isEqualTo(subId);
            tracked.get("r");
            jedis.set("r", "1");
            // the payload is an array of keys, which Jedis's listener renders as text
            String message = got.poll(10, TimeUnit.SECONDS);
            assertThat(message).startsWith("__redis__:invalidate=");
        } finally {
            listener.unsubscribe();
            t.join(10_000);
            sub.close();
        }
    }

    @Test
    void trackingErrorsAreRedis7s() throws Exception {
        assertThat(exchange(server.port(), "CLIENT TRACKING on REDIRECT 9999\r\nCLIENT TRACKING on PREFIX a\r\n"
                + "CLIENT TRACKING on BCAST OPTIN\r\nCLIENT TRACKING on OPTIN OPTOUT\r\nCLIENT TRACKING maybe\r\n"
                + "CLIENT CACHING yes\r\nCLIENT TRACKING on OPTIN\r\nCLIENT CACHING no\r\nCLIENT CACHING maybe\r\n"
                + "CLIENT TRACKING on BCAST\r\nCLIENT TRACKING off\r\nCLIENT TRACKING on BCAST PREFIX a PREFIX ab\r\n"
                + "CLIENT TRACKING on REDIRECT abc\r\n"))
                .isEqualTo("-ERR The client ID you want redirect to does not exist\r\n"
                        + "-ERR PREFIX option requires BCAST mode to be enabled\r\n"
                        + "-ERR OPTIN and OPTOUT are not compatible with BCAST\r\n"
                        + "-ERR You can't specify both OPTIN mode and OPTOUT mode\r\n"
                        + "-ERR syntax error\r\n"
                        + "-ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT mode enabled\r\n"
                        + "+OK\r\n"
                        + "-ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.\r\n"
                        + "-ERR syntax error\r\n"
                        + "-ERR You can't switch BCAST mode on/off before disabling tracking for this client, and then re-enabling it with a different mode.\r\n"
                        + "+OK\r\n"
                        + "-ERR Prefix 'a' overlaps with another provided prefix 'ab'. Prefixes for a single client must not overlap.\r\n"
                        + "-ERR value is not an integer or out of range\r\n");
    }

    @Test
    void lettuceClientSideCacheIsInvalidated() throws Exception {
        RedisClient client = TestClients.lettuce(server);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            Map<String, String> store = new ConcurrentHashMap<>();
            CacheFrontend<String, String> frontend = ClientSideCaching.enable(CacheAccessor.forMap(store), c,
                    TrackingArgs.Builder.enabled());
            jedis.set("cached", "v1");
            assertThat(frontend.get("cached")).isEqualTo("v1");
            assertThat(store).containsEntry("cached", "v1");
            jedis.set("cached", "v2");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (store.containsKey("cached") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(store).doesNotContainKey("cached");
            assertThat(frontend.get("cached")).isEqualTo("v2");
            frontend.close();
        } finally {
            TestClients.shutdown(client);
        }
        assertThat(jedis.info("clients")).contains("tracking_clients:0\r\n");
    }
}

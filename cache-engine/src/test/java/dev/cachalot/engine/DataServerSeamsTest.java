package dev.cachalot.engine;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the data types meet the server features: WATCH, keyspace notifications, client-side caching,
 * blocking pops inside and around MULTI/EXEC, and the data layer's parameters in CONFIG. Each case is
 * a container command (the string commands are covered by the feature's own test class).
 */
class DataServerSeamsTest extends EngineClientTest {

    @Test
    void aHashWriteByAnotherClientFailsTheWatchersExec() throws Exception {
        try (RespClient a = new RespClient(server.port()); RespClient b = new RespClient(server.port())) {
            a.call("HSET", "h", "f", "1");
            assertThat(a.call("WATCH", "h")).isEqualTo("+OK");
            assertThat(b.call("HINCRBY", "h", "f", "1")).isEqualTo(":2");
            a.call("MULTI");
            assertThat(a.call("HGET", "h", "f")).isEqualTo("+QUEUED");
            assertThat(a.call("EXEC")).isEqualTo("*nil");
            // unwatched after EXEC: the same transaction now runs
            a.call("MULTI");
            a.call("HGET", "h", "f");
            assertThat(a.call("EXEC")).isEqualTo("*[$2]");
        }
    }

    @Test
    void swapdbFailsTheExecOfAWatcherOfEitherDatabase() throws Exception {
        try (RespClient a = new RespClient(server.port()); RespClient b = new RespClient(server.port())) {
            b.call("SELECT", "1");
            b.call("SADD", "s", "x");
            assertThat(a.call("WATCH", "s")).isEqualTo("+OK");
            assertThat(b.call("SWAPDB", "0", "1")).isEqualTo("+OK");
            a.call("MULTI");
            a.call("SCARD", "s");
            assertThat(a.call("EXEC")).isEqualTo("*nil");
            assertThat(a.call("SCARD", "s")).isEqualTo(":1");
        }
    }

    @Test
    void listAndZsetWritesPublishKeyspaceEvents() throws Exception {
        try (RespClient sub = new RespClient(server.port()); RespClient w = new RespClient(server.port())) {
            assertThat(w.call("CONFIG", "SET", "notify-keyspace-events", "Klz")).isEqualTo("+OK");
            try {
                assertThat(sub.call("PSUBSCRIBE", "__keyspace@0__:*")).isEqualTo("*[$psubscribe, $__keyspace@0__:*, :1]");
                w.call("RPUSH", "l", "a", "b");
                w.call("LPOP", "l");
                w.call("ZADD", "z", "1", "m");
                w.call("HSET", "h", "f", "v"); // hash events not enabled: nothing
                w.call("ZINCRBY", "z", "2", "m");
                assertThat(RespClient.render(sub.read())).isEqualTo("*[$pmessage, $__keyspace@0__:*, $__keyspace@0__:l, $rpush]");
                assertThat(RespClient.render(sub.read())).isEqualTo("*[$pmessage, $__keyspace@0__:*, $__keyspace@0__:l, $lpop]");
                assertThat(RespClient.render(sub.read())).isEqualTo("*[$pmessage, $__keyspace@0__:*, $__keyspace@0__:z, $zadd]");
                assertThat(RespClient.render(sub.read())).isEqualTo("*[$pmessage, $__keyspace@0__:*, $__keyspace@0__:z, $zincr]");
            } finally {
                w.call("CONFIG", "SET", "notify-keyspace-events", "");
            }
        }
    }

    @Test
    void aSetReadIsTrackedAndAnotherClientsSaddInvalidatesIt() throws Exception {
        try (RespClient inv = new RespClient(server.port()); RespClient reader = new RespClient(server.port());
             RespClient writer = new RespClient(server.port())) {
            String invId = inv.call("CLIENT", "ID").substring(1);
            inv.call("SUBSCRIBE", "__redis__:invalidate");
            assertThat(reader.call("CLIENT", "TRACKING", "ON", "REDIRECT", invId)).isEqualTo("+OK");
            writer.call("SADD", "s", "a");
            assertThat(reader.call("SMEMBERS", "s")).isEqualTo("*[$a]");
            writer.call("SADD", "s", "b");
            assertThat(RespClient.render(inv.read())).isEqualTo("*[$message, $__redis__:invalidate, *[$s]]");
        }
    }

    @Test
    void blockingPopInsideMultiAnswersAtOnce() throws Exception {
        try (RespClient c = new RespClient(server.port())) {
            c.call("MULTI");
            assertThat(c.call("BLPOP", "empty", "0")).isEqualTo("+QUEUED");
            assertThat(c.call("BZPOPMIN", "emptyz", "0")).isEqualTo("+QUEUED");
            assertThat(c.call("EXEC")).isEqualTo("*[*nil, *nil]");
            assertThat(jedis.info("clients")).contains("blocked_clients:0");
        }
    }

    @Test
    void aClientBlockedBeforeAnExecIsServedAfterTheWholeExec() throws Exception {
        try (RespClient blocked = new RespClient(server.port()); RespClient tx = new RespClient(server.port())) {
            blocked.send("BLPOP".getBytes(), "q".getBytes(), "0".getBytes());
            awaitBlocked(1);
            tx.call("MULTI");
            tx.call("RPUSH", "q", "first");
            tx.call("LPUSH", "q", "second");
            assertThat(tx.call("EXEC")).isEqualTo("*[:1, :2]");
            // Redis serves blocked clients once EXEC has run: the list is [second, first] by then
            assertThat(RespClient.render(blocked.read())).isEqualTo("*[$q, $second]");
            assertThat(tx.call("LRANGE", "q", "0", "-1")).isEqualTo("*[$first]");
        }
    }

    @Test
    void theDataLayersParametersAreInConfigGetAndSet() throws Exception {
        try (RespClient c = new RespClient(server.port())) {
            assertThat(c.call("CONFIG", "GET", "maxmemory-policy")).isEqualTo("*[$maxmemory-policy, $noeviction]");
            assertThat(c.call("CONFIG", "GET", "hash-max-ziplist-entries")).isEqualTo("*[$hash-max-ziplist-entries, $512]");
            // an invalid pair refuses the whole CONFIG SET: the valid one before it is not applied
            assertThat(c.call("CONFIG", "SET", "maxmemory-policy", "allkeys-lru", "zset-max-listpack-entries", "x"))
                    .isEqualTo("-ERR CONFIG SET failed (possibly related to argument 'zset-max-listpack-entries') - "
                            + "argument couldn't be parsed into an integer");
            assertThat(c.call("CONFIG", "GET", "maxmemory-policy")).isEqualTo("*[$maxmemory-policy, $noeviction]");
            assertThat(c.call("CONFIG", "SET", "maxmemory-policy", "bogus")).startsWith("-ERR CONFIG SET failed (possibly "
                    + "related to argument 'maxmemory-policy') - argument(s) must be one of the following:");
            try {
                assertThat(c.call("CONFIG", "SET", "maxmemory-policy", "allkeys-lfu", "zset-max-listpack-entries", "4"))
                        .isEqualTo("+OK");
                assertThat(c.call("CONFIG", "GET", "maxmemory-policy")).isEqualTo("*[$maxmemory-policy, $allkeys-lfu]");
                assertThat(c.call("INFO", "memory")).contains("maxmemory_policy:allkeys-lfu");
                c.call("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
                assertThat(c.call("OBJECT", "ENCODING", "z")).isEqualTo("$skiplist");
                assertThat(c.call("OBJECT", "FREQ", "z")).startsWith(":");
            } finally {
                c.call("CONFIG", "SET", "maxmemory-policy", "noeviction", "zset-max-listpack-entries", "128");
            }
        }
    }

    private void awaitBlocked(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (jedis.info("clients").contains("blocked_clients:" + n + "\r")) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("never saw " + n + " blocked clients: " + jedis.info("clients"));
    }
}

package dev.cachalot.engine.command.transaction;

import dev.cachalot.engine.EngineClientTest;
import dev.cachalot.engine.TestClients;
import dev.cachalot.engine.TestEngine;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;

import java.util.List;

import static dev.cachalot.engine.TestRaw.exchange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MULTI/EXEC/DISCARD/WATCH/UNWATCH with Redis 7.2's replies, through Jedis, Lettuce and raw RESP. */
class TransactionTest extends EngineClientTest {

    @Test
    void execRunsTheQueueInOrder() {
        Transaction t = jedis.multi();
        t.set("a", "1");
        t.incr("a");
        t.get("a");
        assertThat(t.exec()).containsExactly("OK", 2L, "2");
    }

    @Test
    void queuedErrorsAbortWithExecabort() throws Exception {
        assertThat(exchange(server.port(), "MULTI\r\nMULTI\r\nWATCH x\r\nSET a 1\r\nNOSUCH\r\nGET\r\nEXEC\r\nEXEC\r\nDISCARD\r\nGET a\r\n"))
                .isEqualTo("+OK\r\n"
                        + "-ERR MULTI calls can not be nested\r\n"
                        + "-ERR WATCH inside MULTI is not allowed\r\n"
                        + "+QUEUED\r\n"
                        + "-ERR unknown command 'NOSUCH', with args beginning with: \r\n"
                        + "-ERR wrong number of arguments for 'get' command\r\n"
                        + "-EXECABORT Transaction discarded because of previous errors.\r\n"
                        + "-ERR EXEC without MULTI\r\n"
                        + "-ERR DISCARD without MULTI\r\n"
                        + "$-1\r\n");
        assertThat(exchange(server.port(), "MULTI\r\nEXEC x\r\nEXEC\r\n"))
                .isEqualTo("+OK\r\n-EXECABORT Transaction discarded because of: wrong number of arguments for 'exec' command\r\n"
                        + "-ERR EXEC without MULTI\r\n");
    }

    @Test
    void runtimeErrorsStayInTheirSlot() {
        jedis.set("s", "text");
        Transaction t = jedis.multi();
        t.incr("s");
        t.set("b", "2");
        List<Object> result = t.exec();
        assertThat(result.get(0)).isInstanceOf(JedisDataException.class);
        assertThat(((JedisDataException) result.get(0)).getMessage()).isEqualTo("ERR value is not an integer or out of range");
        assertThat(result.get(1)).isEqualTo("OK");
        assertThat(jedis.get("b")).isEqualTo("2");
    }

    @Test
    void discardDropsTheQueue() {
        Transaction t = jedis.multi();
        t.set("d", "1");
        assertThat(t.discard()).isEqualTo("OK");
        assertThat(jedis.exists("d")).isFalse();
    }

    @Test
    void watchedKeyChangedByAnotherClientFailsExec() {
        jedis.set("w", "0");
        assertThat(jedis.watch("w")).isEqualTo("OK");
        try (Jedis other = TestEngine.jedis(server)) {
            other.set("w", "changed");
        }
        Transaction t = jedis.multi();
        t.set("w", "mine");
        assertThat(t.exec()).isNull(); // *-1: the transaction did not run
        assertThat(jedis.get("w")).isEqualTo("changed");
    }

    @Test
    void unwatchedOrUntouchedKeysLetExecRun() {
        jedis.set("w", "0");
        jedis.watch("w");
        jedis.unwatch();
        try (Jedis other = TestEngine.jedis(server)) {
            other.set("w", "changed");
        }
        Transaction t = jedis.multi();
        t.set("w", "mine");
        assertThat(t.exec()).containsExactly("OK");
        jedis.watch("w", "nothere");
        t = jedis.multi();
        t.get("w");
        assertThat(t.exec()).containsExactly("mine");
    }

    @Test
    void flushallAndFlushdbInvalidateWatches() {
        jedis.set("w", "0");
        jedis.watch("w");
        try (Jedis other = TestEngine.jedis(server)) {
            other.flushAll();
        }
        Transaction t = jedis.multi();
        t.set("w", "x");
        assertThat(t.exec()).isNull();

        jedis.set("w", "0");
        jedis.watch("w");
        try (Jedis other = TestEngine.jedis(server)) {
            other.select(1);
            other.flushDB(); // another database: no effect on a key of database 0
        }
        t = jedis.multi();
        t.set("w", "x");
        assertThat(t.exec()).containsExactly("OK");

        jedis.watch("never-existed"); // flushing removes nothing it could have seen
        try (Jedis other = TestEngine.jedis(server)) {
            other.flushAll();
        }
        t = jedis.multi();
        t.set("y", "1");
        assertThat(t.exec()).containsExactly("OK");
    }

    @Test
    void aWatchedKeyThatExpiresFailsExec() throws Exception {
        jedis.psetex("e", 50, "soon");
        jedis.watch("e");
        Thread.sleep(120); // no assertion on time: only that the expiry time has passed
        Transaction t = jedis.multi();
        t.set("x", "1");
        assertThat(t.exec()).isNull();
        assertThat(jedis.exists("x")).isFalse();
    }

    @Test
    void lettuceTransactions() {
        RedisClient client = TestClients.lettuce(server);
        try (StatefulRedisConnection<String, String> c = client.connect();
             StatefulRedisConnection<String, String> other = client.connect()) {
            RedisCommands<String, String> r = c.sync();
            assertThat(r.multi()).isEqualTo("OK");
            r.set("l", "1");
            r.incrby("l", 4);
            TransactionResult result = r.exec();
            assertThat(result.wasDiscarded()).isFalse();
            assertThat((Object) result.get(1)).isEqualTo(5L);

            r.watch("l");
            other.sync().set("l", "9");
            r.multi();
            r.set("l", "2");
            assertThat(r.exec().wasDiscarded()).isTrue();
            assertThat(r.get("l")).isEqualTo("9");
        } finally {
            TestClients.shutdown(client);
        }
    }

    @Test
    void resp3NullForAFailedExec() throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port());
             Jedis other = TestEngine.jedis(server)) {
            String hello = dev.cachalot.engine.TestRaw.send(s, "HELLO 3\r\n");
            assertThat(hello).startsWith("%7\r\n");
            assertThat(dev.cachalot.engine.TestRaw.send(s, "WATCH k\r\n")).isEqualTo("+OK\r\n");
            other.set("k", "v");
            assertThat(dev.cachalot.engine.TestRaw.send(s, "MULTI\r\nGET k\r\nEXEC\r\n")).isEqualTo("+OK\r\n+QUEUED\r\n_\r\n");
        }
    }

    @Test
    void commandstatsCountQueuedCommandsWhenTheyRun() {
        jedis.configResetStat();
        Transaction t = jedis.multi();
        t.set("c", "1");
        t.exec();
        assertThat(jedis.info("commandstats")).contains("cmdstat_set:calls=1,", "cmdstat_multi:calls=1,", "cmdstat_exec:calls=1,");
        assertThatThrownBy(() -> TestEngine.call(jedis, "EXEC")).hasMessage("ERR EXEC without MULTI");
    }
}

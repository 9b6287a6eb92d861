package dev.cachalot.engine.command.keyspace;

import dev.cachalot.engine.EngineClientTest;
import dev.cachalot.engine.TestEngine;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ExpiryOption;

import static dev.cachalot.engine.TestEngine.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Generic key commands and expiry through Jedis against an embedded node. */
class KeyspaceCommandsTest extends EngineClientTest {

    @Test
    void delUnlinkExists() {
        jedis.mset("a", "1", "b", "2", "c", "3");
        assertThat(jedis.exists("a", "a", "b", "missing")).isEqualTo(3);
        assertThat(jedis.del("a", "b", "missing")).isEqualTo(2);
        assertThat(jedis.unlink("c")).isEqualTo(1);
        assertThat(jedis.exists("a", "b", "c")).isZero();
        assertThatThrownBy(() -> call(jedis, "DEL")).hasMessage("ERR wrong number of arguments for 'del' command");
    }

    @Test
    void ttlOfMissingAndPersistentKeys() {
        assertThat(jedis.ttl("missing")).isEqualTo(-2);
        assertThat(jedis.pttl("missing")).isEqualTo(-2);
        jedis.set("k", "v");
        assertThat(jedis.ttl("k")).isEqualTo(-1);
        assertThat(jedis.pttl("k")).isEqualTo(-1);
        assertThat(jedis.expireTime("k")).isEqualTo(-1);
        assertThat(jedis.expireTime("missing")).isEqualTo(-2);
    }

    @Test
    void expireFamily() {
        jedis.set("k", "v");
        assertThat(jedis.expire("k", 100)).isEqualTo(1);
        assertThat(jedis.ttl("k")).isBetween(99L, 100L);
        assertThat(jedis.pexpire("k", 50_000)).isEqualTo(1);
        assertThat(jedis.pttl("k")).isBetween(40_000L, 50_000L);
        long at = System.currentTimeMillis() / 1000 + 500;
        assertThat(jedis.expireAt("k", at)).isEqualTo(1);
        assertThat(jedis.expireTime("k")).isEqualTo(at);
        assertThat(jedis.pexpireAt("k", at * 1000 + 7)).isEqualTo(1);
        assertThat(jedis.pexpireTime("k")).isEqualTo(at * 1000 + 7);
        assertThat(jedis.expire("missing", 100)).isZero();
        assertThat(jedis.persist("k")).isEqualTo(1);
        assertThat(jedis.persist("k")).isZero();
        assertThat(jedis.persist("missing")).isZero();
        assertThat(jedis.ttl("k")).isEqualTo(-1);
    }

    @Test
    void expireInThePastDeletes() {
        jedis.set("k", "v");
        assertThat(jedis.expire("k", -1)).isEqualTo(1);
        assertThat(jedis.exists("k")).isFalse();
        jedis.set("k", "v");
        assertThat(jedis.pexpireAt("k", 1)).isEqualTo(1);
        assertThat(jedis.exists("k")).isFalse();
    }

    @Test
    void expireOptions() {
        jedis.set("k", "v");
        assertThat(jedis.expire("k", 100, ExpiryOption.XX)).isZero(); // no ttl yet
        assertThat(jedis.expire("k", 100, ExpiryOption.GT)).isZero(); // no ttl counts as infinite
        assertThat(jedis.expire("k", 100, ExpiryOption.LT)).isEqualTo(1);
        assertThat(jedis.expire("k", 200, ExpiryOption.NX)).isZero();
        assertThat(jedis.expire("k", 200, ExpiryOption.XX)).isEqualTo(1);
        assertThat(jedis.expire("k", 100, ExpiryOption.GT)).isZero();
        assertThat(jedis.expire("k", 300, ExpiryOption.GT)).isEqualTo(1);
        assertThat(jedis.expire("k", 400, ExpiryOption.LT)).isZero();
        assertThat(jedis.expire("k", 50, ExpiryOption.LT)).isEqualTo(1);
        assertThat(jedis.ttl("k")).isBetween(49L, 50L);
        assertThatThrownBy(() -> call(jedis, "EXPIRE", "k", "10", "NX", "XX"))
                .hasMessage("ERR NX and XX, GT or LT options at the same time are not compatible");
        assertThatThrownBy(() -> call(jedis, "EXPIRE", "k", "10", "GT", "LT"))
                .hasMessage("ERR GT and LT options at the same time are not compatible");
        assertThatThrownBy(() -> call(jedis, "EXPIRE", "k", "10", "YY")).hasMessage("ERR Unsupported option YY");
        // options are checked before the number
        assertThatThrownBy(() -> call(jedis, "EXPIRE", "k", "ten", "YY")).hasMessage("ERR Unsupported option YY");
        assertThatThrownBy(() -> call(jedis, "EXPIRE", "k", "ten")).hasMessage("ERR value is not an integer or out of range");
        assertThatThrownBy(() -> call(jedis, "EXPIRE", "k", "9223372036854775807"))
                .hasMessage("ERR invalid expire time in 'expire' command");
        assertThatThrownBy(() -> call(jedis, "PEXPIRE", "k", "9223372036854775807"))
                .hasMessage("ERR invalid expire time in 'pexpire' command");
        assertThatThrownBy(() -> call(jedis, "EXPIRE", "k")).hasMessage("ERR wrong number of arguments for 'expire' command");
    }

    @Test
    void typeOfKeys() {
        assertThat(jedis.type("missing")).isEqualTo("none");
        jedis.set("s", "v");
        assertThat(jedis.type("s")).isEqualTo("string");
    }

    @Test
    void expiredKeysVanishOnAccess() throws InterruptedException {
        jedis.set("k", "v", redis.clients.jedis.params.SetParams.setParams().px(1));
        awaitTrue(() -> jedis.get("k") == null);
        assertThat(jedis.exists("k")).isFalse();
        assertThat(jedis.ttl("k")).isEqualTo(-2);
    }

    @Test
    void activeExpiryRemovesKeysNobodyTouches() throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            jedis.set("tmp:" + i, "v", redis.clients.jedis.params.SetParams.setParams().px(20));
        }
        for (int i = 0; i < 100; i++) {
            jedis.set("keep:" + i, "v");
        }
        // DBSIZE does not look keys up, so only the active expiry cycle can bring it down
        awaitTrue(() -> jedis.dbSize() == 100);
        String stats = jedis.info("stats");
        assertThat(stats).contains("expired_keys:");
        long expired = Long.parseLong(stats.lines().filter(l -> l.startsWith("expired_keys:")).findFirst().orElseThrow()
                .substring("expired_keys:".length()).trim());
        assertThat(expired).isGreaterThanOrEqualTo(500);
    }

    @Test
    void databasesAreSeparate() {
        jedis.set("k", "db0");
        jedis.select(3);
        try {
            assertThat(jedis.get("k")).isNull();
            jedis.set("k", "db3");
            jedis.expire("k", 100);
            assertThat(jedis.dbSize()).isEqualTo(1);
            assertThat(jedis.info("keyspace")).contains("db0:keys=1,expires=0,avg_ttl=0").contains("db3:keys=1,expires=1,avg_ttl=");
        } finally {
            jedis.select(0);
        }
        assertThat(jedis.get("k")).isEqualTo("db0");
    }

    /** Polls a condition (the only way to observe expiry from outside); fails after 20 s. */
    static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(10);
        }
    }
}

package dev.cachalot.engine.command.string;

import dev.cachalot.engine.EngineClientTest;
import dev.cachalot.engine.TestEngine;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.SetParams;

import java.util.Arrays;
import java.util.List;

import static dev.cachalot.engine.TestEngine.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** String commands through Jedis against an embedded node. */
class StringCommandsTest extends EngineClientTest {

    @Test
    void setAndGet() {
        assertThat(jedis.get("missing")).isNull();
        assertThat(jedis.set("k", "v")).isEqualTo("OK");
        assertThat(jedis.get("k")).isEqualTo("v");
        assertThat(jedis.set("k", "w")).isEqualTo("OK"); // same size: overwritten in place
        assertThat(jedis.get("k")).isEqualTo("w");
        assertThat(jedis.set("k", "longer value")).isEqualTo("OK");
        assertThat(jedis.get("k")).isEqualTo("longer value");
        assertThat(jedis.set("", "")).isEqualTo("OK");
        assertThat(jedis.get("")).isEmpty();
    }

    @Test
    void binarySafeKeysAndValues() {
        byte[] key = {0, '\r', '\n', (byte) 0xff, ' '};
        byte[] value = new byte[70_000];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) i;
        }
        jedis.set(key, value);
        assertThat(jedis.get(key)).isEqualTo(value);
        assertThat(jedis.strlen(key)).isEqualTo(70_000);
    }

    @Test
    void manyKeysGrowAndShrinkTheTable() {
        for (int i = 0; i < 5000; i++) {
            jedis.set("key:" + i, "v" + i);
        }
        assertThat(jedis.dbSize()).isEqualTo(5000);
        for (int i = 0; i < 5000; i += 2) {
            assertThat(jedis.del("key:" + i)).isEqualTo(1);
        }
        for (int i = 0; i < 5000; i++) {
            assertThat(jedis.get("key:" + i)).isEqualTo(i % 2 == 0 ? null : "v" + i);
        }
        assertThat(jedis.dbSize()).isEqualTo(2500);
    }

    @Test
    void setNxXx() {
        assertThat(jedis.set("k", "1", SetParams.setParams().xx())).isNull();
        assertThat(jedis.set("k", "1", SetParams.setParams().nx())).isEqualTo("OK");
        assertThat(jedis.set("k", "2", SetParams.setParams().nx())).isNull();
        assertThat(jedis.set("k", "3", SetParams.setParams().xx())).isEqualTo("OK");
        assertThat(jedis.get("k")).isEqualTo("3");
        assertThatThrownBy(() -> call(jedis, "SET", "k", "v", "NX", "XX")).hasMessage("ERR syntax error");
        assertThatThrownBy(() -> call(jedis, "SET", "k", "v", "XX", "NX")).hasMessage("ERR syntax error");
        assertThat(call(jedis, "SET", "k", "v", "nx", "NX")).isNull(); // repeating an option is allowed
    }

    @Test
    void setGetReturnsTheOldValue() {
        assertThat(call(jedis, "SET", "k", "1", "GET")).isNull();
        assertThat(call(jedis, "SET", "k", "2", "GET")).isEqualTo("1");
        assertThat(call(jedis, "SET", "k", "3", "NX", "GET")).isEqualTo("2");
        assertThat(jedis.get("k")).isEqualTo("2");
        assertThat(call(jedis, "SET", "other", "3", "XX", "GET")).isNull();
        assertThat(jedis.exists("other")).isFalse();
    }

    @Test
    void setWithExpiry() {
        jedis.set("ex", "v", SetParams.setParams().ex(100));
        assertThat(jedis.ttl("ex")).isBetween(99L, 100L);
        jedis.set("px", "v", SetParams.setParams().px(100_000));
        assertThat(jedis.pttl("px")).isBetween(90_000L, 100_000L);
        long now = System.currentTimeMillis();
        jedis.set("exat", "v", SetParams.setParams().exAt(now / 1000 + 200));
        assertThat(jedis.ttl("exat")).isBetween(198L, 200L);
        jedis.set("pxat", "v", SetParams.setParams().pxAt(now + 300_000));
        assertThat(jedis.pttl("pxat")).isBetween(290_000L, 300_000L);
        jedis.set("ex", "w");
        assertThat(jedis.ttl("ex")).isEqualTo(-1); // a plain SET drops the time to live
        jedis.set("px", "w", SetParams.setParams().keepTtl());
        assertThat(jedis.pttl("px")).isPositive();
        assertThat(call(jedis, "SET", "past", "v", "PXAT", "1")).isEqualTo("OK");
        assertThat(jedis.get("past")).isNull();
    }

    @Test
    void setExpiryErrors() {
        assertThatThrownBy(() -> call(jedis, "SET", "k", "v", "EX", "0")).hasMessage("ERR invalid expire time in 'set' command");
        assertThatThrownBy(() -> call(jedis, "SET", "k", "v", "PX", "-5")).hasMessage("ERR invalid expire time in 'set' command");
        assertThatThrownBy(() -> call(jedis, "SET", "k", "v", "EX", "9223372036854775807"))
                .hasMessage("ERR invalid expire time in 'set' command");
        assertThatThrownBy(() -> call(jedis, "SET", "k", "v", "EX", "ten")).hasMessage("ERR value is not an integer or out of range");
        assertThatThrownBy(() -> call(jedis, "SET", "k", "v", "EX")).hasMessage("ERR syntax error");
        assertThatThrownBy(() -> call(jedis, "SET", "k", "v", "EX", "10", "PX", "10")).hasMessage("ERR syntax error");
        assertThatThrownBy(() -> call(jedis, "SET", "k", "v", "KEEPTTL", "EX", "10")).hasMessage("ERR syntax error");
        assertThatThrownBy(() -> call(jedis, "SET", "k", "v", "EX", "10", "KEEPTTL")).hasMessage("ERR syntax error");
        assertThatThrownBy(() -> call(jedis, "SET", "k", "v", "FOO")).hasMessage("ERR syntax error");
        assertThat(call(jedis, "SET", "k", "v", "EX", "10", "EX", "20")).isEqualTo("OK");
        assertThat(jedis.ttl("k")).isBetween(19L, 20L);
        assertThatThrownBy(() -> call(jedis, "SET", "k")).hasMessage("ERR wrong number of arguments for 'set' command");
        assertThat(jedis.exists("never")).isFalse();
    }

    @Test
    void setnxSetexPsetexGetsetGetdel() {
        assertThat(jedis.setnx("k", "1")).isEqualTo(1);
        assertThat(jedis.setnx("k", "2")).isEqualTo(0);
        assertThat(jedis.setex("e", 100, "v")).isEqualTo("OK");
        assertThat(jedis.ttl("e")).isBetween(99L, 100L);
        assertThat(jedis.psetex("p", 100_000, "v")).isEqualTo("OK");
        assertThat(jedis.pttl("p")).isBetween(90_000L, 100_000L);
        assertThatThrownBy(() -> jedis.setex("e", 0, "v")).hasMessage("ERR invalid expire time in 'setex' command");
        assertThatThrownBy(() -> jedis.psetex("e", -1, "v")).hasMessage("ERR invalid expire time in 'psetex' command");
        assertThat(jedis.getSet("k", "3")).isEqualTo("1");
        assertThat(jedis.getSet("new", "x")).isNull();
        assertThat(jedis.getDel("k")).isEqualTo("3");
        assertThat(jedis.getDel("k")).isNull();
        assertThat(jedis.exists("k")).isFalse();
    }

    @Test
    void msetMgetStrlenAppend() {
        assertThat(jedis.mset("a", "1", "b", "22", "c", "333")).isEqualTo("OK");
        assertThat(jedis.mget("a", "b", "missing", "c")).isEqualTo(Arrays.asList("1", "22", null, "333"));
        assertThatThrownBy(() -> call(jedis, "MSET", "a", "1", "b")).hasMessage("ERR wrong number of arguments for 'mset' command");
        assertThat(jedis.strlen("c")).isEqualTo(3);
        assertThat(jedis.strlen("missing")).isZero();
        assertThat(jedis.append("c", "44")).isEqualTo(5);
        assertThat(jedis.append("d", "x")).isEqualTo(1);
        assertThat(jedis.get("c")).isEqualTo("33344");
    }

    @Test
    void incrDecr() {
        assertThat(jedis.incr("n")).isEqualTo(1);
        assertThat(jedis.incrBy("n", 8)).isEqualTo(9);
        assertThat(jedis.incr("n")).isEqualTo(10); // grows a digit
        assertThat(jedis.get("n")).isEqualTo("10");
        assertThat(jedis.decrBy("n", 20)).isEqualTo(-10);
        assertThat(jedis.decr("n")).isEqualTo(-11);
        assertThat(jedis.incrBy("n", 11)).isEqualTo(0);
        assertThat(jedis.get("n")).isEqualTo("0");
        jedis.set("big", "9223372036854775806");
        assertThat(jedis.incr("big")).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> jedis.incr("big")).hasMessage("ERR increment or decrement would overflow");
        jedis.set("small", "-9223372036854775808");
        assertThatThrownBy(() -> jedis.decr("small")).hasMessage("ERR increment or decrement would overflow");
        assertThatThrownBy(() -> jedis.decrBy("n", Long.MIN_VALUE)).hasMessage("ERR decrement would overflow");
        jedis.set("s", "abc");
        assertThatThrownBy(() -> jedis.incr("s")).hasMessage("ERR value is not an integer or out of range");
        jedis.set("s", " 1");
        assertThatThrownBy(() -> jedis.incr("s")).hasMessage("ERR value is not an integer or out of range");
        assertThatThrownBy(() -> call(jedis, "INCRBY", "n", "1.5")).hasMessage("ERR value is not an integer or out of range");
        assertThatThrownBy(() -> call(jedis, "INCRBY", "n", "99999999999999999999"))
                .hasMessage("ERR value is not an integer or out of range");
    }

    @Test
    void incrKeepsTheTimeToLive() {
        jedis.setex("n", 100, "5");
        assertThat(jedis.incr("n")).isEqualTo(6);
        assertThat(jedis.ttl("n")).isBetween(99L, 100L);
    }

    @Test
    void pipelinedCommandsAnswerInOrder() {
        var p = jedis.pipelined();
        List<redis.clients.jedis.Response<Long>> counts = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            counts.add(p.incr("counter"));
        }
        p.sync();
        for (int i = 0; i < counts.size(); i++) {
            assertThat(counts.get(i).get()).isEqualTo(i + 1);
        }
    }

    @Test
    void wrongArityForEveryStringCommand() {
        for (String cmd : List.of("GET", "INCR", "DECR", "STRLEN", "GETDEL")) {
            assertThatThrownBy(() -> call(jedis, cmd)).isInstanceOf(JedisDataException.class)
                    .hasMessage("ERR wrong number of arguments for '" + cmd.toLowerCase() + "' command");
        }
        assertThatThrownBy(() -> call(jedis, "INCRBY", "k")).hasMessage("ERR wrong number of arguments for 'incrby' command");
    }
}

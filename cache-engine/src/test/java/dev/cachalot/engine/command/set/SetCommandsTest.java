package dev.cachalot.engine.command.set;

import dev.cachalot.engine.DualClientTest;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static dev.cachalot.engine.TestEngine.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Set commands through Jedis and Lettuce; listpack encodings pinned to Redis 7.2. */
class SetCommandsTest extends DualClientTest {

    @Test
    void membersAndAlgebra() {
        assertThat(jedis.sadd("a", "1", "2", "3")).isEqualTo(3);
        assertThat(lettuce.sadd("b", "3", "4")).isEqualTo(2);
        assertThat(jedis.smembers("a")).containsExactly("1", "2", "3");
        assertThat(lettuce.sismember("a", "2")).isTrue();
        assertThat(jedis.smismember("a", "1", "9")).containsExactly(true, false);
        assertThat(lettuce.sinter("a", "b")).containsExactly("3");
        assertThat(jedis.sunion("a", "b")).containsExactlyInAnyOrder("1", "2", "3", "4");
        assertThat(lettuce.sdiff("a", "b")).containsExactlyInAnyOrder("1", "2");
        assertThat(jedis.sintercard("a", "b")).isEqualTo(1);
        assertThat(lettuce.sinterstore("c", "a", "b")).isEqualTo(1);
        assertThat(jedis.smove("a", "b", "1")).isEqualTo(1);
        assertThat(lettuce.scard("b")).isEqualTo(3);
        assertThat(jedis.srem("a", "2", "3")).isEqualTo(2);
        assertThat(jedis.exists("a")).isFalse();
        Set<String> popped = new HashSet<>(lettuce.spop("b", 10));
        assertThat(popped).containsExactlyInAnyOrder("1", "3", "4");
    }

    @Test
    void encodingsOfRedis72() {
        jedis.sadd("s", "1", "2");
        assertThat(jedis.objectEncoding("s")).isEqualTo("intset");
        jedis.sadd("s", "text");
        assertThat(lettuce.objectEncoding("s")).isEqualTo("listpack");
        for (int i = 0; i < 130; i++) {
            jedis.sadd("s", "m" + i);
        }
        assertThat(jedis.objectEncoding("s")).isEqualTo("hashtable");
        for (int i = 0; i < 513; i++) {
            jedis.sadd("ints", Integer.toString(i));
        }
        assertThat(jedis.objectEncoding("ints")).isEqualTo("hashtable");
        jedis.sadd("long", "x".repeat(65));
        assertThat(jedis.objectEncoding("long")).isEqualTo("hashtable");
    }

    @Test
    void errors() {
        jedis.set("str", "v");
        assertThatThrownBy(() -> jedis.sadd("str", "a")).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> lettuce.smembers("str")).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> call(jedis, "SPOP", "s", "-1")).hasMessage("ERR value is out of range, must be positive");
        assertThatThrownBy(() -> call(jedis, "SINTERCARD", "0", "s")).hasMessage("ERR numkeys should be greater than 0");
        assertThatThrownBy(() -> call(jedis, "SINTERCARD", "3", "s")).hasMessage("ERR Number of keys can't be greater than number of args");
        assertThatThrownBy(() -> call(jedis, "SADD", "s")).hasMessage("ERR wrong number of arguments for 'sadd' command");
    }
}

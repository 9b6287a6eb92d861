package dev.cachalot.engine.command.hash;

import dev.cachalot.engine.DualClientTest;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScanCursor;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ScanParams;

import java.util.HashMap;
import java.util.Map;

import static dev.cachalot.engine.TestEngine.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hash commands through Jedis and Lettuce. */
class HashCommandsTest extends DualClientTest {

    @Test
    void setGetDeleteThroughBothClients() {
        // A LinkedHashMap: the field order matters for hvals below, and Map.of's order varies by run.
        java.util.Map<String, String> ab = new java.util.LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", "2");
        assertThat(jedis.hset("h", ab)).isEqualTo(2);
        assertThat(lettuce.hset("h", "c", "3")).isTrue();
        assertThat(lettuce.hget("h", "a")).isEqualTo("1");
        assertThat(jedis.hgetAll("h")).isEqualTo(Map.of("a", "1", "b", "2", "c", "3"));
        assertThat(lettuce.hgetall("h")).isEqualTo(Map.of("a", "1", "b", "2", "c", "3"));
        assertThat(jedis.hkeys("h")).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(lettuce.hvals("h")).containsExactly("1", "2", "3"); // listpack keeps insertion order
        assertThat(jedis.hmget("h", "a", "x")).containsExactly("1", null);
        assertThat(lettuce.hlen("h")).isEqualTo(3);
        assertThat(jedis.hstrlen("h", "a")).isEqualTo(1);
        assertThat(lettuce.hexists("h", "zz")).isFalse();
        assertThat(jedis.hsetnx("h", "a", "x")).isZero();
        assertThat(lettuce.hdel("h", "a", "b", "c", "x")).isEqualTo(3);
        assertThat(jedis.exists("h")).isFalse();
    }

    @Test
    void incrementsWithRedisErrors() {
        assertThat(jedis.hincrBy("h", "n", 5)).isEqualTo(5);
        assertThat(lettuce.hincrby("h", "n", -7)).isEqualTo(-2);
        assertThat(jedis.hincrByFloat("h", "f", 1.5)).isEqualTo(1.5);
        assertThat(lettuce.hincrbyfloat("h", "f", 0.1)).isEqualTo(1.6);
        jedis.hset("h", "s", "text");
        assertThatThrownBy(() -> jedis.hincrBy("h", "s", 1)).isInstanceOf(JedisDataException.class).hasMessage("ERR hash value is not an integer");
        assertThatThrownBy(() -> lettuce.hincrbyfloat("h", "s", 1)).isInstanceOf(RedisCommandExecutionException.class)
                .hasMessage("ERR hash value is not a float");
        assertThatThrownBy(() -> call(jedis, "HINCRBY", "h", "n", "x")).hasMessage("ERR value is not an integer or out of range");
        assertThatThrownBy(() -> call(jedis, "HINCRBYFLOAT", "h", "n", "x")).hasMessage("ERR value is not a valid float");
        jedis.hset("h", "big", Long.toString(Long.MAX_VALUE));
        assertThatThrownBy(() -> jedis.hincrBy("h", "big", 1)).hasMessage("ERR increment or decrement would overflow");
    }

    @Test
    void wrongTypeAndArity() {
        jedis.set("s", "v");
        assertThatThrownBy(() -> jedis.hget("s", "f")).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> lettuce.hset("s", "f", "v")).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> call(jedis, "HSET", "h", "f")).hasMessage("ERR wrong number of arguments for 'hset' command");
        assertThatThrownBy(() -> call(jedis, "HMSET", "h", "f", "v", "g")).hasMessage("ERR wrong number of arguments for 'hmset' command");
        assertThatThrownBy(() -> call(jedis, "HGET", "h")).hasMessage("ERR wrong number of arguments for 'hget' command");
    }

    @Test
    void encodingFollowsRedisThresholds() {
        jedis.hset("h", "f", "v");
        assertThat(jedis.objectEncoding("h")).isEqualTo("listpack");
        jedis.hset("h", "long", "x".repeat(65));
        assertThat(lettuce.objectEncoding("h")).isEqualTo("hashtable");
        for (int i = 0; i < 512; i++) {
            jedis.hset("many", "f" + i, "v");
        }
        assertThat(jedis.objectEncoding("many")).isEqualTo("listpack");
        jedis.hset("many", "one-more", "v");
        assertThat(jedis.objectEncoding("many")).isEqualTo("hashtable");
    }

    @Test
    void randomFieldsAndScan() {
        Map<String, String> all = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            all.put("f" + i, "v" + i);
        }
        jedis.hset("h", all);
        assertThat(all).containsKey(jedis.hrandfield("h"));
        assertThat(lettuce.hrandfield("h", 5)).hasSize(5).doesNotHaveDuplicates();
        assertThat(jedis.hrandfield("h", -2000)).hasSize(2000);
        assertThat(jedis.hrandfieldWithValues("h", 3)).hasSize(3).allSatisfy(e -> assertThat(all.get(e.getKey())).isEqualTo(e.getValue()));
        Map<String, String> seen = new HashMap<>();
        String cursor = "0";
        do {
            var page = jedis.hscan("h", cursor, new ScanParams().count(50));
            page.getResult().forEach(e -> seen.put(e.getKey(), e.getValue()));
            cursor = page.getCursor();
        } while (!cursor.equals("0"));
        assertThat(seen).isEqualTo(all);
        Map<String, String> viaLettuce = new HashMap<>();
        var c = lettuce.hscan("h", ScanCursor.INITIAL);
        viaLettuce.putAll(c.getMap());
        while (!c.isFinished()) {
            c = lettuce.hscan("h", c);
            viaLettuce.putAll(c.getMap());
        }
        assertThat(viaLettuce).isEqualTo(all);
    }
}

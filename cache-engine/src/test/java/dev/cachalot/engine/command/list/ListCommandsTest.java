package dev.cachalot.engine.command.list;

import dev.cachalot.engine.DualClientTest;
import io.lettuce.core.LMoveArgs;
import io.lettuce.core.LPosArgs;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.args.ListDirection;
import redis.clients.jedis.args.ListPosition;
import redis.clients.jedis.params.LPosParams;

import static dev.cachalot.engine.TestEngine.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** List commands through Jedis and Lettuce; encodings pinned to Redis 7.2 (listpack, then quicklist). */
class ListCommandsTest extends DualClientTest {

    @Test
    void pushPopRangeThroughBothClients() {
        assertThat(jedis.rpush("l", "a", "b", "c")).isEqualTo(3);
        assertThat(lettuce.lpush("l", "z")).isEqualTo(4);
        assertThat(jedis.lrange("l", 0, -1)).containsExactly("z", "a", "b", "c");
        assertThat(lettuce.lindex("l", -1)).isEqualTo("c");
        assertThat(jedis.linsert("l", ListPosition.AFTER, "a", "A")).isEqualTo(5);
        assertThat(lettuce.lset("l", 0, "Z")).isEqualTo("OK");
        assertThat(jedis.lpos("l", "b")).isEqualTo(3);
        assertThat(lettuce.lpos("l", "c", LPosArgs.Builder.rank(-1))).isEqualTo(4);
        assertThat(jedis.lpos("l", "x", LPosParams.lPosParams(), 2)).isEmpty();
        assertThat(jedis.lpop("l", 2)).containsExactly("Z", "a");
        assertThat(lettuce.rpop("l")).isEqualTo("c");
        assertThat(jedis.lmove("l", "m", ListDirection.LEFT, ListDirection.RIGHT)).isEqualTo("A");
        assertThat(lettuce.lmove("l", "m", LMoveArgs.Builder.rightLeft())).isEqualTo("b");
        assertThat(jedis.exists("l")).isFalse();
        assertThat(lettuce.lrange("m", 0, -1)).containsExactly("b", "A");
        assertThat(jedis.lrem("m", 0, "A")).isEqualTo(1);
        assertThat(lettuce.ltrim("m", 1, 0)).isEqualTo("OK");
        assertThat(jedis.exists("m")).isFalse();
    }

    @Test
    void encodingOfRedis72() {
        jedis.rpush("l", "a");
        assertThat(jedis.objectEncoding("l")).isEqualTo("listpack");
        for (int i = 0; i < 100; i++) {
            jedis.rpush("l", "x".repeat(100));
        }
        assertThat(lettuce.objectEncoding("l")).isEqualTo("quicklist");
        jedis.ltrim("l", 0, 5);
        assertThat(jedis.objectEncoding("l")).isEqualTo("listpack");
    }

    @Test
    void errors() {
        jedis.set("str", "v");
        assertThatThrownBy(() -> jedis.lpush("str", "a")).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> lettuce.lrange("str", 0, 1)).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> call(jedis, "LSET", "nolist", "0", "x")).hasMessage("ERR no such key");
        jedis.rpush("l", "a");
        assertThatThrownBy(() -> call(jedis, "LSET", "l", "5", "x")).hasMessage("ERR index out of range");
        assertThatThrownBy(() -> call(jedis, "LINDEX", "l", "x")).hasMessage("ERR value is not an integer or out of range");
        assertThatThrownBy(() -> call(jedis, "LPOS", "l", "a", "RANK", "0")).hasMessageStartingWith("ERR RANK can't be zero");
        assertThatThrownBy(() -> call(jedis, "LMPOP", "0", "l", "LEFT")).hasMessage("ERR numkeys should be greater than 0");
        assertThatThrownBy(() -> call(jedis, "LINSERT", "l", "NEAR", "a", "b")).hasMessage("ERR syntax error");
        assertThatThrownBy(() -> call(jedis, "LPUSH", "l")).hasMessage("ERR wrong number of arguments for 'lpush' command");
    }
}

package dev.cachalot.engine.command.zset;

import dev.cachalot.engine.DualClientTest;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ZAddArgs;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.params.ZAddParams;
import redis.clients.jedis.params.ZRangeParams;
import redis.clients.jedis.resps.Tuple;

import java.util.List;
import java.util.Map;

import static dev.cachalot.engine.TestEngine.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sorted-set commands through Jedis and Lettuce. */
class ZSetCommandsTest extends DualClientTest {

    @Test
    void addRangeRankScore() {
        assertThat(jedis.zadd("z", Map.of("a", 1.0, "b", 2.0, "c", 3.0))).isEqualTo(3);
        assertThat(lettuce.zadd("z", ZAddArgs.Builder.gt().ch(), 0.5, "a")).isZero();
        assertThat(jedis.zadd("z", 5, "a", ZAddParams.zAddParams().xx().ch())).isEqualTo(1);
        assertThat(lettuce.zaddincr("z", 1, "b")).isEqualTo(3.0);
        assertThat(jedis.zrange("z", 0, -1)).containsExactly("b", "c", "a");
        assertThat(lettuce.zrangeWithScores("z", 0, 0)).containsExactly(ScoredValue.just(3.0, "b"));
        assertThat(jedis.zrangeByScore("z", "(3", "+inf")).containsExactly("a");
        assertThat(lettuce.zrangebyscore("z", Range.create(3.0, 5.0))).containsExactly("b", "c", "a");
        assertThat(jedis.zrange("z", ZRangeParams.zrangeByScoreParams(10, 0).rev())).containsExactly("a", "c", "b");
        assertThat(lettuce.zrank("z", "a")).isEqualTo(2);
        assertThat(jedis.zrevrank("z", "a")).isEqualTo(0);
        assertThat(lettuce.zscore("z", "c")).isEqualTo(3.0);
        assertThat(jedis.zmscore("z", "a", "x")).containsExactly(5.0, null);
        assertThat(lettuce.zcount("z", Range.create(3.0, 3.0))).isEqualTo(2);
        assertThat(jedis.zcard("z")).isEqualTo(3);
        assertThat(jedis.zpopmin("z")).isEqualTo(new Tuple("b", 3.0));
        assertThat(lettuce.zpopmax("z")).isEqualTo(ScoredValue.just(5.0, "a"));
        assertThat(jedis.zrem("z", "c")).isEqualTo(1);
        assertThat(jedis.exists("z")).isFalse();
    }

    @Test
    void lexRangesAndStoreCommands() {
        jedis.zadd("l", Map.of("a", 0.0, "b", 0.0, "c", 0.0, "d", 0.0));
        assertThat(jedis.zrangeByLex("l", "[b", "(d")).containsExactly("b", "c");
        assertThat(lettuce.zlexcount("l", Range.create("a", "c"))).isEqualTo(3);
        jedis.zadd("m", Map.of("c", 10.0, "e", 1.0));
        assertThat(jedis.zunionstore("u", "l", "m")).isEqualTo(5);
        assertThat(lettuce.zinterWithScores("l", "m")).containsExactly(ScoredValue.just(10.0, "c"));
        assertThat(jedis.zdiff("l", "m")).containsExactly("a", "b", "d");
        assertThat(jedis.zintercard("l", "m")).isEqualTo(1);
        assertThat(jedis.zrangestore("r", "l", ZRangeParams.zrangeParams(0, 1))).isEqualTo(2);
        assertThat(lettuce.zrange("r", 0, -1)).containsExactly("a", "b");
        assertThat(jedis.zremrangeByLex("l", "-", "[b")).isEqualTo(2);
        assertThat(lettuce.zmpop(io.lettuce.core.ZPopArgs.Builder.min(), "nokey", "l"))
                .isEqualTo(io.lettuce.core.KeyValue.just("l", ScoredValue.just(0.0, "c")));
    }

    @Test
    void encodingAndErrors() {
        jedis.zadd("z", 1, "a");
        assertThat(jedis.objectEncoding("z")).isEqualTo("listpack");
        for (int i = 0; i < 128; i++) {
            jedis.zadd("z", i, "m" + i);
        }
        assertThat(lettuce.objectEncoding("z")).isEqualTo("skiplist");
        jedis.set("str", "v");
        assertThatThrownBy(() -> jedis.zadd("str", 1, "a")).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> call(jedis, "ZADD", "z", "x", "a")).hasMessage("ERR value is not a valid float");
        assertThatThrownBy(() -> call(jedis, "ZADD", "z", "NX", "XX", "1", "a")).hasMessage("ERR XX and NX options at the same time are not compatible");
        assertThatThrownBy(() -> call(jedis, "ZADD", "z", "GT", "LT", "1", "a")).hasMessage("ERR GT, LT, and/or NX options at the same time are not compatible");
        assertThatThrownBy(() -> call(jedis, "ZRANGEBYSCORE", "z", "x", "1")).hasMessage("ERR min or max is not a float");
        assertThatThrownBy(() -> call(jedis, "ZRANGEBYLEX", "z", "x", "y")).hasMessage("ERR min or max not valid string range item");
        assertThat(call(jedis, "ZINCRBY", "z", "inf", "a")).isEqualTo("inf");
        assertThatThrownBy(() -> call(jedis, "ZINCRBY", "z", "-inf", "a")).hasMessage("ERR resulting score is not a number (NaN)");
        assertThat(call(jedis, "ZRANDMEMBER", "z", "3")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).hasSize(3);
        assertThat((List<?>) call(jedis, "ZSCAN", "z", "0")).hasSize(2);
    }
}

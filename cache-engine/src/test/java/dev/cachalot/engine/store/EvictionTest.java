package dev.cachalot.engine.store;

import dev.cachalot.engine.EngineConfig;
import dev.cachalot.engine.EngineServer;
import dev.cachalot.engine.TestEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.exceptions.JedisDataException;

import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** maxmemory with every eviction policy, through a real client, against the engine's byte accounting. */
class EvictionTest {

    static final long MAXMEMORY = 4L * 1024 * 1024;
    static final String VALUE = "v".repeat(100);

    static Map<String, String> info(Jedis jedis) {
        return jedis.info().lines().filter(l -> l.contains(":"))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(':')), l -> l.substring(l.indexOf(':') + 1), (a, b) -> a));
    }

    static EngineServer start(String policy) throws Exception {
        EngineServer server = EngineServer.start(EngineConfig.defaults().withMaxmemory(MAXMEMORY));
        try (Jedis jedis = TestEngine.jedis(server)) {
            assertThat(jedis.configSet("maxmemory-policy", policy)).isEqualTo("OK");
        }
        return server;
    }

    @ParameterizedTest
    @EnumSource(value = EvictionPolicy.class, names = "NOEVICTION", mode = EnumSource.Mode.EXCLUDE)
    void everyPolicyHoldsMaxmemory(EvictionPolicy policy) throws Exception {
        try (EngineServer server = start(policy.configName()); Jedis jedis = TestEngine.jedis(server)) {
            int written = 0;
            for (int batch = 0; batch < 40; batch++) {
                Pipeline p = jedis.pipelined();
                for (int i = 0; i < 1000; i++, written++) {
                    String key = "key:" + written;
                    if (policy.volatileOnly() && written % 2 == 1) {
                        p.setex(key, 10_000, VALUE);
                    } else {
                        p.set(key, VALUE);
                    }
                }
                p.sync();
                long used = Long.parseLong(info(jedis).get("used_memory"));
                // Redis lets one command's worth through before the next evicts; allow a batch of slack
                assertThat(used).as("%s after %d keys", policy, written).isLessThan(MAXMEMORY + 200_000);
            }
            Map<String, String> info = info(jedis);
            long evicted = Long.parseLong(info.get("evicted_keys"));
            assertThat(info.get("maxmemory_policy")).isEqualTo(policy.configName());
            if (policy.volatileOnly()) {
                // half the keys have no TTL: they all stay; the volatile half is evicted until nothing is left
                for (int i = 0; i < written; i += 2) {
                    assertThat(jedis.exists("key:" + i)).as("persistent key:%d", i).isTrue();
                }
                assertThat(evicted).isPositive();
                assertThatThrownBy(() -> {
                    for (int i = 0; i < 30_000; i++) {
                        jedis.set("more:" + i, VALUE);
                    }
                }).isInstanceOf(JedisDataException.class).hasMessage("OOM command not allowed when used memory > 'maxmemory'.");
            } else {
                assertThat(evicted).isGreaterThan(written / 4);
                assertThat(jedis.dbSize()).isEqualTo(written - evicted);
            }
        }
    }

    @Test
    void noevictionRefusesDenyoomCommandsButServesReadsAndDeletes() throws Exception {
        try (EngineServer server = start("noeviction"); Jedis jedis = TestEngine.jedis(server)) {
            int i = 0;
            String oom = null;
            while (oom == null && i < 100_000) {
                try {
                    jedis.set("key:" + i, VALUE);
                    i++;
                } catch (JedisDataException e) {
                    oom = e.getMessage();
                }
            }
            assertThat(oom).isEqualTo("OOM command not allowed when used memory > 'maxmemory'.");
            assertThat(jedis.get("key:0")).isEqualTo(VALUE);
            assertThatThrownBy(() -> jedis.lpush("list", "a")).hasMessageStartingWith("OOM");
            assertThatThrownBy(() -> jedis.hset("h", "f", "v")).hasMessageStartingWith("OOM");
            assertThat(jedis.del("key:0", "key:1", "key:2")).isEqualTo(3);
            assertThat(jedis.exists("key:3")).isTrue();
            assertThat(info(jedis).get("evicted_keys")).isEqualTo("0");
            jedis.flushAll();
            assertThat(jedis.set("again", VALUE)).isEqualTo("OK");
        }
    }

    @Test
    void allkeysLfuKeepsFrequentlyUsedKeys() throws Exception {
        try (EngineServer server = start("allkeys-lfu"); Jedis jedis = TestEngine.jedis(server)) {
            for (int i = 0; i < 100; i++) {
                jedis.set("hot:" + i, VALUE);
            }
            for (int round = 0; round < 300; round++) {
                Pipeline p = jedis.pipelined();
                for (int i = 0; i < 100; i++) {
                    p.get("hot:" + i);
                }
                p.sync();
            }
            assertThat(jedis.objectFreq("hot:0")).isGreaterThan(5);
            for (int batch = 0; batch < 60; batch++) {
                Pipeline p = jedis.pipelined();
                for (int i = 0; i < 1000; i++) {
                    p.set("cold:" + batch + ":" + i, VALUE);
                }
                p.sync();
            }
            long hotLeft = 0;
            for (int i = 0; i < 100; i++) {
                hotLeft += jedis.exists("hot:" + i) ? 1 : 0;
            }
            assertThat(hotLeft).as("hot keys surviving 60k cold writes").isGreaterThanOrEqualTo(90);
        }
    }

    @Test
    void allkeysLruEvictsIdleKeysFirst() throws Exception {
        try (EngineServer server = start("allkeys-lru"); Jedis jedis = TestEngine.jedis(server)) {
            jedis.set("template", VALUE);
            byte[] dump = jedis.dump("template");
            jedis.del("template");
            for (int i = 0; i < 2000; i++) {
                jedis.restore(("idle:" + i).getBytes(), 0, dump, redis.clients.jedis.params.RestoreParams.restoreParams().idleTime(100_000));
            }
            assertThat(jedis.objectIdletime("idle:0")).isGreaterThanOrEqualTo(100_000L);
            Pipeline p = jedis.pipelined();
            for (int i = 0; i < 30_000; i++) {
                p.set("fresh:" + i, VALUE);
            }
            p.sync();
            long idleLeft = 0;
            for (int i = 0; i < 2000; i++) {
                idleLeft += jedis.exists("idle:" + i) ? 1 : 0;
            }
            long freshLeft = 0;
            for (int i = 0; i < 30_000; i++) {
                freshLeft += jedis.exists("fresh:" + i) ? 1 : 0;
            }
            assertThat(Long.parseLong(info(jedis).get("evicted_keys"))).isPositive();
            // the pool prefers the idle keys: far fewer of them survive than of the fresh ones
            assertThat((double) idleLeft / 2000).isLessThan((double) freshLeft / 30_000 / 2);
        }
    }

    @Test
    void volatileTtlEvictsTheSoonestExpiringFirst() throws Exception {
        try (EngineServer server = start("volatile-ttl"); Jedis jedis = TestEngine.jedis(server)) {
            int n = 0;
            try {
                for (; n < 100_000; n++) {
                    jedis.setex("k:" + n, 100_000 - n, VALUE); // later keys expire sooner
                }
            } catch (JedisDataException oom) {
                // all volatile keys got evicted? not expected before the test ends
            }
            long early = 0;
            long late = 0;
            for (int i = 0; i < 2000; i++) {
                early += jedis.exists("k:" + i) ? 1 : 0;
                late += jedis.exists("k:" + (n - 2000 + i)) ? 1 : 0;
            }
            assertThat(early).as("keys with the longest TTL survive").isGreaterThan(late);
        }
    }
}

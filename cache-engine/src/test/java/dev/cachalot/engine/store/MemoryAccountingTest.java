package dev.cachalot.engine.store;

import dev.cachalot.engine.EngineServer;
import dev.cachalot.engine.TestEngine;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * used_memory is the engine's own byte accounting; eviction can only hold maxmemory if it follows the
 * real heap. Loads data into an embedded node and compares the growth of used_memory with the growth
 * of the JVM's live heap (after full collections): within 15% for strings, 25% for containers.
 */
class MemoryAccountingTest {

    static long liveHeap() throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            best = Math.min(best, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    static long used(Jedis jedis) {
        return Long.parseLong(jedis.info("memory").lines().filter(l -> l.startsWith("used_memory:")).findFirst().orElseThrow()
                .substring("used_memory:".length()).trim());
    }

    @Test
    void stringEstimateFollowsTheHeap() throws Exception {
        try (EngineServer server = TestEngine.start(); Jedis jedis = TestEngine.jedis(server)) {
            long heap0 = liveHeap();
            long used0 = used(jedis);
            String value = "x".repeat(100);
            for (int batch = 0; batch < 100; batch++) {
                Pipeline p = jedis.pipelined();
                for (int i = 0; i < 2000; i++) {
                    p.set("key:" + String.format("%012d", batch * 2000 + i), value);
                }
                p.sync();
            }
            long heapDelta = liveHeap() - heap0;
            long usedDelta = used(jedis) - used0;
            assertThat((double) usedDelta / heapDelta).as("estimate %d vs heap %d", usedDelta, heapDelta).isBetween(0.85, 1.15);
            jedis.flushAll();
            assertThat(used(jedis)).isEqualTo(used0);
        }
    }

    @Test
    void containerEstimateFollowsTheHeap() throws Exception {
        try (EngineServer server = TestEngine.start(); Jedis jedis = TestEngine.jedis(server)) {
            long heap0 = liveHeap();
            long used0 = used(jedis);
            for (int k = 0; k < 400; k++) {
                Pipeline p = jedis.pipelined();
                for (int i = 0; i < 200; i++) {
                    p.hset("h:" + k, "field:" + i, "value:" + i);
                    p.sadd("s:" + k, "member:" + i);
                    p.zadd("z:" + k, i, "member:" + i);
                    p.rpush("l:" + k, "element:" + i);
                }
                p.sync();
            }
            long heapDelta = liveHeap() - heap0;
            long usedDelta = used(jedis) - used0;
            assertThat((double) usedDelta / heapDelta).as("estimate %d vs heap %d", usedDelta, heapDelta).isBetween(0.75, 1.25);
            jedis.flushAll();
            assertThat(used(jedis)).isEqualTo(used0);
        }
    }
}

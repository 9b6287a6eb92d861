package dev.cachalot.engine;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;

import java.time.Duration;

/** Client factories for tests: Lettuce (RESP3 by default) and Jedis in RESP3. */
public final class TestClients {

    private TestClients() {
    }

    /** A Lettuce client for the node; shut it down with {@link #shutdown(RedisClient)}. */
    public static RedisClient lettuce(EngineServer server) {
        return RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(server.port())
                .withTimeout(Duration.ofSeconds(10)).build());
    }

    public static void shutdown(RedisClient client) {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(5));
    }

    public static Jedis jedisResp3(EngineServer server) {
        return new Jedis("127.0.0.1", server.port(), DefaultJedisClientConfig.builder()
                .protocol(RedisProtocol.RESP3).socketTimeoutMillis(10_000).build());
    }
}

package dev.cachalot.engine;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Lettuce 7 connects (with RESP3, which it asks for by default) and runs commands. */
class LettuceSmokeTest {

    @Test
    void lettuceConnectsAndWorks() throws Exception {
        try (EngineServer server = TestEngine.start()) {
            RedisClient client = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(server.port())
                    .withTimeout(Duration.ofSeconds(10)).withClientName("lettuce-smoke").build());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                RedisCommands<String, String> redis = connection.sync();
                assertThat(redis.ping()).isEqualTo("PONG");
                assertThat(redis.set("k", "v")).isEqualTo("OK");
                assertThat(redis.get("k")).isEqualTo("v");
                assertThat(redis.incr("n")).isEqualTo(1L);
                assertThat(redis.expire("k", 100)).isTrue();
                assertThat(redis.ttl("k")).isBetween(99L, 100L);
                assertThat(redis.dbsize()).isEqualTo(2L);
                assertThat(redis.clientGetname()).isEqualTo("lettuce-smoke");
                assertThat(redis.clientInfo()).contains("lib-name=Lettuce");
            } finally {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(5));
            }
        }
    }
}

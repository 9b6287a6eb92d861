package dev.cachalot.engine;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Duration;

/**
 * Base of the data-type tests: the node and Jedis connection of {@link EngineClientTest}, plus a
 * Lettuce connection, so each group is checked through both clients.
 */
public abstract class DualClientTest extends EngineClientTest {

    protected RedisClient lettuceClient;
    protected StatefulRedisConnection<String, String> lettuceConnection;
    protected RedisCommands<String, String> lettuce;

    @BeforeAll
    void startLettuce() {
        lettuceClient = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(server.port())
                .withTimeout(Duration.ofSeconds(10)).build());
        lettuceConnection = lettuceClient.connect();
        lettuce = lettuceConnection.sync();
    }

    @AfterAll
    void stopLettuce() {
        if (lettuceConnection != null) {
            lettuceConnection.close();
        }
        if (lettuceClient != null) {
            lettuceClient.shutdown(Duration.ZERO, Duration.ofSeconds(5));
        }
    }

    protected static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
}

package dev.cachalot.engine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.Jedis;

/**
 * Base of the command tests: one embedded node per test class on a free port, one Jedis
 * connection to it, and an empty keyspace before every test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EngineClientTest {

    protected EngineServer server;
    protected Jedis jedis;

    /** The node's configuration; a test class overrides it to start a node set up differently. */
    protected EngineConfig config() {
        return EngineConfig.defaults();
    }

    @BeforeAll
    void startEngine() throws Exception {
        server = EngineServer.start(config());
        jedis = TestEngine.jedis(server);
    }

    @AfterAll
    void stopEngine() {
        if (jedis != null) {
            jedis.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void emptyKeyspace() {
        jedis.flushAll();
    }
}

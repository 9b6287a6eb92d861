package dev.cachalot.engine;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embeddable API: start on a free port, refuse a taken one cleanly, close idempotently. */
class EngineServerTest {

    @Test
    void startsOnAFreePortAndClosesIdempotently() throws Exception {
        EngineServer server = EngineServer.start(EngineConfig.defaults());
        try (Jedis jedis = TestEngine.jedis(server)) {
            assertThat(server.port()).isPositive();
            assertThat(server.transportName()).isIn("epoll", "nio");
            assertThat(jedis.ping()).isEqualTo("PONG");
        } finally {
            server.close();
            server.close();
        }
    }

    @Test
    void aTakenPortIsReportedAsBindFailure() throws Exception {
        try (EngineServer first = EngineServer.start(EngineConfig.defaults())) {
            assertThatThrownBy(() -> EngineServer.start(EngineConfig.defaults().withPort(first.port())))
                    .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(java.io.IOException.class)
                    .rootCause().hasMessageContaining("Address already in use");
            try (Jedis jedis = TestEngine.jedis(first)) {
                assertThat(jedis.ping()).isEqualTo("PONG");
            }
        }
    }

    @Test
    void nodesInOneProcessAreIndependent() throws Exception {
        try (EngineServer a = TestEngine.start(); EngineServer b = TestEngine.start();
             Jedis ja = TestEngine.jedis(a); Jedis jb = TestEngine.jedis(b)) {
            ja.set("k", "a");
            assertThat(jb.get("k")).isNull();
            assertThat(ja.get("k")).isEqualTo("a");
        }
    }
}

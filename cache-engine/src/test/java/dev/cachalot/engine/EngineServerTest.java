package dev.cachalot.engine;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The embeddable API: start on a free port, refuse a taken one cleanly, close idempotently. */
class EngineServerTest {

    @Test
    void startsOnAFreePortAndClosesIdempotently() throws Exception {
        EngineServer server = EngineServer.start(EngineConfig.defaults());
        try (Jedis jedis = TestEngine.jedis(server)) {
            assertThat(server.port()).isPositive();
            assertThat(server.transportName()).isIn("io_uring", "epoll", "nio");
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

    /**
     * Each transport the node can fall back to serves the same: a pipeline of thousands of requests, a
     * value that arrives in many reads, a reply the socket takes in many writes, and INFO names it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"io_uring", "epoll", "nio"})
    void everyTransportServesPipelinesAndBigValues(String transport) throws Exception {
        assumeTrue(!transport.equals("io_uring") || IoUring.isAvailable(), "io_uring is not available here");
        assumeTrue(!transport.equals("epoll") || Epoll.isAvailable(), "epoll is not available here");
        String before = System.getProperty("cachalot.engine.transport");
        System.setProperty("cachalot.engine.transport", transport);
        try (EngineServer server = EngineServer.start(EngineConfig.defaults()); Jedis jedis = TestEngine.jedis(server)) {
            assertThat(server.transportName()).isEqualTo(transport);
            assertThat(jedis.info("server")).contains("multiplexing_api:" + transport + "\r\n");
            Pipeline p = jedis.pipelined();
            List<Response<String>> gets = new ArrayList<>();
            for (int i = 0; i < 5000; i++) {
                p.set("key:" + i, "value:" + i);
                gets.add(p.get("key:" + i));
            }
            p.sync();
            for (int i = 0; i < 5000; i++) {
                assertThat(gets.get(i).get()).isEqualTo("value:" + i);
            }
            byte[] big = new byte[8 * 1024 * 1024];
            Arrays.fill(big, (byte) 'x');
            big[big.length - 1] = 'y';
            jedis.set("big".getBytes(), big);
            assertThat(jedis.get("big".getBytes())).isEqualTo(big);
            assertThat(jedis.strlen("big")).isEqualTo(big.length);
        } finally {
            if (before == null) {
                System.clearProperty("cachalot.engine.transport");
            } else {
                System.setProperty("cachalot.engine.transport", before);
            }
        }
    }
}

package dev.cachalot.engine.command.list;

import dev.cachalot.engine.EngineClientTest;
import dev.cachalot.engine.RespClient;
import dev.cachalot.engine.TestEngine;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * BLPOP and friends over real sockets: timeouts, FIFO fairness between blocked clients, wake-up by a
 * push (and by any command creating the key), a client disconnecting while blocked, and pipelined
 * requests waiting behind a blocked one. No wall-clock assertions: every wait is on a reply.
 */
class BlockingCommandsTest extends EngineClientTest {

    /** Waits until the node reports {@code n} blocked clients (INFO clients). */
    void awaitBlocked(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (jedis.info("clients").contains("blocked_clients:" + n + "\r")) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("never saw " + n + " blocked clients: " + jedis.info("clients"));
    }

    @Test
    void timeoutRepliesNullArray() throws Exception {
        try (RespClient c = new RespClient(server.port())) {
            assertThat(c.call("BLPOP", "nolist", "0.05")).isEqualTo("*nil");
            assertThat(c.call("BRPOPLPUSH", "nolist", "dst", "0.05")).isEqualTo("*nil");
            assertThat(c.call("BLMOVE", "nolist", "dst", "LEFT", "RIGHT", "0.05")).isEqualTo("*nil");
            assertThat(c.call("BZPOPMIN", "nozset", "0.05")).isEqualTo("*nil");
            assertThat(c.call("BLMPOP", "0.05", "1", "nolist", "LEFT")).isEqualTo("*nil");
            assertThat(c.call("BZMPOP", "0.05", "1", "nozset", "MAX")).isEqualTo("*nil");
            assertThat(c.call("BLPOP", "nolist", "-1")).isEqualTo("-ERR timeout is negative");
            assertThat(c.call("BLPOP", "nolist", "abc")).isEqualTo("-ERR timeout is not a float or out of range");
            assertThat(c.call("PING")).isEqualTo("+PONG");
        }
        assertThat(jedis.info("clients")).contains("blocked_clients:0");
    }

    @Test
    void threeBlockedClientsAreServedInOrder() throws Exception {
        List<RespClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                RespClient c = new RespClient(server.port());
                clients.add(c);
                c.send(bytes("BLPOP", "queue", "0"));
                awaitBlocked(i + 1);
            }
            jedis.rpush("queue", "a", "b", "c", "d");
            for (int i = 0; i < 3; i++) {
                assertThat(RespClient.render(clients.get(i).read())).isEqualTo("*[$queue, $" + (char) ('a' + i) + "]");
            }
            assertThat(jedis.lrange("queue", 0, -1)).containsExactly("d");
            assertThat(jedis.info("clients")).contains("blocked_clients:0");
        } finally {
            for (RespClient c : clients) {
                c.close();
            }
        }
    }

    @Test
    void pushesOneAtATimeWakeClientsOneAtATime() throws Exception {
        try (RespClient first = new RespClient(server.port()); RespClient second = new RespClient(server.port())) {
            first.send(bytes("BRPOP", "a", "b", "0"));
            awaitBlocked(1);
            second.send(bytes("BRPOP", "b", "0"));
            awaitBlocked(2);
            jedis.lpush("b", "1");
            assertThat(RespClient.render(first.read())).isEqualTo("*[$b, $1]");
            awaitBlocked(1);
            jedis.lpush("b", "2");
            assertThat(RespClient.render(second.read())).isEqualTo("*[$b, $2]");
            assertThat(jedis.exists("b")).isFalse();
        }
    }

    @Test
    void anyCommandCreatingTheKeyWakesWaitersAndBlmoveMovesTheElement() throws Exception {
        try (RespClient c = new RespClient(server.port()); RespClient z = new RespClient(server.port())) {
            c.send(bytes("BLMOVE", "target", "out", "RIGHT", "LEFT", "0"));
            z.send(bytes("BZPOPMAX", "scores", "0"));
            awaitBlocked(2);
            jedis.rpush("tmp", "x", "y");
            jedis.rename("tmp", "target");
            assertThat(RespClient.render(c.read())).isEqualTo("$y");
            assertThat(jedis.lrange("out", 0, -1)).containsExactly("y");
            jedis.zadd("scores", 1, "low");
            jedis.zadd("scores", 2, "high"); // served after the first ZADD already
            assertThat(RespClient.render(z.read())).isEqualTo("*[$scores, $low, $1]");
        }
    }

    @Test
    void wrongTypeAnswersAtOnceAndAKeyOfAnotherTypeDoesNotWake() throws Exception {
        jedis.set("str", "v");
        try (RespClient c = new RespClient(server.port())) {
            assertThat(c.call("BLPOP", "str", "0")).startsWith("-WRONGTYPE");
            c.send(bytes("BLPOP", "later", "0"));
            awaitBlocked(1);
            jedis.set("later", "a string");   // not a list: the client keeps waiting
            jedis.del("later");
            jedis.rpush("later", "item");
            assertThat(RespClient.render(c.read())).isEqualTo("*[$later, $item]");
        }
    }

    @Test
    void disconnectingWhileBlockedLeavesTheQueue() throws Exception {
        Socket gone = new Socket("127.0.0.1", server.port());
        gone.getOutputStream().write("*3\r\n$5\r\nBLPOP\r\n$1\r\nq\r\n$1\r\n0\r\n".getBytes(StandardCharsets.US_ASCII));
        gone.getOutputStream().flush();
        awaitBlocked(1);
        try (RespClient waiting = new RespClient(server.port())) {
            waiting.send(bytes("BLPOP", "q", "0"));
            awaitBlocked(2);
            gone.close();
            awaitBlocked(1);
            jedis.rpush("q", "only");
            assertThat(RespClient.render(waiting.read())).isEqualTo("*[$q, $only]");
        }
    }

    @Test
    void requestsPipelinedBehindABlockedOneWaitForIt() throws Exception {
        try (RespClient c = new RespClient(server.port())) {
            c.send(bytes("BLPOP", "p", "0"));
            c.send(bytes("ECHO", "after"));
            awaitBlocked(1);
            jedis.rpush("p", "v");
            assertThat(RespClient.render(c.read())).isEqualTo("*[$p, $v]");
            assertThat(RespClient.render(c.read())).isEqualTo("$after");
        }
    }

    @Test
    void aTimedOutWaiterDoesNotTakeLaterElements() throws Exception {
        try (RespClient c = new RespClient(server.port()); Jedis other = TestEngine.jedis(server)) {
            assertThat(c.call("BLPOP", "t", "0.01")).isEqualTo("*nil");
            other.rpush("t", "kept");
            assertThat(jedis.lrange("t", 0, -1)).containsExactly("kept");
            assertThat(c.call("BLMPOP", "0", "2", "x", "t", "LEFT", "COUNT", "5")).isEqualTo("*[$t, *[$kept]]");
        }
    }

    static byte[][] bytes(String... args) {
        byte[][] b = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            b[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return b;
    }
}

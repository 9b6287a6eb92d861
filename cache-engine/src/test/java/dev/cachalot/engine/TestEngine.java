package dev.cachalot.engine;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.util.SafeEncoder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test helpers: an embedded node on a free port, and raw commands through Jedis. */
public final class TestEngine {

    private TestEngine() {
    }

    public static EngineServer start() throws InterruptedException {
        return EngineServer.start(EngineConfig.defaults());
    }

    /**
     * Makes a process this test started (a redis-server to compare with) die with the test JVM,
     * even when the JVM is killed with SIGKILL and no {@code @AfterAll} runs.
     */
    public static void stopWithThisJvm(long pid) throws java.io.IOException {
        long self = ProcessHandle.current().pid();
        new ProcessBuilder("sh", "-c", "while kill -0 " + self + " 2>/dev/null; do sleep 1; done; kill " + pid + " 2>/dev/null")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    public static Jedis jedis(EngineServer server) {
        return new Jedis("127.0.0.1", server.port(), 10_000);
    }

    /**
     * Sends any command and returns the reply with bulk and status strings decoded as text, integers as
     * Long and arrays as lists. Error replies throw JedisDataException.
     */
    public static Object call(Jedis jedis, String... args) {
        ProtocolCommand command = () -> SafeEncoder.encode(args[0]);
        return text(jedis.sendCommand(command, Arrays.copyOfRange(args, 1, args.length)));
    }

    static Object text(Object reply) {
        if (reply instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (reply instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object o : list) {
                out.add(text(o));
            }
            return out;
        }
        return reply;
    }
}

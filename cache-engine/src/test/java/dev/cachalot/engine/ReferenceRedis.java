package dev.cachalot.engine;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/**
 * A real /usr/bin/redis-server on a free port, for differential tests: no persistence, dies with the
 * test JVM even when that is SIGKILLed ({@link TestEngine#stopWithThisJvm}).
 */
public final class ReferenceRedis implements AutoCloseable {

    public static final String REDIS_SERVER = "/usr/bin/redis-server";

    private final Process process;
    private final int port;

    private ReferenceRedis(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts one (with extra redis-server options); fails with a clear message when redis-server is not installed. */
    public static ReferenceRedis start(String... extraArgs) throws Exception {
        if (!new File(REDIS_SERVER).canExecute()) {
            throw new AssertionError(REDIS_SERVER + " is missing: the differential tests compare the engine with it "
                    + "(apt-get install redis-server; .ci/run installs it)");
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(REDIS_SERVER, "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"));
            cmd.addAll(java.util.List.of(extraArgs));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            TestEngine.stopWithThisJvm(p.pid());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && p.isAlive()) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    return new ReferenceRedis(p, port);
                } catch (IOException notYet) {
                    Thread.sleep(20);
                }
            }
            p.destroyForcibly();
        }
        throw new AssertionError("redis-server did not start");
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}

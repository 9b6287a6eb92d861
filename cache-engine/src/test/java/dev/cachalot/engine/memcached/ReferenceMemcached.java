package dev.cachalot.engine.memcached;

import dev.cachalot.engine.TestEngine;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's memcached 1.6 ({@code /usr/bin/memcached}) on a free port, one thread, for differential tests
 * and benchmarks; it dies with the test JVM even if that is killed.
 */
final class ReferenceMemcached implements AutoCloseable {

    static final String BINARY = "/usr/bin/memcached";

    final int port;
    private final Process process;

    private ReferenceMemcached(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    static boolean installed() {
        return new File(BINARY).canExecute();
    }

    static ReferenceMemcached start(String... extraArgs) throws IOException, InterruptedException {
        if (!installed()) {
            throw new IllegalStateException(BINARY + " is missing: apt-get install memcached (.ci/run installs it)");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(BINARY, "-p", Integer.toString(port), "-U", "0", "-l", "127.0.0.1", "-t", "1"));
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.add("-u");
            cmd.add("root");
        }
        cmd.addAll(List.of(extraArgs));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        TestEngine.stopWithThisJvm(p.pid());
        for (int i = 0; i < 100; i++) {
            try (RawClient c = new RawClient(port)) {
                c.send("version\r\n");
                if (c.readUntil("\r\n").startsWith("VERSION")) {
                    return new ReferenceMemcached(port, p);
                }
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("memcached did not start");
    }

    @Override
    public void close() {
        process.destroy();
    }
}

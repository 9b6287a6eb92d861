package dev.cachalot.engine;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * The node process: parses the command line, starts an {@link EngineServer}, prints the ready line
 * and runs until SIGTERM/SIGINT or until the owner process (--owner-pid) is gone.
 */
public final class EngineMain {

    private static final DateTimeFormatter LOG_TIME =
            DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss.SSS", Locale.ROOT);

    private EngineMain() {
    }

    /** Exit code when the port is taken by another process (EADDRINUSE is 98 on Linux). */
    public static final int EXIT_ADDRESS_IN_USE = 98;

    private static boolean addressInUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException
                    || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(EngineConfig.USAGE);
            return;
        }
        EngineConfig config;
        try {
            config = EngineConfig.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("cache-engine: " + e.getMessage());
            System.err.print(EngineConfig.USAGE);
            System.exit(2);
            return;
        }

        if (System.getProperty("io.netty.leakDetection.level") == null) {
            // production nodes: no sampling of buffer allocations (tests run embedded with the default level)
            io.netty.util.ResourceLeakDetector.setLevel(io.netty.util.ResourceLeakDetector.Level.DISABLED);
        }
        EngineServer server;
        try {
            server = EngineServer.start(config);
        } catch (Exception e) {
            System.err.println("cache-engine: cannot listen on " + config.bind() + ":" + config.port() + ": " + e);
            // A distinct code for "address in use", so that a supervisor can move the node to another port.
            System.exit(addressInUse(e) ? EXIT_ADDRESS_IN_USE : 1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log(config, "Received shutdown request, closing the listener");
            server.close();
            stopped.countDown();
            log(config, "Cachalot engine is now ready to exit, bye bye...");
            // Like redis-server, a requested shutdown (SIGTERM/SIGINT, owner gone) is a clean exit: 0, not 143.
            Runtime.getRuntime().halt(0);
        }, "engine-shutdown"));
        if (config.ownerPid() > 0) {
            watchOwner(config, server);
        }
        log(config, "Server initialized (" + config.engine().name().toLowerCase(Locale.ROOT) + " "
                + config.engineVersion() + ", " + server.transportName() + ", node-id '" + config.nodeId() + "')");
        log(config, "Ready to accept connections tcp on port " + server.port());
        stopped.await();
    }

    /** Exits with code 0 soon after the owner process (the agent or a test JVM) has gone away. */
    private static void watchOwner(EngineConfig config, EngineServer server) {
        Thread watcher = new Thread(() -> {
            while (true) {
                boolean alive = ProcessHandle.of(config.ownerPid()).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) {
                    log(config, "Owner process " + config.ownerPid() + " is gone, shutting down");
                    System.exit(0); // runs the shutdown hook, which closes the server
                    return;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "engine-owner-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    static void log(EngineConfig config, String message) {
        System.out.println(ProcessHandle.current().pid() + ":M " + LocalDateTime.now().format(LOG_TIME) + " * " + message);
        System.out.flush();
    }
}

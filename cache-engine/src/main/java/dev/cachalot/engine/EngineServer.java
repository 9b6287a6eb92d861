package dev.cachalot.engine;

import dev.cachalot.engine.memcached.MemcachedServer;
import dev.cachalot.engine.server.NodeServer;

/**
 * A running cache node, embeddable: {@code try (EngineServer s = EngineServer.start(EngineConfig.defaults())) { s.port(); }}.
 * {@link EngineMain} uses the same API. Thread-safe to start and close from any thread.
 */
public final class EngineServer implements AutoCloseable {

    private final EngineConfig config;
    private final int port;
    private final String transportName;
    private final Runnable closer;
    private volatile boolean closed;

    private EngineServer(EngineConfig config, int port, String transportName, Runnable closer) {
        this.config = config;
        this.port = port;
        this.transportName = transportName;
        this.closer = closer;
    }

    /**
     * Binds the configured address and port and starts serving.
     *
     * @throws InterruptedException if interrupted while binding
     * @throws java.io.UncheckedIOException wrapping e.g. a {@link java.net.BindException} if the address
     *                                      cannot be bound
     */
    public static EngineServer start(EngineConfig config) throws InterruptedException {
        if (config.engine() == EngineConfig.Engine.MEMCACHED) {
            MemcachedServer memcached = MemcachedServer.start(config);
            return new EngineServer(config, memcached.port(), memcached.transportName(), memcached::close);
        }
        NodeServer server = NodeServer.start(config);
        return new EngineServer(config, server.port(), server.transportName(), server::close);
    }

    public EngineConfig config() {
        return config;
    }

    /** The port listened on: the configured one, or the one chosen when it was 0. */
    public int port() {
        return port;
    }

    /** "io_uring", "epoll" or "nio". */
    public String transportName() {
        return transportName;
    }

    /** Stops listening, drops every connection and releases the data thread; idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            closer.run();
        }
    }
}

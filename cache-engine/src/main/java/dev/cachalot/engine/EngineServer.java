package dev.cachalot.engine;

import dev.cachalot.engine.server.NodeServer;

/**
 * A running cache node, embeddable: {@code try (EngineServer s = EngineServer.start(EngineConfig.defaults())) { s.port(); }}.
 * {@link EngineMain} uses the same API. Thread-safe to start and close from any thread.
 */
public final class EngineServer implements AutoCloseable {

    private final EngineConfig config;
    private final NodeServer server;
    private volatile boolean closed;

    private EngineServer(EngineConfig config, NodeServer server) {
        this.config = config;
        this.server = server;
    }

    /**
     * Binds the configured address and port and starts serving.
     *
     * @throws InterruptedException if interrupted while binding
     * @throws java.io.UncheckedIOException wrapping e.g. a {@link java.net.BindException} if the address
     *                                      cannot be bound
     */
    public static EngineServer start(EngineConfig config) throws InterruptedException {
        return new EngineServer(config, NodeServer.start(config));
    }

    public EngineConfig config() {
        return config;
    }

    /** The port listened on: the configured one, or the one chosen when it was 0. */
    public int port() {
        return server.port();
    }

    /** "epoll" or "nio". */
    public String transportName() {
        return server.transportName();
    }

    /** Stops listening, drops every connection and releases the data thread; idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            server.close();
        }
    }
}

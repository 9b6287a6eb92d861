package dev.cachalot.engine.server;

import dev.cachalot.engine.session.ClientSession;

/**
 * Redis's clientsCron, once a second on the data thread: closes clients idle for longer than
 * {@code timeout} seconds (not subscribers or blocked clients) and re-checks output-buffer soft limits
 * of clients whose output is not draining.
 */
final class ClientsCron {

    private ClientsCron() {
    }

    static void run(ServerState state) {
        long timeout = state.core().timeout.longValue();
        for (ClientSession s : state.clients().all()) {
            if (timeout > 0 && !s.has(ClientSession.PUBSUB) && !s.has(ClientSession.MONITOR)
                    && s.idleSeconds() > timeout) {
                s.kill();
                continue;
            }
            if (s.connection().outputBufferBytes() > 0) {
                s.connection().checkOutputLimits();
            }
        }
    }
}

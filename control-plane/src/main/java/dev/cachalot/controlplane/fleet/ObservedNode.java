package dev.cachalot.controlplane.fleet;

import java.util.Map;

/**
 * A node as its agent reports it.
 *
 * @param unappliedParameters parameters of the spec the engine refused (name to its reply)
 */
public record ObservedNode(String nodeName, State state, int port, long pid, long generation, String message,
                           Map<String, String> unappliedParameters) {

    public enum State { STARTING, RUNNING, FAILED, STOPPING, UNKNOWN }

    public ObservedNode {
        unappliedParameters = Map.copyOf(unappliedParameters);
    }

    public ObservedNode(String nodeName, State state, int port, long pid, long generation, String message) {
        this(nodeName, state, port, pid, generation, message, Map.of());
    }

    public boolean running() {
        return state == State.RUNNING;
    }
}

package dev.cachalot.controlplane.fleet;

/** A node as its agent reports it. */
public record ObservedNode(String nodeName, State state, int port, long pid, long generation, String message) {

    public enum State { STARTING, RUNNING, FAILED, STOPPING, UNKNOWN }

    public boolean running() {
        return state == State.RUNNING;
    }
}

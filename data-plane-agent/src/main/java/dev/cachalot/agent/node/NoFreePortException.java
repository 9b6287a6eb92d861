package dev.cachalot.agent.node;

/** Every port of the agent's node range is assigned to a node or bound by another process. */
public final class NoFreePortException extends RuntimeException {
    public NoFreePortException(String message) {
        super(message);
    }
}

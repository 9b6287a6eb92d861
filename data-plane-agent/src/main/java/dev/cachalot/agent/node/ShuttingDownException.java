package dev.cachalot.agent.node;

/** The agent is stopping and takes no more node operations; the caller should retry elsewhere or later. */
public final class ShuttingDownException extends IllegalStateException {
    public ShuttingDownException() {
        super("the agent is shutting down");
    }
}

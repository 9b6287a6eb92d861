package dev.cachalot.agent.node;

/** A spec asks for a port that this agent has already assigned to a different node. */
public final class PortConflictException extends RuntimeException {
    public PortConflictException(String message) {
        super(message);
    }
}

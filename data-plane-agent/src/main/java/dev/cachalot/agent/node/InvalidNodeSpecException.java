package dev.cachalot.agent.node;

/** A desired node that cannot be applied as given; nothing was changed. */
public final class InvalidNodeSpecException extends IllegalArgumentException {
    public InvalidNodeSpecException(String message) {
        super(message);
    }
}

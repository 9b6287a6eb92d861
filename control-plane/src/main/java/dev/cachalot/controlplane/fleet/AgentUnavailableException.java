package dev.cachalot.controlplane.fleet;

/** An agent could not be reached or did not answer in time; the caller retries later. */
public class AgentUnavailableException extends RuntimeException {
    public AgentUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

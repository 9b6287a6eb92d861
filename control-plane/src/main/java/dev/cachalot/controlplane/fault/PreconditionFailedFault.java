package dev.cachalot.controlplane.fault;

/**
 * {@code PreconditionFailed} (412): the caller made a change conditional on the resource being
 * as it last saw it (an HTTP {@code If-Match}), and it has changed since. Nothing was changed.
 */
public class PreconditionFailedFault extends CachalotFault {
    public PreconditionFailedFault(String message) {
        super("PreconditionFailed", 412, message);
    }
}

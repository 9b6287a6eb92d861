package dev.cachalot.controlplane.fault;

/** {@code InternalFailure} (500): an unexpected server error; clients retry it. */
public class InternalFailureFault extends CachalotFault {
    public InternalFailureFault() {
        super("InternalFailure", 500, "The request processing has failed because of an unknown error, exception or failure.");
    }
}

package dev.cachalot.controlplane.identity;

import dev.cachalot.controlplane.fault.CachalotFault;

/** {@code NoSuchEntity} (404), as AWS's identity services answer it. */
public class NoSuchEntityFault extends CachalotFault {
    public NoSuchEntityFault(String message) {
        super("NoSuchEntity", 404, message);
    }
}

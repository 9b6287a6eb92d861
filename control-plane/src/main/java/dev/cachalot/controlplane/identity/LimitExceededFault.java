package dev.cachalot.controlplane.identity;

import dev.cachalot.controlplane.fault.CachalotFault;

/** {@code LimitExceeded} (409), as AWS's identity services answer it. */
public class LimitExceededFault extends CachalotFault {
    public LimitExceededFault(String message) {
        super("LimitExceeded", 409, message);
    }
}

package dev.cachalot.controlplane.identity;

import dev.cachalot.controlplane.fault.CachalotFault;

/** {@code AccessDenied} (403), as AWS's identity services answer it. */
public class AccessDeniedFault extends CachalotFault {
    public AccessDeniedFault(String message) {
        super("AccessDenied", 403, message);
    }
}

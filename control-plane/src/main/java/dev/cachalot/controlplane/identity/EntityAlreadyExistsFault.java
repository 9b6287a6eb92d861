package dev.cachalot.controlplane.identity;

import dev.cachalot.controlplane.fault.CachalotFault;

/** {@code EntityAlreadyExists} (409), as AWS's identity services answer it. */
public class EntityAlreadyExistsFault extends CachalotFault {
    public EntityAlreadyExistsFault(String message) {
        super("EntityAlreadyExists", 409, message);
    }
}

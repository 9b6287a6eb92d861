package dev.cachalot.controlplane.parametergroup;

import dev.cachalot.controlplane.fault.CachalotFault;

/** {@code InvalidCacheParameterGroupState} (400): the group cannot be changed or deleted now. */
public class InvalidCacheParameterGroupStateFault extends CachalotFault {
    public InvalidCacheParameterGroupStateFault(String message) {
        super("InvalidCacheParameterGroupState", 400, message);
    }
}

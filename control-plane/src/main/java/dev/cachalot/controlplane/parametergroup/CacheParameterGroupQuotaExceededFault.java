package dev.cachalot.controlplane.parametergroup;

import dev.cachalot.controlplane.fault.CachalotFault;

/** {@code CacheParameterGroupQuotaExceeded} (400): the account has as many parameter groups as it may. */
public class CacheParameterGroupQuotaExceededFault extends CachalotFault {
    public CacheParameterGroupQuotaExceededFault(int quota) {
        super("CacheParameterGroupQuotaExceeded", 400, "The request cannot be processed because it would exceed the "
                + "maximum number of cache parameter groups (" + quota + ").");
    }
}

package dev.cachalot.controlplane.subnetgroup;

import dev.cachalot.controlplane.fault.CachalotFault;

/** {@code CacheSubnetGroupQuotaExceeded} (400). */
public class CacheSubnetGroupQuotaExceededFault extends CachalotFault {
    public CacheSubnetGroupQuotaExceededFault(int quota) {
        super("CacheSubnetGroupQuotaExceeded", 400, "The request cannot be processed because it would exceed the allowed number of cache subnet groups (" + quota + ").");
    }
}

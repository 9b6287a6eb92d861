package dev.cachalot.controlplane.subnetgroup;

import dev.cachalot.controlplane.fault.CachalotFault;

/** {@code CacheSubnetQuotaExceededFault} (400). */
public class CacheSubnetQuotaExceededFault extends CachalotFault {
    public CacheSubnetQuotaExceededFault(int quota) {
        super("CacheSubnetQuotaExceededFault", 400, "The request cannot be processed because it would exceed the allowed number of subnets in a cache subnet group (" + quota + ").");
    }
}

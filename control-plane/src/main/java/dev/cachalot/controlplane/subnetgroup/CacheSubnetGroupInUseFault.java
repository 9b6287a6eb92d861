package dev.cachalot.controlplane.subnetgroup;

import dev.cachalot.controlplane.fault.CachalotFault;

/** {@code CacheSubnetGroupInUse} (400). */
public class CacheSubnetGroupInUseFault extends CachalotFault {
    public CacheSubnetGroupInUseFault(String name) {
        super("CacheSubnetGroupInUse", 400, "Cache subnet group " + name + " is currently in use by a cache cluster.");
    }
}

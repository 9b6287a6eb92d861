package dev.cachalot.controlplane.subnetgroup;

import dev.cachalot.controlplane.fault.CachalotFault;

/** {@code CacheSubnetGroupNotFoundFault} (400). */
public class CacheSubnetGroupNotFoundFault extends CachalotFault {
    public CacheSubnetGroupNotFoundFault(String name) {
        super("CacheSubnetGroupNotFoundFault", 400, "Cache subnet group " + name + " not found.");
    }
}

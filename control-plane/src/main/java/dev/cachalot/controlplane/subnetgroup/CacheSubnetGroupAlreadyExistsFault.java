package dev.cachalot.controlplane.subnetgroup;

import dev.cachalot.controlplane.fault.CachalotFault;

/** {@code CacheSubnetGroupAlreadyExists} (400). */
public class CacheSubnetGroupAlreadyExistsFault extends CachalotFault {
    public CacheSubnetGroupAlreadyExistsFault(String name) {
        super("CacheSubnetGroupAlreadyExists", 400, "Cache subnet group " + name + " already exists.");
    }
}

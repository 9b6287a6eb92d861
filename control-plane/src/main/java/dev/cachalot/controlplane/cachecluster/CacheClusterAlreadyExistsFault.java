package dev.cachalot.controlplane.cachecluster;

import dev.cachalot.controlplane.fault.CachalotFault;

/** {@code CacheClusterAlreadyExists} (400). */
public class CacheClusterAlreadyExistsFault extends CachalotFault {
    public CacheClusterAlreadyExistsFault(String clusterId) {
        super("CacheClusterAlreadyExists", 400, "Cache cluster " + clusterId + " already exists.");
    }
}

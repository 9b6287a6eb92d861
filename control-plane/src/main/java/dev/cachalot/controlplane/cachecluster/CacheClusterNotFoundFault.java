package dev.cachalot.controlplane.cachecluster;

import dev.cachalot.controlplane.fault.CachalotFault;

/** {@code CacheClusterNotFound} (404). */
public class CacheClusterNotFoundFault extends CachalotFault {
    public CacheClusterNotFoundFault(String clusterId) {
        super("CacheClusterNotFound", 404, "CacheCluster not found: " + clusterId);
    }
}

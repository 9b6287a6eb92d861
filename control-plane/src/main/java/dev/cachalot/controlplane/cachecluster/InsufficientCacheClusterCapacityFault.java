package dev.cachalot.controlplane.cachecluster;

import dev.cachalot.controlplane.fault.CachalotFault;

/** {@code InsufficientCacheClusterCapacity} (400): no host of the chosen zones can take the nodes. */
public class InsufficientCacheClusterCapacityFault extends CachalotFault {
    public InsufficientCacheClusterCapacityFault(String message) {
        super("InsufficientCacheClusterCapacity", 400, message);
    }
}

package dev.cachalot.controlplane.cachecluster;

import dev.cachalot.controlplane.fault.CachalotFault;

/** {@code InvalidCacheClusterState} (400): the cluster's status does not allow the operation. */
public class InvalidCacheClusterStateFault extends CachalotFault {
    public InvalidCacheClusterStateFault(String message) {
        super("InvalidCacheClusterState", 400, message);
    }
}

package dev.cachalot.controlplane.cachecluster;

import dev.cachalot.controlplane.fault.CachalotFault;

/** {@code NodeQuotaForClusterExceeded}: more nodes than one cluster may have (40 for memcached). */
public class NodeQuotaForClusterExceededFault extends CachalotFault {
    public NodeQuotaForClusterExceededFault(String message) {
        super("NodeQuotaForClusterExceeded", 400, message);
    }
}

package dev.cachalot.controlplane.cachecluster;

import dev.cachalot.controlplane.fault.CachalotFault;

/** {@code ClusterQuotaForCustomerExceeded} (400): the account's quota would be exceeded. */
public class ClusterQuotaForCustomerExceededFault extends CachalotFault {
    public ClusterQuotaForCustomerExceededFault(String message) {
        super("ClusterQuotaForCustomerExceeded", 400, message);
    }
}

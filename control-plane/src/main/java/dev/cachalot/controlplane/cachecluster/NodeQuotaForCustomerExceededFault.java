package dev.cachalot.controlplane.cachecluster;

import dev.cachalot.controlplane.fault.CachalotFault;

/** {@code NodeQuotaForCustomerExceeded} (400): the account's quota would be exceeded. */
public class NodeQuotaForCustomerExceededFault extends CachalotFault {
    public NodeQuotaForCustomerExceededFault(String message) {
        super("NodeQuotaForCustomerExceeded", 400, message);
    }
}

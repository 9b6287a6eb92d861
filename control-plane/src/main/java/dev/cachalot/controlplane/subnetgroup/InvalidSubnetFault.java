package dev.cachalot.controlplane.subnetgroup;

import dev.cachalot.controlplane.fault.CachalotFault;

/** {@code InvalidSubnet} (400). */
public class InvalidSubnetFault extends CachalotFault {
    public InvalidSubnetFault(String subnetId) {
        super("InvalidSubnet", 400, "The subnet ID " + subnetId + " does not exist.");
    }
}

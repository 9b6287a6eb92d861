package dev.cachalot.controlplane.subnetgroup;

import dev.cachalot.controlplane.fault.CachalotFault;

/** {@code SubnetInUse} (400). */
public class SubnetInUseFault extends CachalotFault {
    public SubnetInUseFault(String subnetId) {
        super("SubnetInUse", 400, "The subnet ID " + subnetId + " is in use.");
    }
}

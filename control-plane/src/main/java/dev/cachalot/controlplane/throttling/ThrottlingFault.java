package dev.cachalot.controlplane.throttling;

import dev.cachalot.controlplane.fault.CachalotFault;

/** {@code Throttling} (400): the account exceeded its request rate; the SDKs retry it. */
public class ThrottlingFault extends CachalotFault {
    public ThrottlingFault() {
        super("Throttling", 400, "Rate exceeded");
    }
}

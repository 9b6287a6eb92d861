package dev.cachalot.controlplane.snapshot;

import dev.cachalot.controlplane.fault.CachalotFault;

/** {@code SnapshotNotFoundFault} (404). */
public class SnapshotNotFoundFault extends CachalotFault {
    public SnapshotNotFoundFault(String name) {
        super("SnapshotNotFoundFault", 404, "Snapshot " + name + " not found.");
    }
}

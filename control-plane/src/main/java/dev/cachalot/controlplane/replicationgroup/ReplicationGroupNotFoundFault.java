package dev.cachalot.controlplane.replicationgroup;

import dev.cachalot.controlplane.fault.CachalotFault;

/** {@code ReplicationGroupNotFoundFault} (404). */
public class ReplicationGroupNotFoundFault extends CachalotFault {
    public ReplicationGroupNotFoundFault(String name) {
        super("ReplicationGroupNotFoundFault", 404, "ReplicationGroup " + name + " not found.");
    }
}

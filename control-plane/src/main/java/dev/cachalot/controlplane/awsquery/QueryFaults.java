package dev.cachalot.controlplane.awsquery;

import dev.cachalot.controlplane.fault.CachalotFault;

/** Errors of the AWS Query protocol itself (not of any operation). */
final class QueryFaults {

    private QueryFaults() {}

    /** {@code InvalidAction} (400): the action does not exist in this service version. */
    static final class InvalidActionFault extends CachalotFault {
        InvalidActionFault(String action, String version) {
            super("InvalidAction", 400, "Could not find operation " + action + " for version " + version);
        }
    }

    /** {@code MissingAction} (400): no {@code Action} parameter. */
    static final class MissingActionFault extends CachalotFault {
        MissingActionFault() {
            super("MissingAction", 400, "Missing Action");
        }
    }
}

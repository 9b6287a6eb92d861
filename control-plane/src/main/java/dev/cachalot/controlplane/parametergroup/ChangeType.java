package dev.cachalot.controlplane.parametergroup;

/** When a parameter change takes effect on the nodes, as {@code Parameter.ChangeType} spells it. */
public enum ChangeType {
    /** Applied to running nodes at once. */
    IMMEDIATE("immediate"),
    /** Applied when a node restarts; until then its cluster shows {@code pending-reboot}. */
    REQUIRES_REBOOT("requires-reboot");

    private final String wireValue;

    ChangeType(String wireValue) {
        this.wireValue = wireValue;
    }

    public String wireValue() {
        return wireValue;
    }

    static ChangeType fromWireValue(String value) {
        for (ChangeType t : values()) {
            if (t.wireValue.equals(value)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown change type " + value);
    }
}

package dev.cachalot.controlplane.identity;

import java.util.Optional;

/** What a user may do in its account: everything, or only read (Describe*, List*). */
public enum Policy {
    FULL_ACCESS("FullAccess"),
    READ_ONLY("ReadOnly");

    private final String wireName;

    Policy(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Policy> fromWireName(String name) {
        for (Policy p : values()) {
            if (p.wireName.equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}

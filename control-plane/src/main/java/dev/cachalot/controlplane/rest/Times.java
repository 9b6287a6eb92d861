package dev.cachalot.controlplane.rest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Times on the wire: ISO-8601 UTC to the millisecond. The database keeps microseconds and the
 * clock gives nanoseconds; one fixed precision keeps a representation (and its ETag) the same
 * whether it was just written or read back.
 */
final class Times {

    private Times() {}

    static Instant millis(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MILLIS);
    }
}

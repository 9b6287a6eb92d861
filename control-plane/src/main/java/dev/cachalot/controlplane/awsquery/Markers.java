package dev.cachalot.controlplane.awsquery;

import dev.cachalot.controlplane.fault.InvalidParameterValueException;
import dev.cachalot.controlplane.identity.Caller;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Pagination markers of the Describe operations: opaque to clients, bound to one listing and one
 * account. Inside is where the next page starts (the last key of the page, exclusive), so a page
 * walk stays stable while resources are created concurrently; a marker presented by another
 * account, or for another listing, is rejected rather than interpreted.
 */
final class Markers {

    private static final String VERSION = "m1";
    private static final char SEPARATOR = '\n';

    private Markers() {}

    static String encode(String listing, Caller caller, String lastKey) {
        String plain = VERSION + SEPARATOR + listing + SEPARATOR + caller.accountId() + SEPARATOR + lastKey;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The key the previous page ended with, or empty when the request has no (or an empty) marker. */
    static Optional<String> decode(String listing, Caller caller, QueryParameters params) {
        Optional<String> marker = params.string("Marker").filter(m -> !m.isEmpty());
        return marker.map(m -> decode(listing, caller, m));
    }

    static String decode(String listing, Caller caller, String marker) {
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(marker);
        }
        String[] parts = plain.split(String.valueOf(SEPARATOR), 4);
        if (parts.length != 4 || !parts[0].equals(VERSION) || !parts[1].equals(listing)
                || !parts[2].equals(caller.accountId())) {
            throw invalid(marker);
        }
        return parts[3];
    }

    private static InvalidParameterValueException invalid(String marker) {
        return new InvalidParameterValueException("Invalid marker: " + marker);
    }
}

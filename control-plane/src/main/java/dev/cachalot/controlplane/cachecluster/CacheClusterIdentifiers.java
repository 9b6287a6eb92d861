package dev.cachalot.controlplane.cachecluster;

import dev.cachalot.controlplane.fault.InvalidParameterValueException;
import dev.cachalot.controlplane.fault.MissingParameterFault;
import java.util.Locale;

/** ElastiCache's rules for cache cluster identifiers; identifiers are stored in lowercase. */
public final class CacheClusterIdentifiers {

    public static final int MAX_LENGTH = 50;

    private static final String INVALID = "The parameter CacheClusterIdentifier is not a valid identifier. "
            + "Identifiers must begin with a letter; must contain only ASCII letters, digits, and hyphens; "
            + "and must not end with a hyphen or contain two consecutive hyphens.";

    private CacheClusterIdentifiers() {}

    /** Validates an identifier from a request and returns it in lowercase. */
    public static String normalize(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new MissingParameterFault("CacheClusterId");
        }
        String id = raw.toLowerCase(Locale.ROOT);
        if (id.length() > MAX_LENGTH) {
            throw new InvalidParameterValueException("The parameter CacheClusterIdentifier is not a valid identifier. "
                    + "Identifiers must contain from 1 to " + MAX_LENGTH + " alphanumeric characters or hyphens.");
        }
        if (id.charAt(0) < 'a' || id.charAt(0) > 'z' || id.endsWith("-") || id.contains("--")) {
            throw new InvalidParameterValueException(INVALID);
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                throw new InvalidParameterValueException(INVALID);
            }
        }
        return id;
    }
}

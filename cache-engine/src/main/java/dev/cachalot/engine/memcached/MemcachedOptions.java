package dev.cachalot.engine.memcached;

import java.util.Locale;

/**
 * The memcached-only settings of a node ({@code --engine memcached}), as memcached's own command line
 * has them: {@code -I} (item size limit), {@code -n} (chunk size), {@code -f} (growth factor),
 * {@code -c} (connection limit), {@code -M} (error instead of evicting), {@code -C} (no CAS). The
 * memory limit ({@code -m}) is the node's {@code --maxmemory}.
 *
 * @param maxItemSize       largest item (header, key and value), bytes; memcached's {@code -I}
 * @param chunkSize         minimum space for an item's key, value and flags; sizes the slab classes
 * @param growthFactor      ratio between successive slab classes
 * @param maxConnections    connections beyond this are refused with {@code ERROR Too many open connections}
 * @param idleTimeout       seconds a client may stay idle before it is disconnected; 0 = never
 * @param casDisabled       CAS unique values are all 0 and {@code cas} never matches
 * @param errorOnMemoryExhausted no eviction: a store that needs memory fails with {@code SERVER_ERROR out of memory}
 * @param expireZeroDoesNotEvict items without an expiry time are never evicted
 * @param metaResponseOld   meta commands answer {@code OK} instead of {@code HD}
 * @param saslPasswordFile  {@code user:password} lines; when set the node speaks only the binary protocol and
 *                          requires SASL PLAIN authentication, as memcached {@code -S} does; null = no auth
 * @param adminTokenFile    a file holding the token that authorises {@code config set} (Auto Discovery and
 *                          parameters, sent by the agent); null = those commands are refused
 */
public record MemcachedOptions(long maxItemSize, int chunkSize, double growthFactor, int maxConnections,
                               int idleTimeout, boolean casDisabled, boolean errorOnMemoryExhausted,
                               boolean expireZeroDoesNotEvict, boolean metaResponseOld,
                               String saslPasswordFile, String adminTokenFile) {

    /** memcached 1.6's defaults. */
    public static final MemcachedOptions DEFAULTS = new MemcachedOptions(1024 * 1024, 48, 1.25, 1024, 0,
            false, false, false, false, null, null);

    static final long MIN_ITEM_SIZE = 1024;
    static final long MAX_ITEM_SIZE = 1024L * 1024 * 1024;

    public MemcachedOptions {
        if (maxItemSize < MIN_ITEM_SIZE || maxItemSize > MAX_ITEM_SIZE) {
            throw new IllegalArgumentException("--max-item-size must be between 1k and 1g: " + maxItemSize);
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("--chunk-size must be positive: " + chunkSize);
        }
        if (!(growthFactor > 1.0) || growthFactor > 100) {
            throw new IllegalArgumentException("--growth-factor must be greater than 1.0: " + growthFactor);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("--max-connections must be positive: " + maxConnections);
        }
        if (idleTimeout < 0) {
            throw new IllegalArgumentException("--idle-timeout must not be negative: " + idleTimeout);
        }
    }

    /** The node options this record parses (each takes one value). */
    public static boolean isOption(String option) {
        return switch (option) {
            case "--max-item-size", "--chunk-size", "--growth-factor", "--max-connections", "--idle-timeout",
                 "--cas-disabled", "--error-on-memory-exhausted", "--expirezero-does-not-evict",
                 "--meta-response-old", "--sasl-password-file", "--admin-token-file" -> true;
            default -> false;
        };
    }

    /** Applies one command-line option ({@link #isOption}); throws IllegalArgumentException for a bad value. */
    public MemcachedOptions with(String option, String value) {
        return switch (option) {
            case "--max-item-size" -> new MemcachedOptions(size(option, value), chunkSize, growthFactor,
                    maxConnections, idleTimeout, casDisabled, errorOnMemoryExhausted, expireZeroDoesNotEvict,
                    metaResponseOld, saslPasswordFile, adminTokenFile);
            case "--chunk-size" -> new MemcachedOptions(maxItemSize, integer(option, value), growthFactor,
                    maxConnections, idleTimeout, casDisabled, errorOnMemoryExhausted, expireZeroDoesNotEvict,
                    metaResponseOld, saslPasswordFile, adminTokenFile);
            case "--growth-factor" -> new MemcachedOptions(maxItemSize, chunkSize, decimal(option, value),
                    maxConnections, idleTimeout, casDisabled, errorOnMemoryExhausted, expireZeroDoesNotEvict,
                    metaResponseOld, saslPasswordFile, adminTokenFile);
            case "--max-connections" -> new MemcachedOptions(maxItemSize, chunkSize, growthFactor,
                    integer(option, value), idleTimeout, casDisabled, errorOnMemoryExhausted, expireZeroDoesNotEvict,
                    metaResponseOld, saslPasswordFile, adminTokenFile);
            case "--idle-timeout" -> new MemcachedOptions(maxItemSize, chunkSize, growthFactor, maxConnections,
                    integer(option, value), casDisabled, errorOnMemoryExhausted, expireZeroDoesNotEvict,
                    metaResponseOld, saslPasswordFile, adminTokenFile);
            case "--cas-disabled" -> new MemcachedOptions(maxItemSize, chunkSize, growthFactor, maxConnections,
                    idleTimeout, bool(option, value), errorOnMemoryExhausted, expireZeroDoesNotEvict,
                    metaResponseOld, saslPasswordFile, adminTokenFile);
            case "--error-on-memory-exhausted" -> new MemcachedOptions(maxItemSize, chunkSize, growthFactor,
                    maxConnections, idleTimeout, casDisabled, bool(option, value), expireZeroDoesNotEvict,
                    metaResponseOld, saslPasswordFile, adminTokenFile);
            case "--expirezero-does-not-evict" -> new MemcachedOptions(maxItemSize, chunkSize, growthFactor,
                    maxConnections, idleTimeout, casDisabled, errorOnMemoryExhausted, bool(option, value),
                    metaResponseOld, saslPasswordFile, adminTokenFile);
            case "--meta-response-old" -> new MemcachedOptions(maxItemSize, chunkSize, growthFactor,
                    maxConnections, idleTimeout, casDisabled, errorOnMemoryExhausted, expireZeroDoesNotEvict,
                    bool(option, value), saslPasswordFile, adminTokenFile);
            case "--sasl-password-file" -> new MemcachedOptions(maxItemSize, chunkSize, growthFactor,
                    maxConnections, idleTimeout, casDisabled, errorOnMemoryExhausted, expireZeroDoesNotEvict,
                    metaResponseOld, nonEmpty(option, value), adminTokenFile);
            case "--admin-token-file" -> new MemcachedOptions(maxItemSize, chunkSize, growthFactor,
                    maxConnections, idleTimeout, casDisabled, errorOnMemoryExhausted, expireZeroDoesNotEvict,
                    metaResponseOld, saslPasswordFile, nonEmpty(option, value));
            default -> throw new IllegalArgumentException("unknown option: " + option);
        };
    }

    public MemcachedOptions withMaxItemSize(long bytes) {
        return with("--max-item-size", Long.toString(bytes));
    }

    public MemcachedOptions withSaslPasswordFile(String file) {
        return with("--sasl-password-file", file);
    }

    public MemcachedOptions withAdminTokenFile(String file) {
        return with("--admin-token-file", file);
    }

    /** Bytes with memcached's units for -I: a plain number, or k/m/g (powers of 1024). */
    static long size(String option, String value) {
        String v = value.toLowerCase(Locale.ROOT);
        long unit = 1;
        if (v.endsWith("k")) {
            unit = 1024;
        } else if (v.endsWith("m")) {
            unit = 1024 * 1024;
        } else if (v.endsWith("g")) {
            unit = 1024 * 1024 * 1024;
        }
        String digits = unit == 1 ? v : v.substring(0, v.length() - 1);
        try {
            return Math.multiplyExact(Long.parseLong(digits), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(option + " is not a size: " + value);
        }
    }

    private static int integer(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " is not a number: " + value);
        }
    }

    private static double decimal(String option, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " is not a number: " + value);
        }
    }

    static boolean bool(String option, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "1", "yes", "true" -> true;
            case "0", "no", "false" -> false;
            default -> throw new IllegalArgumentException(option + " must be 0 or 1: " + value);
        };
    }

    private static String nonEmpty(String option, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(option + " must not be empty");
        }
        return value;
    }
}

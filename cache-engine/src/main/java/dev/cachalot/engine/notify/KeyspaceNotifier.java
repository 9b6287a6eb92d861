package dev.cachalot.engine.notify;

import dev.cachalot.engine.command.CommandContext;

/**
 * The one place data commands report what they changed, as Redis's {@code signalModifiedKey} and
 * {@code notifyKeyspaceEvent}: WATCH invalidation, client-side caching (tracking) invalidation
 * and keyspace notifications ({@code notify-keyspace-events}) all hang off these two calls.
 * Every write command calls {@link #signalModifiedKey} for each key it changed and
 * {@link #notifyKeyspaceEvent} with Redis's event name; the store calls them for expired and
 * evicted keys. Data thread only.
 *
 * <p>Type flags are Redis's {@code NOTIFY_*} bits.
 */
public class KeyspaceNotifier {

    public static final int KEYSPACE = 1;
    public static final int KEYEVENT = 1 << 1;
    public static final int GENERIC = 1 << 2;
    public static final int STRING = 1 << 3;
    public static final int LIST = 1 << 4;
    public static final int SET = 1 << 5;
    public static final int HASH = 1 << 6;
    public static final int ZSET = 1 << 7;
    public static final int EXPIRED = 1 << 8;
    public static final int EVICTED = 1 << 9;
    public static final int STREAM = 1 << 10;
    public static final int KEY_MISS = 1 << 11;
    public static final int MODULE = 1 << 12;
    public static final int NEW = 1 << 13;

    /**
     * Whether {@link #signalModifiedKey} or {@link #notifyKeyspaceEvent} would do anything right now
     * (a WATCHed key, a tracking client, notify-keyspace-events set). Writers whose key is not already
     * a {@code byte[]} (a string's key lives inside its entry; a new key is a slice of the request)
     * call the two methods only when this is true, so that the write path allocates nothing when
     * nobody listens. Must be cheap; false while the bodies below do nothing.
     */
    public boolean active() {
        return false;
    }

    /**
     * A key's value changed (or the key was created or deleted).
     *
     * @param ctx the command that changed it, or null when the store changed it (expiry, eviction)
     */
    public void signalModifiedKey(CommandContext ctx, int db, byte[] key) {
        // WATCH and tracking invalidation come with the transaction and tracking work.
    }

    /** A keyspace event, e.g. {@code (STRING, "set", key, 0)} or {@code (EXPIRED, "expired", key, 3)}. */
    public void notifyKeyspaceEvent(int type, String event, byte[] key, int db) {
        // Publishing to __keyspace@<db>__ / __keyevent@<db>__ comes with pub/sub.
    }
}

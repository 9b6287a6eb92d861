package dev.cachalot.engine.notify;

import dev.cachalot.engine.command.CommandContext;
import dev.cachalot.engine.config.ConfigParam;
import dev.cachalot.engine.pubsub.PubSub;
import dev.cachalot.engine.session.ClientSession;
import dev.cachalot.engine.session.WatchTable;
import dev.cachalot.engine.store.Keyspace;
import dev.cachalot.engine.tracking.Tracking;

import java.nio.charset.StandardCharsets;

/**
 * The one place data commands report what they changed, as Redis's {@code signalModifiedKey} and
 * {@code notifyKeyspaceEvent}: WATCH invalidation, client-side caching (tracking) invalidation
 * and keyspace notifications ({@code notify-keyspace-events}) all hang off these two calls.
 * Every write command calls {@link #signalModifiedKey} for each key it changed and
 * {@link #notifyKeyspaceEvent} with Redis's event name; the store calls them for expired and
 * evicted keys. Whole-database changes call {@link #signalFlushedDb} (FLUSHDB, FLUSHALL) or
 * {@link #signalSwappedDb} (SWAPDB). Data thread only.
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

    private final WatchTable watches;
    private final Tracking tracking;
    private final PubSub pubsub;
    private final ConfigParam events;
    private final Keyspace keyspace;

    public KeyspaceNotifier(Keyspace keyspace, WatchTable watches, Tracking tracking, PubSub pubsub,
                            ConfigParam notifyKeyspaceEvents) {
        this.keyspace = keyspace;
        this.watches = watches;
        this.tracking = tracking;
        this.pubsub = pubsub;
        this.events = notifyKeyspaceEvents;
    }

    /**
     * Whether {@link #signalModifiedKey} or {@link #notifyKeyspaceEvent} would do anything right now
     * (a WATCHed key, a tracking client, notify-keyspace-events set). Writers whose key is not already
     * a {@code byte[]} call the two methods only when this is true, so that the write path allocates
     * nothing when nobody listens. Three field reads.
     */
    public boolean active() {
        return !watches.isEmpty() || !tracking.isEmpty() || events.longValue() != 0;
    }

    /**
     * A key's value changed (or the key was created or deleted).
     *
     * @param ctx the command that changed it, or null when the store changed it (expiry, eviction)
     */
    public void signalModifiedKey(CommandContext ctx, int db, byte[] key) {
        watches.touch(db, key);
        if (!tracking.isEmpty()) {
            tracking.invalidate(ctx == null ? null : ctx.session(), key);
        }
    }

    /** A keyspace event, e.g. {@code (STRING, "set", key, 0)} or {@code (EXPIRED, "expired", key, 3)}. */
    public void notifyKeyspaceEvent(int type, String event, byte[] key, int db) {
        long flags = events.longValue();
        if ((flags & type) == 0) {
            return;
        }
        byte[] eventBytes = event.getBytes(StandardCharsets.US_ASCII);
        if ((flags & KEYSPACE) != 0) {
            pubsub.publish(concat("__keyspace@" + db + "__:", key), eventBytes);
        }
        if ((flags & KEYEVENT) != 0) {
            pubsub.publish(concat("__keyevent@" + db + "__:", eventBytes), key);
        }
    }

    /**
     * Every key of database {@code db} (-1: of all databases) is about to be removed (FLUSHDB,
     * FLUSHALL): call it before removing them. Watchers of keys that exist fail their EXEC; tracking
     * clients get a flush invalidation.
     *
     * @param current the client that flushes, or null
     */
    public void signalFlushedDb(ClientSession current, int db) {
        if (!watches.isEmpty()) {
            for (int i = 0; i < Keyspace.DATABASES; i++) {
                if (db == -1 || db == i) {
                    int d = i;
                    watches.touchDb(d, key -> exists(d, key));
                }
            }
        }
        tracking.invalidateAll(current);
    }

    /** SWAPDB (before or after the swap): watchers of keys that exist in either database fail their EXEC. */
    public void signalSwappedDb(int db1, int db2) {
        if (!watches.isEmpty()) {
            watches.touchDb(db1, key -> exists(db1, key) || exists(db2, key));
            watches.touchDb(db2, key -> exists(db1, key) || exists(db2, key));
        }
    }

    private boolean exists(int db, byte[] key) {
        return keyspace.db(db).lookupNoTouch(key) >= 0;
    }

    private static byte[] concat(String head, byte[] tail) {
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[h.length + tail.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(tail, 0, out, h.length, tail.length);
        return out;
    }
}

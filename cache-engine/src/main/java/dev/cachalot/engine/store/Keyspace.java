package dev.cachalot.engine.store;

import dev.cachalot.engine.notify.KeyspaceNotifier;

import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * The 16 databases of a node, their shared counters, clocks (Redis's 24-bit LRU clock and LFU
 * minutes), data configuration, memory accounting, eviction, blocked keys and the active expiry
 * cycle. Owned by the data thread: every method must be called from it.
 */
public final class Keyspace {

    public static final int DATABASES = 16;
    /** ACTIVE_EXPIRE_CYCLE_KEYS_PER_LOOP in Redis. */
    static final int KEYS_PER_SAMPLE = 20;
    static final int LRU_CLOCK_MAX = (1 << 24) - 1;
    static final int LFU_INIT_VAL = 5;
    /**
     * What a node holds before any key (Redis reports about 0.9 MB as used_memory_startup): the
     * empty tables of 16 databases and the fixed structures, a constant so that used_memory does not
     * wander with the JVM's unrelated allocations.
     */
    public static final long STARTUP_BYTES = 1 << 20;

    private final Database[] dbs = new Database[DATABASES];
    private final KeyspaceStats stats = new KeyspaceStats();
    private final LongSupplier clock;
    private final SplittableRandom random = new SplittableRandom();
    private final DataConfig config = new DataConfig();
    private final BlockedKeys blocked = new BlockedKeys();
    private final Evictor evictor = new Evictor(this);
    private KeyspaceNotifier notifier;
    private int nextCycleDb;
    private long peakMemory;

    /** Current LRU clock (seconds, 24 bits), updated by {@link #updateClocks}. */
    int lruClock;
    /** Current LFU time (minutes, 16 bits). */
    int lfuMinutes;
    /** Running total of the databases' estimated bytes (entries, values, tables, expiry index). */
    long dataBytes;
    /** Whether the policy is an LFU one: the meta word of a key then holds LFU data. */
    boolean lfuMode;

    public Keyspace() {
        this(System::currentTimeMillis);
    }

    public Keyspace(LongSupplier clock) {
        this.clock = clock;
        for (int i = 0; i < DATABASES; i++) {
            dbs[i] = new Database(i, this);
        }
        config.onChange(this::updateClocks);
        updateClocks();
    }

    public Database db(int index) {
        return dbs[index];
    }

    public KeyspaceStats stats() {
        return stats;
    }

    public DataConfig config() {
        return config;
    }

    public BlockedKeys blocked() {
        return blocked;
    }

    public SplittableRandom random() {
        return random;
    }

    public long nowMs() {
        return clock.getAsLong();
    }

    /** Where expired and evicted keys are reported; set once by the server. */
    public void notifier(KeyspaceNotifier notifier) {
        this.notifier = notifier;
    }

    public KeyspaceNotifier notifier() {
        return notifier;
    }

    /** Whether reporting a key to the notifier has any effect (else callers skip copying the key). */
    boolean notifying() {
        return notifier != null && notifier.active();
    }

    void keyExpired(int db, byte[] key) {
        notifier.notifyKeyspaceEvent(KeyspaceNotifier.EXPIRED, "expired", key, db);
        notifier.signalModifiedKey(null, db, key);
    }

    void keyCreated(int db, byte[] key) {
        notifier.notifyKeyspaceEvent(KeyspaceNotifier.NEW, "new", key, db);
    }

    void keyEvicted(int db, byte[] key) {
        notifier.notifyKeyspaceEvent(KeyspaceNotifier.EVICTED, "evicted", key, db);
        notifier.signalModifiedKey(null, db, key);
    }

    public void flushAll() {
        for (Database db : dbs) {
            db.clear();
        }
    }

    // ---------------------------------------------------------------------------------------- clocks

    /** Refreshes the LRU clock and LFU minutes, and the LRU/LFU mode after a policy change. */
    public void updateClocks() {
        long now = clock.getAsLong();
        lruClock = (int) ((now / 1000) & LRU_CLOCK_MAX);
        lfuMinutes = (int) ((now / 60_000) & 0xffff);
        lfuMode = config.policy().lfu();
    }

    int initialLru() {
        return lfuMode ? (lfuMinutes << 8) | LFU_INIT_VAL : lruClock;
    }

    /** Redis's updateLFU: decay by elapsed periods, then the logarithmic increment. */
    int lfuTouch(int word) {
        int counter = lfuDecr(word);
        if (counter < 255) {
            double r = random.nextDouble();
            double base = Math.max(0, counter - LFU_INIT_VAL);
            double p = 1.0 / (base * config.lfuLogFactor + 1);
            if (r < p) {
                counter++;
            }
        }
        return (lfuMinutes << 8) | counter;
    }

    /** Redis's LFUDecrAndReturn: the counter after decaying one step per lfu-decay-time minutes. */
    public int lfuDecr(int word) {
        int ldt = word >>> 8;
        int counter = word & 0xff;
        int now = lfuMinutes;
        int elapsed = now >= ldt ? now - ldt : 65535 - ldt + now;
        int periods = config.lfuDecayTime > 0 ? elapsed / config.lfuDecayTime : 0;
        if (periods > 0) {
            counter = periods > counter ? 0 : counter - periods;
        }
        return counter;
    }

    /** objectSetLRUOrLFU: RESTORE's FREQ (LFU policies) or IDLETIME in seconds (otherwise); -1 = not given. */
    public void setAccess(Database db, int slot, long freq, long idleSeconds) {
        if (lfuMode) {
            if (freq >= 0) {
                db.lru(slot, (lfuMinutes << 8) | (int) freq);
            }
        } else if (idleSeconds >= 0) {
            long abs = lruClock - idleSeconds;
            if (abs < 0) {
                abs += LRU_CLOCK_MAX;
            }
            db.lru(slot, (int) (abs & LRU_CLOCK_MAX));
        }
    }

    /** Redis's estimateObjectIdleTime, in milliseconds, for a key's LRU clock. */
    public long idleMillis(int lru) {
        int now = lruClock;
        long secs = now >= lru ? now - lru : now + (LRU_CLOCK_MAX - lru);
        return secs * 1000;
    }

    // ---------------------------------------------------------------------------------------- memory

    /** Estimated bytes in use: Redis's used_memory. */
    public long usedMemory() {
        return STARTUP_BYTES + dataBytes;
    }

    /** Bytes of keys and values alone: used_memory_dataset. */
    public long datasetMemory() {
        long sum = 0;
        for (Database db : dbs) {
            sum += db.datasetBytes();
        }
        return sum;
    }

    public long peakMemory() {
        long used = usedMemory();
        if (used > peakMemory) {
            peakMemory = used;
        }
        return peakMemory;
    }

    /**
     * Redis's performEvictions: frees keys by the configured policy until the used memory is within
     * {@code maxmemory} (0 = no limit).
     *
     * @return false when over the limit and nothing (more) can be evicted
     */
    public boolean performEvictions(long maxmemory) {
        if (STARTUP_BYTES + dataBytes <= maxmemory) {
            return true;
        }
        return evictor.evict(maxmemory);
    }

    // ---------------------------------------------------------------------------------------- expiry

    /**
     * Redis's "slow" active expiry cycle: visits the databases round-robin, sampling keys with a time
     * to live, within {@code budgetNanos} of CPU (25 ms per 100 ms run in Redis's default settings).
     * Also advances the LRU/LFU clocks, as Redis's serverCron does.
     */
    public void activeExpireCycle(long budgetNanos) {
        updateClocks();
        peakMemory();
        long deadline = System.nanoTime() + budgetNanos;
        long now = clock.getAsLong();
        for (int i = 0; i < DATABASES; i++) {
            Database db = dbs[nextCycleDb];
            nextCycleDb = (nextCycleDb + 1) % DATABASES;
            if (db.volatileSize() > 0 && !db.activeExpire(now, KEYS_PER_SAMPLE, deadline, random)) {
                return;
            }
        }
    }
}

package dev.cachalot.engine.store;

import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * The 16 databases of a node, their shared counters and the active expiry cycle. Owned by the data
 * thread: every method must be called from it.
 */
public final class Keyspace {

    public static final int DATABASES = 16;
    /** ACTIVE_EXPIRE_CYCLE_KEYS_PER_LOOP in Redis. */
    static final int KEYS_PER_SAMPLE = 20;

    private final Database[] dbs = new Database[DATABASES];
    private final KeyspaceStats stats = new KeyspaceStats();
    private final LongSupplier clock;
    private final SplittableRandom random = new SplittableRandom();
    private int nextCycleDb;

    public Keyspace() {
        this(System::currentTimeMillis);
    }

    public Keyspace(LongSupplier clock) {
        this.clock = clock;
        for (int i = 0; i < DATABASES; i++) {
            dbs[i] = new Database(i, stats, clock);
        }
    }

    public Database db(int index) {
        return dbs[index];
    }

    public KeyspaceStats stats() {
        return stats;
    }

    public long nowMs() {
        return clock.getAsLong();
    }

    public void flushAll() {
        for (Database db : dbs) {
            db.clear();
        }
    }

    /**
     * Redis's "slow" active expiry cycle: visits the databases round-robin, sampling keys with a time
     * to live, within {@code budgetNanos} of CPU (25 ms per 100 ms run in Redis's default settings).
     */
    public void activeExpireCycle(long budgetNanos) {
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

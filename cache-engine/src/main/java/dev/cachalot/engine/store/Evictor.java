package dev.cachalot.engine.store;

import java.util.Arrays;

/**
 * Redis's approximated eviction (evict.c): for the LRU, LFU and TTL policies, each round samples
 * {@code maxmemory-samples} keys per database (from all keys or only those with a time to live) into
 * a pool of the 16 best candidates seen so far, and evicts the best one still present; the random
 * policies pick a random key, visiting databases round-robin. Evicted keys are counted and reported.
 */
final class Evictor {

    static final int POOL_SIZE = 16;
    /** Redis's eviction time limit at the default tenacity (10): 500 µs, then the next command goes on. */
    private static final long TIME_LIMIT_NANOS = 500_000;

    private final Keyspace ks;
    private final long[] poolIdle = new long[POOL_SIZE];
    private final byte[][] poolKey = new byte[POOL_SIZE][];
    private final int[] poolDb = new int[POOL_SIZE];
    private final IntList sample = new IntList();
    private int nextDb;

    Evictor(Keyspace ks) {
        this.ks = ks;
    }

    boolean evict(long maxmemory) {
        EvictionPolicy policy = ks.config().policy();
        if (policy == EvictionPolicy.NOEVICTION) {
            return false;
        }
        long start = System.nanoTime();
        int freed = 0;
        try {
            while (ks.usedMemory() > maxmemory) {
                if (!evictOne(policy)) {
                    return false;
                }
                freed++;
                if ((freed & 15) == 0 && System.nanoTime() - start > TIME_LIMIT_NANOS) {
                    return true; // Redis's EVICT_RUNNING: not an OOM; the next command continues
                }
            }
            return true;
        } finally {
            ks.stats().evictionMicros += (System.nanoTime() - start) / 1000;
        }
    }

    private boolean evictOne(EvictionPolicy policy) {
        Database best = null;
        int bestSlot = -1;
        if (policy.usesPool()) {
            while (best == null) {
                int total = 0;
                for (int i = 0; i < Keyspace.DATABASES; i++) {
                    Database db = ks.db(i);
                    int keys = policy.volatileOnly() ? db.volatileSize() : db.size();
                    if (keys > 0) {
                        populate(db, policy);
                        total += keys;
                    }
                }
                if (total == 0) {
                    return false;
                }
                for (int k = POOL_SIZE - 1; k >= 0; k--) {
                    if (poolKey[k] == null) {
                        continue;
                    }
                    Database db = ks.db(poolDb[k]);
                    byte[] key = poolKey[k];
                    poolKey[k] = null;
                    int slot = db.lookupNoTouch(key);
                    if (slot >= 0 && (!policy.volatileOnly() || db.expireAt(slot) != -1)) {
                        best = db;
                        bestSlot = slot;
                        break;
                    }
                }
            }
        } else {
            for (int i = 0; i < Keyspace.DATABASES && best == null; i++) {
                nextDb = (nextDb + 1) % Keyspace.DATABASES;
                Database db = ks.db(nextDb);
                if (policy.volatileOnly()) {
                    ExpireIndex ex = db.expires();
                    if (ex.size() > 0) {
                        int v = ks.random().nextInt(ex.size());
                        bestSlot = db.slotOf(ex.ref(v), ex.hash(v));
                        best = bestSlot >= 0 ? db : null;
                    }
                } else if (db.size() > 0) {
                    bestSlot = db.randomSlot(ks.random());
                    best = db;
                }
            }
            if (best == null) {
                return false;
            }
        }
        byte[] key = ks.notifying() ? best.key(bestSlot) : null;
        best.deleteSlot(bestSlot);
        ks.stats().evictedKeys++;
        if (key != null) {
            ks.keyEvicted(best.id(), key);
        }
        return true;
    }

    /** evictionPoolPopulate: samples keys of {@code db} and keeps the best candidates, ascending by idle. */
    private void populate(Database db, EvictionPolicy policy) {
        int samples = ks.config().maxmemorySamples;
        sample.clear();
        if (policy.volatileOnly()) {
            ExpireIndex ex = db.expires();
            for (int i = 0; i < samples && ex.size() > 0; i++) {
                int v = ks.random().nextInt(ex.size());
                int slot = db.slotOf(ex.ref(v), ex.hash(v));
                if (slot >= 0) {
                    sample.add(slot);
                }
            }
        } else {
            // like dictGetSomeKeys: a run of neighbouring slots from a random start
            int cap = db.capacity();
            int idx = ks.random().nextInt(cap);
            for (int visited = 0; visited < cap && sample.size() < Math.min(samples, db.size()); visited++) {
                if (db.occupied(idx)) {
                    sample.add(idx);
                }
                idx = (idx + 1) & (cap - 1);
            }
        }
        for (int s = 0; s < sample.size(); s++) {
            int slot = sample.get(s);
            long idle;
            if (policy.lru()) {
                idle = ks.idleMillis(db.lru(slot));
            } else if (policy.lfu()) {
                idle = 255 - ks.lfuDecr(db.lru(slot));
            } else {
                idle = Long.MAX_VALUE - db.expireAt(slot);
            }
            insert(db, slot, idle);
        }
    }

    private void insert(Database db, int slot, long idle) {
        int k = 0;
        while (k < POOL_SIZE && poolKey[k] != null && poolIdle[k] < idle) {
            k++;
        }
        if (k == 0 && poolKey[POOL_SIZE - 1] != null) {
            return; // worse than every candidate of a full pool
        }
        if (k < POOL_SIZE && poolKey[k] == null) {
            // free position: insert here
        } else if (poolKey[POOL_SIZE - 1] == null) {
            shiftRight(k);
        } else {
            k--;
            shiftLeft(k);
        }
        poolKey[k] = db.key(slot);
        poolIdle[k] = idle;
        poolDb[k] = db.id();
    }

    private void shiftRight(int k) {
        System.arraycopy(poolKey, k, poolKey, k + 1, POOL_SIZE - k - 1);
        System.arraycopy(poolIdle, k, poolIdle, k + 1, POOL_SIZE - k - 1);
        System.arraycopy(poolDb, k, poolDb, k + 1, POOL_SIZE - k - 1);
    }

    private void shiftLeft(int k) {
        System.arraycopy(poolKey, 1, poolKey, 0, k);
        System.arraycopy(poolIdle, 1, poolIdle, 0, k);
        System.arraycopy(poolDb, 1, poolDb, 0, k);
    }

    void clearPool() {
        Arrays.fill(poolKey, null);
    }
}

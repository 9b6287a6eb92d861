package dev.cachalot.engine.store;

import io.netty.buffer.ByteBuf;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * One numbered database: a byte-keyed open-addressing hash table (linear probing, backward-shift
 * deletion, no tombstones) in parallel arrays, plus a dense array of the keys that have a time to live,
 * which the active expiry cycle samples as Redis samples its {@code expires} dict.
 *
 * <p>Values are opaque objects to this class: a {@code byte[]} is a string; other data types come
 * later. The table knows nothing of the protocol. Lookups take a key as a slice of any buffer, so a
 * command never copies a key it only reads. Only the data thread may call it.
 *
 * <p>A slot number returned by a lookup stays valid until the next insertion or deletion.
 */
public final class Database {

    public static final int NOT_FOUND = -1;
    private static final int MIN_CAPACITY = 16;
    private static final int MAX_CAPACITY = 1 << 30;

    private final int id;
    private final KeyspaceStats stats;
    private final LongSupplier clock;

    private byte[][] keys;
    private Object[] values;
    private int[] hashes;
    /** Per slot: index into the volatile arrays, or -1 when the key has no time to live. */
    private int[] vol;
    private int mask;
    private int size;
    private int growAt;

    private byte[][] volKeys = new byte[8][];
    private long[] volWhen = new long[8];
    private int[] volHash = new int[8];
    private int volSize;

    /** Where the last unsuccessful lookup ended: the free slot an insert of that key would take. */
    private int missSlot = -1;
    private int missHash;

    Database(int id, KeyspaceStats stats, LongSupplier clock) {
        this.id = id;
        this.stats = stats;
        this.clock = clock;
        allocate(MIN_CAPACITY);
    }

    public int id() {
        return id;
    }

    public int size() {
        return size;
    }

    /** Number of keys with a time to live. */
    public int volatileSize() {
        return volSize;
    }

    // ---------------------------------------------------------------------------------------- lookups

    /**
     * Finds a key for a read command: expires it first if its time has passed and counts a keyspace hit
     * or miss.
     *
     * @return the slot, or {@link #NOT_FOUND}
     */
    public int lookupRead(ByteBuf buf, int off, int len) {
        int slot = lookupWrite(buf, off, len);
        if (slot < 0) {
            stats.keyspaceMisses++;
        } else {
            stats.keyspaceHits++;
        }
        return slot;
    }

    /** Finds a key for a write command (expires it first if due; no hit/miss counting). */
    public int lookupWrite(ByteBuf buf, int off, int len) {
        int h = KeyHash.hash(buf, off, len);
        int slot = probe(h, buf, off, len);
        if (slot >= 0 && vol[slot] >= 0 && volWhen[vol[slot]] <= clock.getAsLong()) {
            deleteSlot(slot);
            stats.expiredKeys++;
            slot = probe(h, buf, off, len); // recompute the insertion point after the backward shift
        }
        return slot;
    }

    public Object value(int slot) {
        return values[slot];
    }

    public byte[] key(int slot) {
        return keys[slot];
    }

    public void setValue(int slot, Object value) {
        values[slot] = value;
    }

    /** Absolute expiry time in Unix milliseconds, or -1 when the key is persistent. */
    public long expireAt(int slot) {
        int v = vol[slot];
        return v < 0 ? -1 : volWhen[v];
    }

    // ---------------------------------------------------------------------------------------- updates

    /**
     * Inserts a key that the immediately preceding lookup of the same key did not find.
     *
     * @return the new key's slot
     */
    public int insertAfterMiss(ByteBuf buf, int off, int len, Object value) {
        byte[] key = new byte[len];
        buf.getBytes(off, key);
        int slot = missSlot;
        int h;
        if (slot >= 0 && keys[slot] == null) {
            h = missHash; // the hash the failed probe already computed for this key
        } else {
            h = KeyHash.hash(key);
            slot = freeSlotFor(h, key);
        }
        return place(slot, key, h, value);
    }

    /** Inserts or replaces; a replaced key loses its time to live. */
    public int put(byte[] key, Object value) {
        int h = KeyHash.hash(key);
        int idx = h & mask;
        while (keys[idx] != null) {
            if (hashes[idx] == h && Arrays.equals(keys[idx], key)) {
                values[idx] = value;
                clearExpire(idx);
                return idx;
            }
            idx = (idx + 1) & mask;
        }
        return place(idx, key, h, value);
    }

    public boolean delete(ByteBuf buf, int off, int len) {
        int slot = lookupWrite(buf, off, len);
        if (slot < 0) {
            return false;
        }
        deleteSlot(slot);
        return true;
    }

    /** Sets the absolute expiry time (Unix ms) of the key in {@code slot}. */
    public void setExpire(int slot, long whenMs) {
        int v = vol[slot];
        if (v >= 0) {
            volWhen[v] = whenMs;
            return;
        }
        if (volSize == volKeys.length) {
            int n = volSize * 2;
            volKeys = Arrays.copyOf(volKeys, n);
            volWhen = Arrays.copyOf(volWhen, n);
            volHash = Arrays.copyOf(volHash, n);
        }
        volKeys[volSize] = keys[slot];
        volWhen[volSize] = whenMs;
        volHash[volSize] = hashes[slot];
        vol[slot] = volSize++;
    }

    /** Removes the time to live; returns whether there was one. */
    public boolean clearExpire(int slot) {
        int v = vol[slot];
        if (v < 0) {
            return false;
        }
        vol[slot] = -1;
        removeVolatile(v);
        return true;
    }

    public void deleteSlot(int slot) {
        int v = vol[slot];
        if (v >= 0) {
            removeVolatile(v);
        }
        size--;
        // backward-shift deletion keeps every probe chain unbroken without tombstones
        int i = slot;
        int j = slot;
        for (;;) {
            j = (j + 1) & mask;
            if (keys[j] == null) {
                break;
            }
            int k = hashes[j] & mask;
            boolean movable = i <= j ? (k <= i || k > j) : (k <= i && k > j);
            if (movable) {
                keys[i] = keys[j];
                values[i] = values[j];
                hashes[i] = hashes[j];
                vol[i] = vol[j];
                i = j;
            }
        }
        keys[i] = null;
        values[i] = null;
        hashes[i] = 0;
        vol[i] = -1;
        missSlot = -1;
        if (size < (mask + 1) >>> 3 && mask + 1 > MIN_CAPACITY) {
            resize((mask + 1) >>> 1);
        }
    }

    /** Removes every key (FLUSHDB). */
    public void clear() {
        allocate(MIN_CAPACITY);
        volKeys = new byte[8][];
        volWhen = new long[8];
        volHash = new int[8];
        volSize = 0;
    }

    // ---------------------------------------------------------------------------------------- expiry

    /**
     * One round of Redis's active expiry for this database: sample up to {@code sample} keys that have a
     * time to live, delete those that are due, and repeat while more than a quarter of a sample was
     * due, until {@code deadlineNanos}.
     *
     * @return false if the deadline stopped the work
     */
    boolean activeExpire(long nowMs, int sample, long deadlineNanos, SplittableRandom random) {
        int rounds = 0;
        while (volSize > 0) {
            int n = Math.min(sample, volSize);
            int expired = 0;
            for (int i = 0; i < n && volSize > 0; i++) {
                int v = random.nextInt(volSize);
                if (volWhen[v] <= nowMs) {
                    int slot = probeStored(volHash[v], volKeys[v]);
                    deleteSlot(slot);
                    stats.expiredKeys++;
                    stats.expiredByCycle++;
                    expired++;
                }
            }
            if (expired * 4 <= n) {
                return true;
            }
            if ((++rounds & 15) == 0 && System.nanoTime() > deadlineNanos) {
                return false;
            }
        }
        return true;
    }

    /** Sum of remaining times to live of the volatile keys, sampled, for INFO's avg_ttl. */
    public long averageTtl(long nowMs) {
        if (volSize == 0) {
            return 0;
        }
        int step = Math.max(1, volSize / 1024);
        long sum = 0;
        int n = 0;
        for (int v = 0; v < volSize; v += step) {
            long ttl = volWhen[v] - nowMs;
            if (ttl > 0) {
                sum += ttl;
            }
            n++;
        }
        return n == 0 ? 0 : sum / n;
    }

    // ---------------------------------------------------------------------------------------- internals

    private int probe(int h, ByteBuf buf, int off, int len) {
        int idx = h & mask;
        byte[][] ks = keys;
        for (;;) {
            byte[] k = ks[idx];
            if (k == null) {
                missSlot = idx;
                missHash = h;
                return NOT_FOUND;
            }
            if (hashes[idx] == h && KeyHash.equals(k, buf, off, len)) {
                return idx;
            }
            idx = (idx + 1) & mask;
        }
    }

    private int probeStored(int h, byte[] key) {
        int idx = h & mask;
        for (;;) {
            if (keys[idx] == key) {
                return idx;
            }
            if (keys[idx] == null) {
                throw new IllegalStateException("volatile key missing from table");
            }
            idx = (idx + 1) & mask;
        }
    }

    private int freeSlotFor(int h, byte[] key) {
        int idx = h & mask;
        while (keys[idx] != null) {
            idx = (idx + 1) & mask;
        }
        return idx;
    }

    private int place(int slot, byte[] key, int h, Object value) {
        keys[slot] = key;
        values[slot] = value;
        hashes[slot] = h;
        vol[slot] = -1;
        missSlot = -1;
        if (++size >= growAt && mask + 1 < MAX_CAPACITY) {
            resize((mask + 1) << 1);
            return probeStored(h, key);
        }
        return slot;
    }

    private void removeVolatile(int v) {
        int last = --volSize;
        if (v != last) {
            volKeys[v] = volKeys[last];
            volWhen[v] = volWhen[last];
            volHash[v] = volHash[last];
            vol[probeStored(volHash[v], volKeys[v])] = v;
        }
        volKeys[last] = null;
    }

    private void allocate(int capacity) {
        keys = new byte[capacity][];
        values = new Object[capacity];
        hashes = new int[capacity];
        vol = new int[capacity];
        Arrays.fill(vol, -1);
        mask = capacity - 1;
        size = 0;
        growAt = capacity - (capacity >>> 2);
        missSlot = -1;
    }

    private void resize(int capacity) {
        byte[][] oldKeys = keys;
        Object[] oldValues = values;
        int[] oldHashes = hashes;
        int[] oldVol = vol;
        int count = size;
        allocate(capacity);
        for (int i = 0; i < oldKeys.length; i++) {
            byte[] k = oldKeys[i];
            if (k != null) {
                int idx = oldHashes[i] & mask;
                while (keys[idx] != null) {
                    idx = (idx + 1) & mask;
                }
                keys[idx] = k;
                values[idx] = oldValues[i];
                hashes[idx] = oldHashes[i];
                vol[idx] = oldVol[i];
            }
        }
        size = count;
    }
}

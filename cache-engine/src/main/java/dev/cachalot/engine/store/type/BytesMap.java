package dev.cachalot.engine.store.type;

import dev.cachalot.engine.store.Database;
import dev.cachalot.engine.store.Heap;
import dev.cachalot.engine.store.IntList;
import dev.cachalot.engine.store.KeyHash;
import io.netty.buffer.ByteBuf;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The "hashtable" encoding of hashes, sets and sorted sets: an open-addressing map from byte-string
 * members to values (linear probing, backward-shift deletion), with Redis's reverse-binary cursor
 * scan over home buckets so that HSCAN/SSCAN/ZSCAN keep SCAN's guarantees while the map grows or
 * shrinks. Keeps a running estimate of its heap bytes.
 */
public final class BytesMap {

    private static final int MIN_CAPACITY = 8;

    private byte[][] keys;
    private Object[] vals;
    private int[] hashes;
    private int mask;
    private int size;
    private long entryBytes;

    public BytesMap() {
        this(MIN_CAPACITY);
    }

    public BytesMap(int expected) {
        int cap = MIN_CAPACITY;
        while (cap - (cap >>> 2) <= expected) {
            cap <<= 1;
        }
        allocate(cap);
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return mask + 1;
    }

    public byte[] keyAt(int slot) {
        return keys[slot];
    }

    public Object valAt(int slot) {
        return vals[slot];
    }

    public void setVal(int slot, Object v) {
        entryBytes += valueBytes(v) - valueBytes(vals[slot]);
        vals[slot] = v;
    }

    public int find(ByteBuf buf, int off, int len) {
        int h = KeyHash.hash(buf, off, len);
        int idx = h & mask;
        for (;;) {
            byte[] k = keys[idx];
            if (k == null) {
                return -1;
            }
            if (hashes[idx] == h && KeyHash.equals(k, buf, off, len)) {
                return idx;
            }
            idx = (idx + 1) & mask;
        }
    }

    public int find(byte[] key) {
        int h = KeyHash.hash(key);
        int idx = h & mask;
        for (;;) {
            byte[] k = keys[idx];
            if (k == null) {
                return -1;
            }
            if (hashes[idx] == h && Arrays.equals(k, key)) {
                return idx;
            }
            idx = (idx + 1) & mask;
        }
    }

    public Object get(byte[] key) {
        int s = find(key);
        return s < 0 ? null : vals[s];
    }

    /** Inserts or replaces; returns true when the key is new. */
    public boolean put(byte[] key, Object val) {
        int h = KeyHash.hash(key);
        int idx = h & mask;
        while (keys[idx] != null) {
            if (hashes[idx] == h && Arrays.equals(keys[idx], key)) {
                setVal(idx, val);
                return false;
            }
            idx = (idx + 1) & mask;
        }
        keys[idx] = key;
        vals[idx] = val;
        hashes[idx] = h;
        entryBytes += Heap.byteArray(key.length) + valueBytes(val);
        if (++size > mask + 1 - ((mask + 1) >>> 2)) {
            resize((mask + 1) << 1);
        }
        return true;
    }

    public boolean remove(byte[] key) {
        int s = find(key);
        if (s < 0) {
            return false;
        }
        removeSlot(s);
        return true;
    }

    public boolean remove(ByteBuf buf, int off, int len) {
        int s = find(buf, off, len);
        if (s < 0) {
            return false;
        }
        removeSlot(s);
        return true;
    }

    public void removeSlot(int slot) {
        entryBytes -= Heap.byteArray(keys[slot].length) + valueBytes(vals[slot]);
        size--;
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
                vals[i] = vals[j];
                hashes[i] = hashes[j];
                i = j;
            }
        }
        keys[i] = null;
        vals[i] = null;
        hashes[i] = 0;
        if (size < (mask + 1) >>> 3 && mask + 1 > MIN_CAPACITY) {
            resize((mask + 1) >>> 1);
        }
    }

    /** A random occupied slot, -1 when empty. */
    public int randomSlot(SplittableRandom random) {
        if (size == 0) {
            return -1;
        }
        int idx = random.nextInt(mask + 1);
        while (keys[idx] == null) {
            idx = (idx + 1) & mask;
        }
        return idx;
    }

    /** Slots of the keys whose home bucket is {@code cursor & mask}; returns the next cursor (0 = done). */
    public long scan(long cursor, IntList out) {
        if (size == 0) {
            return 0;
        }
        int m = mask;
        int bucket = (int) (cursor & m);
        int i = bucket;
        while (keys[i] != null) {
            if ((hashes[i] & m) == bucket) {
                out.add(i);
            }
            i = (i + 1) & m;
            if (i == bucket) {
                break;
            }
        }
        return Database.nextCursor(cursor, m);
    }

    public long memory() {
        int cap = mask + 1;
        return Heap.object(24) + Heap.refArray(cap) * 2 + Heap.intArray(cap) + entryBytes;
    }

    private static long valueBytes(Object v) {
        return v instanceof byte[] b ? Heap.byteArray(b.length) : 0;
    }

    private void allocate(int cap) {
        keys = new byte[cap][];
        vals = new Object[cap];
        hashes = new int[cap];
        mask = cap - 1;
    }

    private void resize(int cap) {
        byte[][] ok = keys;
        Object[] ov = vals;
        int[] oh = hashes;
        allocate(cap);
        for (int i = 0; i < ok.length; i++) {
            if (ok[i] != null) {
                int idx = oh[i] & mask;
                while (keys[idx] != null) {
                    idx = (idx + 1) & mask;
                }
                keys[idx] = ok[i];
                vals[idx] = ov[i];
                hashes[idx] = oh[i];
            }
        }
    }
}

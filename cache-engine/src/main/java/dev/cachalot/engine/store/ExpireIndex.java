package dev.cachalot.engine.store;

import java.util.Arrays;

/**
 * The keys of one database that have a time to live, like Redis's {@code expires} dict: dense arrays
 * (for uniform random sampling by the active expiry cycle and the volatile-* eviction policies) plus
 * an open-addressing index from the entry object (by identity, under the key's table hash) to its
 * dense position. Entries are the table's value objects; a replaced entry is re-pointed with
 * {@link #replace}.
 */
final class ExpireIndex {

    /** Average bytes per entry (dense ref, time, hash, index slot, with growth headroom), for accounting. */
    static final long ENTRY_BYTES = 32;

    private Object[] refs = new Object[8];
    private long[] when = new long[8];
    private int[] hash = new int[8];
    private int size;
    /** dense position + 1 per slot, 0 = free */
    private int[] index = new int[16];
    private int mask = 15;

    int size() {
        return size;
    }

    Object ref(int i) {
        return refs[i];
    }

    long when(int i) {
        return when[i];
    }

    int hash(int i) {
        return hash[i];
    }

    /** Dense position of {@code ref}, or -1. */
    int find(Object ref, int h) {
        int idx = h & mask;
        for (;;) {
            int p = index[idx];
            if (p == 0) {
                return -1;
            }
            if (refs[p - 1] == ref) {
                return p - 1;
            }
            idx = (idx + 1) & mask;
        }
    }

    long get(Object ref, int h) {
        int i = find(ref, h);
        return i < 0 ? -1 : when[i];
    }

    void put(Object ref, int h, long whenMs) {
        int i = find(ref, h);
        if (i >= 0) {
            when[i] = whenMs;
            return;
        }
        if (size == refs.length) {
            int n = size * 2;
            refs = Arrays.copyOf(refs, n);
            when = Arrays.copyOf(when, n);
            hash = Arrays.copyOf(hash, n);
        }
        refs[size] = ref;
        when[size] = whenMs;
        hash[size] = h;
        size++;
        if (size * 2 > mask + 1) {
            rebuild((mask + 1) * 2);
        } else {
            insertIndex(h, size);
        }
    }

    boolean remove(Object ref, int h) {
        int i = find(ref, h);
        if (i < 0) {
            return false;
        }
        removeIndex(ref, h);
        int last = --size;
        if (i != last) {
            // move the last dense element into the hole and re-point its index slot
            Object moved = refs[last];
            int mh = hash[last];
            int slot = slotOf(moved, mh);
            refs[i] = moved;
            when[i] = when[last];
            hash[i] = mh;
            index[slot] = i + 1;
        }
        refs[last] = null;
        if (mask > 15 && size * 8 < mask + 1) {
            rebuild((mask + 1) / 2);
        }
        return true;
    }

    /** The entry object of a key changed (a string got a new array). */
    void replace(Object oldRef, Object newRef, int h) {
        int i = find(oldRef, h);
        if (i >= 0) {
            refs[i] = newRef;
        }
    }

    void clear() {
        refs = new Object[8];
        when = new long[8];
        hash = new int[8];
        size = 0;
        index = new int[16];
        mask = 15;
    }

    long memory() {
        return Heap.refArray(refs.length) + Heap.longArray(when.length) + Heap.intArray(hash.length)
                + Heap.intArray(index.length);
    }

    private int slotOf(Object ref, int h) {
        int idx = h & mask;
        while (refs[index[idx] - 1] != ref) {
            idx = (idx + 1) & mask;
        }
        return idx;
    }

    private void insertIndex(int h, int posPlusOne) {
        int idx = h & mask;
        while (index[idx] != 0) {
            idx = (idx + 1) & mask;
        }
        index[idx] = posPlusOne;
    }

    private void removeIndex(Object ref, int h) {
        int i = slotOf(ref, h);
        int j = i;
        for (;;) {
            j = (j + 1) & mask;
            if (index[j] == 0) {
                break;
            }
            int k = hash[index[j] - 1] & mask;
            boolean movable = i <= j ? (k <= i || k > j) : (k <= i && k > j);
            if (movable) {
                index[i] = index[j];
                i = j;
            }
        }
        index[i] = 0;
    }

    private void rebuild(int capacity) {
        index = new int[capacity];
        mask = capacity - 1;
        for (int i = 0; i < size; i++) {
            insertIndex(hash[i], i + 1);
        }
    }
}

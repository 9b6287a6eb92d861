package dev.cachalot.engine.memcached;

import java.util.Arrays;

/**
 * memcached's slab classes, computed as memcached computes them from {@code -n} (chunk size),
 * {@code -f} (growth factor) and the largest chunk (half the item size limit, at most 512 KiB). Items are
 * not stored in slabs here (each is one array), but every item is accounted at the size of the chunk
 * memcached would give it, so the memory limit holds about as many items as memcached's, and
 * {@code stats slabs}/{@code stats items} report per class as memcached does.
 */
final class SlabClasses {

    /** memcached's {@code sizeof(item)} on 64-bit. */
    static final int ITEM_HEADER = 48;
    static final int CAS_SIZE = 8;
    static final int MAX_CLASSES = 64;
    static final int PAGE_SIZE = 1024 * 1024;
    private static final int ALIGN = 8;

    private final int[] sizes;
    private final int chunkMax;

    SlabClasses(int chunkSize, double factor, long itemSizeMax) {
        int slabChunkMax = (int) Math.min(512 * 1024, Math.max(itemSizeMax / 2, 1024));
        int[] s = new int[MAX_CLASSES];
        int n = 1; // class 0 is unused, as in memcached
        long size = ITEM_HEADER + chunkSize;
        while (n < MAX_CLASSES - 1 && size <= slabChunkMax / factor) {
            if (size % ALIGN != 0) {
                size += ALIGN - size % ALIGN;
            }
            s[n++] = (int) size;
            size = (long) (size * factor);
        }
        s[n++] = slabChunkMax;
        this.sizes = Arrays.copyOf(s, n);
        this.chunkMax = slabChunkMax;
    }

    /** Number of classes, plus one (ids are 1..count()-1). */
    int count() {
        return sizes.length;
    }

    int chunkSize(int id) {
        return sizes[id];
    }

    int chunkMax() {
        return chunkMax;
    }

    /** The class of an item of {@code ntotal} bytes; larger items are chunked into the largest class. */
    int classOf(long ntotal) {
        int lo = 1;
        int hi = sizes.length - 1;
        if (ntotal > sizes[hi]) {
            return hi;
        }
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sizes[mid] < ntotal) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Memory an item of {@code ntotal} bytes takes in memcached's slabs. */
    long footprint(long ntotal) {
        int id = classOf(ntotal);
        if (ntotal <= sizes[id]) {
            return sizes[id];
        }
        return (ntotal + chunkMax - 1) / chunkMax * chunkMax; // a chunked large item
    }
}

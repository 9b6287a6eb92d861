package dev.cachalot.engine.store.type;

import dev.cachalot.engine.store.DataConfig;
import dev.cachalot.engine.store.Heap;

import java.util.Arrays;

/**
 * A list: a ring buffer of elements. OBJECT ENCODING follows Redis 7.2: "listpack" while the list
 * would fit one listpack node of list-max-listpack-size (-2 = 8 KB; a positive value counts
 * entries), "quicklist" beyond, and back to "listpack" when a shrinking list falls under half the
 * limit. The listpack size is tracked with Redis's exact entry sizes.
 */
public final class ListValue extends KeyedValue {

    private static final int[] SIZE_LIMITS = {4096, 8192, 16384, 32768, 65536};

    private byte[][] ring = new byte[8][];
    private int head;
    private int n;
    private long elemBytes;
    private long lpBytes = Listpack.HEADER + Listpack.EOF;
    private boolean quicklist;

    @Override
    public String typeName() {
        return "list";
    }

    @Override
    public String encoding() {
        return quicklist ? "quicklist" : "listpack";
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public long memory() {
        return Heap.refArray(ring.length) + elemBytes;
    }

    @Override
    public ListValue copy() {
        ListValue c = new ListValue();
        c.ring = new byte[Math.max(8, ring.length)][];
        for (int i = 0; i < n; i++) {
            c.ring[i] = get(i).clone();
        }
        c.n = n;
        c.elemBytes = elemBytes;
        c.lpBytes = lpBytes;
        c.quicklist = quicklist;
        return c;
    }

    /** listTypeTryConversionAppend: before adding elements of {@code addBytes} raw bytes in total. */
    public void beforeAdd(long addBytes, int addCount, DataConfig cfg) {
        if (!quicklist && exceeds(cfg.listMaxListpackSize, lpBytes + addBytes, n + addCount, false)) {
            quicklist = true;
        }
    }

    /** listTypeTryConvertQuicklist after removals: back to listpack under half the limit. */
    public void afterRemove(DataConfig cfg) {
        if (quicklist && !exceeds(cfg.listMaxListpackSize, lpBytes, n, true)) {
            quicklist = false;
        }
    }

    private static boolean exceeds(int fill, long bytes, long count, boolean half) {
        if (fill >= 0) {
            long limit = fill == 0 ? 1 : fill;
            if (half) {
                return count > limit / 2;
            }
            return bytes > 8192 || count > limit;
        }
        int off = Math.min(-fill - 1, SIZE_LIMITS.length - 1);
        long limit = SIZE_LIMITS[off];
        return bytes > (half ? limit / 2 : limit);
    }

    public byte[] get(int index) {
        return ring[(head + index) & (ring.length - 1)];
    }

    public void set(int index, byte[] v) {
        int p = (head + index) & (ring.length - 1);
        account(ring[p], -1);
        ring[p] = v;
        account(v, 1);
    }

    private void account(byte[] v, int sign) {
        elemBytes += sign * Heap.byteArray(v.length);
        lpBytes += sign * Listpack.entrySize(v);
    }

    private void grow() {
        if (n == ring.length) {
            byte[][] r = new byte[ring.length * 2][];
            for (int i = 0; i < n; i++) {
                r[i] = get(i);
            }
            ring = r;
            head = 0;
        }
    }

    public void pushHead(byte[] v) {
        grow();
        head = (head - 1) & (ring.length - 1);
        ring[head] = v;
        n++;
        account(v, 1);
    }

    public void pushTail(byte[] v) {
        grow();
        ring[(head + n) & (ring.length - 1)] = v;
        n++;
        account(v, 1);
    }

    public byte[] popHead() {
        byte[] v = ring[head];
        ring[head] = null;
        head = (head + 1) & (ring.length - 1);
        n--;
        account(v, -1);
        shrink();
        return v;
    }

    public byte[] popTail() {
        int p = (head + n - 1) & (ring.length - 1);
        byte[] v = ring[p];
        ring[p] = null;
        n--;
        account(v, -1);
        shrink();
        return v;
    }

    /** Inserts {@code v} before position {@code index} (index = size appends). */
    public void insert(int index, byte[] v) {
        if (index == 0) {
            pushHead(v);
            return;
        }
        pushTail(v);
        for (int i = n - 1; i > index; i--) {
            ring[(head + i) & (ring.length - 1)] = get(i - 1);
        }
        ring[(head + index) & (ring.length - 1)] = v;
    }

    /** Removes the element at {@code index}. */
    public void removeAt(int index) {
        byte[] v = get(index);
        for (int i = index; i < n - 1; i++) {
            ring[(head + i) & (ring.length - 1)] = get(i + 1);
        }
        ring[(head + n - 1) & (ring.length - 1)] = null;
        n--;
        account(v, -1);
    }

    /** Keeps elements [start, end] (inclusive, already clamped; start > end empties). */
    public void trim(int start, int end) {
        if (start > end) {
            while (n > 0) {
                popTail();
            }
            return;
        }
        for (int i = n - 1; i > end; i--) {
            popTail();
        }
        for (int i = 0; i < start; i++) {
            popHead();
        }
    }

    private void shrink() {
        if (ring.length > 64 && n < ring.length / 4) {
            byte[][] r = new byte[ring.length / 2][];
            for (int i = 0; i < n; i++) {
                r[i] = get(i);
            }
            ring = r;
            head = 0;
        }
    }

    /** Elements [from, from + count) as an array. */
    public byte[][] range(int from, int count) {
        byte[][] out = new byte[count][];
        for (int i = 0; i < count; i++) {
            out[i] = get(from + i);
        }
        return out;
    }

    public static boolean equalsAt(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }
}

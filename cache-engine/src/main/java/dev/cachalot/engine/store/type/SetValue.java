package dev.cachalot.engine.store.type;

import dev.cachalot.engine.protocol.resp.MutableLong;
import dev.cachalot.engine.protocol.resp.RespNumbers;
import dev.cachalot.engine.store.DataConfig;
import dev.cachalot.engine.store.Heap;
import dev.cachalot.engine.store.IntList;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A set with Redis 7.2's three encodings and conversion rules: "intset" (sorted longs, while every
 * member is an integer and there are at most set-max-intset-entries), "listpack" (members in
 * insertion order, at most set-max-listpack-entries of at most set-max-listpack-value bytes) and
 * "hashtable" ({@link BytesMap}).
 */
public final class SetValue extends KeyedValue {

    private static final int INTSET = 0;
    private static final int LISTPACK = 1;
    private static final int HASHTABLE = 2;

    private int enc;
    private long[] ints;
    private byte[][] items;
    private long itemBytes;
    private int n;
    private BytesMap map;
    private final MutableLong scratch = new MutableLong();

    private SetValue(int enc, int capacity) {
        this.enc = enc;
        switch (enc) {
            case INTSET -> ints = new long[Math.max(4, capacity)];
            case LISTPACK -> items = new byte[Math.max(4, capacity)][];
            default -> map = new BytesMap(capacity);
        }
    }

    /** Redis's setTypeCreate: the encoding a new set starts with, from its first member and a size hint. */
    public static SetValue create(byte[] first, int sizeHint, DataConfig cfg) {
        if (first != null && isInteger(first, new MutableLong()) && sizeHint <= cfg.setMaxIntsetEntries) {
            return new SetValue(INTSET, Math.min(sizeHint, 16));
        }
        if (sizeHint <= cfg.setMaxListpackEntries) {
            return new SetValue(LISTPACK, Math.min(sizeHint, 16));
        }
        return new SetValue(HASHTABLE, sizeHint);
    }

    /** An empty intset, as Redis's createIntsetObject (store results start so and convert as they grow). */
    public static SetValue intset() {
        return new SetValue(INTSET, 4);
    }

    private static boolean isInteger(byte[] b, MutableLong out) {
        return b.length <= 20 && RespNumbers.string2ll(b, out);
    }

    @Override
    public String typeName() {
        return "set";
    }

    @Override
    public String encoding() {
        return switch (enc) {
            case INTSET -> "intset";
            case LISTPACK -> "listpack";
            default -> "hashtable";
        };
    }

    @Override
    public int size() {
        return enc == HASHTABLE ? map.size() : n;
    }

    @Override
    public long memory() {
        return switch (enc) {
            case INTSET -> Heap.longArray(ints.length);
            case LISTPACK -> Heap.refArray(items.length) + itemBytes;
            default -> map.memory();
        };
    }

    @Override
    public SetValue copy() {
        SetValue c = new SetValue(enc, size());
        c.n = n;
        c.itemBytes = itemBytes;
        switch (enc) {
            case INTSET -> c.ints = ints.clone();
            case LISTPACK -> {
                c.items = new byte[items.length][];
                for (int i = 0; i < n; i++) {
                    c.items[i] = items[i].clone();
                }
            }
            default -> forEach(m -> c.map.put(m.clone(), null));
        }
        return c;
    }

    public boolean contains(ByteBuf buf, int off, int len) {
        if (enc == HASHTABLE) {
            return map.find(buf, off, len) >= 0;
        }
        byte[] b = new byte[len];
        buf.getBytes(off, b);
        return contains(b);
    }

    public boolean contains(byte[] m) {
        switch (enc) {
            case INTSET -> {
                return isInteger(m, scratch) && Arrays.binarySearch(ints, 0, n, scratch.value) >= 0;
            }
            case LISTPACK -> {
                return lpIndex(m) >= 0;
            }
            default -> {
                return map.find(m) >= 0;
            }
        }
    }

    private int lpIndex(byte[] m) {
        for (int i = 0; i < n; i++) {
            if (Arrays.equals(items[i], m)) {
                return i;
            }
        }
        return -1;
    }

    /** Adds a member (setTypeAdd with Redis 7.2's conversions); returns true when it was new. */
    public boolean add(byte[] m, DataConfig cfg) {
        if (enc == INTSET) {
            if (isInteger(m, scratch)) {
                int pos = Arrays.binarySearch(ints, 0, n, scratch.value);
                if (pos >= 0) {
                    return false;
                }
                pos = -pos - 1;
                if (n == ints.length) {
                    ints = Arrays.copyOf(ints, n * 2);
                }
                System.arraycopy(ints, pos, ints, pos + 1, n - pos);
                ints[pos] = scratch.value;
                n++;
                if (n > Math.min(cfg.setMaxIntsetEntries, 1 << 30)) {
                    convert(HASHTABLE);
                }
                return true;
            }
            int maxLen = 0;
            if (n > 0) {
                maxLen = Math.max(RespNumbers.digits(ints[0]), RespNumbers.digits(ints[n - 1]));
            }
            if (n < cfg.setMaxListpackEntries && m.length < cfg.setMaxListpackValue && maxLen < cfg.setMaxListpackValue) {
                convert(LISTPACK);
            } else {
                convert(HASHTABLE);
            }
        }
        if (enc == LISTPACK) {
            if (lpIndex(m) >= 0) {
                return false;
            }
            if (n < cfg.setMaxListpackEntries && m.length <= cfg.setMaxListpackValue) {
                if (n == items.length) {
                    items = Arrays.copyOf(items, n * 2);
                }
                items[n++] = m;
                itemBytes += Heap.byteArray(m.length);
                return true;
            }
            convert(HASHTABLE);
        }
        return map.put(m, null);
    }

    public boolean remove(byte[] m) {
        switch (enc) {
            case INTSET -> {
                if (!isInteger(m, scratch)) {
                    return false;
                }
                int pos = Arrays.binarySearch(ints, 0, n, scratch.value);
                if (pos < 0) {
                    return false;
                }
                System.arraycopy(ints, pos + 1, ints, pos, n - pos - 1);
                n--;
                return true;
            }
            case LISTPACK -> {
                int i = lpIndex(m);
                if (i < 0) {
                    return false;
                }
                removeListpackAt(i);
                return true;
            }
            default -> {
                return map.remove(m);
            }
        }
    }

    private void removeListpackAt(int i) {
        itemBytes -= Heap.byteArray(items[i].length);
        System.arraycopy(items, i + 1, items, i, n - i - 1);
        items[--n] = null;
    }

    private void convert(int to) {
        int size = size();
        byte[][] all = toArray();
        enc = to;
        ints = null;
        items = null;
        map = null;
        n = 0;
        itemBytes = 0;
        if (to == LISTPACK) {
            items = new byte[Math.max(4, size + 1)][];
            for (byte[] m : all) {
                items[n++] = m;
                itemBytes += Heap.byteArray(m.length);
            }
        } else {
            map = new BytesMap(size + 1);
            for (byte[] m : all) {
                map.put(m, null);
            }
        }
    }

    /** Every member, as new arrays for intsets (SMEMBERS, SINTER…). */
    public byte[][] toArray() {
        byte[][] out = new byte[size()][];
        int[] i = {0};
        forEach(m -> out[i[0]++] = m);
        return out;
    }

    public void forEach(Consumer<byte[]> f) {
        switch (enc) {
            case INTSET -> {
                for (int i = 0; i < n; i++) {
                    f.accept(Long.toString(ints[i]).getBytes(StandardCharsets.US_ASCII));
                }
            }
            case LISTPACK -> {
                for (int i = 0; i < n; i++) {
                    f.accept(items[i]);
                }
            }
            default -> {
                for (int s = 0; s < map.capacity(); s++) {
                    byte[] k = map.keyAt(s);
                    if (k != null) {
                        f.accept(k);
                    }
                }
            }
        }
    }

    /** A random member, not removed. */
    public byte[] random(SplittableRandom random) {
        return memberAt(randomIndex(random));
    }

    public int randomIndex(SplittableRandom random) {
        return enc == HASHTABLE ? map.randomSlot(random) : random.nextInt(n);
    }

    public byte[] memberAt(int index) {
        return switch (enc) {
            case INTSET -> Long.toString(ints[index]).getBytes(StandardCharsets.US_ASCII);
            case LISTPACK -> items[index];
            default -> map.keyAt(index);
        };
    }

    /** Removes and returns a random member (SPOP). */
    public byte[] pop(SplittableRandom random) {
        int i = randomIndex(random);
        byte[] m = memberAt(i);
        switch (enc) {
            case INTSET -> {
                System.arraycopy(ints, i + 1, ints, i, n - i - 1);
                n--;
            }
            case LISTPACK -> removeListpackAt(i);
            default -> map.removeSlot(i);
        }
        return m;
    }

    /** SSCAN step: small encodings are returned whole (cursor 0). */
    public long scan(long cursor, IntList slots, Consumer<byte[]> out) {
        if (enc != HASHTABLE) {
            forEach(out);
            return 0;
        }
        slots.clear();
        long next = map.scan(cursor, slots);
        for (int i = 0; i < slots.size(); i++) {
            out.accept(map.keyAt(slots.get(i)));
        }
        return next;
    }

    public boolean isIntset() {
        return enc == INTSET;
    }
}

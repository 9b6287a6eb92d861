package dev.cachalot.engine.store.type;

import dev.cachalot.engine.store.DataConfig;
import dev.cachalot.engine.store.Heap;
import dev.cachalot.engine.store.IntList;
import dev.cachalot.engine.store.KeyHash;
import io.netty.buffer.ByteBuf;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/**
 * A hash. Small hashes use the "listpack" encoding — fields and values alternate in one array in
 * insertion order, looked up by scanning — until they exceed hash-max-listpack-entries fields or a
 * field or value longer than hash-max-listpack-value bytes arrives; then they become a
 * {@link BytesMap} ("hashtable") for good, as in Redis.
 */
public final class HashValue extends KeyedValue {

    /** listpack encoding: f0, v0, f1, v1… (null once converted) */
    private byte[][] lp = new byte[8][];
    private int n;
    private long lpBytes;
    private BytesMap map;

    @Override
    public String typeName() {
        return "hash";
    }

    @Override
    public String encoding() {
        return map == null ? "listpack" : "hashtable";
    }

    public boolean isListpack() {
        return map == null;
    }

    @Override
    public int size() {
        return map == null ? n : map.size();
    }

    @Override
    public long memory() {
        return map == null ? Heap.refArray(lp.length) + lpBytes : map.memory();
    }

    @Override
    public HashValue copy() {
        HashValue c = new HashValue();
        if (map == null) {
            c.lp = new byte[lp.length][];
            for (int i = 0; i < 2 * n; i++) {
                c.lp[i] = lp[i].clone();
            }
            c.n = n;
            c.lpBytes = lpBytes;
        } else {
            c.lp = null;
            c.map = new BytesMap(map.size());
            forEach((f, v) -> c.map.put(f.clone(), v.clone()));
        }
        return c;
    }

    private int lpFind(ByteBuf buf, int off, int len) {
        for (int i = 0; i < n; i++) {
            byte[] f = lp[2 * i];
            if (f.length == len && KeyHash.equals(f, 0, buf, off, len)) {
                return i;
            }
        }
        return -1;
    }

    private int lpFind(byte[] field) {
        for (int i = 0; i < n; i++) {
            if (Arrays.equals(lp[2 * i], field)) {
                return i;
            }
        }
        return -1;
    }

    public byte[] get(ByteBuf buf, int off, int len) {
        if (map == null) {
            int i = lpFind(buf, off, len);
            return i < 0 ? null : lp[2 * i + 1];
        }
        int s = map.find(buf, off, len);
        return s < 0 ? null : (byte[]) map.valAt(s);
    }

    public byte[] get(byte[] field) {
        if (map == null) {
            int i = lpFind(field);
            return i < 0 ? null : lp[2 * i + 1];
        }
        return (byte[]) map.get(field);
    }

    /** Whether a field or value of these lengths forces the hashtable encoding. */
    public void prepareFor(int fieldLen, int valueLen, DataConfig cfg) {
        if (map == null && (fieldLen > cfg.hashMaxListpackValue || valueLen > cfg.hashMaxListpackValue)) {
            convert();
        }
    }

    /** Sets a field; returns true when the field is new. */
    public boolean set(byte[] field, byte[] value, DataConfig cfg) {
        prepareFor(field.length, value.length, cfg);
        if (map != null) {
            return map.put(field, value);
        }
        int i = lpFind(field);
        if (i >= 0) {
            lpBytes += Heap.byteArray(value.length) - Heap.byteArray(lp[2 * i + 1].length);
            lp[2 * i + 1] = value;
            return false;
        }
        if (2 * n + 2 > lp.length) {
            lp = Arrays.copyOf(lp, lp.length * 2);
        }
        lp[2 * n] = field;
        lp[2 * n + 1] = value;
        n++;
        lpBytes += Heap.byteArray(field.length) + Heap.byteArray(value.length);
        if (n > cfg.hashMaxListpackEntries) {
            convert();
        }
        return true;
    }

    public boolean delete(ByteBuf buf, int off, int len) {
        if (map != null) {
            return map.remove(buf, off, len);
        }
        int i = lpFind(buf, off, len);
        if (i < 0) {
            return false;
        }
        lpBytes -= Heap.byteArray(lp[2 * i].length) + Heap.byteArray(lp[2 * i + 1].length);
        System.arraycopy(lp, 2 * i + 2, lp, 2 * i, 2 * (n - i - 1));
        n--;
        lp[2 * n] = null;
        lp[2 * n + 1] = null;
        return true;
    }

    private void convert() {
        BytesMap m = new BytesMap(n);
        for (int i = 0; i < n; i++) {
            m.put(lp[2 * i], lp[2 * i + 1]);
        }
        map = m;
        lp = null;
        n = 0;
        lpBytes = 0;
    }

    /** Every field and value, in listpack order or table order. */
    public void forEach(BiConsumer<byte[], byte[]> f) {
        if (map == null) {
            for (int i = 0; i < n; i++) {
                f.accept(lp[2 * i], lp[2 * i + 1]);
            }
        } else {
            for (int s = 0; s < map.capacity(); s++) {
                byte[] k = map.keyAt(s);
                if (k != null) {
                    f.accept(k, (byte[]) map.valAt(s));
                }
            }
        }
    }

    /** Fields and values as parallel arrays (HRANDFIELD with a count, SORT…). */
    public byte[][][] toArrays() {
        byte[][] fs = new byte[size()][];
        byte[][] vs = new byte[size()][];
        int[] i = {0};
        forEach((f, v) -> {
            fs[i[0]] = f;
            vs[i[0]++] = v;
        });
        return new byte[][][] {fs, vs};
    }

    /** A random field index for {@link #fieldAt}/{@link #valueAt}: listpack position or table slot. */
    public int randomIndex(SplittableRandom random) {
        return map == null ? random.nextInt(n) : map.randomSlot(random);
    }

    public byte[] fieldAt(int index) {
        return map == null ? lp[2 * index] : map.keyAt(index);
    }

    public byte[] valueAt(int index) {
        return map == null ? lp[2 * index + 1] : (byte[]) map.valAt(index);
    }

    /** HSCAN step: a listpack is returned whole (cursor 0); a table one bucket at a time. */
    public long scan(long cursor, IntList slots, BiConsumer<byte[], byte[]> out) {
        if (map == null) {
            forEach(out);
            return 0;
        }
        slots.clear();
        long next = map.scan(cursor, slots);
        for (int i = 0; i < slots.size(); i++) {
            out.accept(map.keyAt(slots.get(i)), (byte[]) map.valAt(slots.get(i)));
        }
        return next;
    }
}

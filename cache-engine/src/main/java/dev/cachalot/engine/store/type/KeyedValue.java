package dev.cachalot.engine.store.type;

import dev.cachalot.engine.store.Heap;

/**
 * A value of one of the container types (hash, list, set, sorted set) as the table stores it: the
 * object carries its key (a string's key lives inside its entry array instead) and an estimate of
 * its heap footprint that it keeps current as it changes, which the database charges against
 * {@code used_memory}.
 */
public abstract class KeyedValue {

    private byte[] key;
    /** Bytes the database has charged for this value; see Database#recharge. */
    private long charged;

    public final byte[] key() {
        return key;
    }

    public final void key(byte[] key) {
        this.key = key;
    }

    public final long charged() {
        return charged;
    }

    public final void charged(long bytes) {
        this.charged = bytes;
    }

    /** The name TYPE reports: "hash", "list", "set", "zset". */
    public abstract String typeName();

    /** The name OBJECT ENCODING reports, following Redis's thresholds. */
    public abstract String encoding();

    public abstract int size();

    /** Estimated heap bytes of the value's own structures, without the key. */
    public abstract long memory();

    /** A deep copy without key (COPY). */
    public abstract KeyedValue copy();

    /** Estimated heap bytes with the key and this object's header fields. */
    public final long totalMemory() {
        return memory() + (key == null ? 0 : Heap.byteArray(key.length)) + Heap.object(Heap.REF + 8);
    }
}

package dev.cachalot.engine.store;

import dev.cachalot.engine.store.type.KeyedValue;
import io.netty.buffer.ByteBuf;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One numbered database: a byte-keyed open-addressing hash table (linear probing, backward-shift
 * deletion, no tombstones) in three parallel arrays — the value, the key's hash, and a meta word
 * holding Redis's 24-bit LRU clock or LFU counter plus flag bits — and an {@link ExpireIndex} of the
 * keys with a time to live.
 *
 * <p>A string is one {@code byte[]} holding key and value ({@link StringEntry}); a container type is
 * a {@link KeyedValue} that carries its key. No other per-key object exists, which is what keeps a
 * key near Redis's memory cost. The table keeps a running estimate of its heap bytes for
 * {@code used_memory}; container commands call {@link #recharge} after changing a value.
 *
 * <p>The table knows nothing of the protocol. Lookups take a key as a slice of any buffer, so a
 * command never copies a key it only reads. Only the data thread may call it. A slot number returned
 * by a lookup stays valid until the next insertion or deletion.
 */
public final class Database {

    public static final int NOT_FOUND = -1;
    private static final int MIN_CAPACITY = 16;
    private static final int MAX_CAPACITY = 1 << 30;

    static final int FLAG_TTL = 1;
    /** The string was changed in place (APPEND, SETRANGE): OBJECT ENCODING says raw whatever its length. */
    static final int FLAG_RAW = 2;

    /** lookup flags */
    private static final int COUNT_STATS = 1;
    private static final int NO_TOUCH = 2;

    private final int id;
    private final Keyspace ks;

    private Object[] vals;
    private int[] hashes;
    private int[] meta;
    private int mask;
    private int size;
    private int growAt;
    private ExpireIndex expires = new ExpireIndex();
    /** Estimated heap bytes of the entries and values (the table arrays are computed). */
    private long bytes;
    /** Estimated bytes of the slot arrays (kept in the keyspace's running total with the entries). */
    private long tableBytes;

    /** Where the last unsuccessful lookup ended: the free slot an insert of that key would take. */
    private int missSlot = -1;
    private int missHash;

    Database(int id, Keyspace ks) {
        this.id = id;
        this.ks = ks;
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
        return expires.size();
    }

    /** Number of slots of the table (a power of two). */
    public int capacity() {
        return mask + 1;
    }

    // ---------------------------------------------------------------------------------------- lookups

    /**
     * Finds a key for a read command: expires it first if its time has passed, counts a keyspace hit
     * or miss and updates the key's LRU/LFU data.
     *
     * @return the slot, or {@link #NOT_FOUND}
     */
    public int lookupRead(ByteBuf buf, int off, int len) {
        return lookup(buf, off, len, COUNT_STATS);
    }

    /** Finds a key for a write command (expires it first if due; no hit/miss counting). */
    public int lookupWrite(ByteBuf buf, int off, int len) {
        return lookup(buf, off, len, 0);
    }

    /** Finds a key without touching its access time or the statistics (OBJECT, TYPE, SCAN…). */
    public int lookupNoTouch(ByteBuf buf, int off, int len) {
        return lookup(buf, off, len, NO_TOUCH);
    }

    public int lookupRead(byte[] key) {
        return lookup(key, COUNT_STATS);
    }

    public int lookupWrite(byte[] key) {
        return lookup(key, 0);
    }

    public int lookupNoTouch(byte[] key) {
        return lookup(key, NO_TOUCH);
    }

    /**
     * Reads what the lookups of a batch of {@code n} keys, given by their hashes, will read first — each
     * home slot's value reference, hash and meta word, then the first bytes of the string entry there —
     * and returns a number that depends on them (so that the JIT keeps the loads). Changes nothing.
     * Called for the keys of a pipelined batch before the batch runs, so that its cache misses overlap
     * instead of coming one command at a time (Valkey 8's batch prefetching, without a prefetch
     * instruction). Two passes, so that the misses of each pass are independent of one another.
     *
     * @param entries scratch space of at least {@code n} elements; left cleared
     */
    public int prefetch(int[] keyHashes, int n, Object[] entries) {
        Object[] vs = vals;
        int[] hs = hashes;
        int[] ms = meta;
        int m = mask;
        int r = 0;
        for (int k = 0; k < n; k++) {
            int idx = keyHashes[k] & m;
            entries[k] = vs[idx];
            r += hs[idx] + ms[idx];
        }
        for (int k = 0; k < n; k++) {
            if (entries[k] instanceof byte[] e && e.length > 0) {
                r += e[0];
            }
            entries[k] = null;
        }
        return r;
    }

    private int lookup(ByteBuf buf, int off, int len, int flags) {
        int h = KeyHash.hash(buf, off, len);
        int slot = probe(h, buf, off, len);
        return afterProbe(slot, flags, buf, off, len, h);
    }

    private int lookup(byte[] key, int flags) {
        int h = KeyHash.hash(key);
        int slot = probe(h, key);
        if (slot >= 0 && (meta[slot] & FLAG_TTL) != 0 && expires.get(vals[slot], h) <= ks.nowMs()) {
            expireSlot(slot);
            slot = probe(h, key);
        }
        return finishLookup(slot, flags);
    }

    private int afterProbe(int slot, int flags, ByteBuf buf, int off, int len, int h) {
        if (slot >= 0 && (meta[slot] & FLAG_TTL) != 0 && expires.get(vals[slot], h) <= ks.nowMs()) {
            expireSlot(slot);
            slot = probe(h, buf, off, len); // recompute the insertion point after the backward shift
        }
        return finishLookup(slot, flags);
    }

    private int finishLookup(int slot, int flags) {
        if (slot < 0) {
            if ((flags & COUNT_STATS) != 0) {
                ks.stats().keyspaceMisses++;
            }
            return NOT_FOUND;
        }
        if ((flags & COUNT_STATS) != 0) {
            ks.stats().keyspaceHits++;
        }
        if ((flags & NO_TOUCH) == 0) {
            touch(slot);
        }
        return slot;
    }

    /** Records an access for LRU/LFU (Redis updates the object's lru field on every lookup). */
    public void touch(int slot) {
        int m = meta[slot];
        if (ks.lfuMode) {
            meta[slot] = (ks.lfuTouch(m >>> 8) << 8) | (m & 0xff);
        } else {
            meta[slot] = (ks.lruClock << 8) | (m & 0xff);
        }
    }

    /** Sets the LRU clock or LFU word of the key in {@code slot} (RESTORE IDLETIME/FREQ). */
    public void lru(int slot, int word) {
        meta[slot] = (word << 8) | (meta[slot] & 0xff);
    }

    /** The LRU clock or LFU word (16-bit minutes and 8-bit counter) of the key in {@code slot}. */
    public int lru(int slot) {
        return meta[slot] >>> 8;
    }

    /** The stored object: a string entry ({@code byte[]}, see {@link StringEntry}) or a {@link KeyedValue}. */
    public Object value(int slot) {
        return vals[slot];
    }

    /** The key of the entry in {@code slot}, copied. */
    public byte[] key(int slot) {
        return keyOf(vals[slot]);
    }

    /** The array that holds the key of {@code slot}; see {@link #keyOffset}. */
    public byte[] keyArray(int slot) {
        Object v = vals[slot];
        return v instanceof byte[] e ? e : ((KeyedValue) v).key();
    }

    public int keyOffset(int slot) {
        return vals[slot] instanceof byte[] e ? StringEntry.keyStart(e) : 0;
    }

    public int keyLength(int slot) {
        Object v = vals[slot];
        return v instanceof byte[] e ? StringEntry.keyLen(e) : ((KeyedValue) v).key().length;
    }

    public static byte[] keyOf(Object v) {
        return v instanceof byte[] e ? StringEntry.key(e) : ((KeyedValue) v).key();
    }

    /** Whether the string in {@code slot} was modified in place (OBJECT ENCODING raw). */
    public boolean rawString(int slot) {
        return (meta[slot] & FLAG_RAW) != 0;
    }

    public void rawString(int slot, boolean raw) {
        meta[slot] = raw ? meta[slot] | FLAG_RAW : meta[slot] & ~FLAG_RAW;
    }

    // ---------------------------------------------------------------------------------------- updates

    /** Inserts a string whose key the immediately preceding lookup did not find. */
    public int insertStringAfterMiss(ByteBuf kbuf, int koff, int klen, ByteBuf vbuf, int voff, int vlen) {
        int h = KeyHash.hash(kbuf, koff, klen);
        return placeAfterMiss(h, StringEntry.of(kbuf, koff, klen, vbuf, voff, vlen));
    }

    /** Inserts a ready string entry whose key the preceding lookup did not find. */
    public int insertEntryAfterMiss(byte[] entry) {
        int h = KeyHash.hash(entry, StringEntry.keyStart(entry), StringEntry.keyLen(entry));
        return placeAfterMiss(h, entry);
    }

    /** Inserts a container value under a key that the preceding lookup did not find; sets its key. */
    public int insertAfterMiss(ByteBuf kbuf, int koff, int klen, KeyedValue value) {
        byte[] key = new byte[klen];
        kbuf.getBytes(koff, key);
        value.key(key);
        return placeAfterMiss(KeyHash.hash(key), value);
    }

    private int placeAfterMiss(int h, Object value) {
        int slot = missSlot;
        if (slot < 0 || missHash != h || vals[slot] != null) {
            slot = freeSlotFor(h);
        }
        return place(slot, h, value);
    }

    /**
     * Inserts or replaces the key of a string entry or a container (whose key must be set); a
     * replaced key loses its time to live.
     */
    public int put(Object value) {
        byte[] key = value instanceof byte[] e ? null : ((KeyedValue) value).key();
        int h = key == null ? KeyHash.hash((byte[]) value, StringEntry.keyStart((byte[]) value), StringEntry.keyLen((byte[]) value))
                : KeyHash.hash(key);
        int idx = h & mask;
        while (vals[idx] != null) {
            if (hashes[idx] == h && sameKey(vals[idx], value)) {
                clearExpire(idx);
                replace(idx, value);
                return idx;
            }
            idx = (idx + 1) & mask;
        }
        return place(idx, h, value);
    }

    /** Puts a string value under {@code key}. */
    public int putString(byte[] key, byte[] value) {
        return put(StringEntry.of(key, value));
    }

    /** Puts a container under {@code key}. */
    public int put(byte[] key, KeyedValue value) {
        value.key(key);
        return put(value);
    }

    /** Replaces the value of the string key in {@code slot}; a same-size value is written in place. */
    public void setString(int slot, ByteBuf vbuf, int voff, int vlen) {
        Object old = vals[slot];
        meta[slot] &= ~FLAG_RAW;
        if (old instanceof byte[] e) {
            int vs = StringEntry.valStart(e);
            if (e.length - vs == vlen) {
                vbuf.getBytes(voff, e, vs, vlen);
                return;
            }
            byte[] ne = Arrays.copyOf(e, vs + vlen);
            vbuf.getBytes(voff, ne, vs, vlen);
            replace(slot, ne);
        } else {
            byte[] ne = StringEntry.allocate(((KeyedValue) old).key(), vlen);
            vbuf.getBytes(voff, ne, ne.length - vlen, vlen);
            replace(slot, ne);
        }
    }

    public void setString(int slot, byte[] value) {
        meta[slot] &= ~FLAG_RAW;
        replace(slot, StringEntry.of(keyOf(vals[slot]), value));
    }

    /** Installs a new string entry array (same key) in {@code slot}, e.g. after APPEND built it. */
    public void setEntry(int slot, byte[] entry) {
        replace(slot, entry);
    }

    /** Replaces the value in {@code slot} with a container, keeping the key and its time to live. */
    public void setValue(int slot, KeyedValue value) {
        value.key(keyOf(vals[slot]));
        meta[slot] &= ~FLAG_RAW;
        replace(slot, value);
    }

    private void replace(int slot, Object nv) {
        Object old = vals[slot];
        account(charge(nv) - charged(old));
        if ((meta[slot] & FLAG_TTL) != 0 && old != nv) {
            expires.replace(old, nv, hashes[slot]);
        }
        vals[slot] = nv;
    }

    /** Brings the byte accounting of a container in the table up to date after it changed. */
    public void recharge(KeyedValue v) {
        long m = v.totalMemory();
        account(m - v.charged());
        v.charged(m);
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
        expires.put(vals[slot], hashes[slot], whenMs);
        if ((meta[slot] & FLAG_TTL) == 0) {
            account(ExpireIndex.ENTRY_BYTES);
        }
        meta[slot] |= FLAG_TTL;
    }

    /** Removes the time to live; returns whether there was one. */
    public boolean clearExpire(int slot) {
        if ((meta[slot] & FLAG_TTL) == 0) {
            return false;
        }
        expires.remove(vals[slot], hashes[slot]);
        account(-ExpireIndex.ENTRY_BYTES);
        meta[slot] &= ~FLAG_TTL;
        return true;
    }

    /** Absolute expiry time in Unix milliseconds, or -1 when the key is persistent. */
    public long expireAt(int slot) {
        return (meta[slot] & FLAG_TTL) == 0 ? -1 : expires.get(vals[slot], hashes[slot]);
    }

    public void deleteSlot(int slot) {
        Object v = vals[slot];
        account(-charged(v));
        if ((meta[slot] & FLAG_TTL) != 0) {
            expires.remove(v, hashes[slot]);
            account(-ExpireIndex.ENTRY_BYTES);
        }
        size--;
        // backward-shift deletion keeps every probe chain unbroken without tombstones
        int i = slot;
        int j = slot;
        for (;;) {
            j = (j + 1) & mask;
            if (vals[j] == null) {
                break;
            }
            int k = hashes[j] & mask;
            boolean movable = i <= j ? (k <= i || k > j) : (k <= i && k > j);
            if (movable) {
                vals[i] = vals[j];
                hashes[i] = hashes[j];
                meta[i] = meta[j];
                i = j;
            }
        }
        vals[i] = null;
        hashes[i] = 0;
        meta[i] = 0;
        missSlot = -1;
        if (size < (mask + 1) >>> 3 && mask + 1 > MIN_CAPACITY) {
            resize((mask + 1) >>> 1);
        }
    }

    /** Deletes a key whose time has come and reports it (lazy and active expiry). */
    void expireSlot(int slot) {
        byte[] key = ks.notifying() ? key(slot) : null;
        deleteSlot(slot);
        ks.stats().expiredKeys++;
        if (key != null) {
            ks.keyExpired(id, key);
        }
    }

    /** Removes every key (FLUSHDB). */
    public void clear() {
        account(-bytes);
        allocate(MIN_CAPACITY);
        expires = new ExpireIndex();
    }

    /** SWAPDB: exchanges the contents (keys, values, times to live) with {@code other}. */
    public void swapContents(Database other) {
        Object[] v = vals; vals = other.vals; other.vals = v;
        int[] h = hashes; hashes = other.hashes; other.hashes = h;
        int[] m = meta; meta = other.meta; other.meta = m;
        int t = mask; mask = other.mask; other.mask = t;
        t = size; size = other.size; other.size = t;
        t = growAt; growAt = other.growAt; other.growAt = t;
        ExpireIndex e = expires; expires = other.expires; other.expires = e;
        long b = bytes; bytes = other.bytes; other.bytes = b;
        long tb = tableBytes; tableBytes = other.tableBytes; other.tableBytes = tb;
        missSlot = -1;
        other.missSlot = -1;
    }

    // ---------------------------------------------------------------------------------------- memory

    /** Estimated heap bytes of this database: table arrays, entries, values and the expiry index. */
    public long memory() {
        return bytes + tableBytes;
    }

    /** Estimated bytes of the entries and values alone (MEMORY STATS dataset). */
    public long datasetBytes() {
        return bytes;
    }

    /** Bytes one key costs in the table (its value plus its share of the slot arrays): MEMORY USAGE. */
    public long usage(int slot) {
        return charged(vals[slot]) + 12L * (mask + 1) / Math.max(1, size);
    }

    private static long charge(Object v) {
        if (v instanceof byte[] e) {
            return Heap.byteArray(e.length);
        }
        KeyedValue kv = (KeyedValue) v;
        long m = kv.totalMemory();
        kv.charged(m);
        return m;
    }

    private static long charged(Object v) {
        return v instanceof byte[] e ? Heap.byteArray(e.length) : ((KeyedValue) v).charged();
    }

    // ---------------------------------------------------------------------------------------- iteration

    /**
     * Appends to {@code out} the slots of every key whose home bucket is {@code cursor & mask} (Redis's
     * dictScan of one bucket) and returns the next cursor in reverse-binary order, 0 when done. A key
     * present for a whole scan is returned at least once even if the table grows or shrinks between
     * calls, as with Redis's SCAN.
     */
    public long scan(long cursor, IntList out) {
        if (size == 0) {
            return 0;
        }
        int m = mask;
        int bucket = (int) (cursor & m);
        int i = bucket;
        while (vals[i] != null) {
            if ((hashes[i] & m) == bucket) {
                out.add(i);
            }
            i = (i + 1) & m;
            if (i == bucket) {
                break;
            }
        }
        return nextCursor(cursor, m);
    }

    /** Redis's reverse-binary cursor increment over a table of {@code mask + 1} buckets. */
    public static long nextCursor(long v, int mask) {
        v |= ~(long) mask;
        v = Long.reverse(v);
        v++;
        return Long.reverse(v);
    }

    /** A random occupied slot, or -1 when empty. */
    public int randomSlot(SplittableRandom random) {
        if (size == 0) {
            return NOT_FOUND;
        }
        int idx = random.nextInt(mask + 1);
        while (vals[idx] == null) {
            idx = (idx + 1) & mask;
        }
        return idx;
    }

    /** Whether {@code slot} holds a key (for walking every slot up to {@link #capacity()}). */
    public boolean occupied(int slot) {
        return vals[slot] != null;
    }

    /** Whether the key in {@code slot} has a time to live that has passed (not deleted; KEYS skips it). */
    public boolean isExpired(int slot, long nowMs) {
        return (meta[slot] & FLAG_TTL) != 0 && expires.get(vals[slot], hashes[slot]) <= nowMs;
    }

    /** Expires the key in {@code slot} if its time has passed; returns whether it did. */
    public boolean expireIfDue(int slot) {
        if (isExpired(slot, ks.nowMs())) {
            expireSlot(slot);
            return true;
        }
        return false;
    }

    /** Index of the key of a volatile entry, for samplers; -1 if gone. */
    int slotOf(Object ref, int h) {
        int idx = h & mask;
        for (;;) {
            Object v = vals[idx];
            if (v == ref) {
                return idx;
            }
            if (v == null) {
                return NOT_FOUND;
            }
            idx = (idx + 1) & mask;
        }
    }

    ExpireIndex expires() {
        return expires;
    }

    int hashAt(int slot) {
        return hashes[slot];
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
        while (expires.size() > 0) {
            int n = Math.min(sample, expires.size());
            int expired = 0;
            for (int i = 0; i < n && expires.size() > 0; i++) {
                int v = random.nextInt(expires.size());
                if (expires.when(v) <= nowMs) {
                    int slot = slotOf(expires.ref(v), expires.hash(v));
                    expireSlot(slot);
                    ks.stats().expiredByCycle++;
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

    /** Average remaining time to live of the volatile keys, sampled, for INFO's avg_ttl. */
    public long averageTtl(long nowMs) {
        int n = expires.size();
        if (n == 0) {
            return 0;
        }
        int step = Math.max(1, n / 1024);
        long sum = 0;
        int count = 0;
        for (int v = 0; v < n; v += step) {
            long ttl = expires.when(v) - nowMs;
            if (ttl > 0) {
                sum += ttl;
            }
            count++;
        }
        return count == 0 ? 0 : sum / count;
    }

    // ---------------------------------------------------------------------------------------- internals

    private static boolean keyMatches(Object v, ByteBuf buf, int off, int len) {
        if (v instanceof byte[] e) {
            int b0 = e[0];
            if (b0 >= 0) {
                return b0 == len && KeyHash.equals(e, 1, buf, off, len);
            }
            return StringEntry.keyLen(e) == len && KeyHash.equals(e, StringEntry.keyStart(e), buf, off, len);
        }
        byte[] k = ((KeyedValue) v).key();
        return k.length == len && KeyHash.equals(k, 0, buf, off, len);
    }

    private static boolean keyMatches(Object v, byte[] key) {
        if (v instanceof byte[] e) {
            int ks = StringEntry.keyStart(e);
            return StringEntry.keyLen(e) == key.length && Arrays.equals(e, ks, ks + key.length, key, 0, key.length);
        }
        return Arrays.equals(((KeyedValue) v).key(), key);
    }

    private static boolean sameKey(Object a, Object b) {
        if (b instanceof byte[] e) {
            int ks = StringEntry.keyStart(e);
            return keyMatches(a, Arrays.copyOfRange(e, ks, ks + StringEntry.keyLen(e)));
        }
        return keyMatches(a, ((KeyedValue) b).key());
    }

    private int probe(int h, ByteBuf buf, int off, int len) {
        int idx = h & mask;
        Object[] vs = vals;
        for (;;) {
            Object v = vs[idx];
            if (v == null) {
                missSlot = idx;
                missHash = h;
                return NOT_FOUND;
            }
            if (hashes[idx] == h && keyMatches(v, buf, off, len)) {
                return idx;
            }
            idx = (idx + 1) & mask;
        }
    }

    private int probe(int h, byte[] key) {
        int idx = h & mask;
        for (;;) {
            Object v = vals[idx];
            if (v == null) {
                missSlot = idx;
                missHash = h;
                return NOT_FOUND;
            }
            if (hashes[idx] == h && keyMatches(v, key)) {
                return idx;
            }
            idx = (idx + 1) & mask;
        }
    }

    private int freeSlotFor(int h) {
        int idx = h & mask;
        while (vals[idx] != null) {
            idx = (idx + 1) & mask;
        }
        return idx;
    }

    private int place(int slot, int h, Object value) {
        vals[slot] = value;
        hashes[slot] = h;
        meta[slot] = ks.initialLru() << 8;
        account(charge(value));
        missSlot = -1;
        if (ks.notifying()) {
            ks.keyCreated(id, keyOf(value));
        }
        if (ks.blocked().blockedClients() > 0 && !(value instanceof byte[])) {
            // Redis's dbAdd signals every new key: clients blocked on it (lists, sorted sets) may go on
            byte[] k = ((KeyedValue) value).key();
            ks.blocked().signalReady(id, k, 0, k.length);
        }
        if (++size >= growAt && mask + 1 < MAX_CAPACITY) {
            resize((mask + 1) << 1);
            return slotOf(value, h);
        }
        return slot;
    }

    /** Entry bytes changed by {@code delta}: this database's and the keyspace's running totals. */
    private void account(long delta) {
        bytes += delta;
        ks.dataBytes += delta;
    }

    private void allocate(int capacity) {
        long t = Heap.refArray(capacity) + 2 * Heap.intArray(capacity);
        ks.dataBytes += t - tableBytes;
        tableBytes = t;
        vals = new Object[capacity];
        hashes = new int[capacity];
        meta = new int[capacity];
        mask = capacity - 1;
        size = 0;
        growAt = capacity - (capacity >>> 2);
        missSlot = -1;
    }

    private void resize(int capacity) {
        Object[] oldVals = vals;
        int[] oldHashes = hashes;
        int[] oldMeta = meta;
        int count = size;
        allocate(capacity);
        for (int i = 0; i < oldVals.length; i++) {
            Object v = oldVals[i];
            if (v != null) {
                int idx = oldHashes[i] & mask;
                while (vals[idx] != null) {
                    idx = (idx + 1) & mask;
                }
                vals[idx] = v;
                hashes[idx] = oldHashes[i];
                meta[idx] = oldMeta[i];
            }
        }
        size = count;
    }
}

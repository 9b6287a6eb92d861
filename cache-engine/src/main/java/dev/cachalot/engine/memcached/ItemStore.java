package dev.cachalot.engine.memcached;

import io.netty.buffer.ByteBuf;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The items of a memcached node, stored compactly: one {@code byte[]} per item holding a 22-byte header
 * (client flags, expiry, last access, CAS, key length, item flags), the key and the value; an
 * open-hashing index and a doubly linked LRU list kept in parallel {@code int[]} arrays indexed by slot,
 * so there is no object per item beyond its array. About 40 bytes of overhead per item on top of key
 * and value.
 *
 * <p>Semantics follow memcached 1.6's {@code items.c}/{@code do_store_item}: lazy expiry and flush on
 * access, a periodic crawl that reclaims expired items, LRU eviction (with memcached's counters) when
 * the memory limit is reached, memory accounted at memcached's slab chunk sizes. Keys are looked up
 * straight from the receive buffer; a same-size SET overwrites the item in place, so the steady state of
 * a get/set workload allocates nothing. Not thread-safe: the node's single event loop owns it.
 */
final class ItemStore {

    static final int OFF_FLAGS = 0;
    static final int OFF_EXPTIME = 4;
    static final int OFF_TIME = 8;
    static final int OFF_CAS = 12;
    static final int OFF_NKEY = 20;
    static final int OFF_IFLAGS = 21;
    static final int HDR = 22;

    static final int F_FETCHED = 1;
    static final int F_TOKEN_SENT = 2;
    static final int F_STALE = 4;
    static final int F_KEY_BINARY = 8;
    /** Fetched since it was last at the LRU tail: gets a second chance before eviction. */
    static final int F_ACTIVE = 16;

    /** Store modes (memcached's NREAD_*). */
    static final int SET = 1;
    static final int ADD = 2;
    static final int REPLACE = 3;
    static final int APPEND = 4;
    static final int PREPEND = 5;
    static final int CAS = 6;

    /** Results (memcached's store_item_type and delta_result_type). */
    static final int STORED = 0;
    static final int NOT_STORED = 1;
    static final int EXISTS = 2;
    static final int NOT_FOUND = 3;
    static final int TOO_LARGE = 4;
    static final int NO_MEMORY = 5;
    static final int NON_NUMERIC = 6;

    static final int KEY_MAX_LENGTH = 250;
    /** memcached bumps an item's last-access time at most once a minute. */
    private static final int ITEM_UPDATE_INTERVAL = 60;
    private static final int EVICTION_SEARCH = 5;
    /** Active items moved back to the head per allocation at most, so one store never walks the whole list. */
    private static final int MAX_SECOND_CHANCES = 64;

    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int INITIAL_SLOTS = 1024;

    final MemcachedClock clock;
    final MemcachedStats stats;
    final SlabClasses slabs;
    /** Settings that may change at run time ({@code config set}). */
    long maxItemSize;
    boolean errorOnMemoryExhausted;
    boolean expireZeroDoesNotEvict;
    private long maxBytes;
    private final boolean casEnabled;

    private byte[][] items = new byte[INITIAL_SLOTS][];
    /**
     * The next entry of the slot's bucket as {@code hash << 32 | slot + 1} (0 = end), so that a lookup
     * compares hashes without touching the next item; for free slots, the next free slot plus one.
     */
    private long[] chain = new long[INITIAL_SLOTS];
    private int[] lruPrev = new int[INITIAL_SLOTS];
    private int[] lruNext = new int[INITIAL_SLOTS];
    /** The first entry of each bucket, {@code hash << 32 | slot + 1} (0 = empty). */
    private long[] buckets = new long[INITIAL_SLOTS * 2];
    private int mask = buckets.length - 1;
    private int highWater;
    private int freeList; // slot + 1
    private int lruHead = -1;
    private int lruTail = -1;

    private int count;
    private long bytes;
    private long memUsed;
    private long casCounter;
    /** memcached's settings.oldest_live and oldest_cas, set by flush_all with a delay. */
    private int oldestLive;
    private int crawlCursor;

    // per slab class, for stats items / stats slabs
    final long[] classItems = new long[SlabClasses.MAX_CLASSES];
    final long[] classRequested = new long[SlabClasses.MAX_CLASSES];
    final long[] classEvicted = new long[SlabClasses.MAX_CLASSES];
    final long[] classEvictedNonzero = new long[SlabClasses.MAX_CLASSES];
    final long[] classReclaimed = new long[SlabClasses.MAX_CLASSES];
    final long[] classOutOfMemory = new long[SlabClasses.MAX_CLASSES];
    final long[] classExpiredUnfetched = new long[SlabClasses.MAX_CLASSES];
    final long[] classEvictedUnfetched = new long[SlabClasses.MAX_CLASSES];
    final long[] classGetHits = new long[SlabClasses.MAX_CLASSES];
    final long[] classCmdSet = new long[SlabClasses.MAX_CLASSES];
    final long[] classDeleteHits = new long[SlabClasses.MAX_CLASSES];
    final long[] classIncrHits = new long[SlabClasses.MAX_CLASSES];
    final long[] classDecrHits = new long[SlabClasses.MAX_CLASSES];
    final long[] classCasHits = new long[SlabClasses.MAX_CLASSES];
    final long[] classCasBadval = new long[SlabClasses.MAX_CLASSES];
    final long[] classTouchHits = new long[SlabClasses.MAX_CLASSES];

    /** The CAS unique of the item last stored or changed (memcached's c->cas). */
    long lastCas;
    /** The value written by the last successful {@link #delta}, as ASCII digits. */
    final byte[] deltaDigits = new byte[20];
    int deltaLength;

    ItemStore(MemcachedClock clock, MemcachedStats stats, MemcachedOptions options, long maxBytes) {
        this.clock = clock;
        this.stats = stats;
        this.maxItemSize = options.maxItemSize();
        this.errorOnMemoryExhausted = options.errorOnMemoryExhausted();
        this.expireZeroDoesNotEvict = options.expireZeroDoesNotEvict();
        this.slabs = new SlabClasses(options.chunkSize(), options.growthFactor(), options.maxItemSize());
        this.maxBytes = maxBytes;
        this.casEnabled = !options.casDisabled();
        Arrays.fill(lruPrev, -1);
        Arrays.fill(lruNext, -1);
    }

    long maxBytes() {
        return maxBytes;
    }

    void maxBytes(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    int count() {
        return count;
    }

    long bytes() {
        return bytes;
    }

    long memUsed() {
        return memUsed;
    }

    int hashPowerLevel() {
        return Integer.numberOfTrailingZeros(buckets.length);
    }

    long hashBytes() {
        return (long) buckets.length * Long.BYTES;
    }

    boolean casEnabled() {
        return casEnabled;
    }

    // ---- item accessors ----

    byte[] item(int slot) {
        return items[slot];
    }

    static int flags(byte[] it) {
        return (int) I32.get(it, OFF_FLAGS);
    }

    static int exptime(byte[] it) {
        return (int) I32.get(it, OFF_EXPTIME);
    }

    static void exptime(byte[] it, int exptime) {
        I32.set(it, OFF_EXPTIME, exptime);
    }

    static int time(byte[] it) {
        return (int) I32.get(it, OFF_TIME);
    }

    static long cas(byte[] it) {
        return (long) I64.get(it, OFF_CAS);
    }

    static void cas(byte[] it, long cas) {
        I64.set(it, OFF_CAS, cas);
    }

    static int nkey(byte[] it) {
        return it[OFF_NKEY] & 0xFF;
    }

    static int itemFlags(byte[] it) {
        return it[OFF_IFLAGS];
    }

    static void itemFlags(byte[] it, int f) {
        it[OFF_IFLAGS] = (byte) f;
    }

    static int valueOffset(byte[] it) {
        return HDR + nkey(it);
    }

    static int valueLength(byte[] it) {
        return it.length - HDR - nkey(it);
    }

    /** memcached's ITEM_ntotal: header, key and its NUL, client flags if any, value and CRLF, CAS. */
    long ntotal(int nkey, int flags, long vlen) {
        return SlabClasses.ITEM_HEADER + nkey + 1 + (flags != 0 ? 4 : 0) + vlen + 2 + (casEnabled ? SlabClasses.CAS_SIZE : 0);
    }

    private long ntotal(byte[] it) {
        return ntotal(nkey(it), flags(it), valueLength(it));
    }

    /** Whether an item of this shape fits memcached's item size limit. */
    boolean sizeOk(int nkey, int flags, long vlen) {
        return ntotal(nkey, flags, vlen) <= maxItemSize;
    }

    long nextCas() {
        return casEnabled ? ++casCounter : 0;
    }

    // ---- hashing ----

    /** A 32-bit hash of a key in a buffer; {@link #hash(byte[], int, int)} gives the same value. */
    static int hash(ByteBuf buf, int off, int len) {
        long h = 0x9E3779B97F4A7C15L ^ len;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            h = mix(h ^ buf.getLongLE(off + i));
        }
        long tail = 0;
        for (int s = 0; i < len; i++, s += 8) {
            tail |= (buf.getByte(off + i) & 0xFFL) << s;
        }
        h = mix(h ^ tail);
        return (int) (h ^ (h >>> 32));
    }

    static int hash(byte[] key, int off, int len) {
        long h = 0x9E3779B97F4A7C15L ^ len;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            h = mix(h ^ (long) I64.get(key, off + i));
        }
        long tail = 0;
        for (int s = 0; i < len; i++, s += 8) {
            tail |= (key[off + i] & 0xFFL) << s;
        }
        h = mix(h ^ tail);
        return (int) (h ^ (h >>> 32));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }

    private static boolean keyEquals(byte[] it, ByteBuf buf, int off, int len) {
        if ((it[OFF_NKEY] & 0xFF) != len) {
            return false;
        }
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            if ((long) I64.get(it, HDR + i) != buf.getLongLE(off + i)) {
                return false;
            }
        }
        for (; i < len; i++) {
            if (it[HDR + i] != buf.getByte(off + i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean keyEquals(byte[] it, byte[] key, int off, int len) {
        return nkey(it) == len && Arrays.equals(it, HDR, HDR + len, key, off, off + len);
    }

    // ---- lookup ----

    private int find(ByteBuf buf, int off, int len, int hash) {
        long e = buckets[hash & mask];
        while (e != 0) {
            int s = (int) e - 1;
            if ((int) (e >>> 32) == hash && keyEquals(items[s], buf, off, len)) {
                return s;
            }
            e = chain[s];
        }
        return -1;
    }

    private int find(byte[] key, int off, int len, int hash) {
        long e = buckets[hash & mask];
        while (e != 0) {
            int s = (int) e - 1;
            if ((int) (e >>> 32) == hash && keyEquals(items[s], key, off, len)) {
                return s;
            }
            e = chain[s];
        }
        return -1;
    }

    private static long entry(int hash, int slot) {
        return ((long) hash << 32) | ((slot + 1) & 0xFFFFFFFFL);
    }

    /**
     * The live item with this key, or -1; an expired or flushed item found on the way is removed
     * (memcached's do_item_get). Does not touch the LRU.
     */
    int get(ByteBuf buf, int off, int len) {
        // one copy of the key, then hashing and comparing run on a plain array (no buffer checks per read)
        byte[] key = keyScratch;
        buf.getBytes(off, key, 0, len);
        int hash = hash(key, 0, len);
        int s = find(key, 0, len, hash);
        return s < 0 ? -1 : checkLive(s);
    }

    /** The key of the current lookup (memcached keys are at most 250 bytes; binary ones up to 65535). */
    private final byte[] keyScratch = new byte[65536];

    int get(byte[] key, int off, int len) {
        int hash = hash(key, off, len);
        int s = find(key, off, len, hash);
        return s < 0 ? -1 : checkLive(s);
    }

    private int checkLive(int s) {
        byte[] it = items[s];
        if (isFlushed(it)) {
            stats.getFlushed++;
            unlink(s);
            return -1;
        }
        if (clock.expired(exptime(it))) {
            stats.getExpired++;
            if ((itemFlags(it) & F_FETCHED) == 0) {
                stats.expiredUnfetched++;
                classExpiredUnfetched[slabs.classOf(ntotal(it))]++;
            }
            unlink(s);
            return -1;
        }
        return s;
    }

    private boolean isFlushed(byte[] it) {
        int live = oldestLive;
        return live != 0 && Integer.compareUnsigned(live, clock.now()) <= 0
                && Integer.compareUnsigned(time(it), live) <= 0;
    }

    /**
     * A hit (memcached's do_item_bump): marks the item fetched and active, and refreshes its last-access
     * time at most once a minute, as memcached does. It is not moved in the LRU list now: an active
     * item that reaches the tail gets a second chance (moved to the head, the mark cleared) instead of
     * being evicted — memcached's segmented LRU does the same with its ACTIVE flag — so a get costs no
     * list update and touches only the item.
     */
    void bump(int slot) {
        byte[] it = items[slot];
        it[OFF_IFLAGS] |= F_FETCHED | F_ACTIVE;
        int now = clock.now();
        if (time(it) < now - ITEM_UPDATE_INTERVAL) {
            I32.set(it, OFF_TIME, now);
        }
    }

    /** An update that counts as an access (memcached's do_item_update): new last-access time, LRU head. */
    void touchAccess(int slot) {
        I32.set(items[slot], OFF_TIME, clock.now());
        moveToHead(slot);
    }

    int classOf(int slot) {
        return slabs.classOf(ntotal(items[slot]));
    }

    // ---- storage ----

    /**
     * memcached's do_store_item for a value that is in {@code buf}: SET, ADD, REPLACE, APPEND, PREPEND or CAS.
     *
     * @param casIn     the CAS the client gave (CAS mode; APPEND/PREPEND check it when non-zero)
     * @param setStale  meta set with I: a CAS mismatch with an older CAS stores the value as stale
     * @param newCas    the CAS unique to give the stored item, 0 = the next one (meta E flag)
     * @return STORED, NOT_STORED, EXISTS, NOT_FOUND, TOO_LARGE or NO_MEMORY; {@link #lastCas} on STORED
     */
    int store(int mode, ByteBuf kb, int keyOff, int keyLen, int flags, int exptime,
              ByteBuf buf, int valOff, int valLen, long casIn, boolean setStale, long newCas, boolean keyBinary) {
        if (!sizeOk(keyLen, flags, valLen)) {
            return TOO_LARGE;
        }
        byte[] key = keyScratch;
        kb.getBytes(keyOff, key, 0, keyLen);
        int hash = hash(key, 0, keyLen);
        int old = find(key, 0, keyLen, hash);
        if (old >= 0) {
            old = checkLive(old);
        }
        int clsid = slabs.classOf(ntotal(keyLen, flags, valLen));
        classCmdSet[clsid]++;
        switch (mode) {
            case ADD -> {
                if (old >= 0) {
                    touchAccess(old); // add only adds a nonexistent item, but promotes the existing one
                    return NOT_STORED;
                }
            }
            case REPLACE, APPEND, PREPEND -> {
                if (old < 0) {
                    return NOT_STORED;
                }
            }
            case CAS -> {
                if (old < 0) {
                    stats.casMisses++;
                    return NOT_FOUND;
                }
                long current = cas(items[old]);
                if (casIn != current) {
                    if (setStale && Long.compareUnsigned(casIn, current) < 0) {
                        byte[] prev = items[old];
                        int stale = F_STALE | (itemFlags(prev) & F_TOKEN_SENT);
                        int r = replaceValue(old, hash, kb, keyOff, keyLen, flags, exptime(prev), buf, valOff, valLen,
                                newCas, keyBinary);
                        if (r == STORED) {
                            itemFlags(items[old], itemFlags(items[old]) | stale);
                            stats.casHits++;
                            classCasHits[clsid]++;
                        }
                        return r;
                    }
                    stats.casBadval++;
                    classCasBadval[clsid]++;
                    return EXISTS;
                }
                stats.casHits++;
                classCasHits[clsid]++;
            }
            default -> {
            }
        }
        if (mode == APPEND || mode == PREPEND) {
            byte[] prev = items[old];
            if (casIn != 0 && casIn != cas(prev)) {
                return EXISTS;
            }
            int oldLen = valueLength(prev);
            long total = (long) oldLen + valLen;
            if (!sizeOk(keyLen, flags(prev), total)) {
                return NOT_STORED;
            }
            byte[] it = newItem(kb, keyOff, keyLen, flags(prev), exptime(prev), (int) total);
            if (!makeRoom(footprint(it) - footprint(prev), old)) {
                return NOT_STORED;
            }
            int vo = HDR + keyLen;
            if (mode == APPEND) {
                System.arraycopy(prev, valueOffset(prev), it, vo, oldLen);
                buf.getBytes(valOff, it, vo + oldLen, valLen);
            } else {
                buf.getBytes(valOff, it, vo, valLen);
                System.arraycopy(prev, valueOffset(prev), it, vo + valLen, oldLen);
            }
            itemFlags(it, itemFlags(prev) & F_KEY_BINARY);
            cas(it, newCas != 0 ? newCas : nextCas());
            replaceSlot(old, it);
            lastCas = cas(it);
            stats.totalItems++;
            return STORED;
        }
        if (old >= 0) {
            return replaceValue(old, hash, kb, keyOff, keyLen, flags, exptime, buf, valOff, valLen, newCas, keyBinary);
        }
        byte[] it = newItem(kb, keyOff, keyLen, flags, exptime, valLen);
        if (!makeRoom(footprint(it), -1)) {
            stats.storeNoMemory++;
            classOutOfMemory[clsid]++;
            return NO_MEMORY;
        }
        buf.getBytes(valOff, it, HDR + keyLen, valLen);
        if (keyBinary) {
            itemFlags(it, F_KEY_BINARY);
        }
        cas(it, newCas != 0 ? newCas : nextCas());
        link(it, hash);
        lastCas = cas(it);
        stats.totalItems++;
        return STORED;
    }

    /** Replaces the item in {@code slot} with a new value, in place when the size is unchanged. */
    private int replaceValue(int slot, int hash, ByteBuf kb, int keyOff, int keyLen, int flags, int exptime,
                             ByteBuf buf, int valOff, int valLen, long newCas, boolean keyBinary) {
        byte[] prev = items[slot];
        byte[] it;
        if (prev.length == HDR + keyLen + valLen && (flags != 0) == (flags(prev) != 0)) {
            it = prev; // same footprint: overwrite, allocating nothing
            I32.set(it, OFF_FLAGS, flags);
            exptime(it, exptime);
            I32.set(it, OFF_TIME, clock.now());
            buf.getBytes(valOff, it, HDR + keyLen, valLen);
            itemFlags(it, keyBinary ? F_KEY_BINARY : 0);
            cas(it, newCas != 0 ? newCas : nextCas());
            moveToHead(slot);
        } else {
            it = newItem(kb, keyOff, keyLen, flags, exptime, valLen);
            if (!makeRoom(footprint(it) - footprint(prev), slot)) {
                stats.storeNoMemory++;
                classOutOfMemory[slabs.classOf(ntotal(it))]++;
                // memcached unlinks the old value of a SET it cannot store, so no stale data remains
                unlink(slot);
                return NO_MEMORY;
            }
            buf.getBytes(valOff, it, HDR + keyLen, valLen);
            if (keyBinary) {
                itemFlags(it, F_KEY_BINARY);
            }
            cas(it, newCas != 0 ? newCas : nextCas());
            replaceSlot(slot, it);
        }
        lastCas = cas(it);
        stats.totalItems++;
        return STORED;
    }

    private byte[] newItem(ByteBuf buf, int keyOff, int keyLen, int flags, int exptime, int valLen) {
        byte[] it = new byte[HDR + keyLen + valLen];
        I32.set(it, OFF_FLAGS, flags);
        I32.set(it, OFF_EXPTIME, exptime);
        I32.set(it, OFF_TIME, clock.now());
        it[OFF_NKEY] = (byte) keyLen;
        buf.getBytes(keyOff, it, HDR, keyLen);
        return it;
    }

    /**
     * Creates an empty item for a key that has none (meta get with N: autovivify), with the given
     * expiry; returns its slot, or -1 when memory cannot be found.
     */
    int vivify(ByteBuf buf, int keyOff, int keyLen, int exptime, long newCas, boolean keyBinary) {
        byte[] it = newItem(buf, keyOff, keyLen, 0, exptime, 0);
        if (!makeRoom(footprint(it), -1)) {
            return -1;
        }
        if (keyBinary) {
            itemFlags(it, F_KEY_BINARY);
        }
        cas(it, newCas != 0 ? newCas : nextCas());
        int slot = link(it, hash(buf, keyOff, keyLen));
        stats.totalItems++;
        return slot;
    }

    /** Stores a number as a new item (meta arithmetic with N: autovivify); returns its slot or -1. */
    int storeNumber(ByteBuf buf, int keyOff, int keyLen, int exptime, long value, long newCas, boolean keyBinary) {
        deltaLength = formatUnsigned(value, deltaDigits);
        byte[] it = newItem(buf, keyOff, keyLen, 0, exptime, deltaLength);
        if (!makeRoom(footprint(it), -1)) {
            return -1;
        }
        System.arraycopy(deltaDigits, 0, it, HDR + keyLen, deltaLength);
        if (keyBinary) {
            itemFlags(it, F_KEY_BINARY);
        }
        cas(it, newCas != 0 ? newCas : nextCas());
        lastCas = cas(it);
        int slot = link(it, hash(buf, keyOff, keyLen));
        stats.totalItems++;
        return slot;
    }

    /**
     * incr/decr of the live item in {@code slot} (memcached's do_add_delta): the value must be a decimal
     * unsigned 64-bit number; incr wraps around, decr stops at 0. A result that fits is written in place,
     * padded with spaces as memcached does. The new value is in {@link #deltaDigits}.
     *
     * @return STORED, NON_NUMERIC, EXISTS (CAS mismatch) or NO_MEMORY
     */
    int delta(int slot, boolean incr, long delta, long casIn, long newCas) {
        byte[] it = items[slot];
        int vlen = valueLength(it);
        if (vlen == 0) {
            return NON_NUMERIC;
        }
        if (casIn != 0 && casIn != cas(it)) {
            return EXISTS;
        }
        long value = parseUnsigned(it, valueOffset(it), vlen);
        if (value == PARSE_FAILED && parseFailed) {
            return NON_NUMERIC;
        }
        if (incr) {
            value += delta;
        } else {
            value = Long.compareUnsigned(delta, value) > 0 ? 0 : value - delta;
        }
        int clsid = slabs.classOf(ntotal(it));
        if (incr) {
            classIncrHits[clsid]++;
        } else {
            classDecrHits[clsid]++;
        }
        deltaLength = formatUnsigned(value, deltaDigits);
        if (deltaLength <= vlen) {
            int vo = valueOffset(it);
            System.arraycopy(deltaDigits, 0, it, vo, deltaLength);
            Arrays.fill(it, vo + deltaLength, vo + vlen, (byte) ' ');
            cas(it, newCas != 0 ? newCas : nextCas());
            touchAccess(slot);
        } else {
            int nkey = nkey(it);
            byte[] grown = new byte[HDR + nkey + deltaLength];
            System.arraycopy(it, 0, grown, 0, HDR + nkey);
            System.arraycopy(deltaDigits, 0, grown, HDR + nkey, deltaLength);
            I32.set(grown, OFF_TIME, clock.now());
            if (!makeRoom(footprint(grown) - footprint(it), slot)) {
                return NO_MEMORY;
            }
            cas(grown, newCas != 0 ? newCas : nextCas());
            replaceSlot(slot, grown);
            it = grown;
        }
        lastCas = cas(it);
        return STORED;
    }

    private static final long PARSE_FAILED = 0;
    private boolean parseFailed;

    /**
     * C's strtoull as memcached's safe_strtoull uses it on an item's value: leading white space, an
     * optional sign, decimal digits, then white space or the end; overflow and negative numbers fail.
     */
    private long parseUnsigned(byte[] a, int off, int len) {
        parseFailed = true;
        int i = off;
        int end = off + len;
        while (i < end && isSpace(a[i])) {
            i++;
        }
        boolean negative = false;
        if (i < end && (a[i] == '+' || a[i] == '-')) {
            negative = a[i] == '-';
            i++;
        }
        int digitsStart = i;
        long value = 0;
        boolean overflow = false;
        while (i < end && a[i] >= '0' && a[i] <= '9') {
            int d = a[i] - '0';
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - d, 10)) > 0) {
                overflow = true;
            }
            value = value * 10 + d;
            i++;
        }
        if (i == digitsStart || overflow) {
            return PARSE_FAILED;
        }
        if (i < end && !isSpace(a[i])) {
            return PARSE_FAILED; // the value's CRLF terminator counts as white space, any other byte does not
        }
        if (negative) {
            value = -value;
            if (value < 0) {
                return PARSE_FAILED;
            }
        }
        parseFailed = false;
        return value;
    }

    static boolean isSpace(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }

    /** Writes an unsigned 64-bit number in decimal; returns its length. */
    static int formatUnsigned(long v, byte[] out) {
        if (v >= 0 && v < 10) {
            out[0] = (byte) ('0' + v);
            return 1;
        }
        int n = 0;
        if (v < 0) { // above Long.MAX_VALUE as an unsigned number: peel one digit off without overflow
            long q = Long.divideUnsigned(v, 10);
            out[19] = (byte) ('0' + (v - q * 10));
            v = q;
            n = 1;
        }
        int end = 20 - n;
        int i = end;
        while (v > 0) {
            out[--i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        int len = end - i + n;
        System.arraycopy(out, i, out, 0, len);
        return len;
    }

    /** touch/gat: new expiry time of a live item; counts as an access. */
    void touch(int slot, int exptime) {
        exptime(items[slot], exptime);
        classTouchHits[classOf(slot)]++;
        touchAccess(slot);
    }

    /** delete: removes a live item. */
    void delete(int slot) {
        classDeleteHits[classOf(slot)]++;
        unlink(slot);
    }

    /**
     * flush_all: with no delay everything goes now; with a delay, items not accessed since the
     * moment the flush takes effect become invisible then (memcached's oldest_live).
     */
    void flush(int delayRealtime) {
        int live = (delayRealtime == 0 ? clock.now() : delayRealtime) - 1;
        oldestLive = live;
        if (Integer.compareUnsigned(live, clock.now()) <= 0) {
            nextCas(); // memcached takes a CAS value as the flush's "oldest_cas": everything older is gone
            if (live != 0) { // memcached's oldest_live 0 means "no flush"
                clear();
            }
        }
    }

    private void clear() {
        Arrays.fill(items, 0, highWater, null);
        Arrays.fill(buckets, 0);
        Arrays.fill(lruPrev, 0, highWater, -1);
        Arrays.fill(lruNext, 0, highWater, -1);
        highWater = 0;
        freeList = 0;
        lruHead = lruTail = -1;
        count = 0;
        bytes = 0;
        memUsed = 0;
        Arrays.fill(classItems, 0);
        Arrays.fill(classRequested, 0);
        crawlCursor = 0;
    }

    /**
     * A slice of memcached's LRU crawler: looks at up to {@code budget} slots, removing expired and
     * flushed items, so curr_items and memory recover without a client touching them.
     */
    void crawl(int budget) {
        if (highWater == 0) {
            return;
        }
        for (int n = 0; n < budget; n++) {
            if (crawlCursor >= highWater) {
                crawlCursor = 0;
                return;
            }
            int s = crawlCursor++;
            byte[] it = items[s];
            if (it == null) {
                continue;
            }
            stats.crawlerItemsChecked++;
            if (isFlushed(it) || clock.expired(exptime(it))) {
                stats.crawlerReclaimed++;
                unlink(s);
            }
        }
    }

    // ---- memory ----

    private long footprint(byte[] it) {
        return slabs.footprint(ntotal(it));
    }

    /**
     * Makes room for {@code need} more bytes of slab memory by reclaiming expired items and evicting
     * from the LRU tail, never the item in {@code protect}. False when it cannot (memcached's
     * "out of memory storing object").
     */
    private boolean makeRoom(long need, int protect) {
        if (need <= 0) {
            return true;
        }
        int searches = 0;
        int secondChances = 0;
        while (memUsed + need > maxBytes) {
            int s = lruTail;
            int tries = 0;
            boolean freed = false;
            while (s >= 0 && tries < EVICTION_SEARCH) {
                int prevSlot = lruPrev[s];
                if (s != protect) {
                    byte[] it = items[s];
                    int cls = slabs.classOf(ntotal(it));
                    if (isFlushed(it) || clock.expired(exptime(it))) {
                        stats.reclaimed++;
                        classReclaimed[cls]++;
                        unlink(s);
                        freed = true;
                        break;
                    }
                    if ((itemFlags(it) & F_ACTIVE) != 0 && secondChances < MAX_SECOND_CHANCES) {
                        itemFlags(it, itemFlags(it) & ~F_ACTIVE);
                        moveToHead(s);
                        secondChances++;
                        s = prevSlot;
                        continue; // does not count as a try
                    }
                    boolean evictable = !errorOnMemoryExhausted && !(expireZeroDoesNotEvict && exptime(it) == 0);
                    if (evictable) {
                        stats.evictions++;
                        classEvicted[cls]++;
                        if (exptime(it) != 0) {
                            classEvictedNonzero[cls]++;
                        }
                        if ((itemFlags(it) & F_FETCHED) == 0) {
                            stats.evictedUnfetched++;
                            classEvictedUnfetched[cls]++;
                        }
                        unlink(s);
                        freed = true;
                        break;
                    }
                }
                s = prevSlot;
                tries++;
            }
            if (!freed) {
                return false;
            }
            if (++searches > 1_000_000) {
                return false;
            }
        }
        return true;
    }

    // ---- index and LRU ----

    private int link(byte[] it, int hash) {
        int s;
        if (freeList != 0) {
            s = freeList - 1;
            freeList = (int) chain[s];
        } else {
            if (highWater == items.length) {
                grow();
            }
            s = highWater++;
        }
        items[s] = it;
        int b = hash & mask;
        chain[s] = buckets[b];
        buckets[b] = entry(hash, s);
        lruPrev[s] = -1;
        lruNext[s] = lruHead;
        if (lruHead >= 0) {
            lruPrev[lruHead] = s;
        }
        lruHead = s;
        if (lruTail < 0) {
            lruTail = s;
        }
        account(it, 1);
        if (count > buckets.length - (buckets.length >>> 2)) {
            rehash(buckets.length << 1);
        }
        return s;
    }

    private void replaceSlot(int s, byte[] it) {
        account(items[s], -1);
        items[s] = it;
        account(it, 1);
        moveToHead(s);
    }

    private void unlink(int s) {
        byte[] gone = items[s];
        int b = hash(gone, HDR, nkey(gone)) & mask;
        long e = buckets[b];
        if ((int) e - 1 == s) {
            buckets[b] = chain[s];
        } else {
            while (e != 0) {
                int cur = (int) e - 1;
                long next = chain[cur];
                if ((int) next - 1 == s) {
                    chain[cur] = chain[s];
                    break;
                }
                e = next;
            }
        }
        int p = lruPrev[s];
        int n = lruNext[s];
        if (p >= 0) {
            lruNext[p] = n;
        } else {
            lruHead = n;
        }
        if (n >= 0) {
            lruPrev[n] = p;
        } else {
            lruTail = p;
        }
        account(items[s], -1);
        items[s] = null;
        lruPrev[s] = -1;
        lruNext[s] = -1;
        chain[s] = freeList;
        freeList = s + 1;
        // (the free list keeps slot + 1 in the low bits of chain[])
    }

    private void moveToHead(int s) {
        if (lruHead == s) {
            return;
        }
        int p = lruPrev[s];
        int n = lruNext[s];
        if (p >= 0) {
            lruNext[p] = n;
        }
        if (n >= 0) {
            lruPrev[n] = p;
        } else {
            lruTail = p;
        }
        lruPrev[s] = -1;
        lruNext[s] = lruHead;
        if (lruHead >= 0) {
            lruPrev[lruHead] = s;
        }
        lruHead = s;
    }

    private void account(byte[] it, int sign) {
        long nt = ntotal(it);
        int cls = slabs.classOf(nt);
        count += sign;
        bytes += sign * nt;
        memUsed += sign * slabs.footprint(nt);
        classItems[cls] += sign;
        classRequested[cls] += sign * nt;
    }

    private void grow() {
        int n = items.length << 1;
        items = Arrays.copyOf(items, n);
        chain = Arrays.copyOf(chain, n);
        int old = lruPrev.length;
        lruPrev = Arrays.copyOf(lruPrev, n);
        lruNext = Arrays.copyOf(lruNext, n);
        Arrays.fill(lruPrev, old, n, -1);
        Arrays.fill(lruNext, old, n, -1);
    }

    private void rehash(int size) {
        long[] nb = new long[size];
        int m = size - 1;
        for (long head : buckets) {
            long e = head;
            while (e != 0) {
                int s = (int) e - 1;
                long next = chain[s];
                int h = (int) (e >>> 32);
                chain[s] = nb[h & m];
                nb[h & m] = e;
                e = next;
            }
        }
        buckets = nb;
        mask = m;
    }

    /** Seconds since the least recently used item was accessed (stats items "age"). */
    int oldestAge() {
        return lruTail < 0 ? 0 : clock.now() - time(items[lruTail]);
    }
}

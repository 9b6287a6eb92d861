package dev.cachalot.engine.store;

import dev.cachalot.engine.protocol.resp.MutableLong;
import dev.cachalot.engine.protocol.resp.RespNumbers;
import io.netty.buffer.ByteBuf;

import java.util.Arrays;

/**
 * String operations on a {@link Database} (Redis t_string.c without the protocol). Keys and values are
 * slices of a buffer; a value is copied only when it is stored, and a same-size overwrite reuses the
 * existing array.
 */
public final class Strings {

    public static final int NX = 1;
    public static final int XX = 2;
    public static final int KEEPTTL = 4;
    /** Redis's proto-max-bulk-len default: the largest string SETRANGE and APPEND may build. */
    public static final long MAX_STRING = 512L * 1024 * 1024;

    private Strings() {
    }

    /**
     * SET: stores the value unless NX/XX forbid it; drops the old time to live unless KEEPTTL; then
     * applies {@code expireAtMs} when it is not -1.
     *
     * @return OK or NOT_SET
     */
    public static StoreStatus set(Database db, ByteBuf buf, int keyOff, int keyLen,
                                  ByteBuf vbuf, int valOff, int valLen, int flags, long expireAtMs) {
        int slot = db.lookupWrite(buf, keyOff, keyLen);
        boolean found = slot >= 0;
        if (((flags & NX) != 0 && found) || ((flags & XX) != 0 && !found)) {
            return StoreStatus.NOT_SET;
        }
        if (found) {
            if ((flags & KEEPTTL) == 0) {
                db.clearExpire(slot);
            }
            db.setString(slot, vbuf, valOff, valLen);
        } else {
            slot = db.insertStringAfterMiss(buf, keyOff, keyLen, vbuf, valOff, valLen);
        }
        if (expireAtMs != -1) {
            db.setExpire(slot, expireAtMs);
        }
        return StoreStatus.OK;
    }

    /**
     * INCRBY and friends: adds {@code delta} to the integer stored at the key (0 if missing), keeping
     * the key's time to live; the new value goes to {@code result}.
     *
     * @return OK, WRONG_TYPE, NOT_INTEGER or OVERFLOW
     */
    public static StoreStatus incrBy(Database db, ByteBuf buf, int keyOff, int keyLen, long delta, MutableLong result) {
        int slot = db.lookupWrite(buf, keyOff, keyLen);
        long old = 0;
        byte[] e = null;
        int vs = 0;
        if (slot >= 0) {
            if (!(db.value(slot) instanceof byte[] a)) {
                return StoreStatus.WRONG_TYPE;
            }
            e = a;
            vs = StringEntry.valStart(e);
            if (!RespNumbers.string2ll(e, vs, e.length - vs, result)) {
                return StoreStatus.NOT_INTEGER;
            }
            old = result.value;
        }
        if ((delta < 0 && old < 0 && delta < Long.MIN_VALUE - old)
                || (delta > 0 && old > 0 && delta > Long.MAX_VALUE - old)) {
            return StoreStatus.OVERFLOW;
        }
        long value = old + delta;
        result.value = value;
        int digits = RespNumbers.digits(value);
        if (e != null) {
            db.rawString(slot, false);
            if (e.length - vs == digits) {
                RespNumbers.formatInto(value, e, vs, digits); // in place: counters rarely change width
                return StoreStatus.OK;
            }
            byte[] fresh = Arrays.copyOf(e, vs + digits);
            RespNumbers.formatInto(value, fresh, vs, digits);
            db.setEntry(slot, fresh);
            return StoreStatus.OK;
        }
        byte[] fresh = StringEntry.allocate(buf, keyOff, keyLen, digits);
        RespNumbers.formatInto(value, fresh, fresh.length - digits, digits);
        db.insertEntryAfterMiss(fresh);
        return StoreStatus.OK;
    }

    /** APPEND: returns the new length in {@code result}; TOO_BIG past 512 MB. */
    public static StoreStatus append(Database db, ByteBuf buf, int keyOff, int keyLen,
                                     int valOff, int valLen, MutableLong result) {
        int slot = db.lookupWrite(buf, keyOff, keyLen);
        if (slot < 0) {
            db.insertStringAfterMiss(buf, keyOff, keyLen, buf, valOff, valLen);
            result.value = valLen;
            return StoreStatus.OK;
        }
        if (!(db.value(slot) instanceof byte[] old)) {
            return StoreStatus.WRONG_TYPE;
        }
        if ((long) StringEntry.valLen(old) + valLen > MAX_STRING) {
            return StoreStatus.TOO_BIG;
        }
        byte[] joined = Arrays.copyOf(old, old.length + valLen);
        buf.getBytes(valOff, joined, old.length, valLen);
        db.setEntry(slot, joined);
        db.rawString(slot, true);
        result.value = joined.length - StringEntry.valStart(joined);
        return StoreStatus.OK;
    }

    /**
     * SETRANGE: writes {@code len} bytes at {@code offset}, zero-padding; the new length goes to
     * {@code result}. A missing key with an empty value stays missing.
     */
    public static StoreStatus setRange(Database db, ByteBuf buf, int keyOff, int keyLen, long offset,
                                       int valOff, int valLen, MutableLong result) {
        int slot = db.lookupWrite(buf, keyOff, keyLen);
        if (slot >= 0 && !(db.value(slot) instanceof byte[])) {
            return StoreStatus.WRONG_TYPE;
        }
        int curLen = slot < 0 ? 0 : StringEntry.valLen((byte[]) db.value(slot));
        if (valLen == 0) {
            result.value = curLen;
            return slot < 0 ? StoreStatus.NOT_FOUND : StoreStatus.OK;
        }
        if (offset + valLen > MAX_STRING) {
            return StoreStatus.TOO_BIG;
        }
        int newLen = (int) Math.max(curLen, offset + valLen);
        byte[] e;
        if (slot < 0) {
            e = StringEntry.allocate(buf, keyOff, keyLen, newLen);
        } else {
            byte[] old = (byte[]) db.value(slot);
            e = newLen == curLen ? old : Arrays.copyOf(old, StringEntry.valStart(old) + newLen);
        }
        buf.getBytes(valOff, e, StringEntry.valStart(e) + (int) offset, valLen);
        if (slot < 0) {
            slot = db.insertEntryAfterMiss(e);
        } else if (e != db.value(slot)) {
            db.setEntry(slot, e);
        }
        db.rawString(slot, true);
        result.value = newLen;
        return StoreStatus.OK;
    }

    /** The encoding OBJECT ENCODING reports for a string: int, embstr (up to 44 bytes) or raw. */
    public static String encoding(Database db, int slot) {
        byte[] e = (byte[]) db.value(slot);
        int vs = StringEntry.valStart(e);
        int len = e.length - vs;
        if (db.rawString(slot)) {
            return "raw";
        }
        if (len <= 20 && RespNumbers.string2ll(e, vs, len, new MutableLong())) {
            return "int";
        }
        return len <= 44 ? "embstr" : "raw";
    }
}

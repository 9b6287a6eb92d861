package dev.cachalot.engine.store;

import dev.cachalot.engine.protocol.resp.MutableLong;
import dev.cachalot.engine.protocol.resp.RespNumbers;
import io.netty.buffer.ByteBuf;

/**
 * String operations on a {@link Database} (Redis t_string.c without the protocol). Keys and values are
 * slices of a buffer; a value is copied only when it is stored, and a same-size overwrite reuses the
 * existing array.
 */
public final class Strings {

    public static final int NX = 1;
    public static final int XX = 2;
    public static final int KEEPTTL = 4;

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
            Object old = db.value(slot);
            if (old instanceof byte[] arr && arr.length == valLen) {
                vbuf.getBytes(valOff, arr);
            } else {
                db.setValue(slot, copy(vbuf, valOff, valLen));
            }
            if ((flags & KEEPTTL) == 0) {
                db.clearExpire(slot);
            }
        } else {
            slot = db.insertAfterMiss(buf, keyOff, keyLen, copy(vbuf, valOff, valLen));
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
        byte[] arr = null;
        if (slot >= 0) {
            if (!(db.value(slot) instanceof byte[] a)) {
                return StoreStatus.WRONG_TYPE;
            }
            arr = a;
            if (!RespNumbers.string2ll(arr, result)) {
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
        if (arr != null && arr.length == digits) {
            RespNumbers.formatInto(value, arr); // in place: counters rarely change width
            return StoreStatus.OK;
        }
        byte[] fresh = new byte[digits];
        RespNumbers.formatInto(value, fresh);
        if (slot >= 0) {
            db.setValue(slot, fresh);
        } else {
            db.insertAfterMiss(buf, keyOff, keyLen, fresh);
        }
        return StoreStatus.OK;
    }

    /** APPEND: returns the new length in {@code result}. */
    public static StoreStatus append(Database db, ByteBuf buf, int keyOff, int keyLen,
                                     int valOff, int valLen, MutableLong result) {
        int slot = db.lookupWrite(buf, keyOff, keyLen);
        if (slot < 0) {
            db.insertAfterMiss(buf, keyOff, keyLen, copy(buf, valOff, valLen));
            result.value = valLen;
            return StoreStatus.OK;
        }
        if (!(db.value(slot) instanceof byte[] old)) {
            return StoreStatus.WRONG_TYPE;
        }
        byte[] joined = java.util.Arrays.copyOf(old, old.length + valLen);
        buf.getBytes(valOff, joined, old.length, valLen);
        db.setValue(slot, joined);
        result.value = joined.length;
        return StoreStatus.OK;
    }

    private static byte[] copy(ByteBuf buf, int off, int len) {
        byte[] b = new byte[len];
        buf.getBytes(off, b);
        return b;
    }
}

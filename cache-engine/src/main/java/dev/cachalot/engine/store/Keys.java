package dev.cachalot.engine.store;

import io.netty.buffer.ByteBuf;

/** Generic key operations (Redis expire.c / db.c without the protocol): times to live. */
public final class Keys {

    public static final int EXPIRE_NX = 1;
    public static final int EXPIRE_XX = 2;
    public static final int EXPIRE_GT = 4;
    public static final int EXPIRE_LT = 8;

    private Keys() {
    }

    /**
     * EXPIRE family with Redis 7's NX/XX/GT/LT rules; a time in the past deletes the key.
     *
     * @param whenMs absolute Unix time in milliseconds
     * @return OK when the time to live was set (or the key deleted), NOT_FOUND, or NOT_SET when a
     * condition failed
     */
    public static StoreStatus expire(Database db, ByteBuf buf, int keyOff, int keyLen, long whenMs, int flags, long nowMs) {
        int slot = db.lookupWrite(buf, keyOff, keyLen);
        if (slot < 0) {
            return StoreStatus.NOT_FOUND;
        }
        if (flags != 0) {
            long current = db.expireAt(slot);
            if ((flags & EXPIRE_NX) != 0 && current != -1) {
                return StoreStatus.NOT_SET;
            }
            if ((flags & EXPIRE_XX) != 0 && current == -1) {
                return StoreStatus.NOT_SET;
            }
            if ((flags & EXPIRE_GT) != 0 && (whenMs <= current || current == -1)) {
                return StoreStatus.NOT_SET;
            }
            if ((flags & EXPIRE_LT) != 0 && current != -1 && whenMs >= current) {
                return StoreStatus.NOT_SET;
            }
        }
        if (whenMs <= nowMs) {
            db.deleteSlot(slot);
        } else {
            db.setExpire(slot, whenMs);
        }
        return StoreStatus.OK;
    }

    /**
     * Remaining time to live in milliseconds, -1 for a persistent key, -2 for a missing one
     * (TTL and PTTL; EXPIRETIME reads {@link Database#expireAt} instead).
     */
    public static long pttl(Database db, ByteBuf buf, int keyOff, int keyLen, long nowMs) {
        int slot = db.lookupRead(buf, keyOff, keyLen);
        if (slot < 0) {
            return -2;
        }
        long when = db.expireAt(slot);
        if (when == -1) {
            return -1;
        }
        return Math.max(0, when - nowMs);
    }
}

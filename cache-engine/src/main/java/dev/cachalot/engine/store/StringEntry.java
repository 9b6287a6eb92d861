package dev.cachalot.engine.store;

import io.netty.buffer.ByteBuf;

import java.util.Arrays;

/**
 * The layout of a string key in the table: one {@code byte[]} holding the key length (unsigned
 * base-128, little end first), the key and the value, so that a string costs one object and one
 * array header (engine-performance.md §4). Static helpers only; entries are plain arrays.
 */
public final class StringEntry {

    private StringEntry() {
    }

    public static int keyLen(byte[] e) {
        int b = e[0];
        if (b >= 0) {
            return b;
        }
        int len = b & 0x7f;
        int shift = 7;
        int i = 1;
        do {
            b = e[i++];
            len |= (b & 0x7f) << shift;
            shift += 7;
        } while (b < 0);
        return len;
    }

    public static int keyStart(byte[] e) {
        if (e[0] >= 0) {
            return 1;
        }
        int i = 1;
        while (e[i] < 0) {
            i++;
        }
        return i + 1;
    }

    public static int valStart(byte[] e) {
        if (e[0] >= 0) {
            return 1 + e[0];
        }
        return keyStart(e) + keyLen(e);
    }

    public static int valLen(byte[] e) {
        return e.length - valStart(e);
    }

    static int prefixLen(int keyLen) {
        int n = 1;
        while (keyLen >= 0x80) {
            keyLen >>>= 7;
            n++;
        }
        return n;
    }

    private static int writePrefix(byte[] e, int keyLen) {
        int i = 0;
        while (keyLen >= 0x80) {
            e[i++] = (byte) (keyLen | 0x80);
            keyLen >>>= 7;
        }
        e[i++] = (byte) keyLen;
        return i;
    }

    /** A new entry with room for a value of {@code valLen} bytes (left zeroed), key copied from a buffer. */
    public static byte[] allocate(ByteBuf kbuf, int koff, int klen, int valLen) {
        byte[] e = new byte[prefixLen(klen) + klen + valLen];
        int p = writePrefix(e, klen);
        kbuf.getBytes(koff, e, p, klen);
        return e;
    }

    public static byte[] allocate(byte[] key, int valLen) {
        byte[] e = new byte[prefixLen(key.length) + key.length + valLen];
        int p = writePrefix(e, key.length);
        System.arraycopy(key, 0, e, p, key.length);
        return e;
    }

    public static byte[] of(ByteBuf kbuf, int koff, int klen, ByteBuf vbuf, int voff, int vlen) {
        byte[] e = allocate(kbuf, koff, klen, vlen);
        vbuf.getBytes(voff, e, e.length - vlen, vlen);
        return e;
    }

    public static byte[] of(byte[] key, byte[] value) {
        byte[] e = allocate(key, value.length);
        System.arraycopy(value, 0, e, e.length - value.length, value.length);
        return e;
    }

    /** The same key with another value of {@code valLen} bytes (left zeroed after the key). */
    public static byte[] withValueLength(byte[] e, int valLen) {
        int vs = valStart(e);
        return Arrays.copyOf(Arrays.copyOf(e, vs), vs + valLen);
    }

    public static byte[] key(byte[] e) {
        int ks = keyStart(e);
        return Arrays.copyOfRange(e, ks, ks + keyLen(e));
    }

    public static byte[] value(byte[] e) {
        return Arrays.copyOfRange(e, valStart(e), e.length);
    }
}

package dev.cachalot.engine.store;

import io.netty.buffer.ByteBuf;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.SecureRandom;

/**
 * Hashing and comparison of keys that live either in a stored {@code byte[]} or in a slice of the
 * receive buffer, giving the same result for the same bytes. Eight bytes at a time, seeded per process
 * so that colliding keys cannot be precomputed.
 */
public final class KeyHash {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long SEED = new SecureRandom().nextLong() | 1;
    private static final long M = 0x9E3779B97F4A7C15L;

    private KeyHash() {
    }

    public static int hash(ByteBuf buf, int off, int len) {
        long h = SEED ^ len;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            h = mix(h, buf.getLongLE(off + i));
        }
        if (i < len) {
            long tail = 0;
            for (int k = len - 1; k >= i; k--) {
                tail = (tail << 8) | (buf.getByte(off + k) & 0xffL);
            }
            h = mix(h, tail);
        }
        return finish(h);
    }

    public static int hash(byte[] key) {
        return hash(key, 0, key.length);
    }

    public static boolean equals(byte[] key, ByteBuf buf, int off, int len) {
        return key.length == len && equals(key, 0, buf, off, len);
    }

    /** Whether {@code len} bytes of {@code a} from {@code aoff} equal {@code len} bytes of {@code buf} from {@code off}. */
    public static boolean equals(byte[] a, int aoff, ByteBuf buf, int off, int len) {
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            if ((long) LONGS.get(a, aoff + i) != buf.getLongLE(off + i)) {
                return false;
            }
        }
        for (; i < len; i++) {
            if (a[aoff + i] != buf.getByte(off + i)) {
                return false;
            }
        }
        return true;
    }

    /** Hash of {@code len} bytes of {@code a} from {@code off}; equal to {@link #hash(byte[])} of that range. */
    public static int hash(byte[] a, int off, int len) {
        long h = SEED ^ len;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            h = mix(h, (long) LONGS.get(a, off + i));
        }
        if (i < len) {
            long tail = 0;
            for (int k = len - 1; k >= i; k--) {
                tail = (tail << 8) | (a[off + k] & 0xffL);
            }
            h = mix(h, tail);
        }
        return finish(h);
    }

    private static long mix(long h, long word) {
        h ^= word * M;
        h = Long.rotateLeft(h, 29) * 0xBF58476D1CE4E5B9L;
        return h;
    }

    private static int finish(long h) {
        h ^= h >>> 32;
        h *= 0xD6E8FEB86659FD93L;
        h ^= h >>> 32;
        return (int) h;
    }
}

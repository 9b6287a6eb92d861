package dev.cachalot.engine.protocol.resp;

import io.netty.buffer.ByteBuf;

/**
 * Integer parsing and formatting with Redis's exact rules (util.c {@code string2ll}): no sign but '-',
 * no leading zeros, no spaces, at most 20 characters, overflow rejected. Works directly on buffer
 * slices and byte arrays, without allocating.
 */
public final class RespNumbers {

    /** LONG_STR_SIZE in Redis: a longer string is never a valid integer. */
    private static final int LONG_STR_SIZE = 21;
    private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private RespNumbers() {
    }

    public static boolean string2ll(ByteBuf buf, int off, int len, MutableLong out) {
        if (len == 0 || len >= LONG_STR_SIZE) {
            return false;
        }
        if (len == 1 && buf.getByte(off) == '0') {
            out.value = 0;
            return true;
        }
        int p = off;
        int end = off + len;
        boolean negative = false;
        if (buf.getByte(p) == '-') {
            negative = true;
            p++;
            if (p == end) {
                return false;
            }
        }
        byte c = buf.getByte(p);
        if (c < '1' || c > '9') {
            return false;
        }
        long v = c - '0';
        p++;
        while (p < end) {
            c = buf.getByte(p);
            if (c < '0' || c > '9') {
                return false;
            }
            // unsigned overflow checks as in Redis: v * 10 + d must fit in 64 unsigned bits
            if (Long.compareUnsigned(v, Long.divideUnsigned(-1L, 10)) > 0) {
                return false;
            }
            v *= 10;
            if (Long.compareUnsigned(v, -1L - (c - '0')) > 0) {
                return false;
            }
            v += c - '0';
            p++;
        }
        return finish(v, negative, out);
    }

    public static boolean string2ll(byte[] s, MutableLong out) {
        return string2ll(s, 0, s.length, out);
    }

    /** {@link #string2ll(byte[], MutableLong)} of {@code len} bytes of {@code s} from {@code off}. */
    public static boolean string2ll(byte[] s, int off, int len, MutableLong out) {
        if (len == 0 || len >= LONG_STR_SIZE) {
            return false;
        }
        if (len == 1 && s[off] == '0') {
            out.value = 0;
            return true;
        }
        int p = off;
        len += off;
        boolean negative = false;
        if (s[p] == '-') {
            negative = true;
            p++;
            if (p == len) {
                return false;
            }
        }
        byte c = s[p];
        if (c < '1' || c > '9') {
            return false;
        }
        long v = c - '0';
        p++;
        while (p < len) {
            c = s[p];
            if (c < '0' || c > '9') {
                return false;
            }
            if (Long.compareUnsigned(v, Long.divideUnsigned(-1L, 10)) > 0) {
                return false;
            }
            v *= 10;
            if (Long.compareUnsigned(v, -1L - (c - '0')) > 0) {
                return false;
            }
            v += c - '0';
            p++;
        }
        return finish(v, negative, out);
    }

    private static boolean finish(long v, boolean negative, MutableLong out) {
        if (negative) {
            // v is unsigned; the most negative long is 2^63
            if (Long.compareUnsigned(v, Long.MIN_VALUE) > 0) {
                return false;
            }
            out.value = -v;
        } else {
            if (v < 0) { // above Long.MAX_VALUE as unsigned
                return false;
            }
            out.value = v;
        }
        return true;
    }

    /** Number of characters of {@code v} in decimal, sign included. */
    public static int digits(long v) {
        if (v == Long.MIN_VALUE) {
            return MIN_LONG.length;
        }
        int n = 1;
        if (v < 0) {
            n++;
            v = -v;
        }
        while (v >= 10) {
            v /= 10;
            n++;
        }
        return n;
    }

    /** Appends {@code v} in decimal to {@code out}. */
    public static void writeLong(ByteBuf out, long v) {
        if (v >= 0 && v < 10) {
            out.writeByte('0' + (int) v);
            return;
        }
        if (v == Long.MIN_VALUE) {
            out.writeBytes(MIN_LONG);
            return;
        }
        int n = digits(v);
        out.ensureWritable(n);
        int w = out.writerIndex();
        int i = w + n - 1;
        long x = v < 0 ? -v : v;
        while (x >= 10) {
            out.setByte(i--, (int) ('0' + x % 10));
            x /= 10;
        }
        out.setByte(i, (int) ('0' + x));
        if (v < 0) {
            out.setByte(w, '-');
        }
        out.writerIndex(w + n);
    }

    /** Writes {@code v} in decimal into {@code dst}, which must be exactly {@link #digits(long)} long. */
    public static void formatInto(long v, byte[] dst) {
        formatInto(v, dst, 0, dst.length);
    }

    /** Writes {@code v} in decimal into {@code len} bytes of {@code dst} from {@code off}; {@code len} = {@link #digits(long)}. */
    public static void formatInto(long v, byte[] dst, int off, int len) {
        if (v == Long.MIN_VALUE) {
            System.arraycopy(MIN_LONG, 0, dst, off, MIN_LONG.length);
            return;
        }
        int i = off + len - 1;
        long x = v < 0 ? -v : v;
        while (x >= 10) {
            dst[i--] = (byte) ('0' + x % 10);
            x /= 10;
        }
        dst[i] = (byte) ('0' + x);
        if (v < 0) {
            dst[off] = '-';
        }
    }
}

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
    /**
     * Redis 7.2's d2string: "nan", "inf", "-inf", "0", "-0"; an integral value within ±2^62 as an
     * integer; otherwise the shortest digits that read back as the same double, laid out as fpconv_dtoa
     * does (plain up to 7 leading or trailing zeros, else "d.ddde+N", e.g. "1e-7", "1.5e+300"). Redis 7.0 printed %.17g.
     */
    public static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        if (d >= -(Long.MAX_VALUE / 2) && d <= Long.MAX_VALUE / 2) {
            long l = (long) d;
            if (l == d) {
                return Long.toString(l);
            }
        }
        boolean neg = d < 0;
        java.math.BigDecimal bd = new java.math.BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        int ndigits = digits.length();
        int k = -bd.scale(); // value = digits * 10^k
        StringBuilder sb = new StringBuilder(26);
        if (neg) {
            sb.append('-');
        }
        int exp = Math.abs(k + ndigits - 1);
        if (k >= 0 && exp < ndigits + 7) {
            sb.append(digits);
            sb.append("0".repeat(k));
            return sb.toString();
        }
        if (k < 0 && (k > -7 || exp < 4)) {
            int offset = ndigits - Math.abs(k);
            if (offset <= 0) {
                sb.append("0.").append("0".repeat(-offset)).append(digits);
            } else {
                sb.append(digits, 0, offset).append('.').append(digits, offset, ndigits);
            }
            return sb.toString();
        }
        sb.append(digits.charAt(0));
        if (ndigits > 1) {
            sb.append('.').append(digits, 1, ndigits);
        }
        sb.append('e').append(k + ndigits - 1 < 0 ? '-' : '+');
        sb.append(exp);
        return sb.toString();
    }
}

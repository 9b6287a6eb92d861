package dev.cachalot.engine.memcached;

import io.netty.buffer.ByteBuf;

/**
 * memcached's safe_strtol / safe_strtoul / safe_strtoull over a token of the receive buffer, with C's
 * strtol rules: leading white space, an optional sign, decimal digits, and then white space or the end of
 * the token; overflow fails; a negative number fails for the unsigned forms unless it is so small that C
 * reads it as a large unsigned value without a minus sign. The parsed number is in {@link #value}.
 */
final class CNumber {

    long value;

    /** safe_strtol: a C long, stored into a 32-bit int (truncated, as memcached does). */
    boolean strtol(ByteBuf b, int off, int len) {
        if (!parse(b, off, len, true)) {
            return false;
        }
        value = (int) value;
        return true;
    }

    /** safe_strtoul: an unsigned number, truncated to 32 bits as memcached's 64-bit build does. */
    boolean strtoul(ByteBuf b, int off, int len) {
        if (!parseUnsigned(b, off, len)) {
            return false;
        }
        value &= 0xFFFFFFFFL;
        return true;
    }

    /** safe_strtoull: an unsigned 64-bit number. */
    boolean strtoull(ByteBuf b, int off, int len) {
        return parseUnsigned(b, off, len);
    }

    private boolean parseUnsigned(ByteBuf b, int off, int len) {
        int end = off + len;
        int i = skipSpace(b, off, end);
        boolean negative = i < end && b.getByte(i) == '-';
        if (i < end && (b.getByte(i) == '+' || b.getByte(i) == '-')) {
            i++;
        }
        int digits = i;
        long v = 0;
        while (i < end && b.getByte(i) >= '0' && b.getByte(i) <= '9') {
            int d = b.getByte(i) - '0';
            if (Long.compareUnsigned(v, Long.divideUnsigned(-1L - d, 10)) > 0) {
                return false; // ERANGE
            }
            v = v * 10 + d;
            i++;
        }
        if (i == digits || (i < end && !ItemStore.isSpace(b.getByte(i)))) {
            return false;
        }
        if (negative) {
            v = -v;
            if (v < 0) {
                return false; // strtoull negates; memcached refuses what then looks negative
            }
        }
        value = v;
        return true;
    }

    private boolean parse(ByteBuf b, int off, int len, boolean signed) {
        int end = off + len;
        int i = skipSpace(b, off, end);
        boolean negative = false;
        if (i < end && (b.getByte(i) == '+' || b.getByte(i) == '-')) {
            negative = b.getByte(i) == '-';
            i++;
        }
        int digits = i;
        long v = 0;
        while (i < end && b.getByte(i) >= '0' && b.getByte(i) <= '9') {
            int d = b.getByte(i) - '0';
            if (v > (Long.MAX_VALUE - d) / 10) {
                return false; // ERANGE
            }
            v = v * 10 + d;
            i++;
        }
        if (i == digits || (i < end && !ItemStore.isSpace(b.getByte(i)))) {
            return false;
        }
        value = negative ? -v : v;
        return true;
    }

    private static int skipSpace(ByteBuf b, int i, int end) {
        while (i < end && ItemStore.isSpace(b.getByte(i))) {
            i++;
        }
        return i;
    }
}

package dev.cachalot.engine.util;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * The x86-64 {@code long double} (64-bit mantissa) arithmetic of INCRBYFLOAT and HINCRBYFLOAT,
 * emulated exactly with BigDecimal: strtold rounding of the inputs, a correctly rounded sum, and
 * Redis's {@code %.17Lf} output with trailing zeros removed. That is what makes
 * {@code SET k 10000.1; INCRBYFLOAT k 0} answer "10000.09999999999999964" as Redis does.
 */
public final class LongDouble {

    private static final int MANTISSA_BITS = 64;
    private static final BigInteger TWO = BigInteger.TWO;

    private LongDouble() {
    }

    /**
     * Parses like Redis's getLongDoubleFromObject (strtold syntax, no leading space, the whole
     * string, no overflow); null when not a valid float; infinities are returned as null too,
     * since any sum with them is refused.
     */
    public static BigDecimal parse(String s) {
        double check = Doubles.parse(s, false, false);
        if (Double.isNaN(check) || isInfinity(s)) {
            return null;
        }
        String t = s.trim();
        BigDecimal exact;
        if (t.length() > 2 && (t.startsWith("0x") || t.startsWith("0X") || t.startsWith("-0x") || t.startsWith("+0x"))) {
            if (Double.isInfinite(check)) {
                return null;
            }
            exact = new BigDecimal(check);
        } else {
            exact = new BigDecimal(t.startsWith("+") ? t.substring(1) : t);
        }
        BigDecimal r = round(exact);
        return overflows(r) ? null : r;
    }

    /** Whether the text is an infinity literal ("inf", "-infinity"…), which strtold accepts. */
    public static boolean isInfinity(String s) {
        String t = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        return t.equalsIgnoreCase("inf") || t.equalsIgnoreCase("infinity");
    }

    public static BigDecimal add(BigDecimal a, BigDecimal b) {
        return round(a.add(b));
    }

    /** Rounds an exact value to the nearest long double (ties to even). */
    static BigDecimal round(BigDecimal x) {
        if (x.signum() == 0) {
            return BigDecimal.ZERO;
        }
        boolean negative = x.signum() < 0;
        BigDecimal a = x.abs();
        BigInteger u = a.unscaledValue();
        int scale = a.scale();
        int e = (int) Math.floor(u.bitLength() - scale * 3.321928094887362) - MANTISSA_BITS;
        BigInteger q;
        for (;;) {
            BigInteger num = u;
            BigInteger den = BigInteger.ONE;
            if (scale > 0) {
                den = den.multiply(BigInteger.TEN.pow(scale));
            } else if (scale < 0) {
                num = num.multiply(BigInteger.TEN.pow(-scale));
            }
            if (e > 0) {
                den = den.shiftLeft(e);
            } else if (e < 0) {
                num = num.shiftLeft(-e);
            }
            BigInteger[] qr = num.divideAndRemainder(den);
            q = qr[0];
            int bits = q.bitLength();
            if (bits > MANTISSA_BITS) {
                e += bits - MANTISSA_BITS;
                continue;
            }
            if (bits < MANTISSA_BITS) {
                e -= MANTISSA_BITS - bits;
                continue;
            }
            int cmp = qr[1].shiftLeft(1).compareTo(den);
            if (cmp > 0 || (cmp == 0 && q.testBit(0))) {
                q = q.add(BigInteger.ONE);
                if (q.bitLength() > MANTISSA_BITS) {
                    q = q.shiftRight(1);
                    e++;
                }
            }
            break;
        }
        BigDecimal r = e >= 0 ? new BigDecimal(q.shiftLeft(e)) : new BigDecimal(q.multiply(BigInteger.valueOf(5).pow(-e)), -e);
        return negative ? r.negate() : r;
    }

    /** Redis's ld2string(LD_STR_HUMAN): {@code %.17Lf}, trailing zeros and a bare point removed, "-0" as "0". */
    public static String format(BigDecimal v) {
        String s = v.setScale(17, RoundingMode.HALF_EVEN).toPlainString();
        if (s.indexOf('.') >= 0) {
            int end = s.length();
            while (s.charAt(end - 1) == '0') {
                end--;
            }
            if (s.charAt(end - 1) == '.') {
                end--;
            }
            s = s.substring(0, end);
        }
        return s.equals("-0") ? "0" : s;
    }

    /** Whether a result is too large for a long double (Redis refuses it as infinity). */
    public static boolean overflows(BigDecimal v) {
        return v.abs().compareTo(new BigDecimal("1.18973149535723176502e4932")) > 0;
    }

}

package dev.cachalot.engine.util;

import io.netty.buffer.ByteBuf;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Doubles as Redis 7.0 reads and prints them: C's {@code strtod} syntax (decimal, hexadecimal,
 * "inf"/"infinity", never NaN) with Redis's extra checks, and {@code %.17g} output. Parsing returns
 * NaN for "not a valid float", since a NaN input is always refused.
 */
public final class Doubles {

    private static final MathContext G17 = new MathContext(17, RoundingMode.HALF_EVEN);
    private static final double EXACT_LONG_LIMIT = 1L << 53;

    private Doubles() {
    }

    /** getDoubleFromObject: no leading space, the whole string, no overflow or underflow to zero. */
    public static double parse(ByteBuf buf, int off, int len) {
        return parse(buf.toString(off, len, StandardCharsets.ISO_8859_1), false, true);
    }

    public static double parse(byte[] b, int off, int len) {
        return parse(new String(b, off, len, StandardCharsets.ISO_8859_1), false, true);
    }

    /** zslParseRange's strtod: leading white space allowed, no range checks. */
    public static double parseLenient(String s) {
        return parse(s, true, false);
    }

    public static double parse(String s) {
        return parse(s, false, true);
    }

    static double parse(String s, boolean allowLeadingSpace, boolean checkRange) {
        int n = s.length();
        int i = 0;
        if (n == 0 || n >= 5 * 1024) {
            return Double.NaN;
        }
        if (isSpace(s.charAt(0))) {
            if (!allowLeadingSpace) {
                return Double.NaN;
            }
            while (i < n && isSpace(s.charAt(i))) {
                i++;
            }
        }
        int start = i;
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        String rest = s.substring(i);
        if (rest.equalsIgnoreCase("inf") || rest.equalsIgnoreCase("infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (rest.length() > 2 && rest.charAt(0) == '0' && (rest.charAt(1) == 'x' || rest.charAt(1) == 'X')) {
            return parseHex(rest.substring(2), negative);
        }
        boolean digits = false;
        boolean nonZero = false;
        while (i < n && isDigit(s.charAt(i))) {
            digits = true;
            nonZero |= s.charAt(i) != '0';
            i++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                digits = true;
                nonZero |= s.charAt(i) != '0';
                i++;
            }
        }
        if (!digits) {
            return Double.NaN;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                j++;
            }
            if (j < n && isDigit(s.charAt(j))) {
                while (j < n && isDigit(s.charAt(j))) {
                    j++;
                }
                i = j;
            }
        }
        if (i != n) {
            return Double.NaN;
        }
        double v = Double.parseDouble(s.substring(start, n));
        if (checkRange && (Double.isInfinite(v) || (v == 0 && nonZero))) {
            return Double.NaN; // ERANGE: overflow, or underflow to zero
        }
        return v;
    }

    private static double parseHex(String hex, boolean negative) {
        int n = hex.length();
        int i = 0;
        boolean digits = false;
        while (i < n && Character.digit(hex.charAt(i), 16) >= 0) {
            i++;
            digits = true;
        }
        if (i < n && hex.charAt(i) == '.') {
            i++;
            while (i < n && Character.digit(hex.charAt(i), 16) >= 0) {
                i++;
                digits = true;
            }
        }
        if (!digits) {
            return Double.NaN;
        }
        String exp = "p0";
        if (i < n && (hex.charAt(i) == 'p' || hex.charAt(i) == 'P')) {
            int j = i + 1;
            if (j < n && (hex.charAt(j) == '+' || hex.charAt(j) == '-')) {
                j++;
            }
            if (j < n && isDigit(hex.charAt(j))) {
                while (j < n && isDigit(hex.charAt(j))) {
                    j++;
                }
                exp = hex.substring(i, j);
                i = j;
            }
        }
        if (i != n) {
            return Double.NaN;
        }
        String mantissa = hex.substring(0, hex.length() - (exp.equals("p0") ? 0 : exp.length()));
        double v = Double.parseDouble((negative ? "-" : "") + "0x" + mantissa + (exp.equals("p0") ? "p0" : exp));
        return Double.isInfinite(v) ? Double.NaN : v;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** C's {@code printf("%.17g", d)}, and "inf"/"-inf" as Redis prints infinities. */
    public static String format17g(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (d == Math.rint(d) && Math.abs(d) < EXACT_LONG_LIMIT) {
            if (d == 0) {
                return 1 / d < 0 ? "-0" : "0";
            }
            return Long.toString((long) d);
        }
        BigDecimal bd = new BigDecimal(d).round(G17);
        int exp = bd.precision() - bd.scale() - 1;
        if (exp < -4 || exp >= 17) {
            String digits = bd.unscaledValue().abs().toString();
            int end = digits.length();
            while (end > 1 && digits.charAt(end - 1) == '0') {
                end--;
            }
            StringBuilder sb = new StringBuilder();
            if (d < 0) {
                sb.append('-');
            }
            sb.append(digits.charAt(0));
            if (end > 1) {
                sb.append('.').append(digits, 1, end);
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            int ae = Math.abs(exp);
            if (ae < 10) {
                sb.append('0');
            }
            sb.append(ae);
            return sb.toString();
        }
        return bd.stripTrailingZeros().toPlainString();
    }
}

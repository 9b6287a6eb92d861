package dev.cachalot.engine.protocol.resp;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * Writes replies straight into the connection's outgoing buffer for the current read batch, in the
 * protocol the connection negotiated with HELLO: RESP2 (the default) or RESP3. Handlers say what a
 * reply is (a map, a set, a double, a null) and this class writes the RESP3 type or Redis's RESP2
 * fallback for it, as networking.c's addReplyMapLen, addReplySetLen, addReplyDouble, addReplyNull…
 * do. Common replies are shared pre-encoded constants; nothing here allocates on the success path.
 */
public final class RespReply {

    public static final byte[] OK = ascii("+OK\r\n");
    public static final byte[] PONG = ascii("+PONG\r\n");
    public static final byte[] ZERO = ascii(":0\r\n");
    public static final byte[] ONE = ascii(":1\r\n");
    public static final byte[] MINUS_ONE = ascii(":-1\r\n");
    public static final byte[] MINUS_TWO = ascii(":-2\r\n");
    public static final byte[] NULL_BULK = ascii("$-1\r\n");
    public static final byte[] NULL_ARRAY = ascii("*-1\r\n");
    public static final byte[] EMPTY_ARRAY = ascii("*0\r\n");
    public static final byte[] EMPTY_BULK = ascii("$0\r\n\r\n");
    /** RESP3's null, written for every kind of null (bulk, array, map) to a RESP3 client. */
    public static final byte[] NULL3 = ascii("_\r\n");
    public static final byte[] TRUE3 = ascii("#t\r\n");
    public static final byte[] FALSE3 = ascii("#f\r\n");
    public static final byte[] QUEUED = ascii("+QUEUED\r\n");

    public static final byte[] ERR_SYNTAX = ascii("-ERR syntax error\r\n");
    public static final byte[] ERR_NOT_INTEGER = ascii("-ERR value is not an integer or out of range\r\n");
    public static final byte[] ERR_OVERFLOW = ascii("-ERR increment or decrement would overflow\r\n");
    public static final byte[] ERR_WRONG_TYPE =
            ascii("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
    public static final byte[] ERR_DB_INDEX = ascii("-ERR DB index is out of range\r\n");

    private static final byte[] CRLF = ascii("\r\n");
    private static final int SMALL_INTS = 64;
    private static final byte[][] INTEGERS = new byte[SMALL_INTS][];
    private static final byte[][] BULK_HEADERS = new byte[SMALL_INTS][];
    private static final byte[][] ARRAY_HEADERS = new byte[SMALL_INTS][];
    private static final byte[][] MAP_HEADERS = new byte[SMALL_INTS][];
    private static final byte[][] SET_HEADERS = new byte[SMALL_INTS][];
    private static final byte[][] PUSH_HEADERS = new byte[SMALL_INTS][];

    static {
        for (int i = 0; i < SMALL_INTS; i++) {
            INTEGERS[i] = ascii(":" + i + "\r\n");
            BULK_HEADERS[i] = ascii("$" + i + "\r\n");
            ARRAY_HEADERS[i] = ascii("*" + i + "\r\n");
            MAP_HEADERS[i] = ascii("%" + i + "\r\n");
            SET_HEADERS[i] = ascii("~" + i + "\r\n");
            PUSH_HEADERS[i] = ascii(">" + i + "\r\n");
        }
    }

    private ByteBuf out;
    private boolean resp3;
    private long errors;
    private ErrorSink errorSink;

    /** Told about every error reply, with its code ("ERR", "WRONGTYPE"…): INFO errorstats. */
    @FunctionalInterface
    public interface ErrorSink {
        void error(String code);
    }

    public void errorSink(ErrorSink sink) {
        this.errorSink = sink;
    }

    /** Error replies written so far on this connection (the gate compares it around a command). */
    public long errorCount() {
        return errors;
    }

    private void countError(byte[] encoded) {
        errors++;
        if (errorSink != null) {
            int end = 1;
            while (end < encoded.length && encoded[end] != ' ' && encoded[end] != '\r') {
                end++;
            }
            errorSink.error(new String(encoded, 1, end - 1, StandardCharsets.ISO_8859_1));
        }
    }

    /** The protocol of the following replies: 2 or 3 (HELLO, RESET). */
    public void protocol(int resp) {
        this.resp3 = resp == 3;
    }

    /** True when the connection speaks RESP3. */
    public boolean resp3() {
        return resp3;
    }

    /** Directs the following replies into {@code out} (the buffer of the current read batch). */
    public void target(ByteBuf out) {
        this.out = out;
    }

    public ByteBuf buffer() {
        return out;
    }

    /** A pre-encoded reply, such as the constants above. */
    public void raw(byte[] encoded) {
        if (encoded.length > 0 && encoded[0] == '-') {
            countError(encoded);
        }
        out.writeBytes(encoded);
    }

    public void ok() {
        out.writeBytes(OK);
    }

    /** A missing value where a string is expected (GET of a missing key): {@code $-1} in RESP2, {@code _} in RESP3. */
    public void nullBulk() {
        out.writeBytes(resp3 ? NULL3 : NULL_BULK);
    }

    /** Redis's addReplyNull: {@code $-1} in RESP2, {@code _} in RESP3. Same as {@link #nullBulk()}. */
    public void nullValue() {
        nullBulk();
    }

    /** Redis's addReplyNullArray (e.g. BLPOP timing out, EXEC aborted by WATCH): {@code *-1} in RESP2, {@code _} in RESP3. */
    public void nullArray() {
        out.writeBytes(resp3 ? NULL3 : NULL_ARRAY);
    }

    /** A boolean: {@code #t}/{@code #f} in RESP3, the integers 1/0 in RESP2. */
    public void bool(boolean v) {
        out.writeBytes(resp3 ? (v ? TRUE3 : FALSE3) : (v ? ONE : ZERO));
    }

    /** A simple string ({@code +text}); {@code text} must not contain CR or LF. */
    public void simple(String text) {
        out.writeByte('+');
        out.writeCharSequence(text, StandardCharsets.ISO_8859_1);
        out.writeBytes(CRLF);
    }

    /**
     * An error reply. As Redis's addReplyErrorFormat, a message without a leading '-' gets "ERR ",
     * and CR/LF inside it become spaces so that the reply stays one line.
     */
    public void error(String message) {
        errors++;
        if (message.startsWith("-")) {
            out.writeByte('-');
            message = message.substring(1);
            if (errorSink != null) {
                int sp = message.indexOf(' ');
                errorSink.error(sp < 0 ? message : message.substring(0, sp));
            }
        } else {
            out.writeBytes(ERR_PREFIX);
            if (errorSink != null) {
                errorSink.error("ERR");
            }
        }
        int n = message.length();
        for (int i = 0; i < n; i++) {
            char c = message.charAt(i);
            out.writeByte(c == '\r' || c == '\n' ? ' ' : c);
        }
        out.writeBytes(CRLF);
    }

    private static final byte[] ERR_PREFIX = ascii("-ERR ");

    public void integer(long v) {
        if (v >= 0 && v < SMALL_INTS) {
            out.writeBytes(INTEGERS[(int) v]);
            return;
        }
        out.writeByte(':');
        RespNumbers.writeLong(out, v);
        out.writeBytes(CRLF);
    }

    public void arrayHeader(int n) {
        if (n < SMALL_INTS) {
            out.writeBytes(ARRAY_HEADERS[n]);
            return;
        }
        out.writeByte('*');
        RespNumbers.writeLong(out, n);
        out.writeBytes(CRLF);
    }

    /**
     * A map of {@code pairs} key/value pairs, each written as two replies after this header:
     * {@code %pairs} in RESP3, a flat array of {@code 2 * pairs} elements in RESP2 (HGETALL, CONFIG GET).
     */
    public void mapHeader(int pairs) {
        if (!resp3) {
            arrayHeader(pairs * 2);
        } else if (pairs < SMALL_INTS) {
            out.writeBytes(MAP_HEADERS[pairs]);
        } else {
            aggregateHeader('%', pairs);
        }
    }

    /** A set of {@code n} elements (SMEMBERS): {@code ~n} in RESP3, an array in RESP2. */
    public void setHeader(int n) {
        if (!resp3) {
            arrayHeader(n);
        } else if (n < SMALL_INTS) {
            out.writeBytes(SET_HEADERS[n]);
        } else {
            aggregateHeader('~', n);
        }
    }

    /** An out-of-band push of {@code n} elements (pub/sub messages, invalidations): {@code >n} in RESP3, an array in RESP2. */
    public void pushHeader(int n) {
        if (!resp3) {
            arrayHeader(n);
        } else if (n < SMALL_INTS) {
            out.writeBytes(PUSH_HEADERS[n]);
        } else {
            aggregateHeader('>', n);
        }
    }

    private void aggregateHeader(char type, long n) {
        out.writeByte(type);
        RespNumbers.writeLong(out, n);
        out.writeBytes(CRLF);
    }

    /**
     * A double (ZSCORE, ZINCRBY): {@code ,<d>} in RESP3, a bulk string in RESP2, both in Redis 7.2's
     * text form ({@link RespNumbers#formatDouble}: "1.5", "3", "inf", "-inf", "nan", "1e+300").
     */
    public void doubleValue(double d) {
        String text = RespNumbers.formatDouble(d);
        if (resp3) {
            out.writeByte(',');
            out.writeCharSequence(text, StandardCharsets.ISO_8859_1);
            out.writeBytes(CRLF);
        } else {
            bulkHeader(text.length());
            out.writeCharSequence(text, StandardCharsets.ISO_8859_1);
            out.writeBytes(CRLF);
        }
    }

    /** A big number given in decimal: {@code (digits} in RESP3, a bulk string in RESP2. */
    public void bigNumber(CharSequence digits) {
        if (resp3) {
            out.writeByte('(');
            out.writeCharSequence(digits, StandardCharsets.ISO_8859_1);
            out.writeBytes(CRLF);
        } else {
            bulkHeader(digits.length());
            out.writeCharSequence(digits, StandardCharsets.ISO_8859_1);
            out.writeBytes(CRLF);
        }
    }

    /**
     * Human-readable text (INFO, CLIENT LIST, LATENCY DOCTOR): a verbatim string of format "txt" in
     * RESP3, a bulk string in RESP2, as Redis's addReplyVerbatim.
     */
    public void verbatim(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        if (!resp3) {
            bulk(b);
            return;
        }
        out.ensureWritable(b.length + 20);
        out.writeByte('=');
        RespNumbers.writeLong(out, b.length + 4);
        out.writeBytes(CRLF);
        out.writeBytes(TXT);
        out.writeBytes(b);
        out.writeBytes(CRLF);
    }

    private static final byte[] TXT = ascii("txt:");

    private void bulkHeader(int len) {
        if (len < SMALL_INTS) {
            out.writeBytes(BULK_HEADERS[len]);
            return;
        }
        out.writeByte('$');
        RespNumbers.writeLong(out, len);
        out.writeBytes(CRLF);
    }

    public void bulk(byte[] value) {
        out.ensureWritable(value.length + 16);
        bulkHeader(value.length);
        out.writeBytes(value);
        out.writeBytes(CRLF);
    }

    /** A bulk string of {@code length} bytes of {@code value} from {@code offset} (e.g. the value part of a stored entry). */
    public void bulk(byte[] value, int offset, int length) {
        out.ensureWritable(length + 16);
        bulkHeader(length);
        out.writeBytes(value, offset, length);
        out.writeBytes(CRLF);
    }

    /** A bulk string copied from a slice of another buffer (e.g. a request argument). */
    public void bulk(ByteBuf src, int offset, int length) {
        out.ensureWritable(length + 16);
        bulkHeader(length);
        out.writeBytes(src, offset, length);
        out.writeBytes(CRLF);
    }

    /** A bulk string of text, UTF-8 encoded. */
    public void bulk(String text) {
        bulk(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A bulk string or, for null, the null bulk. */
    public void bulkOrNull(String text) {
        if (text == null) {
            nullBulk();
        } else {
            bulk(text);
        }
    }

    /** A bulk string holding the decimal form of {@code v}. */
    public void bulkLong(long v) {
        bulkHeader(RespNumbers.digits(v));
        RespNumbers.writeLong(out, v);
        out.writeBytes(CRLF);
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}

package dev.cachalot.engine.protocol.resp;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * Writes RESP2 replies straight into the connection's outgoing buffer for the current read batch.
 * Common replies are shared pre-encoded constants; nothing here allocates on the success path.
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

    static {
        for (int i = 0; i < SMALL_INTS; i++) {
            INTEGERS[i] = ascii(":" + i + "\r\n");
            BULK_HEADERS[i] = ascii("$" + i + "\r\n");
            ARRAY_HEADERS[i] = ascii("*" + i + "\r\n");
        }
    }

    private ByteBuf out;

    /** Directs the following replies into {@code out} (the buffer of the current read batch). */
    public void target(ByteBuf out) {
        this.out = out;
    }

    public ByteBuf buffer() {
        return out;
    }

    /** A pre-encoded reply, such as the constants above. */
    public void raw(byte[] encoded) {
        out.writeBytes(encoded);
    }

    public void ok() {
        out.writeBytes(OK);
    }

    public void nullBulk() {
        out.writeBytes(NULL_BULK);
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
        if (message.startsWith("-")) {
            out.writeByte('-');
            message = message.substring(1);
        } else {
            out.writeBytes(ERR_PREFIX);
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

    /** The null array ({@code *-1} in RESP2): BLPOP timeouts, missing keys of some multi-replies. */
    public void nullArray() {
        out.writeBytes(NULL_ARRAY);
    }

    /**
     * A double, as Redis 7.0's addReplyDouble prints it in RESP2: a bulk string in {@code %.17g}
     * form, "inf"/"-inf" for infinities (RESP3 will use the {@code ,} type).
     */
    public void doubleValue(double d) {
        bulk(dev.cachalot.engine.util.Doubles.format17g(d));
    }

    /** A map of {@code n} key/value pairs; RESP2 writes a flat array of 2n elements. */
    public void mapHeader(int n) {
        arrayHeader(2 * n);
    }

    /** A set of {@code n} elements; RESP2 writes an array. */
    public void setHeader(int n) {
        arrayHeader(n);
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

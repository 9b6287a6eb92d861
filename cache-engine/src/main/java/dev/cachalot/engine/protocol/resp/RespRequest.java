package dev.cachalot.engine.protocol.resp;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * The arguments of one decoded command, as slices of a buffer: offsets and lengths, no copies.
 * Valid only until the next call of the decoder (the buffer is reused). One instance per connection.
 */
public final class RespRequest {

    private ByteBuf buf;
    private int base;
    private int argc;
    private int[] offsets = new int[16];
    private int[] lengths = new int[16];

    /** A request over copies of the arguments (a blocked command that is executed again later). */
    public static RespRequest of(byte[][] args) {
        int total = 0;
        for (byte[] a : args) {
            total += a.length;
        }
        ByteBuf b = io.netty.buffer.Unpooled.buffer(Math.max(1, total));
        RespRequest r = new RespRequest();
        r.begin();
        for (byte[] a : args) {
            r.add(b.writerIndex(), a.length);
            b.writeBytes(a);
        }
        r.complete(b, 0);
        return r;
    }

    /** Copies of every argument. */
    public byte[][] copyAll() {
        byte[][] out = new byte[argc][];
        for (int i = 0; i < argc; i++) {
            out[i] = bytes(i);
        }
        return out;
    }

    void begin() {
        argc = 0;
    }

    /** Records an argument at {@code relativeOffset} from the start of the request. */
    void add(int relativeOffset, int length) {
        if (argc == offsets.length) {
            offsets = java.util.Arrays.copyOf(offsets, argc * 2);
            lengths = java.util.Arrays.copyOf(lengths, argc * 2);
        }
        offsets[argc] = relativeOffset;
        lengths[argc] = length;
        argc++;
    }

    void complete(ByteBuf buf, int base) {
        this.buf = buf;
        this.base = base;
    }

    public ByteBuf buf() {
        return buf;
    }

    public int argc() {
        return argc;
    }

    /** Absolute index of argument {@code i} in {@link #buf()}. */
    public int offset(int i) {
        return base + offsets[i];
    }

    public int length(int i) {
        return lengths[i];
    }

    /** Case-insensitive comparison of argument {@code i} with an ASCII word given in upper case. */
    public boolean is(int i, byte[] upperAscii) {
        int len = lengths[i];
        if (len != upperAscii.length) {
            return false;
        }
        int off = base + offsets[i];
        for (int k = 0; k < len; k++) {
            int b = buf.getByte(off + k);
            if (b >= 'a' && b <= 'z') {
                b -= 32;
            }
            if (b != upperAscii[k]) {
                return false;
            }
        }
        return true;
    }

    /** A copy of argument {@code i}: for values that are stored. */
    public byte[] bytes(int i) {
        byte[] b = new byte[lengths[i]];
        buf.getBytes(base + offsets[i], b);
        return b;
    }

    /** Argument {@code i} as a string of raw bytes (ISO-8859-1), for rare paths such as errors and names. */
    public String string(int i) {
        return buf.toString(base + offsets[i], lengths[i], StandardCharsets.ISO_8859_1);
    }

    public boolean parseLong(int i, MutableLong out) {
        return RespNumbers.string2ll(buf, base + offsets[i], lengths[i], out);
    }

    /**
     * An independent copy of this request in its own heap buffer, valid after the receive buffer is
     * reused: for commands queued by MULTI and replayed by EXEC.
     */
    public RespRequest copy() {
        int total = 0;
        for (int i = 0; i < argc; i++) {
            total += lengths[i];
        }
        ByteBuf b = io.netty.buffer.Unpooled.buffer(total, total);
        RespRequest c = new RespRequest();
        for (int i = 0; i < argc; i++) {
            c.add(b.writerIndex(), lengths[i]);
            b.writeBytes(buf, base + offsets[i], lengths[i]);
        }
        c.complete(b, 0);
        return c;
    }

    /** Total bytes of the arguments (Redis's argv-mem, roughly). */
    public long argBytes() {
        long total = 0;
        for (int i = 0; i < argc; i++) {
            total += lengths[i];
        }
        return total;
    }
}

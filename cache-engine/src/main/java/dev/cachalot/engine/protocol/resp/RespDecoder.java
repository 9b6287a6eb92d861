package dev.cachalot.engine.protocol.resp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ByteProcessor;

import java.nio.charset.StandardCharsets;

/**
 * A resumable RESP request decoder that works in place on the connection's receive buffer, following
 * Redis 7 networking.c ({@code processMultibulkBuffer}, {@code processInlineBuffer}) byte for byte,
 * including its leniencies: the two bytes after a bulk are skipped unchecked, any byte after a header's
 * '\r' is taken as its '\n', a line search stops at a NUL byte (Redis uses {@code strchr}), and
 * {@code *0} or a negative count is silently skipped.
 *
 * <p>Arguments are recorded as offsets relative to the start of the request, so the caller may compact
 * or grow the buffer between calls while a request is incomplete, as long as it does not discard
 * unread bytes. The only copy is for inline (telnet) commands, whose quoting is undone into a scratch
 * buffer.
 */
public final class RespDecoder {

    /** No complete request yet; call again with more bytes. */
    public static final int NEED_MORE = 0;
    /** A request is in the {@link RespRequest}; the buffer's reader index is past it. */
    public static final int COMMAND = 1;
    /** Malformed input: reply {@link #errorReply()} and close the connection. */
    public static final int PROTOCOL_ERROR = 2;

    /** PROTO_INLINE_MAX_SIZE: longest inline request or header line. */
    public static final int INLINE_MAX_SIZE = 64 * 1024;
    /** proto-max-bulk-len default. */
    public static final long PROTO_MAX_BULK_LEN = 512L * 1024 * 1024;

    public static final byte[] ERR_TOO_BIG_INLINE = error("Protocol error: too big inline request");
    public static final byte[] ERR_UNBALANCED_QUOTES = error("Protocol error: unbalanced quotes in request");
    public static final byte[] ERR_TOO_BIG_MBULK_COUNT = error("Protocol error: too big mbulk count string");
    public static final byte[] ERR_INVALID_MBULK_LENGTH = error("Protocol error: invalid multibulk length");
    public static final byte[] ERR_TOO_BIG_BULK_COUNT = error("Protocol error: too big bulk count string");
    public static final byte[] ERR_INVALID_BULK_LENGTH = error("Protocol error: invalid bulk length");

    private static final int NONE = 0;
    private static final int INLINE = 1;
    private static final int MULTIBULK = 2;
    private static final int SKIP = -1;

    private static final ByteProcessor FIND_CR_OR_NUL = b -> b != '\r' && b != 0;
    private static final ByteProcessor FIND_LF_OR_NUL = b -> b != '\n' && b != 0;

    private final MutableLong number = new MutableLong();
    private final InlineSplitter inline = new InlineSplitter();

    private int type = NONE;
    /** Relative to the request start: the first byte not yet consumed. */
    private int pos;
    /** Relative to the request start: where the search for the current line's end resumes. */
    private int scanned;
    /** Arguments still to read; 0 while the count line has not been read. */
    private long multibulkLen;
    /** Length of the bulk being read, or -1 while its header has not been read. */
    private long bulkLen = -1;
    private byte[] errorReply;
    private long maxBulkLen = PROTO_MAX_BULK_LEN;

    /** proto-max-bulk-len: a longer bulk is a protocol error ("invalid bulk length"). */
    public void maxBulkLen(long bytes) {
        this.maxBulkLen = bytes;
    }

    /**
     * While a bulk argument is only partly received: how many more bytes it needs (data and CRLF),
     * so that the caller can size its buffer once instead of growing it step by step; else 0.
     */
    public long pendingBulkBytes(ByteBuf in) {
        if (type != MULTIBULK || bulkLen < 0) {
            return 0;
        }
        long have = (long) in.writerIndex() - (in.readerIndex() + pos);
        return Math.max(0, bulkLen + 2 - have);
    }

    /**
     * Decodes at most one request from {@code in}, starting at its reader index.
     *
     * @return {@link #NEED_MORE}, {@link #COMMAND} or {@link #PROTOCOL_ERROR}
     */
    public int decode(ByteBuf in, RespRequest req) {
        for (;;) {
            int start = in.readerIndex();
            int end = in.writerIndex();
            if (type == NONE) {
                if (start == end) {
                    return NEED_MORE;
                }
                type = in.getByte(start) == '*' ? MULTIBULK : INLINE;
                pos = 0;
                scanned = 0;
                multibulkLen = 0;
                bulkLen = -1;
                req.begin();
            }
            int r = type == INLINE ? decodeInline(in, start, end, req) : decodeMultibulk(in, start, end, req);
            if (r != SKIP) {
                return r;
            }
        }
    }

    /** The complete error reply ({@code -ERR …\r\n}) for the last {@link #PROTOCOL_ERROR}. */
    public byte[] errorReply() {
        return errorReply;
    }

    /** True while part of a request has been seen. */
    public boolean inRequest() {
        return type != NONE;
    }

    /** Forgets a partial request, e.g. after the caller dropped the buffer. */
    public void reset() {
        type = NONE;
        bulkLen = -1;
        multibulkLen = 0;
    }

    private int decodeMultibulk(ByteBuf in, int start, int end, RespRequest req) {
        if (multibulkLen == 0) {
            int from = start + Math.max(pos, scanned);
            int cr = in.forEachByte(from, end - from, FIND_CR_OR_NUL);
            if (cr < 0 || in.getByte(cr) == 0) {
                scanned = (cr < 0 ? end : cr) - start;
                if (end - (start + pos) > INLINE_MAX_SIZE) {
                    return fail(ERR_TOO_BIG_MBULK_COUNT);
                }
                return NEED_MORE;
            }
            scanned = cr - start;
            if (cr + 1 >= end) {
                return NEED_MORE; // the line must be followed by one more byte, taken as '\n'
            }
            int numStart = start + pos + 1;
            if (!RespNumbers.string2ll(in, numStart, cr - numStart, number) || number.value > Integer.MAX_VALUE) {
                return fail(ERR_INVALID_MBULK_LENGTH);
            }
            pos = cr + 2 - start;
            scanned = pos;
            if (number.value <= 0) {
                in.readerIndex(start + pos);
                type = NONE;
                return SKIP;
            }
            multibulkLen = number.value;
        }
        while (multibulkLen > 0) {
            if (bulkLen < 0) {
                int from = start + Math.max(pos, scanned);
                int cr = in.forEachByte(from, end - from, FIND_CR_OR_NUL);
                if (cr < 0 || in.getByte(cr) == 0) {
                    scanned = (cr < 0 ? end : cr) - start;
                    if (end - (start + pos) > INLINE_MAX_SIZE) {
                        return fail(ERR_TOO_BIG_BULK_COUNT);
                    }
                    return NEED_MORE;
                }
                scanned = cr - start;
                if (cr + 1 >= end) {
                    return NEED_MORE;
                }
                byte first = in.getByte(start + pos);
                if (first != '$') {
                    return fail(expectedDollar(first));
                }
                int numStart = start + pos + 1;
                if (!RespNumbers.string2ll(in, numStart, cr - numStart, number)
                        || number.value < 0 || number.value > maxBulkLen) {
                    return fail(ERR_INVALID_BULK_LENGTH);
                }
                pos = cr + 2 - start;
                scanned = pos;
                bulkLen = number.value;
            }
            if ((long) end - (start + pos) < bulkLen + 2) {
                return NEED_MORE;
            }
            req.add(pos, (int) bulkLen);
            pos += (int) bulkLen + 2; // Redis skips the two bytes after the data without checking them
            scanned = pos;
            bulkLen = -1;
            multibulkLen--;
        }
        in.readerIndex(start + pos);
        type = NONE;
        req.complete(in, start);
        return COMMAND;
    }

    private int decodeInline(ByteBuf in, int start, int end, RespRequest req) {
        int from = start + scanned;
        int nl = in.forEachByte(from, end - from, FIND_LF_OR_NUL);
        if (nl < 0 || in.getByte(nl) == 0) {
            scanned = (nl < 0 ? end : nl) - start;
            if (end - start > INLINE_MAX_SIZE) {
                return fail(ERR_TOO_BIG_INLINE);
            }
            return NEED_MORE;
        }
        int lineEnd = nl;
        if (nl != start && in.getByte(nl - 1) == '\r') {
            lineEnd--;
        }
        if (!inline.split(in, start, lineEnd, req)) {
            return fail(ERR_UNBALANCED_QUOTES);
        }
        in.readerIndex(nl + 1);
        type = NONE;
        return req.argc() == 0 ? SKIP : COMMAND;
    }

    private int fail(byte[] reply) {
        errorReply = reply;
        type = NONE;
        return PROTOCOL_ERROR;
    }

    private static byte[] expectedDollar(byte got) {
        // Redis formats the byte with %c and then turns \r and \n into spaces
        byte shown = got == '\r' || got == '\n' ? (byte) ' ' : got;
        byte[] head = "-ERR Protocol error: expected '$', got '".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + 4];
        System.arraycopy(head, 0, out, 0, head.length);
        out[head.length] = shown;
        out[head.length + 1] = '\'';
        out[head.length + 2] = '\r';
        out[head.length + 3] = '\n';
        return out;
    }

    private static byte[] error(String message) {
        return ("-ERR " + message + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Redis's {@code sdssplitargs}: splits a telnet-style line into arguments, with "double quotes"
     * (escapes \n \r \t \b \a \xHH \&lt;any&gt;) and 'single quotes' (only \' escaped). A closing quote must
     * be followed by a space or the end of the line. The unquoted arguments go into a reused scratch
     * buffer that the request then points into.
     */
    static final class InlineSplitter {

        private final ByteBuf scratch = Unpooled.buffer(256);

        /** @return false on unbalanced quotes */
        boolean split(ByteBuf in, int from, int to, RespRequest req) {
            scratch.clear();
            req.begin();
            int p = from;
            for (;;) {
                while (p < to && isSpace(in.getByte(p))) {
                    p++;
                }
                if (p >= to) {
                    req.complete(scratch, 0);
                    return true;
                }
                int argStart = scratch.writerIndex();
                boolean inq = false;
                boolean insq = false;
                boolean done = false;
                while (!done) {
                    int c = p < to ? in.getByte(p) & 0xff : 0;
                    int next = p + 1 < to ? in.getByte(p + 1) & 0xff : 0;
                    if (inq) {
                        if (c == '\\' && next == 'x' && p + 3 < to
                                && isHex(in.getByte(p + 2)) && isHex(in.getByte(p + 3))) {
                            scratch.writeByte(hex(in.getByte(p + 2)) * 16 + hex(in.getByte(p + 3)));
                            p += 3;
                        } else if (c == '\\' && next != 0) {
                            p++;
                            scratch.writeByte(switch (next) {
                                case 'n' -> '\n';
                                case 'r' -> '\r';
                                case 't' -> '\t';
                                case 'b' -> '\b';
                                case 'a' -> 7;
                                default -> next;
                            });
                        } else if (c == '"') {
                            if (next != 0 && !isSpace((byte) next)) {
                                return false;
                            }
                            done = true;
                        } else if (c == 0) {
                            return false;
                        } else {
                            scratch.writeByte(c);
                        }
                    } else if (insq) {
                        if (c == '\\' && next == '\'') {
                            p++;
                            scratch.writeByte('\'');
                        } else if (c == '\'') {
                            if (next != 0 && !isSpace((byte) next)) {
                                return false;
                            }
                            done = true;
                        } else if (c == 0) {
                            return false;
                        } else {
                            scratch.writeByte(c);
                        }
                    } else {
                        switch (c) {
                            case ' ', '\n', '\r', '\t', 0 -> done = true;
                            case '"' -> inq = true;
                            case '\'' -> insq = true;
                            default -> scratch.writeByte(c);
                        }
                    }
                    if (p < to) {
                        p++;
                    }
                }
                req.add(argStart, scratch.writerIndex() - argStart);
            }
        }

        /** C isspace() in the "C" locale. */
        private static boolean isSpace(byte b) {
            return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0b || b == 0x0c;
        }

        private static boolean isHex(byte b) {
            return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
        }

        private static int hex(byte b) {
            if (b >= '0' && b <= '9') {
                return b - '0';
            }
            return (b | 0x20) - 'a' + 10;
        }
    }
}

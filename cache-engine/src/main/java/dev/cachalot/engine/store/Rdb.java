package dev.cachalot.engine.store;

import dev.cachalot.engine.protocol.resp.MutableLong;
import dev.cachalot.engine.protocol.resp.RespNumbers;
import dev.cachalot.engine.store.type.HashValue;
import dev.cachalot.engine.store.type.KeyedValue;
import dev.cachalot.engine.store.type.ListValue;
import dev.cachalot.engine.store.type.SetValue;
import dev.cachalot.engine.store.type.ZSetValue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Redis's RDB serialization of one value, as DUMP and RESTORE exchange it: type byte, object,
 * 2-byte RDB version and CRC-64 (Jones) of everything before it. Writes the plain encodings every
 * Redis 7 loads (string, list, set, hash, zset with binary scores) under RDB version 10 (Redis 7.0);
 * reads those plus the compact ones Redis 7.0–7.2 write (listpack, intset, quicklist 2, LZF and
 * integer-encoded strings).
 */
public final class Rdb {

    /** The version we write; Redis 7.0 restores payloads up to its own version, 10. */
    public static final int WRITE_VERSION = 10;
    /** The newest version we read (Redis 7.2 writes 11). */
    public static final int READ_VERSION = 11;

    static final int TYPE_STRING = 0;
    static final int TYPE_LIST = 1;
    static final int TYPE_SET = 2;
    static final int TYPE_ZSET = 3;
    static final int TYPE_HASH = 4;
    static final int TYPE_ZSET_2 = 5;
    static final int TYPE_SET_INTSET = 11;
    static final int TYPE_HASH_LISTPACK = 16;
    static final int TYPE_ZSET_LISTPACK = 17;
    static final int TYPE_LIST_QUICKLIST_2 = 18;
    static final int TYPE_SET_LISTPACK = 20;

    private static final long[] CRC_TABLE = new long[256];

    static {
        long poly = 0x95AC9329AC4BC9B5L; // 0xad93d23594c935a9 reflected
        for (int i = 0; i < 256; i++) {
            long crc = i;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ poly : crc >>> 1;
            }
            CRC_TABLE[i] = crc;
        }
    }

    private Rdb() {
    }

    public static long crc64(byte[] b, int off, int len) {
        long crc = 0;
        for (int i = off; i < off + len; i++) {
            crc = CRC_TABLE[(int) ((crc ^ b[i]) & 0xff)] ^ (crc >>> 8);
        }
        return crc;
    }

    // ------------------------------------------------------------------------------------------ DUMP

    /** The DUMP payload of a stored value (a string entry or a container). */
    public static byte[] dump(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (value instanceof byte[] e) {
            out.write(TYPE_STRING);
            writeString(out, StringEntry.value(e));
        } else if (value instanceof ListValue l) {
            out.write(TYPE_LIST);
            writeLen(out, l.size());
            for (int i = 0; i < l.size(); i++) {
                writeString(out, l.get(i));
            }
        } else if (value instanceof SetValue s) {
            out.write(TYPE_SET);
            writeLen(out, s.size());
            s.forEach(m -> writeString(out, m));
        } else if (value instanceof HashValue h) {
            out.write(TYPE_HASH);
            writeLen(out, h.size());
            h.forEach((f, v) -> {
                writeString(out, f);
                writeString(out, v);
            });
        } else if (value instanceof ZSetValue z) {
            out.write(TYPE_ZSET_2);
            writeLen(out, z.size());
            for (ZSetValue.Node x = z.last(); x != null; x = x.prev()) {
                writeString(out, x.ele());
                long bits = Double.doubleToRawLongBits(x.score());
                for (int i = 0; i < 8; i++) {
                    out.write((int) (bits >>> (8 * i)));
                }
            }
        } else {
            throw new IllegalArgumentException("cannot dump " + value.getClass());
        }
        out.write(WRITE_VERSION & 0xff);
        out.write(WRITE_VERSION >>> 8);
        byte[] body = out.toByteArray();
        long crc = crc64(body, 0, body.length);
        byte[] payload = java.util.Arrays.copyOf(body, body.length + 8);
        for (int i = 0; i < 8; i++) {
            payload[body.length + i] = (byte) (crc >>> (8 * i));
        }
        return payload;
    }

    static void writeLen(ByteArrayOutputStream out, long len) {
        if (len < (1 << 6)) {
            out.write((int) len);
        } else if (len < (1 << 14)) {
            out.write((int) (0x40 | (len >> 8)));
            out.write((int) (len & 0xff));
        } else if (len <= 0xffffffffL) {
            out.write(0x80);
            for (int i = 3; i >= 0; i--) {
                out.write((int) (len >>> (8 * i)));
            }
        } else {
            out.write(0x81);
            for (int i = 7; i >= 0; i--) {
                out.write((int) (len >>> (8 * i)));
            }
        }
    }

    static void writeString(ByteArrayOutputStream out, byte[] s) {
        MutableLong v = new MutableLong();
        if (s.length <= 11 && RespNumbers.string2ll(s, v)) {
            long x = v.value;
            if (x >= Byte.MIN_VALUE && x <= Byte.MAX_VALUE) {
                out.write(0xC0);
                out.write((int) x);
                return;
            } else if (x >= Short.MIN_VALUE && x <= Short.MAX_VALUE) {
                out.write(0xC1);
                out.write((int) x);
                out.write((int) (x >> 8));
                return;
            } else if (x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE) {
                out.write(0xC2);
                for (int i = 0; i < 4; i++) {
                    out.write((int) (x >> (8 * i)));
                }
                return;
            }
        }
        writeLen(out, s.length);
        out.writeBytes(s);
    }

    // ------------------------------------------------------------------------------------------ RESTORE

    /** Whether the footer's version is one we read and the checksum matches (verifyDumpPayload). */
    public static boolean verify(byte[] p) {
        if (p.length < 10) {
            return false;
        }
        int footer = p.length - 10;
        int version = (p[footer] & 0xff) | ((p[footer + 1] & 0xff) << 8);
        if (version > READ_VERSION) {
            return false;
        }
        long crc = crc64(p, 0, p.length - 8);
        for (int i = 0; i < 8; i++) {
            if ((byte) (crc >>> (8 * i)) != p[p.length - 8 + i]) {
                return false;
            }
        }
        return true;
    }

    /** A parse failure: RESTORE answers "Bad data format". */
    public static final class BadFormat extends RuntimeException {
        BadFormat(String m) {
            super(m, null, false, false);
        }
    }

    /**
     * Decodes a verified payload: a {@code byte[]} string value or a container (without key).
     *
     * @throws BadFormat for anything it cannot read
     */
    public static Object load(byte[] p, DataConfig cfg) {
        try {
            Reader r = new Reader(p, p.length - 10);
            int type = r.u8();
            Object v = switch (type) {
                case TYPE_STRING -> r.string();
                case TYPE_LIST -> {
                    long n = r.len();
                    ListValue l = new ListValue();
                    for (long i = 0; i < n; i++) {
                        byte[] e = r.string();
                        l.beforeAdd(e.length, 1, cfg);
                        l.pushTail(e);
                    }
                    yield l;
                }
                case TYPE_LIST_QUICKLIST_2 -> {
                    long nodes = r.len();
                    ListValue l = new ListValue();
                    for (long i = 0; i < nodes; i++) {
                        long container = r.len();
                        byte[] blob = r.string();
                        List<byte[]> items = container == 1 ? List.of(blob) : listpack(blob);
                        for (byte[] e : items) {
                            l.beforeAdd(e.length, 1, cfg);
                            l.pushTail(e);
                        }
                    }
                    yield l;
                }
                case TYPE_SET, TYPE_SET_INTSET, TYPE_SET_LISTPACK -> {
                    List<byte[]> members = new ArrayList<>();
                    if (type == TYPE_SET) {
                        long n = r.len();
                        for (long i = 0; i < n; i++) {
                            members.add(r.string());
                        }
                    } else if (type == TYPE_SET_INTSET) {
                        members = intset(r.string());
                    } else {
                        members = listpack(r.string());
                    }
                    SetValue s = SetValue.create(members.isEmpty() ? null : members.get(0), members.size(), cfg);
                    for (byte[] m : members) {
                        s.add(m, cfg);
                    }
                    yield s;
                }
                case TYPE_HASH, TYPE_HASH_LISTPACK -> {
                    List<byte[]> flat = new ArrayList<>();
                    if (type == TYPE_HASH) {
                        long n = r.len();
                        for (long i = 0; i < 2 * n; i++) {
                            flat.add(r.string());
                        }
                    } else {
                        flat = listpack(r.string());
                    }
                    HashValue h = new HashValue();
                    for (int i = 0; i + 1 < flat.size(); i += 2) {
                        h.set(flat.get(i), flat.get(i + 1), cfg);
                    }
                    yield h;
                }
                case TYPE_ZSET, TYPE_ZSET_2, TYPE_ZSET_LISTPACK -> {
                    List<byte[]> members = new ArrayList<>();
                    List<Double> scores = new ArrayList<>();
                    if (type == TYPE_ZSET_LISTPACK) {
                        List<byte[]> flat = listpack(r.string());
                        for (int i = 0; i + 1 < flat.size(); i += 2) {
                            members.add(flat.get(i));
                            scores.add(dev.cachalot.engine.util.Doubles.parseLenient(new String(flat.get(i + 1), StandardCharsets.US_ASCII)));
                        }
                    } else {
                        long n = r.len();
                        for (long i = 0; i < n; i++) {
                            members.add(r.string());
                            scores.add(type == TYPE_ZSET_2 ? r.binaryDouble() : r.stringDouble());
                        }
                    }
                    int maxLen = 0;
                    for (byte[] m : members) {
                        maxLen = Math.max(maxLen, m.length);
                    }
                    ZSetValue z = new ZSetValue(members.size(), maxLen, cfg);
                    for (int i = 0; i < members.size(); i++) {
                        z.add(scores.get(i), members.get(i), 0, null, cfg);
                    }
                    yield z;
                }
                default -> throw new BadFormat("unsupported type " + type);
            };
            if (v instanceof KeyedValue kv && kv.size() == 0) {
                throw new BadFormat("empty value");
            }
            return v;
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            throw new BadFormat(e.toString());
        }
    }

    private static final class Reader {
        final byte[] b;
        final int end;
        int pos;

        Reader(byte[] b, int end) {
            this.b = b;
            this.end = end;
        }

        int u8() {
            if (pos >= end) {
                throw new BadFormat("truncated");
            }
            return b[pos++] & 0xff;
        }

        /** A length; for the special string encodings returns -(1 + encoding). */
        long lenOrEncoding() {
            int first = u8();
            int kind = (first & 0xC0) >> 6;
            switch (kind) {
                case 0:
                    return first & 0x3f;
                case 1:
                    return ((long) (first & 0x3f) << 8) | u8();
                case 2:
                    if (first == 0x80) {
                        long v = 0;
                        for (int i = 0; i < 4; i++) {
                            v = (v << 8) | u8();
                        }
                        return v;
                    }
                    if (first == 0x81) {
                        long v = 0;
                        for (int i = 0; i < 8; i++) {
                            v = (v << 8) | u8();
                        }
                        return v;
                    }
                    throw new BadFormat("bad length");
                default:
                    return -1 - (first & 0x3f);
            }
        }

        long len() {
            long l = lenOrEncoding();
            if (l < 0) {
                throw new BadFormat("encoded length");
            }
            return l;
        }

        byte[] bytes(int n) {
            if (n < 0 || pos + n > end) {
                throw new BadFormat("truncated");
            }
            byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return out;
        }

        byte[] string() {
            long l = lenOrEncoding();
            if (l >= 0) {
                return bytes((int) l);
            }
            int enc = (int) (-1 - l);
            long v;
            switch (enc) {
                case 0 -> v = (byte) u8();
                case 1 -> v = (short) (u8() | (u8() << 8));
                case 2 -> v = u8() | (u8() << 8) | (u8() << 16) | ((long) (byte) u8() << 24);
                case 3 -> {
                    int clen = (int) len();
                    int ulen = (int) len();
                    return lzf(bytes(clen), ulen);
                }
                default -> throw new BadFormat("unknown string encoding");
            }
            return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
        }

        double binaryDouble() {
            long bits = 0;
            for (int i = 0; i < 8; i++) {
                bits |= (long) u8() << (8 * i);
            }
            return Double.longBitsToDouble(bits);
        }

        double stringDouble() {
            int l = u8();
            return switch (l) {
                case 253 -> Double.NaN;
                case 254 -> Double.POSITIVE_INFINITY;
                case 255 -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(new String(bytes(l), StandardCharsets.US_ASCII));
            };
        }
    }

    static byte[] lzf(byte[] in, int outLen) {
        byte[] out = new byte[outLen];
        int ip = 0;
        int op = 0;
        while (ip < in.length) {
            int ctrl = in[ip++] & 0xff;
            if (ctrl < 32) {
                int n = ctrl + 1;
                System.arraycopy(in, ip, out, op, n);
                ip += n;
                op += n;
            } else {
                int len = ctrl >> 5;
                int ref = op - ((ctrl & 0x1f) << 8) - 1;
                if (len == 7) {
                    len += in[ip++] & 0xff;
                }
                ref -= in[ip++] & 0xff;
                len += 2;
                for (int i = 0; i < len; i++) {
                    out[op++] = out[ref++];
                }
            }
        }
        if (op != outLen) {
            throw new BadFormat("lzf length");
        }
        return out;
    }

    /** The elements of a listpack blob, integers as their decimal text. */
    static List<byte[]> listpack(byte[] lp) {
        List<byte[]> out = new ArrayList<>();
        int p = 6;
        while (p < lp.length) {
            int e = lp[p] & 0xff;
            if (e == 0xFF) {
                break;
            }
            int start = p;
            byte[] val;
            if ((e & 0x80) == 0) {
                val = num(e & 0x7f);
                p += 1;
            } else if ((e & 0xC0) == 0x80) {
                int len = e & 0x3f;
                val = java.util.Arrays.copyOfRange(lp, p + 1, p + 1 + len);
                p += 1 + len;
            } else if ((e & 0xE0) == 0xC0) {
                int u = ((e & 0x1f) << 8) | (lp[p + 1] & 0xff);
                val = num(u >= 4096 ? u - 8192 : u);
                p += 2;
            } else if ((e & 0xF0) == 0xE0) {
                int len = ((e & 0x0f) << 8) | (lp[p + 1] & 0xff);
                val = java.util.Arrays.copyOfRange(lp, p + 2, p + 2 + len);
                p += 2 + len;
            } else if (e == 0xF0) {
                int len = (lp[p + 1] & 0xff) | ((lp[p + 2] & 0xff) << 8) | ((lp[p + 3] & 0xff) << 16) | ((lp[p + 4] & 0xff) << 24);
                val = java.util.Arrays.copyOfRange(lp, p + 5, p + 5 + len);
                p += 5 + len;
            } else {
                int bytes = switch (e) {
                    case 0xF1 -> 2;
                    case 0xF2 -> 3;
                    case 0xF3 -> 4;
                    case 0xF4 -> 8;
                    default -> throw new BadFormat("listpack encoding");
                };
                long v = 0;
                for (int i = 0; i < bytes; i++) {
                    v |= (long) (lp[p + 1 + i] & 0xff) << (8 * i);
                }
                int shift = 64 - 8 * bytes;
                v = (v << shift) >> shift;
                val = num(v);
                p += 1 + bytes;
            }
            out.add(val);
            p += Listpacks.backlenSize(p - start);
        }
        return out;
    }

    private static byte[] num(long v) {
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }

    static List<byte[]> intset(byte[] is) {
        int enc = (is[0] & 0xff) | ((is[1] & 0xff) << 8);
        int n = (is[4] & 0xff) | ((is[5] & 0xff) << 8) | ((is[6] & 0xff) << 16) | ((is[7] & 0xff) << 24);
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long v = 0;
            int base = 8 + i * enc;
            for (int k = 0; k < enc; k++) {
                v |= (long) (is[base + k] & 0xff) << (8 * k);
            }
            int shift = 64 - 8 * enc;
            out.add(num((v << shift) >> shift));
        }
        return out;
    }

    /** Access to the listpack back-length rule. */
    private static final class Listpacks {
        static int backlenSize(int l) {
            if (l <= 127) {
                return 1;
            } else if (l < 16383) {
                return 2;
            } else if (l < 2097151) {
                return 3;
            } else if (l < 268435455) {
                return 4;
            }
            return 5;
        }
    }
}

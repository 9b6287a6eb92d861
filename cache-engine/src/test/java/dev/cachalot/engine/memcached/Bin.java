package dev.cachalot.engine.memcached;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/** Frames of memcached's binary protocol, for tests. */
final class Bin {

    static final int GET = 0x00;
    static final int SET = 0x01;
    static final int ADD = 0x02;
    static final int REPLACE = 0x03;
    static final int DELETE = 0x04;
    static final int INCR = 0x05;
    static final int DECR = 0x06;
    static final int QUIT = 0x07;
    static final int FLUSH = 0x08;
    static final int GETQ = 0x09;
    static final int NOOP = 0x0a;
    static final int VERSION = 0x0b;
    static final int GETK = 0x0c;
    static final int GETKQ = 0x0d;
    static final int APPEND = 0x0e;
    static final int PREPEND = 0x0f;
    static final int SETQ = 0x11;
    static final int TOUCH = 0x1c;
    static final int GAT = 0x1d;
    static final int SASL_LIST_MECHS = 0x20;
    static final int SASL_AUTH = 0x21;

    private Bin() {
    }

    static byte[] request(int opcode, String key, byte[] extras, byte[] value, long cas) {
        return request(opcode, key, extras, value, cas, opcode);
    }

    static byte[] request(int opcode, String key, byte[] extras, byte[] value, long cas, int opaque) {
        byte[] k = key.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(24 + extras.length + k.length + value.length);
        b.put((byte) 0x80).put((byte) opcode).putShort((short) k.length).put((byte) extras.length).put((byte) 0)
                .putShort((short) 0).putInt(extras.length + k.length + value.length).putInt(opaque).putLong(cas);
        b.put(extras).put(k).put(value);
        return b.array();
    }

    static byte[] ext(int flags, int exptime) {
        return ByteBuffer.allocate(8).putInt(flags).putInt(exptime).array();
    }

    static byte[] int32(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }

    static byte[] arith(long delta, long initial, int exptime) {
        return ByteBuffer.allocate(20).putLong(delta).putLong(initial).putInt(exptime).array();
    }

    /** Response frames as "opcode status key=… extras=… value=… cas=…" lines. */
    static String describe(List<byte[]> frames) {
        return frames.stream().map(Bin::describe).collect(Collectors.joining("\n"));
    }

    static String describe(byte[] f) {
        ByteBuffer b = ByteBuffer.wrap(f);
        int magic = b.get() & 0xFF;
        int opcode = b.get() & 0xFF;
        int keylen = b.getShort() & 0xFFFF;
        int extlen = b.get() & 0xFF;
        b.get();
        int status = b.getShort() & 0xFFFF;
        int body = b.getInt();
        int opaque = b.getInt();
        long cas = b.getLong();
        byte[] extras = new byte[extlen];
        b.get(extras);
        byte[] key = new byte[keylen];
        b.get(key);
        byte[] value = new byte[body - extlen - keylen];
        b.get(value);
        String v = new String(value, StandardCharsets.ISO_8859_1);
        if (v.length() > 80) {
            v = v.substring(0, 80) + "…(" + v.length() + ")";
        }
        return String.format("%02x op=%02x status=%d opaque=%d cas=%d extras=%s key=%s value=%s", magic, opcode, status,
                opaque, cas, HexFormat.of().formatHex(extras), new String(key, StandardCharsets.ISO_8859_1), v);
    }
}

package dev.cachalot.engine.store.type;

import dev.cachalot.engine.protocol.resp.MutableLong;
import dev.cachalot.engine.protocol.resp.RespNumbers;

/**
 * Byte sizes of Redis's listpack encoding (listpack.c), used where Redis decides encodings by
 * listpack size (lists: list-max-listpack-size -2 = 8 KB per node).
 */
public final class Listpack {

    public static final int HEADER = 6;
    public static final int EOF = 1;

    private Listpack() {
    }

    /** Bytes of one listpack entry holding {@code s}: encoding, data and back-length. */
    public static int entrySize(byte[] s) {
        MutableLong v = new MutableLong();
        int enc;
        if (s.length <= 20 && RespNumbers.string2ll(s, v)) {
            long x = v.value;
            if (x >= 0 && x <= 127) {
                enc = 1;
            } else if (x >= -4096 && x <= 4095) {
                enc = 2;
            } else if (x >= -32768 && x <= 32767) {
                enc = 3;
            } else if (x >= -8388608 && x <= 8388607) {
                enc = 4;
            } else if (x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE) {
                enc = 5;
            } else {
                enc = 9;
            }
        } else if (s.length < 64) {
            enc = 1 + s.length;
        } else if (s.length < 4096) {
            enc = 2 + s.length;
        } else {
            enc = 5 + s.length;
        }
        return enc + backlenSize(enc);
    }

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

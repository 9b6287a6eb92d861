package dev.cachalot.engine.store;

import java.lang.management.ManagementFactory;

/**
 * Sizes of Java objects on this JVM, for the byte accounting behind {@code used_memory} and eviction:
 * object and array headers depend on {@code -XX:+UseCompactObjectHeaders} (8 and 12 bytes) or not (12
 * and 16 with compressed class pointers); references are 4 bytes (compressed oops, heaps below 32 GB);
 * everything is aligned to 8 bytes.
 */
public final class Heap {

    public static final boolean COMPACT_HEADERS = compactHeaders();
    public static final int OBJECT_HEADER = COMPACT_HEADERS ? 8 : 12;
    public static final int ARRAY_HEADER = COMPACT_HEADERS ? 12 : 16;
    public static final int REF = 4;

    private Heap() {
    }

    public static long align(long n) {
        return (n + 7) & ~7L;
    }

    public static long byteArray(int length) {
        return align(ARRAY_HEADER + (long) length);
    }

    public static long refArray(int length) {
        return align(ARRAY_HEADER + (long) REF * length);
    }

    public static long intArray(int length) {
        return align(ARRAY_HEADER + 4L * length);
    }

    public static long longArray(int length) {
        return align(ARRAY_HEADER + 8L * length);
    }

    /** An object with the given bytes of fields (references count 4, longs and doubles 8). */
    public static long object(int fieldBytes) {
        return align(OBJECT_HEADER + (long) fieldBytes);
    }

    private static boolean compactHeaders() {
        try {
            var bean = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return bean != null && Boolean.parseBoolean(bean.getVMOption("UseCompactObjectHeaders").getValue());
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}

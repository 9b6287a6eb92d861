package dev.cachalot.engine.command.server;

/**
 * What DEBUG OBJECT says about a value. Until the data layer's encodings land (OBJECT ENCODING),
 * strings are described as Redis would store them: "int" for a decimal that fits a long, "embstr" up
 * to 44 bytes, "raw" beyond.
 */
final class ObjectInfo {

    private ObjectInfo() {
    }

    static String encoding(Object v) {
        if (v instanceof byte[] b) {
            if (b.length <= 20 && isLong(b)) {
                return "int";
            }
            return b.length <= 44 ? "embstr" : "raw";
        }
        return "unknown";
    }

    /** Approximately the RDB length: the string itself (Redis also compresses long strings). */
    static long serializedLength(Object v) {
        if (v instanceof byte[] b) {
            return isLong(b) && b.length <= 20 ? Math.max(1, (b.length + 1) / 2) : b.length + 1;
        }
        return 0;
    }

    private static boolean isLong(byte[] b) {
        try {
            String s = new String(b, java.nio.charset.StandardCharsets.US_ASCII);
            return Long.toString(Long.parseLong(s)).equals(s);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}

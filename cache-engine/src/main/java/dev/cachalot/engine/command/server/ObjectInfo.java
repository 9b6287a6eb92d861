package dev.cachalot.engine.command.server;

/** What DEBUG OBJECT says about a string value beyond its encoding (which OBJECT ENCODING's code gives). */
final class ObjectInfo {

    private ObjectInfo() {
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

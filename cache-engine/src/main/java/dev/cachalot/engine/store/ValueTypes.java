package dev.cachalot.engine.store;

/** How stored values map to Redis data types. A {@code byte[]} is a string; more types come later. */
public final class ValueTypes {

    private ValueTypes() {
    }

    public static boolean isString(Object value) {
        return value instanceof byte[];
    }

    /** The name TYPE reports. */
    public static String typeName(Object value) {
        if (value instanceof byte[]) {
            return "string";
        }
        throw new IllegalStateException("unknown value type " + value.getClass());
    }
}

package dev.cachalot.engine.store;

import dev.cachalot.engine.store.type.KeyedValue;

/** How stored values map to Redis data types: a {@code byte[]} entry is a string, else a {@link KeyedValue}. */
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
        return ((KeyedValue) value).typeName();
    }
}

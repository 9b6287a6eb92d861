package dev.cachalot.engine.store;

/** Outcome of a keyspace operation; commands turn it into a reply. */
public enum StoreStatus {
    OK,
    /** The key does not exist. */
    NOT_FOUND,
    /** The key holds another data type. */
    WRONG_TYPE,
    /** A condition (NX, XX, GT, LT) was not met; nothing changed. */
    NOT_SET,
    /** The stored value is not an integer. */
    NOT_INTEGER,
    /** The stored value is not a float. */
    NOT_FLOAT,
    /** The result would overflow a signed 64-bit integer. */
    OVERFLOW,
    /** The result would be NaN or infinite. */
    NAN_OR_INFINITY,
    /** The result would exceed the largest string (512 MB). */
    TOO_BIG
}

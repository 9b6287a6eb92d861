package dev.cachalot.engine.protocol.resp;

/** A reusable out-parameter for number parsing, so that the hot path never boxes. */
public final class MutableLong {
    public long value;
}

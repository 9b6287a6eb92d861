package dev.cachalot.engine.command;

/**
 * A command's latency distribution in microseconds: power-of-two buckets split into 16 linear
 * sub-buckets (about 6% resolution), enough for Redis's latencystats percentiles and LATENCY
 * HISTOGRAM's power-of-two buckets. Recording is two array writes.
 */
public final class LatencyHistogram {

    private static final int SUB = 16;
    private static final int SUB_BITS = 4;
    private final long[] counts = new long[64 * SUB];
    private long total;

    public void record(long micros) {
        counts[index(Math.max(1, micros))]++;
        total++;
    }

    static int index(long v) {
        int msb = 63 - Long.numberOfLeadingZeros(v);
        if (msb < SUB_BITS) {
            return (int) v;
        }
        int sub = (int) (v >>> (msb - SUB_BITS)) & (SUB - 1);
        return (msb - SUB_BITS + 1) * SUB + sub;
    }

    /** The largest value that falls in bucket {@code i}. */
    static long upper(int i) {
        if (i < SUB) {
            return i;
        }
        int msb = i / SUB + SUB_BITS - 1;
        int sub = i % SUB;
        long base = (1L << msb) | ((long) sub << (msb - SUB_BITS));
        return base + (1L << (msb - SUB_BITS)) - 1;
    }

    public long total() {
        return total;
    }

    /** The value at percentile {@code p} (0–100), in microseconds. */
    public double percentile(double p) {
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(p / 100.0 * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= Math.max(1, rank)) {
                return upper(i);
            }
        }
        return upper(counts.length - 1);
    }

    /** Cumulative counts at the power-of-two bounds 1, 2, 4… µs where the count grows (LATENCY HISTOGRAM). */
    public java.util.LinkedHashMap<Long, Long> cumulativePowersOfTwo() {
        java.util.LinkedHashMap<Long, Long> out = new java.util.LinkedHashMap<>();
        if (total == 0) {
            return out;
        }
        long seen = 0;
        long previous = 0;
        int i = 0;
        for (long bound = 1; seen < total && bound > 0; bound <<= 1) {
            while (i < counts.length && upper(i) <= bound) {
                seen += counts[i++];
            }
            if (seen > previous) {
                out.put(bound, seen);
            }
            previous = seen;
        }
        return out;
    }

    public void reset() {
        java.util.Arrays.fill(counts, 0);
        total = 0;
    }
}

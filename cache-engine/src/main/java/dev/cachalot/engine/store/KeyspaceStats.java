package dev.cachalot.engine.store;

/** Counters the keyspace keeps for INFO stats; touched only by the data thread. */
public final class KeyspaceStats {
    public long keyspaceHits;
    public long keyspaceMisses;
    public long expiredKeys;
    /** Keys removed by the active expiry cycle (part of expiredKeys). */
    public long expiredByCycle;
    public long evictedKeys;
    /** Microseconds spent evicting (Redis's total_eviction_exceeded_time is close to it). */
    public long evictionMicros;

    public void reset() {
        keyspaceHits = 0;
        keyspaceMisses = 0;
        expiredKeys = 0;
        expiredByCycle = 0;
        evictedKeys = 0;
        evictionMicros = 0;
    }
}

package dev.cachalot.engine.store;

/** Counters the keyspace keeps for INFO stats; touched only by the data thread. */
public final class KeyspaceStats {
    public long keyspaceHits;
    public long keyspaceMisses;
    public long expiredKeys;
    /** Keys removed by the active expiry cycle (part of expiredKeys). */
    public long expiredByCycle;

    public void reset() {
        keyspaceHits = 0;
        keyspaceMisses = 0;
        expiredKeys = 0;
        expiredByCycle = 0;
    }
}

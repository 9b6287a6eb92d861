package dev.cachalot.engine.store;

/**
 * What INFO memory / INFO stats and MEMORY STATS report about memory, in Redis's terms:
 * {@code used} is the engine's own byte accounting of keys, values and tables (what eviction holds
 * under {@code maxmemory}); heap and RSS figures come from the JVM and /proc.
 */
public record MemoryReport(
        long used,
        long peak,
        long startup,
        long dataset,
        long overhead,
        long keys,
        long rss,
        long heapUsed,
        long heapCommitted,
        long maxmemory,
        String policy,
        long evictedKeys,
        long expiredKeys,
        long evictionMicros) {

    public static MemoryReport of(Keyspace ks, long maxmemory) {
        long used = ks.usedMemory();
        long dataset = ks.datasetMemory();
        long keys = 0;
        for (int i = 0; i < Keyspace.DATABASES; i++) {
            keys += ks.db(i).size();
        }
        Runtime rt = Runtime.getRuntime();
        long committed = rt.totalMemory();
        long heapUsed = committed - rt.freeMemory();
        return new MemoryReport(used, ks.peakMemory(), Keyspace.STARTUP_BYTES, dataset, used - dataset, keys,
                residentSetSize(committed), heapUsed, committed, maxmemory, ks.config().policy().configName(),
                ks.stats().evictedKeys, ks.stats().expiredKeys, ks.stats().evictionMicros);
    }

    /** used_memory_rss / used_memory, Redis's mem_fragmentation_ratio. */
    public double fragmentationRatio() {
        return used == 0 ? 0 : (double) rss / used;
    }

    /** Resident set size from /proc (Linux), or {@code fallback} elsewhere. */
    public static long residentSetSize(long fallback) {
        try {
            String[] statm = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/statm")).trim().split(" ");
            return Long.parseLong(statm[1]) * 4096;
        } catch (java.io.IOException | RuntimeException e) {
            return fallback;
        }
    }
}

package dev.cachalot.engine.store;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;

/**
 * The data-side parameters of a node with Redis's names and defaults: eviction policy and its
 * sampling, LFU tuning, and the compact-encoding thresholds. CONFIG GET/SET reach them through
 * {@link #names()}, {@link #get} and {@link #set} until the server's parameter registry takes over.
 * Data thread only.
 */
public final class DataConfig {

    private EvictionPolicy policy = EvictionPolicy.NOEVICTION;
    public int maxmemorySamples = 5;
    public int maxmemoryEvictionTenacity = 10;
    public int lfuLogFactor = 10;
    public int lfuDecayTime = 1;
    public int hashMaxListpackEntries = 512;
    public int hashMaxListpackValue = 64;
    public int listMaxListpackSize = -2;
    public int listCompressDepth = 0;
    public int setMaxIntsetEntries = 512;
    public int setMaxListpackEntries = 128;
    public int setMaxListpackValue = 64;
    public int zsetMaxListpackEntries = 128;
    public int zsetMaxListpackValue = 64;

    private record IntParam(IntSupplier get, IntConsumer set, int min, int max) {
    }

    private final Map<String, IntParam> ints = new LinkedHashMap<>();
    private final Map<String, String> aliases = Map.of(
            "hash-max-ziplist-entries", "hash-max-listpack-entries",
            "hash-max-ziplist-value", "hash-max-listpack-value",
            "list-max-ziplist-size", "list-max-listpack-size",
            "zset-max-ziplist-entries", "zset-max-listpack-entries",
            "zset-max-ziplist-value", "zset-max-listpack-value");

    public DataConfig() {
        ints.put("maxmemory-samples", new IntParam(() -> maxmemorySamples, v -> maxmemorySamples = v, 1, 64));
        ints.put("maxmemory-eviction-tenacity", new IntParam(() -> maxmemoryEvictionTenacity, v -> maxmemoryEvictionTenacity = v, 0, 100));
        ints.put("lfu-log-factor", new IntParam(() -> lfuLogFactor, v -> lfuLogFactor = v, 0, Integer.MAX_VALUE));
        ints.put("lfu-decay-time", new IntParam(() -> lfuDecayTime, v -> lfuDecayTime = v, 0, Integer.MAX_VALUE));
        ints.put("hash-max-listpack-entries", new IntParam(() -> hashMaxListpackEntries, v -> hashMaxListpackEntries = v, 0, Integer.MAX_VALUE));
        ints.put("hash-max-listpack-value", new IntParam(() -> hashMaxListpackValue, v -> hashMaxListpackValue = v, 0, Integer.MAX_VALUE));
        ints.put("list-max-listpack-size", new IntParam(() -> listMaxListpackSize, v -> listMaxListpackSize = v, Integer.MIN_VALUE, Integer.MAX_VALUE));
        ints.put("list-compress-depth", new IntParam(() -> listCompressDepth, v -> listCompressDepth = v, 0, Integer.MAX_VALUE));
        ints.put("set-max-intset-entries", new IntParam(() -> setMaxIntsetEntries, v -> setMaxIntsetEntries = v, 0, Integer.MAX_VALUE));
        ints.put("set-max-listpack-entries", new IntParam(() -> setMaxListpackEntries, v -> setMaxListpackEntries = v, 0, Integer.MAX_VALUE));
        ints.put("set-max-listpack-value", new IntParam(() -> setMaxListpackValue, v -> setMaxListpackValue = v, 0, Integer.MAX_VALUE));
        ints.put("zset-max-listpack-entries", new IntParam(() -> zsetMaxListpackEntries, v -> zsetMaxListpackEntries = v, 0, Integer.MAX_VALUE));
        ints.put("zset-max-listpack-value", new IntParam(() -> zsetMaxListpackValue, v -> zsetMaxListpackValue = v, 0, Integer.MAX_VALUE));
    }

    public EvictionPolicy policy() {
        return policy;
    }

    public void policy(EvictionPolicy p) {
        this.policy = p;
        onChange.run();
    }

    private Runnable onChange = () -> { };

    /** Called after any parameter changed (the keyspace re-reads the LRU/LFU mode). */
    void onChange(Runnable r) {
        this.onChange = r;
    }

    /** Every parameter name this class answers for (canonical names; the ziplist aliases also work). */
    public Iterable<String> names() {
        java.util.List<String> out = new java.util.ArrayList<>();
        out.add("maxmemory-policy");
        out.addAll(ints.keySet());
        return out;
    }

    /** The value as CONFIG GET prints it, or null for a name this class does not own. */
    public String get(String name) {
        String n = canonical(name);
        if (n.equals("maxmemory-policy")) {
            return policy.configName();
        }
        IntParam p = ints.get(n);
        return p == null ? null : Integer.toString(p.get().getAsInt());
    }

    /**
     * Applies CONFIG SET; returns null when done, else Redis's reason text (the part after
     * "argument '&lt;name&gt;') - ").
     */
    public String set(String name, String value) {
        String reason = check(name, value);
        if (reason != null) {
            return reason;
        }
        String n = canonical(name);
        if (n.equals("maxmemory-policy")) {
            policy(EvictionPolicy.parse(value));
            return null;
        }
        ints.get(n).set().accept((int) Long.parseLong(value.trim()));
        onChange.run();
        return null;
    }

    /** What {@link #set} would answer, without changing anything (CONFIG SET checks every pair first). */
    public String check(String name, String value) {
        String n = canonical(name);
        if (n.equals("maxmemory-policy")) {
            return EvictionPolicy.parse(value) != null ? null
                    : "argument(s) must be one of the following: volatile-lru, volatile-lfu, volatile-random, "
                    + "volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction";
        }
        IntParam p = ints.get(n);
        if (p == null) {
            return "unknown parameter";
        }
        long v;
        try {
            v = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return "argument couldn't be parsed into an integer";
        }
        if (v < p.min() || v > p.max()) {
            return "argument must be between " + p.min() + " and " + p.max() + " inclusive";
        }
        return null;
    }

    /** The old names Redis still accepts for a parameter (hash-max-ziplist-entries…). */
    public java.util.List<String> aliasesOf(String name) {
        return aliases.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey).sorted().toList();
    }

    private String canonical(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return aliases.getOrDefault(n, n);
    }
}

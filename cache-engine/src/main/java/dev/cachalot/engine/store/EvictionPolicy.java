package dev.cachalot.engine.store;

import java.util.Locale;

/** Redis's maxmemory-policy values. */
public enum EvictionPolicy {
    VOLATILE_LRU(true, true, false, false),
    VOLATILE_LFU(true, false, true, false),
    VOLATILE_RANDOM(true, false, false, false),
    VOLATILE_TTL(true, false, false, true),
    ALLKEYS_LRU(false, true, false, false),
    ALLKEYS_LFU(false, false, true, false),
    ALLKEYS_RANDOM(false, false, false, false),
    NOEVICTION(false, false, false, false);

    private final boolean volatileOnly;
    private final boolean lru;
    private final boolean lfu;
    private final boolean ttl;
    private final String configName = name().toLowerCase(Locale.ROOT).replace('_', '-');

    EvictionPolicy(boolean volatileOnly, boolean lru, boolean lfu, boolean ttl) {
        this.volatileOnly = volatileOnly;
        this.lru = lru;
        this.lfu = lfu;
        this.ttl = ttl;
    }

    public boolean volatileOnly() {
        return volatileOnly;
    }

    public boolean lru() {
        return lru;
    }

    public boolean lfu() {
        return lfu;
    }

    public boolean ttl() {
        return ttl;
    }

    /** Chooses by sampling into the eviction pool (LRU, LFU, TTL) rather than at random. */
    public boolean usesPool() {
        return lru || lfu || ttl;
    }

    public String configName() {
        return configName;
    }

    public static EvictionPolicy parse(String s) {
        for (EvictionPolicy p : values()) {
            if (p.configName.equalsIgnoreCase(s)) {
                return p;
            }
        }
        return null;
    }
}

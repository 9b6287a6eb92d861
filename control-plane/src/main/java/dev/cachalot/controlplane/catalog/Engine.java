package dev.cachalot.controlplane.catalog;

import java.util.Locale;
import java.util.Optional;

/** The cache engines of the ElastiCache API, by their wire names. */
public enum Engine {
    REDIS("redis", 6379),
    VALKEY("valkey", 6379),
    MEMCACHED("memcached", 11211);

    private final String wireName;
    private final int defaultPort;

    Engine(String wireName, int defaultPort) {
        this.wireName = wireName;
        this.defaultPort = defaultPort;
    }

    public String wireName() {
        return wireName;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** Engine names are matched case-insensitively, as ElastiCache does. */
    public static Optional<Engine> fromWireName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (Engine engine : values()) {
            if (engine.wireName.equals(lower)) {
                return Optional.of(engine);
            }
        }
        return Optional.empty();
    }
}

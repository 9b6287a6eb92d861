package dev.cachalot.engine.command;

import java.util.Locale;

/** Redis 7 command flags, as COMMAND INFO prints them. The gate enforces those that concern it. */
public enum CommandFlag {
    WRITE, READONLY, DENYOOM, MODULE, ADMIN, PUBSUB, NOSCRIPT, BLOCKING, LOADING, STALE, SKIP_MONITOR,
    SKIP_SLOWLOG, ASKING, FAST, NO_AUTH, MAY_REPLICATE, NO_MANDATORY_KEYS, NO_ASYNC_LOADING, NO_MULTI,
    MOVABLEKEYS, ALLOW_BUSY;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public int bit() {
        return 1 << ordinal();
    }

    /** The name in COMMAND INFO replies, e.g. "readonly". */
    public String wireName() {
        return wireName;
    }
}

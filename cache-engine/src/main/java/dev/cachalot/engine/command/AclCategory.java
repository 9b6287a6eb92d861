package dev.cachalot.engine.command;

import java.util.Locale;

/** Redis ACL categories; COMMAND INFO prints them as "@name". */
public enum AclCategory {
    KEYSPACE, READ, WRITE, SET, SORTEDSET, LIST, HASH, STRING, BITMAP, HYPERLOGLOG, GEO, STREAM, PUBSUB,
    ADMIN, FAST, SLOW, BLOCKING, DANGEROUS, CONNECTION, TRANSACTION, SCRIPTING;

    private final String wireName = "@" + name().toLowerCase(Locale.ROOT);

    public long bit() {
        return 1L << ordinal();
    }

    public String wireName() {
        return wireName;
    }
}

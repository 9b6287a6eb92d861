package dev.cachalot.engine.config;

import dev.cachalot.engine.EngineConfig;
import dev.cachalot.engine.notify.KeyspaceNotifier;

import java.util.Locale;

/**
 * The parameters of the server, protocol and session layers (Redis's names, defaults and bounds),
 * registered in the node's {@link ConfigRegistry}. Fields are the handles the engine reads.
 * Parameters of the data layer (eviction policy, encodings' thresholds) live in its DataConfig and
 * are registered by ServerState.
 */
public final class CoreParams {

    public static final int CLASS_NORMAL = 0;
    public static final int CLASS_REPLICA = 1;
    public static final int CLASS_PUBSUB = 2;

    public final ConfigParam maxmemory;
    public final ConfigParam maxclients;
    public final ConfigParam timeout;
    public final ConfigParam protoMaxBulkLen;
    public final ConfigParam clientQueryBufferLimit;
    /** Value: {@link OutputBufferLimits}. */
    public final ConfigParam clientOutputBufferLimit;
    /** Value: Long of Redis's NOTIFY_* flags. */
    public final ConfigParam notifyKeyspaceEvents;
    public final ConfigParam slowlogLogSlowerThan;
    public final ConfigParam slowlogMaxLen;
    public final ConfigParam latencyMonitorThreshold;
    public final ConfigParam latencyTracking;
    public final ConfigParam trackingTableMaxKeys;
    public final ConfigParam enableDebugCommand;

    /** Hard limit, soft limit (bytes, 0 = none) and soft seconds per client class (normal, replica, pubsub). */
    public record OutputBufferLimits(long[] hard, long[] soft, long[] softSeconds) {
        static final String[] NAMES = {"normal", "slave", "pubsub"};

        static OutputBufferLimits parse(String text, OutputBufferLimits base) {
            String[] t = text.trim().isEmpty() ? new String[0] : text.trim().split("\\s+");
            if (t.length % 4 != 0) {
                throw new ConfigParam.InvalidValue("Wrong number of arguments in buffer limit configuration.");
            }
            long[] hard = base.hard.clone();
            long[] soft = base.soft.clone();
            long[] secs = base.softSeconds.clone();
            for (int i = 0; i < t.length; i += 4) {
                int cls = switch (t[i].toLowerCase(Locale.ROOT)) {
                    case "normal" -> CLASS_NORMAL;
                    case "slave", "replica" -> CLASS_REPLICA;
                    case "pubsub" -> CLASS_PUBSUB;
                    default -> throw new ConfigParam.InvalidValue("Invalid client class specified in buffer limit configuration.");
                };
                long h = ConfigParam.parseMemory(t[i + 1]);
                long s = ConfigParam.parseMemory(t[i + 2]);
                long sec;
                try {
                    sec = Long.parseLong(t[i + 3]);
                } catch (NumberFormatException e) {
                    sec = -1;
                }
                if (h < 0 || s < 0 || sec < 0) {
                    throw new ConfigParam.InvalidValue("Error in hard, soft or soft_seconds setting in buffer limit configuration.");
                }
                hard[cls] = h;
                soft[cls] = s;
                secs[cls] = sec;
            }
            return new OutputBufferLimits(hard, soft, secs);
        }

        String format() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                sb.append(NAMES[i]).append(' ').append(hard[i]).append(' ').append(soft[i]).append(' ').append(softSeconds[i]);
            }
            return sb.toString();
        }
    }

    static final OutputBufferLimits REDIS_DEFAULT_LIMITS = new OutputBufferLimits(
            new long[]{0, 256L << 20, 32L << 20}, new long[]{0, 64L << 20, 8L << 20}, new long[]{0, 60, 60});

    public CoreParams(ConfigRegistry r, EngineConfig cmdline, java.util.function.IntSupplier boundPort) {
        r.add(ConfigParam.string("bind", cmdline.bind()).immutable());
        r.add(ConfigParam.integer("port", cmdline.port(), 0, 65535).immutable()
                .getter(() -> Integer.toString(boundPort.getAsInt())));
        r.add(ConfigParam.integer("databases", 16, 1, Integer.MAX_VALUE).immutable());
        maxmemory = r.add(ConfigParam.memory("maxmemory", Math.max(0, cmdline.maxmemory()), 0, Long.MAX_VALUE));
        maxclients = r.add(ConfigParam.integer("maxclients", 10000, 1, Integer.MAX_VALUE).validate(v -> {
            long fds = FileLimits.openFilesLimit();
            long most = fds - FileLimits.RESERVED_FDS;
            return fds > 0 && (Long) v > most
                    ? "The operating system is not able to handle the specified number of clients, try with " + most : null;
        }));
        long fds = FileLimits.openFilesLimit();
        if (fds > 0 && fds - FileLimits.RESERVED_FDS < maxclients.longValue()) {
            // as Redis's adjustOpenFilesLimit when it cannot raise the limit
            long reduced = Math.max(1, fds - FileLimits.RESERVED_FDS);
            System.err.println("cache-engine: You requested maxclients of " + maxclients.longValue() + " requiring at least "
                    + (maxclients.longValue() + FileLimits.RESERVED_FDS) + " max file descriptors. Current maximum open "
                    + "files is " + fds + ". maxclients has been reduced to " + reduced + " to compensate for low ulimit. "
                    + "If you need higher maxclients increase 'ulimit -n'.");
            maxclients.set(Long.toString(reduced));
        }
        timeout = r.add(ConfigParam.integer("timeout", 0, 0, Integer.MAX_VALUE));
        r.add(ConfigParam.integer("tcp-keepalive", 300, 0, Integer.MAX_VALUE).immutable());
        r.add(ConfigParam.integer("hz", 10, 1, 500).immutable());
        r.add(ConfigParam.integer("io-threads", 1, 1, 128).immutable());
        protoMaxBulkLen = r.add(ConfigParam.memory("proto-max-bulk-len", 512L << 20, 1L << 20, Long.MAX_VALUE));
        clientQueryBufferLimit = r.add(ConfigParam.memory("client-query-buffer-limit", 1L << 30, 1L << 20, Long.MAX_VALUE));
        clientOutputBufferLimit = r.add(ConfigParam.special("client-output-buffer-limit",
                REDIS_DEFAULT_LIMITS.format(), text -> OutputBufferLimits.parse(text, currentLimits()),
                v -> ((OutputBufferLimits) v).format()));
        clientOutputBufferLimit.apply(REDIS_DEFAULT_LIMITS);
        notifyKeyspaceEvents = r.add(ConfigParam.special("notify-keyspace-events", "",
                CoreParams::parseEvents, v -> formatEvents((Long) v)));
        notifyKeyspaceEvents.apply(0L);
        slowlogLogSlowerThan = r.add(ConfigParam.integer("slowlog-log-slower-than", 10000, -1, Long.MAX_VALUE));
        slowlogMaxLen = r.add(ConfigParam.integer("slowlog-max-len", 128, 0, Long.MAX_VALUE));
        latencyMonitorThreshold = r.add(ConfigParam.integer("latency-monitor-threshold", 0, 0, Long.MAX_VALUE));
        latencyTracking = r.add(ConfigParam.bool("latency-tracking", true));
        trackingTableMaxKeys = r.add(ConfigParam.integer("tracking-table-max-keys", 1_000_000, 0, Long.MAX_VALUE));
        // Redis's default is "no"; "local" keeps DEBUG SLEEP/OBJECT for tests and operators on the host
        enableDebugCommand = r.add(ConfigParam.enumeration("enable-debug-command", "local", "no", "yes", "local").immutable());
        r.add(ConfigParam.bool("cluster-enabled", false).immutable());
        r.add(ConfigParam.string("requirepass", "").immutable());
        r.add(ConfigParam.enumeration("loglevel", "notice", "debug", "verbose", "notice", "warning", "nothing"));
        r.add(ConfigParam.string("logfile", "").immutable());
        r.add(ConfigParam.string("dir", System.getProperty("user.dir")).immutable());
        r.add(ConfigParam.string("dbfilename", "dump.rdb").immutable());
        r.add(ConfigParam.bool("daemonize", false).immutable());
        r.add(ConfigParam.string("pidfile", "").immutable());
        r.add(ConfigParam.bool("protected-mode", false).immutable());
        r.add(ConfigParam.string("save", "").validate(v -> ((String) v).isBlank() ? null
                : "this node does not persist data (snapshots come with persistence)"));
        r.add(ConfigParam.bool("appendonly", false).validate(v -> (Boolean) v
                ? "this node does not persist data (the append-only file comes with persistence)" : null));
        r.add(ConfigParam.enumeration("appendfsync", "everysec", "always", "everysec", "no"));
        idleFeatures(r);
    }

    /**
     * Parameters of Redis features this engine does not run (active defragmentation, lazy freeing,
     * replication, cluster mode, streams, HyperLogLog, the ACL log, client eviction) with Redis's
     * names, defaults and bounds: CONFIG GET answers them and CONFIG SET checks and keeps the value,
     * as Redis does for a feature that is idle (a primary without replicas keeps repl-timeout), so
     * that tools and parameter groups that set them work. Freeing is always synchronous here, which
     * clients cannot tell apart from lazy freeing. Active defragmentation is refused as a Redis built
     * without jemalloc refuses it: a JVM compacts its heap itself.
     */
    private static void idleFeatures(ConfigRegistry r) {
        r.add(ConfigParam.integer("acllog-max-len", 128, 0, Long.MAX_VALUE));
        r.add(ConfigParam.bool("activedefrag", false).validate(v -> (Boolean) v
                ? "Active defragmentation cannot be enabled: it requires a Redis server compiled with a modified Jemalloc "
                + "like the one shipped by default with the Redis source distribution" : null));
        r.add(ConfigParam.integer("active-defrag-cycle-min", 1, 1, 99));
        r.add(ConfigParam.integer("active-defrag-cycle-max", 25, 1, 99));
        r.add(ConfigParam.memory("active-defrag-ignore-bytes", 100L << 20, 1, Long.MAX_VALUE));
        r.add(ConfigParam.integer("active-defrag-max-scan-fields", 1000, 1, Long.MAX_VALUE));
        r.add(ConfigParam.integer("active-defrag-threshold-lower", 10, 0, 1000));
        r.add(ConfigParam.integer("active-defrag-threshold-upper", 100, 0, 1000));
        r.add(ConfigParam.integer("active-expire-effort", 1, 1, 10));
        r.add(ConfigParam.bool("activerehashing", true));
        r.add(ConfigParam.bool("cluster-allow-pubsubshard-when-down", true));
        r.add(ConfigParam.bool("cluster-allow-reads-when-down", false));
        r.add(ConfigParam.bool("cluster-require-full-coverage", true));
        r.add(ConfigParam.enumeration("cluster-preferred-endpoint-type", "ip", "ip", "hostname", "unknown-endpoint",
                "tls-dynamic"));
        r.add(ConfigParam.memory("hll-sparse-max-bytes", 3000, 0, Long.MAX_VALUE));
        for (String lazy : new String[]{"lazyfree-lazy-eviction", "lazyfree-lazy-expire", "lazyfree-lazy-server-del",
                "lazyfree-lazy-user-del", "lazyfree-lazy-user-flush"}) {
            r.add(ConfigParam.bool(lazy, false));
        }
        r.add(ConfigParam.special("maxmemory-clients", "0", CoreParams::parseMemoryOrPercent, v -> (String) v)).apply("0");
        r.add(ConfigParam.integer("min-replicas-to-write", 0, 0, Integer.MAX_VALUE));
        r.add(ConfigParam.integer("min-replicas-max-lag", 10, 0, Integer.MAX_VALUE));
        r.add(ConfigParam.memory("repl-backlog-size", 1L << 20, 1, Long.MAX_VALUE));
        r.add(ConfigParam.integer("repl-backlog-ttl", 3600, 0, Integer.MAX_VALUE));
        r.add(ConfigParam.integer("repl-timeout", 60, 1, Integer.MAX_VALUE));
        r.add(ConfigParam.memory("stream-node-max-bytes", 4096, 0, Long.MAX_VALUE));
        r.add(ConfigParam.integer("stream-node-max-entries", 100, 0, Long.MAX_VALUE));
    }

    /** maxmemory-clients: a memory value or a percentage of maxmemory ("5%"), kept as given (lower case). */
    static String parseMemoryOrPercent(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.endsWith("%")) {
            try {
                long pct = Long.parseLong(t.substring(0, t.length() - 1));
                if (pct >= 0 && pct <= 100) {
                    return pct + "%";
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw new ConfigParam.InvalidValue("argument must be a memory or percent value");
        }
        long bytes;
        try {
            bytes = ConfigParam.parseMemory(t);
        } catch (RuntimeException e) {
            bytes = -1;
        }
        if (bytes < 0) {
            throw new ConfigParam.InvalidValue("argument must be a memory or percent value");
        }
        return Long.toString(bytes);
    }

    private OutputBufferLimits currentLimits() {
        return clientOutputBufferLimit == null || clientOutputBufferLimit.value() == null
                ? REDIS_DEFAULT_LIMITS : (OutputBufferLimits) clientOutputBufferLimit.value();
    }

    public OutputBufferLimits outputBufferLimits() {
        return (OutputBufferLimits) clientOutputBufferLimit.value();
    }

    /** Redis's keyspaceEventsStringToFlags. */
    static Long parseEvents(String text) {
        long flags = 0;
        for (int i = 0; i < text.length(); i++) {
            flags |= switch (text.charAt(i)) {
                case 'A' -> ALL;
                case 'g' -> KeyspaceNotifier.GENERIC;
                case '$' -> KeyspaceNotifier.STRING;
                case 'l' -> KeyspaceNotifier.LIST;
                case 's' -> KeyspaceNotifier.SET;
                case 'h' -> KeyspaceNotifier.HASH;
                case 'z' -> KeyspaceNotifier.ZSET;
                case 'x' -> KeyspaceNotifier.EXPIRED;
                case 'e' -> KeyspaceNotifier.EVICTED;
                case 'K' -> KeyspaceNotifier.KEYSPACE;
                case 'E' -> KeyspaceNotifier.KEYEVENT;
                case 't' -> KeyspaceNotifier.STREAM;
                case 'm' -> KeyspaceNotifier.KEY_MISS;
                case 'd' -> KeyspaceNotifier.MODULE;
                case 'n' -> KeyspaceNotifier.NEW;
                default -> throw new ConfigParam.InvalidValue("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
            };
        }
        return flags;
    }

    /** NOTIFY_ALL: every type class, without key-miss and new-key events. */
    static final long ALL = KeyspaceNotifier.GENERIC | KeyspaceNotifier.STRING | KeyspaceNotifier.LIST
            | KeyspaceNotifier.SET | KeyspaceNotifier.HASH | KeyspaceNotifier.ZSET | KeyspaceNotifier.EXPIRED
            | KeyspaceNotifier.EVICTED | KeyspaceNotifier.STREAM | KeyspaceNotifier.MODULE;

    /** Redis's keyspaceEventsFlagsToString. */
    static String formatEvents(long flags) {
        StringBuilder sb = new StringBuilder();
        if ((flags & ALL) == ALL) {
            sb.append('A');
        } else {
            append(sb, flags, KeyspaceNotifier.GENERIC, 'g');
            append(sb, flags, KeyspaceNotifier.STRING, '$');
            append(sb, flags, KeyspaceNotifier.LIST, 'l');
            append(sb, flags, KeyspaceNotifier.SET, 's');
            append(sb, flags, KeyspaceNotifier.HASH, 'h');
            append(sb, flags, KeyspaceNotifier.ZSET, 'z');
            append(sb, flags, KeyspaceNotifier.EXPIRED, 'x');
            append(sb, flags, KeyspaceNotifier.EVICTED, 'e');
            append(sb, flags, KeyspaceNotifier.STREAM, 't');
            append(sb, flags, KeyspaceNotifier.MODULE, 'd');
            append(sb, flags, KeyspaceNotifier.NEW, 'n');
        }
        append(sb, flags, KeyspaceNotifier.KEYSPACE, 'K');
        append(sb, flags, KeyspaceNotifier.KEYEVENT, 'E');
        append(sb, flags, KeyspaceNotifier.KEY_MISS, 'm');
        return sb.toString();
    }

    private static void append(StringBuilder sb, long flags, int bit, char c) {
        if ((flags & bit) != 0) {
            sb.append(c);
        }
    }
}

package dev.cachalot.engine.command.server;

import dev.cachalot.engine.EngineConfig;
import dev.cachalot.engine.command.CommandContext;
import dev.cachalot.engine.command.CommandSpec;
import dev.cachalot.engine.metrics.EngineStats;
import dev.cachalot.engine.server.ServerState;
import dev.cachalot.engine.store.Database;
import dev.cachalot.engine.store.Keyspace;
import dev.cachalot.engine.store.KeyspaceStats;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static dev.cachalot.engine.command.CommandFlag.LOADING;
import static dev.cachalot.engine.command.CommandFlag.STALE;
import static dev.cachalot.engine.command.AclCategory.DANGEROUS;
import static dev.cachalot.engine.command.CommandSpec.command;

/**
 * INFO [section ...]: the Redis 7 text format (CRLF lines, "# Section" headers, a blank line between
 * sections) with Redis's field names, so that tools and the agent can parse it as they parse Redis's.
 */
public final class InfoCommand {

    private static final List<String> DEFAULT_SECTIONS = List.of(
            "server", "clients", "memory", "persistence", "stats", "replication", "cpu", "modules", "cluster", "keyspace");

    private InfoCommand() {
    }

    static CommandSpec spec() {
        return command("info", -1, InfoCommand::info).flags(LOADING, STALE).acl(DANGEROUS).group(ServerCommands.GROUP)
                .doc("1.0.0", "Returns information and statistics about the server.", "O(1)").build();
    }

    static void info(CommandContext ctx) {
        Set<String> sections = new LinkedHashSet<>();
        if (ctx.args().argc() == 1) {
            sections.addAll(DEFAULT_SECTIONS);
        }
        for (int i = 1; i < ctx.args().argc(); i++) {
            String s = ctx.args().string(i).toLowerCase(Locale.ROOT);
            switch (s) {
                case "default", "all", "everything" -> sections.addAll(DEFAULT_SECTIONS);
                default -> sections.add(s);
            }
        }
        ctx.reply().bulk(render(ctx.server(), sections));
    }

    /** The INFO text for the given lower-case section names; unknown sections are left out. */
    public static String render(ServerState server, Set<String> sections) {
        StringBuilder sb = new StringBuilder(2048);
        boolean first = true;
        for (String section : sections) {
            int before = sb.length();
            if (!first) {
                sb.append("\r\n");
            }
            if (!appendSection(server, section, sb)) {
                sb.setLength(before);
            } else {
                first = false;
            }
        }
        return sb.toString();
    }

    private static boolean appendSection(ServerState server, String section, StringBuilder sb) {
        switch (section) {
            case "server" -> server(server, sb);
            case "clients" -> clients(server, sb);
            case "memory" -> memory(server, sb);
            case "persistence" -> persistence(sb);
            case "stats" -> stats(server, sb);
            case "replication" -> replication(sb);
            case "cpu" -> cpu(sb);
            case "modules" -> sb.append("# Modules\r\n");
            case "cluster" -> sb.append("# Cluster\r\ncluster_enabled:0\r\n");
            case "keyspace" -> keyspace(server, sb);
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void field(StringBuilder sb, String name, Object value) {
        sb.append(name).append(':').append(value).append("\r\n");
    }

    private static void server(ServerState s, StringBuilder sb) {
        EngineConfig c = s.config();
        boolean valkey = c.engine() == EngineConfig.Engine.VALKEY;
        long now = System.currentTimeMillis();
        long uptime = (now - s.startMs()) / 1000;
        sb.append("# Server\r\n");
        field(sb, "redis_version", valkey ? "7.2.4" : c.engineVersion());
        if (valkey) {
            field(sb, "server_name", "valkey");
            field(sb, "valkey_version", c.engineVersion());
            field(sb, "valkey_release_stage", "ga");
        }
        field(sb, "redis_git_sha1", "00000000");
        field(sb, "redis_git_dirty", 0);
        field(sb, "redis_build_id", "cachalot0000000");
        if (valkey) {
            field(sb, "server_mode", "standalone");
        }
        field(sb, "redis_mode", "standalone");
        field(sb, "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        field(sb, "arch_bits", System.getProperty("sun.arch.data.model", "64"));
        field(sb, "monotonic_clock", "POSIX clock_gettime");
        field(sb, "multiplexing_api", s.multiplexingApi());
        field(sb, "atomicvar_api", "c11-builtin");
        field(sb, "gcc_version", "0.0.0");
        field(sb, "process_id", ProcessHandle.current().pid());
        field(sb, "process_supervised", "no");
        field(sb, "run_id", s.runId());
        field(sb, "tcp_port", s.port());
        field(sb, "server_time_usec", now * 1000);
        field(sb, "uptime_in_seconds", uptime);
        field(sb, "uptime_in_days", uptime / 86400);
        field(sb, "hz", ServerState.HZ);
        field(sb, "configured_hz", ServerState.HZ);
        field(sb, "lru_clock", (now / 1000) & ((1 << 24) - 1));
        field(sb, "executable", ProcessHandle.current().info().command().orElse(""));
        field(sb, "config_file", "");
        field(sb, "io_threads_active", 0);
        field(sb, "node_id", c.nodeId());
    }

    private static void clients(ServerState s, StringBuilder sb) {
        sb.append("# Clients\r\n");
        field(sb, "connected_clients", s.clients().size());
        field(sb, "cluster_connections", 0);
        field(sb, "maxclients", 10000);
        field(sb, "client_recent_max_input_buffer", 0);
        field(sb, "client_recent_max_output_buffer", 0);
        field(sb, "blocked_clients", s.blocking().blockedClients());
        field(sb, "tracking_clients", 0);
        field(sb, "clients_in_timeout_table", 0);
    }

    private static void memory(ServerState s, StringBuilder sb) {
        // the data side's byte accounting (what eviction holds under maxmemory), see MemoryReport
        dev.cachalot.engine.store.MemoryReport m = dev.cachalot.engine.store.MemoryReport.of(s.keyspace(), s.maxmemory());
        long used = m.used();
        long peak = m.peak();
        sb.append("# Memory\r\n");
        field(sb, "used_memory", used);
        field(sb, "used_memory_human", human(used));
        long rss = m.rss();
        field(sb, "used_memory_rss", rss);
        field(sb, "used_memory_rss_human", human(rss));
        field(sb, "used_memory_peak", peak);
        field(sb, "used_memory_peak_human", human(peak));
        field(sb, "used_memory_overhead", m.overhead());
        field(sb, "used_memory_startup", m.startup());
        field(sb, "used_memory_dataset", m.dataset());
        field(sb, "total_system_memory", totalSystemMemory());
        field(sb, "maxmemory", s.maxmemory());
        field(sb, "maxmemory_human", human(s.maxmemory()));
        field(sb, "maxmemory_policy", m.policy());
        field(sb, "mem_fragmentation_ratio", String.format(Locale.ROOT, "%.2f", m.fragmentationRatio()));
        field(sb, "mem_allocator", "jvm");
    }

    /** Resident set size from /proc (Linux), or {@code fallback} elsewhere. */
    private static long residentSetSize(long fallback) {
        try {
            String[] statm = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/statm")).trim().split(" ");
            return Long.parseLong(statm[1]) * 4096;
        } catch (java.io.IOException | RuntimeException e) {
            return fallback;
        }
    }

    private static long totalSystemMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 0;
    }

    private static void persistence(StringBuilder sb) {
        sb.append("# Persistence\r\n");
        field(sb, "loading", 0);
        field(sb, "async_loading", 0);
        field(sb, "rdb_changes_since_last_save", 0);
        field(sb, "rdb_bgsave_in_progress", 0);
        field(sb, "rdb_last_bgsave_status", "ok");
        field(sb, "aof_enabled", 0);
        field(sb, "aof_rewrite_in_progress", 0);
    }

    private static void stats(ServerState s, StringBuilder sb) {
        EngineStats st = s.stats();
        KeyspaceStats ks = s.keyspace().stats();
        sb.append("# Stats\r\n");
        field(sb, "total_connections_received", st.totalConnectionsReceived);
        field(sb, "total_commands_processed", st.totalCommandsProcessed);
        field(sb, "instantaneous_ops_per_sec", 0);
        field(sb, "total_net_input_bytes", st.netInputBytes);
        field(sb, "total_net_output_bytes", st.netOutputBytes);
        field(sb, "rejected_connections", 0);
        field(sb, "expired_keys", ks.expiredKeys);
        field(sb, "expired_stale_perc", "0.00");
        field(sb, "evicted_keys", ks.evictedKeys);
        field(sb, "keyspace_hits", ks.keyspaceHits);
        field(sb, "keyspace_misses", ks.keyspaceMisses);
        field(sb, "pubsub_channels", 0);
        field(sb, "pubsub_patterns", 0);
        field(sb, "total_error_replies", st.totalErrorReplies);
        field(sb, "total_reads_processed", 0);
        field(sb, "total_writes_processed", 0);
        field(sb, "unexpected_error_replies", 0);
        field(sb, "rejected_calls", st.rejectedCalls);
        field(sb, "protocol_errors", st.protocolErrors);
    }

    private static void replication(StringBuilder sb) {
        sb.append("# Replication\r\n");
        field(sb, "role", "master");
        field(sb, "connected_slaves", 0);
        field(sb, "master_failover_state", "no-failover");
        field(sb, "master_replid", "0000000000000000000000000000000000000000");
        field(sb, "master_repl_offset", 0);
    }

    private static void cpu(StringBuilder sb) {
        double user = 0;
        double sys = 0;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            user = os.getProcessCpuTime() / 1e9; // the JVM does not split user and system time
        }
        sb.append("# CPU\r\n");
        field(sb, "used_cpu_sys", String.format(Locale.ROOT, "%.6f", sys));
        field(sb, "used_cpu_user", String.format(Locale.ROOT, "%.6f", user));
    }

    private static void keyspace(ServerState s, StringBuilder sb) {
        sb.append("# Keyspace\r\n");
        Keyspace k = s.keyspace();
        long now = k.nowMs();
        for (int i = 0; i < Keyspace.DATABASES; i++) {
            Database db = k.db(i);
            if (db.size() > 0) {
                sb.append("db").append(i).append(":keys=").append(db.size())
                        .append(",expires=").append(db.volatileSize())
                        .append(",avg_ttl=").append(db.averageTtl(now)).append("\r\n");
            }
        }
    }

    /** Redis's bytesToHuman: B, K, M, G… with two decimals. */
    static String human(long n) {
        double d = n;
        if (n < 1024) {
            return n + "B";
        }
        String[] units = {"K", "M", "G", "T", "P"};
        int u = -1;
        while (d >= 1024 && u < units.length - 1) {
            d /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.2f%s", d, units[u]);
    }
}

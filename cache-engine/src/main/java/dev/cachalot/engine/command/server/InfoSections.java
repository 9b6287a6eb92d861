package dev.cachalot.engine.command.server;

import dev.cachalot.engine.EngineConfig;
import dev.cachalot.engine.command.CommandSpec;
import dev.cachalot.engine.metrics.EngineStats;
import dev.cachalot.engine.server.ServerState;
import dev.cachalot.engine.session.ClientSession;
import dev.cachalot.engine.store.KeyspaceStats;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.cachalot.engine.command.server.InfoCommand.field;

/**
 * The INFO sections of the server, protocol and session layers, with Redis 7.2's field names in its
 * order: server, clients, persistence (a node without persistence reports what Redis reports before
 * its first save), stats, replication, cpu, commandstats, errorstats, latencystats. Memory and
 * keyspace are the data layer's, in {@link InfoCommand}.
 */
final class InfoSections {

    private InfoSections() {
    }

    static void server(ServerState s, StringBuilder sb) {
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
        field(sb, "listener0", "name=tcp,bind=" + c.bind() + ",port=" + s.port());
        field(sb, "node_id", c.nodeId());
    }

    static void clients(ServerState s, StringBuilder sb) {
        long maxIn = 0;
        long maxOut = 0;
        for (ClientSession c : s.clients().all()) {
            maxIn = Math.max(maxIn, c.connection().queryBufferBytes());
            maxOut = Math.max(maxOut, c.connection().outputBufferBytes());
        }
        sb.append("# Clients\r\n");
        field(sb, "connected_clients", s.clients().size());
        field(sb, "cluster_connections", 0);
        field(sb, "maxclients", s.core().maxclients.longValue());
        field(sb, "client_recent_max_input_buffer", maxIn);
        field(sb, "client_recent_max_output_buffer", maxOut);
        field(sb, "blocked_clients", s.blocking().blockedClients());
        field(sb, "tracking_clients", s.tracking().clientCount());
        field(sb, "clients_in_timeout_table", 0);
        field(sb, "total_blocking_keys", 0);
        field(sb, "total_blocking_keys_on_nokey", 0);
    }

    static void persistence(ServerState s, StringBuilder sb) {
        sb.append("# Persistence\r\n");
        field(sb, "loading", 0);
        field(sb, "async_loading", 0);
        field(sb, "current_cow_peak", 0);
        field(sb, "current_cow_size", 0);
        field(sb, "current_cow_size_age", 0);
        field(sb, "current_fork_perc", "0.00");
        field(sb, "current_save_keys_processed", 0);
        field(sb, "current_save_keys_total", 0);
        field(sb, "rdb_changes_since_last_save", 0);
        field(sb, "rdb_bgsave_in_progress", 0);
        field(sb, "rdb_last_save_time", s.startMs() / 1000);
        field(sb, "rdb_last_bgsave_status", "ok");
        field(sb, "rdb_last_bgsave_time_sec", -1);
        field(sb, "rdb_current_bgsave_time_sec", -1);
        field(sb, "rdb_saves", 0);
        field(sb, "rdb_last_cow_size", 0);
        field(sb, "rdb_last_load_keys_expired", 0);
        field(sb, "rdb_last_load_keys_loaded", 0);
        field(sb, "aof_enabled", 0);
        field(sb, "aof_rewrite_in_progress", 0);
        field(sb, "aof_rewrite_scheduled", 0);
        field(sb, "aof_last_rewrite_time_sec", -1);
        field(sb, "aof_current_rewrite_time_sec", -1);
        field(sb, "aof_last_bgrewrite_status", "ok");
        field(sb, "aof_rewrites", 0);
        field(sb, "aof_rewrites_consecutive_failures", 0);
        field(sb, "aof_last_write_status", "ok");
        field(sb, "aof_last_cow_size", 0);
        field(sb, "module_fork_in_progress", 0);
        field(sb, "module_fork_last_cow_size", 0);
    }

    static void stats(ServerState s, StringBuilder sb) {
        EngineStats st = s.stats();
        KeyspaceStats ks = s.keyspace().stats();
        sb.append("# Stats\r\n");
        field(sb, "total_connections_received", st.totalConnectionsReceived);
        field(sb, "total_commands_processed", st.totalCommandsProcessed);
        field(sb, "instantaneous_ops_per_sec", s.metrics().instantaneousOpsPerSec());
        field(sb, "total_net_input_bytes", st.netInputBytes);
        field(sb, "total_net_output_bytes", st.netOutputBytes);
        field(sb, "total_net_repl_input_bytes", 0);
        field(sb, "total_net_repl_output_bytes", 0);
        field(sb, "instantaneous_input_kbps", String.format(Locale.ROOT, "%.2f", s.metrics().instantaneousInputKbps()));
        field(sb, "instantaneous_output_kbps", String.format(Locale.ROOT, "%.2f", s.metrics().instantaneousOutputKbps()));
        field(sb, "instantaneous_input_repl_kbps", "0.00");
        field(sb, "instantaneous_output_repl_kbps", "0.00");
        field(sb, "rejected_connections", st.rejectedConnections);
        field(sb, "sync_full", 0);
        field(sb, "sync_partial_ok", 0);
        field(sb, "sync_partial_err", 0);
        field(sb, "expired_keys", ks.expiredKeys);
        field(sb, "expired_stale_perc", "0.00");
        field(sb, "expired_time_cap_reached_count", 0);
        field(sb, "expire_cycle_cpu_milliseconds", 0);
        field(sb, "evicted_keys", ks.evictedKeys);
        field(sb, "evicted_clients", 0);
        field(sb, "total_eviction_exceeded_time", 0);
        field(sb, "current_eviction_exceeded_time", 0);
        field(sb, "keyspace_hits", ks.keyspaceHits);
        field(sb, "keyspace_misses", ks.keyspaceMisses);
        field(sb, "pubsub_channels", s.pubsub().channelCount());
        field(sb, "pubsub_patterns", s.pubsub().patternCount());
        field(sb, "pubsubshard_channels", s.pubsub().shardChannelCount());
        field(sb, "latest_fork_usec", 0);
        field(sb, "total_forks", 0);
        field(sb, "migrate_cached_sockets", 0);
        field(sb, "slave_expires_tracked_keys", 0);
        field(sb, "active_defrag_hits", 0);
        field(sb, "active_defrag_misses", 0);
        field(sb, "active_defrag_key_hits", 0);
        field(sb, "active_defrag_key_misses", 0);
        field(sb, "total_active_defrag_time", 0);
        field(sb, "current_active_defrag_time", 0);
        field(sb, "tracking_total_keys", s.tracking().keyCount());
        field(sb, "tracking_total_items", s.tracking().itemCount());
        field(sb, "tracking_total_prefixes", s.tracking().prefixCount());
        field(sb, "unexpected_error_replies", 0);
        field(sb, "total_error_replies", st.totalErrorReplies);
        field(sb, "dump_payload_sanitizations", 0);
        field(sb, "total_reads_processed", 0);
        field(sb, "total_writes_processed", 0);
        field(sb, "io_threaded_reads_processed", 0);
        field(sb, "io_threaded_writes_processed", 0);
        field(sb, "reply_buffer_shrinks", 0);
        field(sb, "reply_buffer_expands", 0);
        field(sb, "client_query_buffer_limit_disconnections", st.queryBufferLimitDisconnections);
        field(sb, "client_output_buffer_limit_disconnections", st.outputBufferLimitDisconnections);
        field(sb, "rejected_calls", st.rejectedCalls);
        field(sb, "protocol_errors", st.protocolErrors);
    }

    static void replication(ServerState s, StringBuilder sb) {
        sb.append("# Replication\r\n");
        field(sb, "role", "master");
        field(sb, "connected_slaves", 0);
        field(sb, "master_failover_state", "no-failover");
        field(sb, "master_replid", s.runId());
        field(sb, "master_replid2", "0000000000000000000000000000000000000000");
        field(sb, "master_repl_offset", 0);
        field(sb, "second_repl_offset", -1);
        field(sb, "repl_backlog_active", 0);
        field(sb, "repl_backlog_size", 1048576);
        field(sb, "repl_backlog_first_byte_offset", 0);
        field(sb, "repl_backlog_histlen", 0);
    }

    /** Process user/system CPU from /proc/self/stat; the data thread's own from the thread MXBean (INFO runs on it). */
    static void cpu(StringBuilder sb) {
        double user = 0;
        double sys = 0;
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            user = Long.parseLong(f[11]) / 100.0; // utime and stime, in USER_HZ (100) ticks
            sys = Long.parseLong(f[12]) / 100.0;
        } catch (java.io.IOException | RuntimeException e) {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                user = os.getProcessCpuTime() / 1e9;
            }
        }
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double threadTotal = threads.getCurrentThreadCpuTime() / 1e9;
        double threadUser = threads.getCurrentThreadUserTime() / 1e9;
        sb.append("# CPU\r\n");
        field(sb, "used_cpu_sys", String.format(Locale.ROOT, "%.6f", sys));
        field(sb, "used_cpu_user", String.format(Locale.ROOT, "%.6f", user));
        field(sb, "used_cpu_sys_children", "0.000000");
        field(sb, "used_cpu_user_children", "0.000000");
        field(sb, "used_cpu_sys_main_thread", String.format(Locale.ROOT, "%.6f", Math.max(0, threadTotal - threadUser)));
        field(sb, "used_cpu_user_main_thread", String.format(Locale.ROOT, "%.6f", threadUser));
    }

    /** cmdstat_&lt;name&gt;:calls=…,usec=…,usec_per_call=…,rejected_calls=…,failed_calls=… for commands used. */
    static void commandstats(ServerState s, StringBuilder sb) {
        sb.append("# Commandstats\r\n");
        for (CommandSpec c : leafCommands(s)) {
            if (c.calls() == 0 && c.rejectedCalls() == 0 && c.failedCalls() == 0) {
                continue;
            }
            long usec = c.nanos() / 1000;
            sb.append("cmdstat_").append(c.fullName()).append(":calls=").append(c.calls())
                    .append(",usec=").append(usec)
                    .append(",usec_per_call=").append(String.format(Locale.ROOT, "%.2f", c.calls() == 0 ? 0.0 : (double) usec / c.calls()))
                    .append(",rejected_calls=").append(c.rejectedCalls())
                    .append(",failed_calls=").append(c.failedCalls()).append("\r\n");
        }
    }

    static void errorstats(ServerState s, StringBuilder sb) {
        sb.append("# Errorstats\r\n");
        for (Map.Entry<String, Long> e : s.metrics().errors().entrySet()) {
            sb.append("errorstat_").append(e.getKey()).append(":count=").append(e.getValue()).append("\r\n");
        }
    }

    /** latency_percentiles_usec_&lt;name&gt;:p50=…,p99=…,p99.9=… for commands with samples. */
    static void latencystats(ServerState s, StringBuilder sb) {
        sb.append("# Latencystats\r\n");
        double[] percentiles = {50, 99, 99.9};
        for (CommandSpec c : leafCommands(s)) {
            if (c.histogram().total() == 0) {
                continue;
            }
            sb.append("latency_percentiles_usec_").append(c.fullName()).append(':');
            for (int i = 0; i < percentiles.length; i++) {
                double p = percentiles[i];
                if (i > 0) {
                    sb.append(',');
                }
                sb.append('p').append(p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)).append('=')
                        .append(String.format(Locale.ROOT, "%.3f", c.histogram().percentile(p)));
            }
            sb.append("\r\n");
        }
    }

    /** Commands and the subcommands of containers (what commandstats lists). */
    static List<CommandSpec> leafCommands(ServerState s) {
        List<CommandSpec> out = new ArrayList<>();
        for (CommandSpec c : s.commands().all()) {
            if (c.subcommands() == null) {
                out.add(c);
            } else {
                out.addAll(c.subcommands().all());
            }
        }
        return out;
    }
}

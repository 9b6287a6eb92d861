package dev.cachalot.engine.memcached;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The {@code stats} groups with memcached 1.6's names and order: the general counters, {@code settings},
 * {@code items}, {@code slabs} and {@code conns}. Each group goes to a {@link Sink}, so the text protocol
 * writes {@code STAT name value} lines and the binary protocol one packet per stat.
 */
final class StatsReport {

    /** Receives one stat. */
    interface Sink {
        void stat(String name, String value);
    }

    private StatsReport() {
    }

    static void general(MemcachedNode node, MemcachedConnection conn, ByteBuf out) {
        general(node, text(out));
        out.writeBytes(TextProtocol.END_CRLF);
    }

    static void settings(MemcachedNode node, ByteBuf out) {
        settings(node, text(out));
        out.writeBytes(TextProtocol.END_CRLF);
    }

    static void items(MemcachedNode node, ByteBuf out) {
        items(node, text(out));
        out.writeBytes(TextProtocol.END_CRLF);
    }

    static void slabs(MemcachedNode node, ByteBuf out) {
        slabs(node, text(out));
        out.writeBytes(TextProtocol.END_CRLF);
    }

    static void conns(MemcachedNode node, ByteBuf out) {
        conns(node, text(out));
        out.writeBytes(TextProtocol.END_CRLF);
    }

    static Sink text(ByteBuf out) {
        return (name, value) -> out.writeBytes(TextProtocol.b("STAT " + name + " " + value + "\r\n"));
    }

    static void general(MemcachedNode node, Sink s) {
        MemcachedStats st = node.stats;
        ItemStore store = node.store;
        long now = System.currentTimeMillis();
        long[] cpu = cpuMicros();
        s.stat("pid", Long.toString(ProcessHandle.current().pid()));
        s.stat("uptime", Long.toString((now - node.startMillis) / 1000));
        s.stat("time", Long.toString(now / 1000));
        s.stat("version", node.version);
        s.stat("libevent", "netty");
        s.stat("pointer_size", "64");
        s.stat("rusage_user", seconds(cpu[0]));
        s.stat("rusage_system", seconds(cpu[1]));
        s.stat("max_connections", Integer.toString(node.options.maxConnections()));
        s.stat("curr_connections", Integer.toString(st.currConnections));
        s.stat("total_connections", Long.toString(st.totalConnections));
        s.stat("rejected_connections", Long.toString(st.rejectedConnections));
        s.stat("connection_structures", Integer.toString(st.currConnections + 1));
        s.stat("response_obj_oom", "0");
        s.stat("response_obj_count", "1");
        s.stat("response_obj_bytes", "0");
        s.stat("read_buf_oom", "0");
        s.stat("reserved_fds", "5");
        s.stat("cmd_get", Long.toString(st.cmdGet));
        s.stat("cmd_set", Long.toString(st.cmdSet));
        s.stat("cmd_flush", Long.toString(st.cmdFlush));
        s.stat("cmd_touch", Long.toString(st.cmdTouch));
        s.stat("cmd_meta", Long.toString(st.cmdMeta));
        s.stat("get_hits", Long.toString(st.getHits));
        s.stat("get_misses", Long.toString(st.getMisses));
        s.stat("get_expired", Long.toString(st.getExpired));
        s.stat("get_flushed", Long.toString(st.getFlushed));
        s.stat("delete_misses", Long.toString(st.deleteMisses));
        s.stat("delete_hits", Long.toString(st.deleteHits));
        s.stat("incr_misses", Long.toString(st.incrMisses));
        s.stat("incr_hits", Long.toString(st.incrHits));
        s.stat("decr_misses", Long.toString(st.decrMisses));
        s.stat("decr_hits", Long.toString(st.decrHits));
        s.stat("cas_misses", Long.toString(st.casMisses));
        s.stat("cas_hits", Long.toString(st.casHits));
        s.stat("cas_badval", Long.toString(st.casBadval));
        s.stat("touch_hits", Long.toString(st.touchHits));
        s.stat("touch_misses", Long.toString(st.touchMisses));
        s.stat("store_too_large", Long.toString(st.storeTooLarge));
        s.stat("store_no_memory", Long.toString(st.storeNoMemory));
        s.stat("auth_cmds", Long.toString(st.authCmds));
        s.stat("auth_errors", Long.toString(st.authErrors));
        s.stat("bytes_read", Long.toString(st.bytesRead));
        s.stat("bytes_written", Long.toString(st.bytesWritten));
        s.stat("limit_maxbytes", Long.toString(store.maxBytes()));
        s.stat("accepting_conns", "1");
        s.stat("listen_disabled_num", "0");
        s.stat("time_in_listen_disabled_us", "0");
        s.stat("threads", "1");
        s.stat("conn_yields", "0");
        s.stat("hash_power_level", Integer.toString(store.hashPowerLevel()));
        s.stat("hash_bytes", Long.toString(store.hashBytes()));
        s.stat("hash_is_expanding", "0");
        s.stat("slab_reassign_rescues", "0");
        s.stat("slab_reassign_chunk_rescues", "0");
        s.stat("slab_reassign_evictions_nomem", "0");
        s.stat("slab_reassign_inline_reclaim", "0");
        s.stat("slab_reassign_busy_items", "0");
        s.stat("slab_reassign_busy_deletes", "0");
        s.stat("slab_reassign_running", "0");
        s.stat("slabs_moved", "0");
        s.stat("lru_crawler_running", "0");
        s.stat("lru_crawler_starts", "0");
        s.stat("lru_maintainer_juggles", "0");
        s.stat("malloc_fails", "0");
        s.stat("log_worker_dropped", "0");
        s.stat("log_worker_written", "0");
        s.stat("log_watcher_skipped", "0");
        s.stat("log_watcher_sent", "0");
        s.stat("log_watchers", "0");
        s.stat("unexpected_napi_ids", "0");
        s.stat("round_robin_fallback", "0");
        s.stat("bytes", Long.toString(store.bytes()));
        s.stat("curr_items", Integer.toString(store.count()));
        s.stat("total_items", Long.toString(st.totalItems));
        s.stat("slab_global_page_pool", "0");
        s.stat("expired_unfetched", Long.toString(st.expiredUnfetched));
        s.stat("evicted_unfetched", Long.toString(st.evictedUnfetched));
        s.stat("evicted_active", Long.toString(st.evictedActive));
        s.stat("evictions", Long.toString(st.evictions));
        s.stat("reclaimed", Long.toString(st.reclaimed));
        s.stat("crawler_reclaimed", Long.toString(st.crawlerReclaimed));
        s.stat("crawler_items_checked", Long.toString(st.crawlerItemsChecked));
        s.stat("lrutail_reflocked", "0");
        s.stat("moves_to_cold", "0");
        s.stat("moves_to_warm", "0");
        s.stat("moves_within_lru", "0");
        s.stat("direct_reclaims", Long.toString(st.directReclaims));
        s.stat("lru_bumps_dropped", "0");
    }

    static void settings(MemcachedNode node, Sink s) {
        ItemStore store = node.store;
        MemcachedOptions o = node.options;
        s.stat("maxbytes", Long.toString(store.maxBytes()));
        s.stat("maxconns", Integer.toString(o.maxConnections()));
        s.stat("tcpport", Integer.toString(node.port));
        s.stat("udpport", "0");
        s.stat("inter", node.config.bind());
        s.stat("verbosity", Integer.toString(node.verbosity));
        s.stat("oldest", Integer.toString(store.oldestAge()));
        s.stat("evictions", store.errorOnMemoryExhausted ? "off" : "on");
        s.stat("domain_socket", "NULL");
        s.stat("umask", "700");
        s.stat("shutdown_command", "no");
        s.stat("growth_factor", String.format(Locale.ROOT, "%.2f", o.growthFactor()));
        s.stat("chunk_size", Integer.toString(o.chunkSize()));
        s.stat("num_threads", "1");
        s.stat("num_threads_per_udp", "1");
        s.stat("stat_key_prefix", ":");
        s.stat("detail_enabled", "no");
        s.stat("reqs_per_event", "20");
        s.stat("cas_enabled", store.casEnabled() ? "yes" : "no");
        s.stat("tcp_backlog", "1024");
        s.stat("binding_protocol", node.saslEnabled() ? "binary" : "auto-negotiate");
        s.stat("auth_enabled_sasl", node.saslEnabled() ? "yes" : "no");
        s.stat("auth_enabled_ascii", "no");
        s.stat("item_size_max", Long.toString(store.maxItemSize));
        s.stat("maxconns_fast", "yes");
        s.stat("hashpower_init", "0");
        s.stat("slab_reassign", "no");
        s.stat("slab_automove", "0");
        s.stat("slab_chunk_max", Integer.toString(store.slabs.chunkMax()));
        s.stat("lru_crawler", "yes");
        s.stat("lru_crawler_sleep", "100");
        s.stat("lru_crawler_tocrawl", "0");
        s.stat("tail_repair_time", "0");
        s.stat("flush_enabled", "yes");
        s.stat("dump_enabled", "no");
        s.stat("hash_algorithm", "murmur3");
        s.stat("lru_maintainer_thread", "no");
        s.stat("lru_segmented", "no");
        s.stat("temp_lru", "no");
        s.stat("idle_timeout", Integer.toString(node.idleTimeout));
        s.stat("meta_response_old", node.metaResponseOld ? "yes" : "no");
        s.stat("expirezero_does_not_evict", store.expireZeroDoesNotEvict ? "yes" : "no");
        s.stat("track_sizes", "no");
        s.stat("inline_ascii_response", "no");
        s.stat("ssl_enabled", "no");
    }

    static void items(MemcachedNode node, Sink s) {
        ItemStore store = node.store;
        for (int c = 1; c < store.slabs.count(); c++) {
            if (store.classItems[c] == 0 && store.classEvicted[c] == 0) {
                continue;
            }
            String p = "items:" + c + ":";
            s.stat(p + "number", Long.toString(store.classItems[c]));
            s.stat(p + "number_hot", "0");
            s.stat(p + "number_warm", "0");
            s.stat(p + "number_cold", Long.toString(store.classItems[c]));
            s.stat(p + "age_hot", "0");
            s.stat(p + "age_warm", "0");
            s.stat(p + "age", Integer.toString(store.oldestAge()));
            s.stat(p + "mem_requested", Long.toString(store.classRequested[c]));
            s.stat(p + "evicted", Long.toString(store.classEvicted[c]));
            s.stat(p + "evicted_nonzero", Long.toString(store.classEvictedNonzero[c]));
            s.stat(p + "evicted_time", "0");
            s.stat(p + "outofmemory", Long.toString(store.classOutOfMemory[c]));
            s.stat(p + "tailrepairs", "0");
            s.stat(p + "reclaimed", Long.toString(store.classReclaimed[c]));
            s.stat(p + "expired_unfetched", Long.toString(store.classExpiredUnfetched[c]));
            s.stat(p + "evicted_unfetched", Long.toString(store.classEvictedUnfetched[c]));
            s.stat(p + "evicted_active", "0");
            s.stat(p + "crawler_reclaimed", "0");
            s.stat(p + "crawler_items_checked", "0");
            s.stat(p + "lrutail_reflocked", "0");
        }
    }

    static void slabs(MemcachedNode node, Sink s) {
        ItemStore store = node.store;
        SlabClasses slabs = store.slabs;
        int active = 0;
        long malloced = 0;
        for (int c = 1; c < slabs.count(); c++) {
            long used = store.classItems[c];
            if (used == 0 && store.classCmdSet[c] == 0) {
                continue;
            }
            active++;
            int size = slabs.chunkSize(c);
            long perPage = Math.max(1, SlabClasses.PAGE_SIZE / size);
            long pages = Math.max(1, (used + perPage - 1) / perPage);
            malloced += pages * SlabClasses.PAGE_SIZE;
            String p = c + ":";
            s.stat(p + "chunk_size", Integer.toString(size));
            s.stat(p + "chunks_per_page", Long.toString(perPage));
            s.stat(p + "total_pages", Long.toString(pages));
            s.stat(p + "total_chunks", Long.toString(pages * perPage));
            s.stat(p + "used_chunks", Long.toString(used));
            s.stat(p + "free_chunks", Long.toString(pages * perPage - used));
            s.stat(p + "free_chunks_end", "0");
            s.stat(p + "get_hits", Long.toString(store.classGetHits[c]));
            s.stat(p + "cmd_set", Long.toString(store.classCmdSet[c]));
            s.stat(p + "delete_hits", Long.toString(store.classDeleteHits[c]));
            s.stat(p + "incr_hits", Long.toString(store.classIncrHits[c]));
            s.stat(p + "decr_hits", Long.toString(store.classDecrHits[c]));
            s.stat(p + "cas_hits", Long.toString(store.classCasHits[c]));
            s.stat(p + "cas_badval", Long.toString(store.classCasBadval[c]));
            s.stat(p + "touch_hits", Long.toString(store.classTouchHits[c]));
        }
        s.stat("active_slabs", Integer.toString(active));
        s.stat("total_malloced", Long.toString(malloced));
    }

    static void conns(MemcachedNode node, Sink s) {
        int now = node.clock.now();
        for (MemcachedConnection c : node.connections) {
            String p = c.id() + ":";
            s.stat(p + "addr", "tcp:" + c.remote());
            s.stat(p + "listen_addr", "tcp:" + c.local());
            s.stat(p + "state", "conn_parse_cmd");
            s.stat(p + "secs_since_last_cmd", Integer.toString(now - c.lastCommandTime()));
        }
    }

    private static String seconds(long micros) {
        return String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }

    /** User and system CPU time of this process in microseconds, from /proc (zeros elsewhere). */
    static long[] cpuMicros() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticksPerSecond = 100;
            return new long[] {Long.parseLong(f[11]) * 1_000_000 / ticksPerSecond,
                    Long.parseLong(f[12]) * 1_000_000 / ticksPerSecond};
        } catch (Exception e) {
            return new long[] {0, 0};
        }
    }
}

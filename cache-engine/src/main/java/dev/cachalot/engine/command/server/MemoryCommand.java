package dev.cachalot.engine.command.server;

import dev.cachalot.engine.command.CommandContext;
import dev.cachalot.engine.command.CommandSpec;
import dev.cachalot.engine.protocol.resp.RespReply;
import dev.cachalot.engine.protocol.resp.RespRequest;
import dev.cachalot.engine.store.Database;
import dev.cachalot.engine.store.Keyspace;
import dev.cachalot.engine.store.MemoryReport;

import java.util.Locale;

import static dev.cachalot.engine.command.CommandFlag.READONLY;
import static dev.cachalot.engine.command.CommandSpec.command;

/**
 * MEMORY USAGE | STATS | DOCTOR | MALLOC-STATS | PURGE | HELP, from the keyspace's byte accounting
 * ({@link MemoryReport}). PURGE asks the JVM for a full collection, the nearest thing to jemalloc's
 * purge.
 */
public final class MemoryCommand {

    private static final byte[] SAMPLES = RespReply.ascii("SAMPLES");

    private MemoryCommand() {
    }

    public static CommandSpec spec() {
        return command("memory", -2, ctx -> { }).group("server")
                .doc("4.0.0", "A container for memory diagnostics commands.", "Depends on subcommand.")
                .subcommand(command("usage", -3, MemoryCommand::usage).flags(READONLY).keys(2, 2, 1)
                        .doc("4.0.0", "Estimates the memory usage of a key.", "O(N) where N is the number of samples."))
                .subcommand(command("stats", 2, MemoryCommand::stats)
                        .doc("4.0.0", "Returns details about memory usage.", "O(1)"))
                .subcommand(command("doctor", 2, MemoryCommand::doctor)
                        .doc("4.0.0", "Outputs a memory problems report.", "O(1)"))
                .subcommand(command("malloc-stats", 2, MemoryCommand::mallocStats)
                        .doc("4.0.0", "Returns the allocator statistics.", "Depends on how much memory is allocated, could be slow"))
                .subcommand(command("purge", 2, MemoryCommand::purge)
                        .doc("4.0.0", "Asks the allocator to release memory.", "Depends on how much memory is allocated, could be slow"))
                .subcommand(command("help", 2, MemoryCommand::help)
                        .doc("4.0.0", "Returns helpful text about the different subcommands.", "O(1)"))
                .build();
    }

    static void usage(CommandContext ctx) {
        RespRequest a = ctx.args();
        for (int j = 3; j < a.argc(); j++) {
            if (a.is(j, SAMPLES) && j + 1 < a.argc()) {
                if (!ctx.longArg(j + 1)) {
                    return;
                }
                if (ctx.number.value < 0) {
                    ctx.reply().raw(RespReply.ERR_SYNTAX);
                    return;
                }
                j++;
            } else {
                ctx.reply().raw(RespReply.ERR_SYNTAX);
                return;
            }
        }
        Database db = ctx.db();
        int slot = db.lookupNoTouch(a.buf(), a.offset(2), a.length(2));
        if (slot < 0) {
            ctx.reply().nullBulk();
            return;
        }
        ctx.reply().integer(db.usage(slot));
    }

    static void stats(CommandContext ctx) {
        MemoryReport m = MemoryReport.of(ctx.server().keyspace(), ctx.server().maxmemory());
        Keyspace ks = ctx.server().keyspace();
        int dbs = 0;
        for (int i = 0; i < Keyspace.DATABASES; i++) {
            if (ks.db(i).size() > 0) {
                dbs++;
            }
        }
        RespReply r = ctx.reply();
        r.mapHeader(27 + dbs);
        field(r, "peak.allocated", m.peak());
        field(r, "total.allocated", m.used());
        field(r, "startup.allocated", m.startup());
        field(r, "replication.backlog", 0);
        field(r, "clients.slaves", 0);
        field(r, "clients.normal", 0);
        field(r, "cluster.links", 0);
        field(r, "aof.buffer", 0);
        field(r, "lua.caches", 0);
        field(r, "functions.caches", 0);
        field(r, "overhead.total", m.overhead());
        field(r, "keys.count", m.keys());
        field(r, "keys.bytes-per-key", m.keys() == 0 ? 0 : (m.used() - m.startup()) / m.keys());
        field(r, "dataset.bytes", m.dataset());
        double datasetPct = m.used() == m.startup() ? 0 : 100.0 * m.dataset() / (m.used() - m.startup());
        r.bulk("dataset.percentage");
        r.bulk(String.format(Locale.ROOT, "%.15g", datasetPct).replaceAll("0+$", "").replaceAll("\\.$", ""));
        r.bulk("peak.percentage");
        r.bulk(String.format(Locale.ROOT, "%.15g", m.peak() == 0 ? 0 : 100.0 * m.used() / m.peak()).replaceAll("0+$", "").replaceAll("\\.$", ""));
        field(r, "allocator.allocated", m.heapUsed());
        field(r, "allocator.active", m.heapCommitted());
        field(r, "allocator.resident", m.rss());
        r.bulk("allocator-fragmentation.ratio");
        r.bulk(String.format(Locale.ROOT, "%.3f", m.heapUsed() == 0 ? 1.0 : (double) m.heapCommitted() / m.heapUsed()));
        field(r, "allocator-fragmentation.bytes", m.heapCommitted() - m.heapUsed());
        r.bulk("allocator.rss-ratio");
        r.bulk(String.format(Locale.ROOT, "%.3f", m.heapCommitted() == 0 ? 1.0 : (double) m.rss() / m.heapCommitted()));
        field(r, "allocator.rss-bytes", m.rss() - m.heapCommitted());
        r.bulk("rss-overhead.ratio");
        r.bulk("1.000");
        field(r, "rss-overhead.bytes", 0);
        r.bulk("fragmentation");
        r.bulk(String.format(Locale.ROOT, "%.3f", m.fragmentationRatio()));
        field(r, "fragmentation.bytes", m.rss() - m.used());
        for (int i = 0; i < Keyspace.DATABASES; i++) {
            Database db = ks.db(i);
            if (db.size() > 0) {
                r.bulk("db." + i);
                r.mapHeader(2);
                field(r, "overhead.hashtable.main", db.memory() - db.datasetBytes());
                field(r, "overhead.hashtable.expires", 0);
            }
        }
    }

    private static void field(RespReply r, String name, long value) {
        r.bulk(name);
        r.integer(value);
    }

    static void doctor(CommandContext ctx) {
        MemoryReport m = MemoryReport.of(ctx.server().keyspace(), ctx.server().maxmemory());
        String text;
        if (m.used() < 5L * 1024 * 1024) {
            text = "Hi Sam, this instance is empty or is using very little memory, my issues detector can't be used in "
                    + "these conditions. Please, leave for your mission on Earth and fill it with some data. The new Sam "
                    + "and I will be back to our programming as soon as I finished rebooting.";
        } else if (m.maxmemory() > 0 && m.used() > m.maxmemory()) {
            text = "Sam, I detected a few issues in this Redis instance memory implants:\n\n"
                    + " * Used memory is above maxmemory and nothing more can be evicted with maxmemory-policy "
                    + m.policy() + ".\n\nI'm here to keep you safe, Sam. I want to help you.\n";
        } else if (m.fragmentationRatio() > 1.4) {
            text = "Sam, I detected a few issues in this Redis instance memory implants:\n\n"
                    + " * High total RSS: This instance has a memory fragmentation and RSS overhead greater than 1.4 "
                    + "(this means that the Resident Set Size of the process is much larger than the sum of the logical "
                    + "allocations it holds). On a JVM this is mostly heap headroom; a smaller -Xmx or a full collection "
                    + "(MEMORY PURGE) reduces it.\n\nI'm here to keep you safe, Sam. I want to help you.\n";
        } else {
            text = "Hi Sam, I can't find any memory issue in your instance. I can only account for what occurs on this base.";
        }
        ctx.reply().bulk(text);
    }

    static void mallocStats(CommandContext ctx) {
        MemoryReport m = MemoryReport.of(ctx.server().keyspace(), ctx.server().maxmemory());
        ctx.reply().bulk("Stats not supported for the current allocator (JVM heap: used " + m.heapUsed()
                + ", committed " + m.heapCommitted() + ")");
    }

    static void purge(CommandContext ctx) {
        System.gc();
        ctx.reply().ok();
    }

    static void help(CommandContext ctx) {
        String[] lines = {
                "MEMORY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "DOCTOR",
                "    Return memory problems reports.",
                "MALLOC-STATS",
                "    Return internal statistics report from the memory allocator.",
                "PURGE",
                "    Attempt to purge dirty pages for reclamation by the allocator.",
                "STATS",
                "    Return information about the memory usage of the server.",
                "USAGE <key> [SAMPLES <count>]",
                "    Return memory in bytes used by <key> and its value. Nested values are",
                "    sampled up to <count> times (default: 5, 0 means sample all).",
                "HELP",
                "    Print this help."};
        ctx.reply().arrayHeader(lines.length);
        for (String l : lines) {
            ctx.reply().simple(l);
        }
    }
}

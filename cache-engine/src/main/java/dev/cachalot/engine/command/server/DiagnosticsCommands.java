package dev.cachalot.engine.command.server;

import dev.cachalot.engine.command.CommandContext;
import dev.cachalot.engine.command.CommandSpec;
import dev.cachalot.engine.metrics.ServerMetrics;
import dev.cachalot.engine.protocol.resp.RespReply;
import dev.cachalot.engine.protocol.resp.RespRequest;
import dev.cachalot.engine.session.ClientSession;
import dev.cachalot.engine.store.Database;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.cachalot.engine.command.AclCategory.DANGEROUS;
import static dev.cachalot.engine.command.CommandFlag.ADMIN;
import static dev.cachalot.engine.command.CommandFlag.FAST;
import static dev.cachalot.engine.command.CommandFlag.LOADING;
import static dev.cachalot.engine.command.CommandFlag.NOSCRIPT;
import static dev.cachalot.engine.command.CommandFlag.STALE;
import static dev.cachalot.engine.command.CommandSpec.command;

/** SLOWLOG, LATENCY, MONITOR, DEBUG (SLEEP, OBJECT, SET-ACTIVE-EXPIRE, HELP) and LASTSAVE. */
final class DiagnosticsCommands {

    private DiagnosticsCommands() {
    }

    static List<CommandSpec> specs() {
        return List.of(
                command("slowlog", -2, ctx -> { }).group(ServerCommands.GROUP)
                        .doc("2.2.12", "A container for slow log commands.", "Depends on subcommand.")
                        .subcommand(command("get", -2, DiagnosticsCommands::slowlogGet).flags(ADMIN, LOADING, STALE)
                                .args("[count:integer]").doc("2.2.12", "Returns the slow log's entries.", "O(N) where N is the number of entries returned"))
                        .subcommand(command("len", 2, DiagnosticsCommands::slowlogLen).flags(ADMIN, LOADING, STALE)
                                .doc("2.2.12", "Returns the number of entries in the slow log.", "O(1)"))
                        .subcommand(command("reset", 2, DiagnosticsCommands::slowlogReset).flags(ADMIN, LOADING, STALE)
                                .doc("2.2.12", "Clears all entries from the slow log.", "O(N) where N is the number of entries in the slowlog"))
                        .subcommand(command("help", 2, DiagnosticsCommands::slowlogHelp).flags(LOADING, STALE)
                                .doc("6.2.0", "Show helpful text about the different subcommands", "O(1)"))
                        .build(),
                command("latency", -2, ctx -> { }).group(ServerCommands.GROUP)
                        .doc("2.8.13", "A container for latency diagnostics commands.", "Depends on subcommand.")
                        .subcommand(command("latest", 2, DiagnosticsCommands::latencyLatest).flags(ADMIN, NOSCRIPT, LOADING, STALE)
                                .doc("2.8.13", "Returns the latest latency samples for all events.", "O(1)"))
                        .subcommand(command("history", 3, DiagnosticsCommands::latencyHistory).flags(ADMIN, NOSCRIPT, LOADING, STALE)
                                .args("event:string").doc("2.8.13", "Returns timestamp-latency samples for an event.", "O(1)"))
                        .subcommand(command("reset", -2, DiagnosticsCommands::latencyReset).flags(ADMIN, NOSCRIPT, LOADING, STALE)
                                .args("[event:string...]").doc("2.8.13", "Resets the latency data for one or more events.", "O(1)"))
                        .subcommand(command("doctor", 2, DiagnosticsCommands::latencyDoctor).flags(ADMIN, NOSCRIPT, LOADING, STALE)
                                .doc("2.8.13", "Returns a human-readable latency analysis report.", "O(1)"))
                        .subcommand(command("graph", 3, DiagnosticsCommands::latencyGraph).flags(ADMIN, NOSCRIPT, LOADING, STALE)
                                .args("event:string").doc("2.8.13", "Returns a latency graph for an event.", "O(1)"))
                        .subcommand(command("histogram", -2, DiagnosticsCommands::latencyHistogram).flags(ADMIN, NOSCRIPT, LOADING, STALE)
                                .args("[command:string...]").doc("7.0.0", "Returns the cumulative distribution of latencies of a subset or all commands.", "O(N) where N is the number of commands with latency information being retrieved."))
                        .subcommand(command("help", 2, DiagnosticsCommands::latencyHelp).flags(LOADING, STALE)
                                .doc("2.8.13", "Returns helpful text about the different subcommands.", "O(1)"))
                        .build(),
                command("monitor", 1, DiagnosticsCommands::monitor).flags(ADMIN, NOSCRIPT, LOADING, STALE).group(ServerCommands.GROUP)
                        .doc("1.0.0", "Listens for all requests received by the server in real-time.", null).build(),
                command("debug", -2, DiagnosticsCommands::debug).flags(ADMIN, NOSCRIPT, LOADING, STALE).group(ServerCommands.GROUP)
                        .doc("1.0.0", "A container for debugging commands.", "Depends on subcommand.").build(),
                command("lastsave", 1, DiagnosticsCommands::lastsave).flags(LOADING, STALE, FAST).acl(DANGEROUS).group(ServerCommands.GROUP)
                        .doc("1.0.0", "Returns the Unix timestamp of the last successful save to disk.", "O(1)").build());
    }

    // ------------------------------------------------------------------------------ SLOWLOG

    static void slowlogGet(CommandContext ctx) {
        long count = 10;
        if (ctx.args().argc() == 3) {
            if (!ctx.args().parseLong(2, ctx.number) || ctx.number.value < -1) {
                ctx.reply().error("count should be greater than or equal to -1");
                return;
            }
            count = ctx.number.value;
        }
        List<ServerMetrics.SlowEntry> entries = ctx.server().metrics().slowlog(count);
        RespReply r = ctx.reply();
        r.arrayHeader(entries.size());
        for (ServerMetrics.SlowEntry e : entries) {
            r.arrayHeader(6);
            r.integer(e.id());
            r.integer(e.unixSeconds());
            r.integer(e.micros());
            r.arrayHeader(e.args().size());
            for (byte[] a : e.args()) {
                r.bulk(a);
            }
            r.bulk(e.addr());
            r.bulk(e.name());
        }
    }

    static void slowlogLen(CommandContext ctx) {
        ctx.reply().integer(ctx.server().metrics().slowlogLength());
    }

    static void slowlogReset(CommandContext ctx) {
        ctx.server().metrics().slowlogReset();
        ctx.reply().ok();
    }

    static void slowlogHelp(CommandContext ctx) {
        ctx.help("SLOWLOG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "GET [<count>]",
                "    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
                "    Entries are made of:",
                "    id, timestamp, time in microseconds, arguments array, client IP and port,",
                "    client name",
                "LEN",
                "    Return the length of the slowlog.",
                "RESET",
                "    Reset the slowlog.");
    }

    // ------------------------------------------------------------------------------ LATENCY

    static void latencyLatest(CommandContext ctx) {
        Map<String, ServerMetrics.LatencySeries> events = ctx.server().metrics().latencyEvents();
        RespReply r = ctx.reply();
        r.arrayHeader(events.size());
        for (Map.Entry<String, ServerMetrics.LatencySeries> e : events.entrySet()) {
            ServerMetrics.LatencySample last = e.getValue().latest();
            r.arrayHeader(4);
            r.bulk(e.getKey());
            r.integer(last.unixSeconds());
            r.integer(last.millis());
            r.integer(e.getValue().max());
        }
    }

    static void latencyHistory(CommandContext ctx) {
        ServerMetrics.LatencySeries s = ctx.server().metrics().latencyEvents().get(ctx.args().string(2));
        List<ServerMetrics.LatencySample> samples = s == null ? List.of() : s.samples();
        RespReply r = ctx.reply();
        r.arrayHeader(samples.size());
        for (ServerMetrics.LatencySample x : samples) {
            r.arrayHeader(2);
            r.integer(x.unixSeconds());
            r.integer(x.millis());
        }
    }

    static void latencyReset(CommandContext ctx) {
        List<String> events = new ArrayList<>();
        for (int i = 2; i < ctx.args().argc(); i++) {
            events.add(ctx.args().string(i));
        }
        ctx.reply().integer(ctx.server().metrics().latencyReset(events));
    }

    static void latencyGraph(CommandContext ctx) {
        String event = ctx.args().string(2);
        ServerMetrics.LatencySeries s = ctx.server().metrics().latencyEvents().get(event);
        if (s == null || s.samples().isEmpty()) {
            ctx.reply().error("No samples available for event '" + event + "'");
            return;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(event).append(" - high ").append(s.max()).append(" ms, low ");
        long low = Long.MAX_VALUE;
        for (ServerMetrics.LatencySample x : s.samples()) {
            low = Math.min(low, x.millis());
        }
        sb.append(low).append(" ms (all time high ").append(s.max()).append(" ms)\n");
        sb.append("-".repeat(80)).append('\n');
        for (ServerMetrics.LatencySample x : s.samples()) {
            int bars = (int) Math.max(1, s.max() == 0 ? 1 : x.millis() * 20 / s.max());
            sb.append(String.format(Locale.ROOT, "%6d ms %s%n", x.millis(), "#".repeat(bars)));
        }
        ctx.reply().verbatim(sb.toString());
    }

    static void latencyDoctor(CommandContext ctx) {
        Map<String, ServerMetrics.LatencySeries> events = ctx.server().metrics().latencyEvents();
        long threshold = ctx.server().core().latencyMonitorThreshold.longValue();
        String text;
        if (threshold == 0 && events.isEmpty()) {
            text = "I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis instance. You may "
                    + "use \"CONFIG SET latency-monitor-threshold <milliseconds>.\" in order to enable it. If we weren't "
                    + "in a deep space mission I'd suggest to take a look at https://redis.io/topics/latency-monitor.\n";
        } else if (events.isEmpty()) {
            text = "Dave, no latency spike was observed during the lifetime of this Redis instance, not in the slightest "
                    + "bit. I honestly think you ought to sleep tonight.\n";
        } else {
            StringBuilder sb = new StringBuilder("Dave, I have observed latency spikes in this Redis instance. You don't "
                    + "mind talking about it, do you Dave?\n\n");
            int i = 1;
            for (Map.Entry<String, ServerMetrics.LatencySeries> e : events.entrySet()) {
                List<ServerMetrics.LatencySample> samples = e.getValue().samples();
                long sum = 0;
                for (ServerMetrics.LatencySample x : samples) {
                    sum += x.millis();
                }
                sb.append(i++).append(". ").append(e.getKey()).append(": ").append(samples.size())
                        .append(" latency spikes (average ").append(samples.isEmpty() ? 0 : sum / samples.size())
                        .append("ms, mean deviation 0ms, period 0 sec). Worst all time event ")
                        .append(e.getValue().max()).append("ms.\n");
            }
            sb.append("\nI have a few advices for you:\n\n- Check your slow log (SLOWLOG GET) for commands that take long "
                    + "to run; they block every other client of this node.\n");
            text = sb.toString();
        }
        ctx.reply().verbatim(text);
    }

    /** LATENCY HISTOGRAM [command…]: per command, calls and the cumulative power-of-two histogram in µs. */
    static void latencyHistogram(CommandContext ctx) {
        RespRequest a = ctx.args();
        Map<String, CommandSpec> selected = new LinkedHashMap<>();
        if (a.argc() == 2) {
            for (CommandSpec s : ctx.server().commands().all()) {
                addWithSubs(selected, s);
            }
        } else {
            for (int i = 2; i < a.argc(); i++) {
                CommandSpec s = CommandCommand.find(ctx.server().commands(), a.string(i));
                if (s != null) {
                    addWithSubs(selected, s);
                }
            }
        }
        selected.values().removeIf(s -> s.histogram().total() == 0);
        RespReply r = ctx.reply();
        r.mapHeader(selected.size());
        for (CommandSpec s : selected.values()) {
            r.bulk(s.fullName());
            r.mapHeader(2);
            r.bulk("calls");
            r.integer(s.histogram().total());
            r.bulk("histogram_usec");
            Map<Long, Long> h = s.histogram().cumulativePowersOfTwo();
            r.mapHeader(h.size());
            for (Map.Entry<Long, Long> e : h.entrySet()) {
                r.integer(e.getKey());
                r.integer(e.getValue());
            }
        }
    }

    private static void addWithSubs(Map<String, CommandSpec> into, CommandSpec s) {
        if (s.subcommands() == null) {
            into.putIfAbsent(s.fullName(), s);
        } else {
            for (CommandSpec sub : s.subcommands().all()) {
                into.putIfAbsent(sub.fullName(), sub);
            }
        }
    }

    static void latencyHelp(CommandContext ctx) {
        ctx.help("LATENCY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "DOCTOR",
                "    Return a human readable latency analysis report.",
                "GRAPH <event>",
                "    Return an ASCII latency graph for the <event> class.",
                "HISTORY <event>",
                "    Return time-latency samples for the <event> class.",
                "LATEST",
                "    Return the latest latency samples for all events.",
                "RESET [<event> ...]",
                "    Reset latency data of one or more <event> classes.",
                "    (default: reset all data for all event classes)",
                "HISTOGRAM [COMMAND ...]",
                "    Return a cumulative distribution of latencies in the format of a histogram for the specified command names.",
                "    If no commands are specified then all histograms are replied.");
    }

    // ------------------------------------------------------------------------------ MONITOR, LASTSAVE

    static void monitor(CommandContext ctx) {
        ClientSession s = ctx.session();
        if (s.denyBlocking()) {
            // inside EXEC, a client expects one reply per command
            ctx.reply().error("MONITOR isn't allowed for DENY BLOCKING client");
            return;
        }
        if (s.has(ClientSession.MONITOR)) {
            return;
        }
        s.set(ClientSession.MONITOR);
        ctx.server().monitors().add(s);
        ctx.reply().ok();
    }

    /** No persistence yet: the node's start time, as Redis reports for a server that never saved. */
    static void lastsave(CommandContext ctx) {
        ctx.reply().integer(ctx.server().startMs() / 1000);
    }

    // ------------------------------------------------------------------------------ DEBUG

    private static final String DEBUG_NOT_ALLOWED = "DEBUG command not allowed. If the enable-debug-command option "
            + "is set to \"local\", you can run it from a local connection, otherwise you need to set this option in "
            + "the configuration file, and then restart the server.";

    static void debug(CommandContext ctx) {
        String mode = ctx.server().core().enableDebugCommand.stringValue();
        if (mode.equals("no") || (mode.equals("local") && !isLocal(ctx.session()))) {
            ctx.reply().error(DEBUG_NOT_ALLOWED);
            return;
        }
        RespRequest a = ctx.args();
        String sub = a.string(1).toLowerCase(Locale.ROOT);
        switch (sub) {
            case "help" -> ctx.help("DEBUG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                    "OBJECT <key>",
                    "    Show low level info about the `key` and associated value.",
                    "SET-ACTIVE-EXPIRE <0|1>",
                    "    Setting it to 0 disables expiring keys in background when they are not",
                    "    accessed (otherwise the Redis behavior). Setting it to 1 reenables back the",
                    "    default.",
                    "SLEEP <seconds>",
                    "    Stop the server for <seconds>. Decimals allowed.");
            case "sleep" -> {
                if (a.argc() != 3) {
                    ctx.subcommandSyntaxError();
                    return;
                }
                double seconds;
                try {
                    seconds = Double.parseDouble(a.string(2));
                } catch (NumberFormatException e) {
                    seconds = 0;
                }
                // the point of DEBUG SLEEP is to block the data thread, as it blocks Redis's main thread
                long nanos = (long) (seconds * 1e9);
                long end = System.nanoTime() + nanos;
                while (nanos > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(nanos);
                    nanos = end - System.nanoTime();
                }
                ctx.reply().ok();
            }
            case "set-active-expire" -> {
                if (a.argc() != 3 || !a.parseLong(2, ctx.number)) {
                    ctx.subcommandSyntaxError();
                    return;
                }
                ctx.server().activeExpire(ctx.number.value != 0);
                ctx.reply().ok();
            }
            case "object" -> {
                if (a.argc() != 3) {
                    ctx.subcommandSyntaxError();
                    return;
                }
                debugObject(ctx);
            }
            default -> ctx.subcommandSyntaxError();
        }
    }

    /** Redis's DEBUG OBJECT line, with what this engine knows of the value (more with the data layer's encodings). */
    private static void debugObject(CommandContext ctx) {
        RespRequest a = ctx.args();
        Database db = ctx.db();
        int slot = db.lookupWrite(a.buf(), a.offset(2), a.length(2));
        if (slot < 0) {
            ctx.reply().error("no such key");
            return;
        }
        Object v = db.value(slot);
        String encoding;
        long serialized;
        if (v instanceof byte[] entry) {
            // a string entry holds its key, then its value
            encoding = dev.cachalot.engine.store.Strings.encoding(db, slot);
            serialized = ObjectInfo.serializedLength(dev.cachalot.engine.store.StringEntry.value(entry));
        } else {
            encoding = ((dev.cachalot.engine.store.type.KeyedValue) v).encoding();
            serialized = 0;
        }
        var ks = ctx.server().keyspace();
        long idle = ks.config().policy().lfu() ? 0 : ks.idleMillis(db.lru(slot)) / 1000;
        ctx.reply().simple("Value at:0x" + Integer.toHexString(System.identityHashCode(v)) + " refcount:1 encoding:"
                + encoding + " serializedlength:" + serialized + " lru:" + (db.lru(slot) & 0xFFFFFF)
                + " lru_seconds_idle:" + idle);
    }

    private static boolean isLocal(ClientSession s) {
        String addr = s.remoteAddress();
        return addr.startsWith("127.") || addr.startsWith("0:0:0:0:0:0:0:1") || addr.startsWith("::1")
                || addr.startsWith("/127.") || addr.startsWith("local");
    }
}

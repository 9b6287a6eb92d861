package dev.cachalot.engine.command.server;

import dev.cachalot.engine.command.CommandContext;
import dev.cachalot.engine.command.CommandSpec;
import dev.cachalot.engine.protocol.resp.RespRequest;
import dev.cachalot.engine.server.ServerState;
import dev.cachalot.engine.util.Glob;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import static dev.cachalot.engine.command.CommandFlag.ADMIN;
import static dev.cachalot.engine.command.CommandFlag.LOADING;
import static dev.cachalot.engine.command.CommandFlag.NOSCRIPT;
import static dev.cachalot.engine.command.CommandFlag.STALE;
import static dev.cachalot.engine.command.CommandSpec.command;

/**
 * CONFIG GET / SET / RESETSTAT: the parameters a node has so far (tools such as redis-benchmark read
 * "save" and "appendonly" at start-up). Only maxmemory can be changed yet.
 */
final class ConfigCommand {

    private static final Map<String, Function<ServerState, String>> PARAMS = new LinkedHashMap<>();

    static {
        PARAMS.put("bind", s -> s.config().bind());
        PARAMS.put("port", s -> Integer.toString(s.port()));
        PARAMS.put("databases", s -> Integer.toString(ServerCommands.databases()));
        PARAMS.put("maxmemory", s -> Long.toString(s.maxmemory()));
        PARAMS.put("maxmemory-policy", s -> "noeviction");
        PARAMS.put("maxclients", s -> "10000");
        PARAMS.put("save", s -> "");
        PARAMS.put("appendonly", s -> "no");
        PARAMS.put("hz", s -> Integer.toString(ServerState.HZ));
        PARAMS.put("timeout", s -> "0");
        PARAMS.put("tcp-keepalive", s -> "300");
        PARAMS.put("io-threads", s -> "1");
        PARAMS.put("proto-max-bulk-len", s -> "536870912");
        PARAMS.put("client-query-buffer-limit", s -> "1073741824");
        PARAMS.put("cluster-enabled", s -> "no");
        PARAMS.put("requirepass", s -> "");
        PARAMS.put("loglevel", s -> "notice");
        PARAMS.put("dir", s -> System.getProperty("user.dir"));
    }

    private ConfigCommand() {
    }

    static CommandSpec spec() {
        return command("config", -2, ctx -> { }).group(ServerCommands.GROUP)
                .doc("2.0.0", "A container for server configuration commands.", "Depends on subcommand.")
                .subcommand(command("get", -3, ConfigCommand::get).flags(ADMIN, NOSCRIPT, LOADING, STALE)
                        .doc("2.0.0", "Returns the effective values of configuration parameters.", "O(N) when N is the number of configuration parameters provided"))
                .subcommand(command("set", -4, ConfigCommand::set).flags(ADMIN, NOSCRIPT, LOADING, STALE)
                        .doc("2.0.0", "Sets configuration parameters in-flight.", "O(N) when N is the number of configuration parameters provided"))
                .subcommand(command("resetstat", 2, ConfigCommand::resetStat).flags(ADMIN, NOSCRIPT, LOADING, STALE)
                        .doc("2.0.0", "Resets the server's statistics.", "O(1)"))
                .subcommand(command("help", 2, ConfigCommand::help).flags(LOADING, STALE)
                        .doc("5.0.0", "Returns helpful text about the different subcommands.", "O(1)"))
                .build();
    }

    static void get(CommandContext ctx) {
        RespRequest a = ctx.args();
        Map<String, String> out = new LinkedHashMap<>();
        var data = ctx.server().keyspace().config(); // the data side's parameters (DataConfig)
        for (int i = 2; i < a.argc(); i++) {
            String pattern = a.string(i).toLowerCase(Locale.ROOT);
            for (Map.Entry<String, Function<ServerState, String>> e : PARAMS.entrySet()) {
                if (Glob.matches(pattern, e.getKey(), true) && !data.knows(e.getKey())) {
                    out.putIfAbsent(e.getKey(), e.getValue().apply(ctx.server()));
                }
            }
            for (String name : data.names()) {
                if (Glob.matches(pattern, name, true)) {
                    out.putIfAbsent(name, data.get(name));
                }
            }
        }
        ctx.reply().arrayHeader(out.size() * 2);
        for (Map.Entry<String, String> e : out.entrySet()) {
            ctx.reply().bulk(e.getKey());
            ctx.reply().bulk(e.getValue());
        }
    }

    static void set(CommandContext ctx) {
        RespRequest a = ctx.args();
        if ((a.argc() - 2) % 2 != 0) {
            ctx.wrongArity();
            return;
        }
        List<Runnable> changes = new ArrayList<>();
        for (int i = 2; i < a.argc(); i += 2) {
            String name = a.string(i).toLowerCase(Locale.ROOT);
            String value = a.string(i + 1);
            switch (name) {
                case "maxmemory" -> {
                    long bytes;
                    try {
                        bytes = parseMemory(value);
                    } catch (IllegalArgumentException e) {
                        ctx.reply().error("CONFIG SET failed (possibly related to argument '" + name
                                + "') - argument must be a memory value");
                        return;
                    }
                    changes.add(() -> ctx.server().maxmemory(bytes));
                }
                default -> {
                    var data = ctx.server().keyspace().config(); // the data side's parameters (DataConfig)
                    if (data.knows(name)) {
                        String reason = data.set(name, value);
                        if (reason != null) {
                            ctx.reply().error("CONFIG SET failed (possibly related to argument '" + name + "') - " + reason);
                            return;
                        }
                        continue;
                    }
                    ctx.reply().error("Unknown option or number of arguments for CONFIG SET - '" + a.string(i) + "'");
                    return;
                }
            }
        }
        changes.forEach(Runnable::run);
        ctx.reply().ok();
    }

    static long parseMemory(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        long unit = 1;
        String[][] units = {{"kb", "1024"}, {"mb", "1048576"}, {"gb", "1073741824"},
                {"k", "1000"}, {"m", "1000000"}, {"g", "1000000000"}, {"b", "1"}};
        for (String[] u : units) {
            if (v.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                v = v.substring(0, v.length() - u[0].length());
                break;
            }
        }
        long n = Long.parseLong(v);
        if (n < 0) {
            throw new IllegalArgumentException(value);
        }
        return Math.multiplyExact(n, unit);
    }

    static void resetStat(CommandContext ctx) {
        ctx.server().stats().reset();
        ctx.server().keyspace().stats().reset();
        ctx.reply().ok();
    }

    static void help(CommandContext ctx) {
        String[] lines = {
                "CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "GET <pattern>",
                "    Return parameters matching the glob-like <pattern> and their values.",
                "SET <directive> <value>",
                "    Set the configuration <directive> to <value>.",
                "RESETSTAT",
                "    Reset statistics reported by the INFO command.",
                "HELP",
                "    Print this help."};
        ctx.reply().arrayHeader(lines.length);
        for (String l : lines) {
            ctx.reply().simple(l);
        }
    }

}

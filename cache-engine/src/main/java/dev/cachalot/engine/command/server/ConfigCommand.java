package dev.cachalot.engine.command.server;

import dev.cachalot.engine.command.CommandContext;
import dev.cachalot.engine.command.CommandSpec;
import dev.cachalot.engine.config.ConfigParam;
import dev.cachalot.engine.config.ConfigRegistry;
import dev.cachalot.engine.protocol.resp.RespRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.cachalot.engine.command.CommandFlag.ADMIN;
import static dev.cachalot.engine.command.CommandFlag.LOADING;
import static dev.cachalot.engine.command.CommandFlag.NOSCRIPT;
import static dev.cachalot.engine.command.CommandFlag.STALE;
import static dev.cachalot.engine.command.CommandSpec.command;

/**
 * CONFIG GET / SET / RESETSTAT / REWRITE, generated from the node's {@link ConfigRegistry}: Redis 7's
 * multi-parameter GET (exact names or globs, aliases included) and all-or-nothing SET with Redis's
 * error texts. A node has no config file (the agent passes its settings on the command line), so
 * REWRITE answers as Redis does without one.
 */
final class ConfigCommand {

    private ConfigCommand() {
    }

    static CommandSpec spec() {
        return command("config", -2, ctx -> { }).group(ServerCommands.GROUP)
                .doc("2.0.0", "A container for server configuration commands.", "Depends on subcommand.")
                .subcommand(command("get", -3, ConfigCommand::get).flags(ADMIN, NOSCRIPT, LOADING, STALE)
                        .doc("2.0.0", "Returns the effective values of configuration parameters.", "O(N) when N is the number of configuration parameters provided")
                        .args("parameter:string..."))
                .subcommand(command("set", -4, ConfigCommand::set).flags(ADMIN, NOSCRIPT, LOADING, STALE)
                        .doc("2.0.0", "Sets configuration parameters in-flight.", "O(N) when N is the number of configuration parameters provided")
                        .args("data:{parameter:string value:string}..."))
                .subcommand(command("resetstat", 2, ConfigCommand::resetStat).flags(ADMIN, NOSCRIPT, LOADING, STALE)
                        .doc("2.0.0", "Resets the server's statistics.", "O(1)"))
                .subcommand(command("rewrite", 2, ConfigCommand::rewrite).flags(ADMIN, NOSCRIPT, LOADING, STALE)
                        .doc("2.8.0", "Persists the effective configuration to file.", "O(1)"))
                .subcommand(command("help", 2, ConfigCommand::help).flags(LOADING, STALE)
                        .doc("5.0.0", "Returns helpful text about the different subcommands.", "O(1)"))
                .build();
    }

    static void get(CommandContext ctx) {
        RespRequest a = ctx.args();
        Map<String, ConfigParam> matches = new LinkedHashMap<>();
        for (int i = 2; i < a.argc(); i++) {
            ctx.server().params().match(a.string(i), matches);
        }
        ctx.reply().mapHeader(matches.size());
        for (Map.Entry<String, ConfigParam> e : matches.entrySet()) {
            ctx.reply().bulk(e.getKey());
            ctx.reply().bulk(e.getValue().text());
        }
    }

    static void set(CommandContext ctx) {
        RespRequest a = ctx.args();
        if ((a.argc() - 2) % 2 != 0) {
            ctx.wrongArity();
            return;
        }
        ConfigRegistry params = ctx.server().params();
        List<ConfigParam> targets = new ArrayList<>();
        for (int i = 2; i < a.argc(); i += 2) {
            ConfigParam p = params.get(a.string(i));
            if (p == null) {
                ctx.reply().error("Unknown option or number of arguments for CONFIG SET - '" + a.string(i) + "'");
                return;
            }
            targets.add(p);
        }
        List<Object> values = new ArrayList<>();
        for (int n = 0; n < targets.size(); n++) {
            ConfigParam p = targets.get(n);
            String arg = a.string(2 + 2 * n);
            if (p.isImmutable()) {
                failed(ctx, arg, "can't set immutable config");
                return;
            }
            if (targets.subList(0, n).contains(p)) {
                failed(ctx, arg, "duplicate parameter");
                return;
            }
            try {
                values.add(p.parse(a.string(3 + 2 * n)));
            } catch (ConfigParam.InvalidValue e) {
                failed(ctx, arg, e.getMessage());
                return;
            }
        }
        for (int n = 0; n < targets.size(); n++) {
            targets.get(n).apply(values.get(n));
        }
        ctx.reply().ok();
    }

    private static void failed(CommandContext ctx, String arg, String why) {
        ctx.reply().error("CONFIG SET failed (possibly related to argument '" + arg + "') - " + why);
    }

    static void resetStat(CommandContext ctx) {
        ctx.server().resetStats();
        ctx.reply().ok();
    }

    static void rewrite(CommandContext ctx) {
        ctx.reply().error("The server is running without a config file");
    }

    static void help(CommandContext ctx) {
        ctx.help("CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "GET <pattern>",
                "    Return parameters matching the glob-like <pattern> and their values.",
                "SET <directive> <value>",
                "    Set the configuration <directive> to <value>.",
                "RESETSTAT",
                "    Reset statistics reported by the INFO command.",
                "REWRITE",
                "    Rewrite the configuration file.");
    }
}

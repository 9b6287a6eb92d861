package dev.cachalot.engine.command.server;

import dev.cachalot.engine.command.AclCategory;
import dev.cachalot.engine.command.CommandContext;
import dev.cachalot.engine.command.CommandFlag;
import dev.cachalot.engine.command.CommandSpec;
import dev.cachalot.engine.command.CommandTable;
import dev.cachalot.engine.protocol.resp.RespReply;
import dev.cachalot.engine.protocol.resp.RespRequest;

import java.util.ArrayList;
import java.util.List;

import static dev.cachalot.engine.command.AclCategory.CONNECTION;
import static dev.cachalot.engine.command.CommandFlag.LOADING;
import static dev.cachalot.engine.command.CommandFlag.STALE;
import static dev.cachalot.engine.command.CommandSpec.command;

/**
 * COMMAND [COUNT | INFO name… | DOCS name… | LIST | HELP]: generated from the command table, in Redis 7's
 * reply shapes (redis-cli calls COMMAND DOCS at start-up for its hints).
 */
final class CommandCommand {

    private CommandCommand() {
    }

    static CommandSpec spec() {
        return command("command", -1, CommandCommand::all).flags(LOADING, STALE).acl(CONNECTION).group(ServerCommands.GROUP)
                .doc("2.8.13", "Returns detailed information about all commands.", "O(N) where N is the total number of Redis commands")
                .subcommand(command("count", 2, CommandCommand::count).flags(LOADING, STALE).acl(CONNECTION)
                        .doc("2.8.13", "Returns a count of commands.", "O(1)"))
                .subcommand(command("info", -2, CommandCommand::info).flags(LOADING, STALE).acl(CONNECTION)
                        .doc("2.8.13", "Returns information about one, multiple or all commands.", "O(N) where N is the number of commands to look up"))
                .subcommand(command("docs", -2, CommandCommand::docs).flags(LOADING, STALE).acl(CONNECTION)
                        .doc("7.0.0", "Returns documentary information about one, multiple or all commands.", "O(N) where N is the number of commands to look up"))
                .subcommand(command("list", -2, CommandCommand::list).flags(LOADING, STALE).acl(CONNECTION)
                        .doc("7.0.0", "Returns a list of command names.", "O(N) where N is the total number of Redis commands"))
                .subcommand(command("help", 2, CommandCommand::help).flags(LOADING, STALE).acl(CONNECTION)
                        .doc("5.0.0", "Returns helpful text about the different subcommands.", "O(1)"))
                .build();
    }

    static void all(CommandContext ctx) {
        List<CommandSpec> specs = ctx.server().commands().all();
        ctx.reply().arrayHeader(specs.size());
        for (CommandSpec s : specs) {
            writeInfo(ctx.reply(), s);
        }
    }

    static void count(CommandContext ctx) {
        ctx.reply().integer(ctx.server().commands().size());
    }

    static void info(CommandContext ctx) {
        RespRequest a = ctx.args();
        if (a.argc() == 2) {
            all(ctx);
            return;
        }
        ctx.reply().arrayHeader(a.argc() - 2);
        for (int i = 2; i < a.argc(); i++) {
            CommandSpec s = find(ctx.server().commands(), a.string(i));
            if (s == null) {
                ctx.reply().nullValue(); // Redis 7 answers addReplyNull: $-1 in RESP2, _ in RESP3
            } else {
                writeInfo(ctx.reply(), s);
            }
        }
    }

    static void docs(CommandContext ctx) {
        RespRequest a = ctx.args();
        List<CommandSpec> selected = new ArrayList<>();
        if (a.argc() == 2) {
            selected.addAll(ctx.server().commands().all());
        } else {
            for (int i = 2; i < a.argc(); i++) {
                CommandSpec s = find(ctx.server().commands(), a.string(i));
                if (s != null) {
                    selected.add(s);
                }
            }
        }
        ctx.reply().mapHeader(selected.size());
        for (CommandSpec s : selected) {
            ctx.reply().bulk(s.fullName());
            writeDocs(ctx.reply(), s);
        }
    }

    static void list(CommandContext ctx) {
        if (ctx.args().argc() > 2) {
            ctx.reply().raw(RespReply.ERR_SYNTAX); // FILTERBY comes later
            return;
        }
        List<String> names = new ArrayList<>();
        for (CommandSpec s : ctx.server().commands().all()) {
            names.add(s.fullName());
            if (s.subcommands() != null) {
                for (CommandSpec sub : s.subcommands().all()) {
                    names.add(sub.fullName());
                }
            }
        }
        ctx.reply().arrayHeader(names.size());
        for (String n : names) {
            ctx.reply().bulk(n);
        }
    }

    static void help(CommandContext ctx) {
        String[] lines = {
                "COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "(no subcommand)",
                "    Return details about all commands.",
                "COUNT",
                "    Return the total number of commands in this server.",
                "LIST",
                "    Return a list of all commands in this server.",
                "INFO [<command-name> ...]",
                "    Return details about multiple commands.",
                "    If no command names are given, documentation details for all",
                "    commands are returned.",
                "DOCS [<command-name> ...]",
                "    Return documentation details about multiple commands.",
                "    If no command names are given, documentation details for all",
                "    commands are returned.",
                "HELP",
                "    Print this help."};
        ctx.reply().arrayHeader(lines.length);
        for (String l : lines) {
            ctx.reply().simple(l);
        }
    }

    /** A command by name, or "container|subcommand" for a subcommand. */
    private static CommandSpec find(CommandTable table, String name) {
        int bar = name.indexOf('|');
        if (bar < 0) {
            return table.lookup(name);
        }
        CommandSpec parent = table.lookup(name.substring(0, bar));
        if (parent == null || parent.subcommands() == null) {
            return null;
        }
        return parent.subcommands().lookup(name.substring(bar + 1));
    }

    /** The 10-element COMMAND INFO entry of Redis 7. */
    private static void writeInfo(RespReply r, CommandSpec s) {
        r.arrayHeader(10);
        r.bulk(s.fullName());
        r.integer(s.arity());
        List<CommandFlag> flags = s.flags();
        r.setHeader(flags.size());
        for (CommandFlag f : flags) {
            r.simple(f.wireName());
        }
        r.integer(s.firstKey());
        r.integer(s.lastKey());
        r.integer(s.keyStep());
        List<AclCategory> acl = s.aclCategories();
        r.setHeader(acl.size());
        for (AclCategory c : acl) {
            r.simple(c.wireName());
        }
        r.setHeader(0); // tips
        writeKeySpecs(r, s);
        if (s.subcommands() == null) {
            r.setHeader(0);
        } else {
            r.setHeader(s.subcommands().size());
            for (CommandSpec sub : s.subcommands().all()) {
                writeInfo(r, sub);
            }
        }
    }

    /** One key specification derived from first/last/step: begin_search index, find_keys range. */
    private static void writeKeySpecs(RespReply r, CommandSpec s) {
        if (s.firstKey() == 0) {
            r.setHeader(0);
            return;
        }
        r.setHeader(1);
        r.mapHeader(3);
        r.bulk("flags");
        if (s.has(CommandFlag.WRITE)) {
            r.setHeader(2);
            r.simple("RW");
            r.simple("update");
        } else {
            r.setHeader(2);
            r.simple("RO");
            r.simple("access");
        }
        r.bulk("begin_search");
        r.mapHeader(2);
        r.bulk("type");
        r.bulk("index");
        r.bulk("spec");
        r.mapHeader(1);
        r.bulk("index");
        r.integer(s.firstKey());
        r.bulk("find_keys");
        r.mapHeader(2);
        r.bulk("type");
        r.bulk("range");
        r.bulk("spec");
        r.mapHeader(3);
        r.bulk("lastkey");
        r.integer(s.lastKey() < 0 ? s.lastKey() : s.lastKey() - s.firstKey());
        r.bulk("keystep");
        r.integer(s.keyStep());
        r.bulk("limit");
        r.integer(0);
    }

    /** COMMAND DOCS map of one command (RESP2: a flat array of name/value pairs). */
    private static void writeDocs(RespReply r, CommandSpec s) {
        boolean subs = s.subcommands() != null;
        int pairs = 3 + (s.complexity() != null ? 1 : 0) + (subs ? 1 : 0);
        r.mapHeader(pairs);
        r.bulk("summary");
        r.bulk(s.summary());
        r.bulk("since");
        r.bulk(s.since());
        r.bulk("group");
        r.bulk(s.group());
        if (s.complexity() != null) {
            r.bulk("complexity");
            r.bulk(s.complexity());
        }
        if (subs) {
            r.bulk("subcommands");
            r.mapHeader(s.subcommands().size());
            for (CommandSpec sub : s.subcommands().all()) {
                r.bulk(sub.fullName());
                writeDocs(r, sub);
            }
        }
    }
}

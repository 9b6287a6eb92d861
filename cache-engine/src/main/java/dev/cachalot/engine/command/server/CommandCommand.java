package dev.cachalot.engine.command.server;

import dev.cachalot.engine.command.AclCategory;
import dev.cachalot.engine.command.ArgumentSpec;
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
                        .args("[command-name:string...]")
                        .doc("2.8.13", "Returns information about one, multiple or all commands.", "O(N) where N is the number of commands to look up"))
                .subcommand(command("docs", -2, CommandCommand::docs).flags(LOADING, STALE).acl(CONNECTION)
                        .args("[command-name:string...]")
                        .doc("7.0.0", "Returns documentary information about one, multiple or all commands.", "O(N) where N is the number of commands to look up"))
                .subcommand(command("list", -2, CommandCommand::list).flags(LOADING, STALE).acl(CONNECTION)
                        .args("[FILTERBY=filterby:(MODULE=module-name:string|ACLCAT=category:string|PATTERN=pattern:pattern)]")
                        .doc("7.0.0", "Returns a list of command names.", "O(N) where N is the total number of Redis commands"))
                .subcommand(command("getkeys", -3, ctx -> getKeys(ctx, false)).flags(LOADING, STALE).acl(CONNECTION)
                        .args("command:string [arg:string...]")
                        .doc("2.8.13", "Extracts the key names from an arbitrary command.", "O(N) where N is the number of arguments to the command"))
                .subcommand(command("getkeysandflags", -3, ctx -> getKeys(ctx, true)).flags(LOADING, STALE).acl(CONNECTION)
                        .args("command:string [arg:string...]")
                        .doc("7.0.0", "Extracts the key names and access flags for an arbitrary command.", "O(N) where N is the number of arguments to the command"))
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

    /** The number of top-level commands, as Redis counts. */
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

    /** COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN pattern]. */
    static void list(CommandContext ctx) {
        RespRequest a = ctx.args();
        String filter = null;
        String value = null;
        if (a.argc() == 5 && a.string(2).equalsIgnoreCase("filterby")) {
            filter = a.string(3).toLowerCase(java.util.Locale.ROOT);
            value = a.string(4);
            if (!filter.equals("module") && !filter.equals("aclcat") && !filter.equals("pattern")) {
                ctx.reply().raw(RespReply.ERR_SYNTAX);
                return;
            }
        } else if (a.argc() != 2) {
            ctx.reply().raw(RespReply.ERR_SYNTAX);
            return;
        }
        List<String> names = new ArrayList<>();
        for (CommandSpec s : ctx.server().commands().all()) {
            addIfMatches(names, s, filter, value);
            if (s.subcommands() != null) {
                for (CommandSpec sub : s.subcommands().all()) {
                    addIfMatches(names, sub, filter, value);
                }
            }
        }
        ctx.reply().arrayHeader(names.size());
        for (String n : names) {
            ctx.reply().bulk(n);
        }
    }

    private static void addIfMatches(List<String> names, CommandSpec s, String filter, String value) {
        if (filter == null) {
            names.add(s.fullName());
            return;
        }
        switch (filter) {
            case "aclcat" -> {
                for (AclCategory c : s.aclCategories()) {
                    if (c.wireName().substring(1).equalsIgnoreCase(value)) {
                        names.add(s.fullName());
                        return;
                    }
                }
            }
            case "pattern" -> {
                if (dev.cachalot.engine.util.Glob.matches(value, s.fullName(), true)) {
                    names.add(s.fullName());
                }
            }
            default -> {
                // no modules
            }
        }
    }

    /** COMMAND GETKEYS / GETKEYSANDFLAGS command arg…: the keys from the declared key positions. */
    static void getKeys(CommandContext ctx, boolean withFlags) {
        RespRequest a = ctx.args();
        CommandSpec cmd = ctx.server().commands().lookup(a.buf(), a.offset(2), a.length(2));
        int argc = a.argc() - 2;
        if (cmd != null && cmd.subcommands() != null && argc >= 2) {
            CommandSpec sub = cmd.subcommands().lookup(a.buf(), a.offset(3), a.length(3));
            cmd = sub;
        }
        if (cmd == null) {
            ctx.reply().error("Invalid command specified");
            return;
        }
        if (cmd.firstKey() <= 0) {
            ctx.reply().error("The command has no key arguments");
            return;
        }
        if (!cmd.arityAccepts(argc)) {
            ctx.reply().error("Invalid number of arguments specified for command");
            return;
        }
        int[] positions = cmd.keyPositions(argc);
        if (positions.length == 0) {
            ctx.reply().error("Invalid arguments specified for command");
            return;
        }
        RespReply r = ctx.reply();
        r.arrayHeader(positions.length);
        for (int p : positions) {
            if (withFlags) {
                r.arrayHeader(2);
            }
            r.bulk(a.buf(), a.offset(p + 2), a.length(p + 2));
            if (withFlags) {
                boolean write = cmd.has(CommandFlag.WRITE);
                r.setHeader(2);
                r.simple(write ? "RW" : "RO");
                r.simple(write ? "update" : "access");
            }
        }
    }

    static void help(CommandContext ctx) {
        ctx.help("COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "(no subcommand)",
                "    Return details about all Redis commands.",
                "COUNT",
                "    Return the total number of commands in this Redis server.",
                "LIST",
                "    Return a list of all commands in this Redis server.",
                "INFO [<command-name> ...]",
                "    Return details about multiple Redis commands.",
                "    If no command names are given, documentation details for all",
                "    commands are returned.",
                "DOCS [<command-name> ...]",
                "    Return documentation details about multiple Redis commands.",
                "    If no command names are given, documentation details for all",
                "    commands are returned.",
                "GETKEYS <full-command>",
                "    Return the keys from a full Redis command.",
                "GETKEYSANDFLAGS <full-command>",
                "    Return the keys and the access flags from a full Redis command.");
    }

    /** A command by name, or "container|subcommand" for a subcommand. */
    static CommandSpec find(CommandTable table, String name) {
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
        boolean args = !s.arguments().isEmpty();
        int pairs = 3 + (s.complexity() != null ? 1 : 0) + (args ? 1 : 0) + (subs ? 1 : 0);
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
        if (args) {
            r.bulk("arguments");
            writeArguments(r, s.arguments());
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

    /** Argument maps as Redis's addReplyCommandArgList: name, type, key_spec_index, token, flags, arguments. */
    private static void writeArguments(RespReply r, List<ArgumentSpec> args) {
        r.arrayHeader(args.size());
        for (ArgumentSpec a : args) {
            boolean key = a.type().equals("key");
            boolean hasFlags = a.optional() || a.multiple();
            boolean nested = !a.arguments().isEmpty();
            r.mapHeader(2 + (key ? 1 : 0) + (a.token() != null ? 1 : 0) + (hasFlags ? 1 : 0) + (nested ? 1 : 0));
            r.bulk("name");
            r.bulk(a.name());
            r.bulk("type");
            r.bulk(a.type());
            if (key) {
                r.bulk("key_spec_index");
                r.integer(0);
            }
            if (a.token() != null) {
                r.bulk("token");
                r.bulk(a.token());
            }
            if (hasFlags) {
                r.bulk("flags");
                r.setHeader((a.optional() ? 1 : 0) + (a.multiple() ? 1 : 0));
                if (a.optional()) {
                    r.simple("optional");
                }
                if (a.multiple()) {
                    r.simple("multiple");
                }
            }
            if (nested) {
                r.bulk("arguments");
                writeArguments(r, a.arguments());
            }
        }
    }
}

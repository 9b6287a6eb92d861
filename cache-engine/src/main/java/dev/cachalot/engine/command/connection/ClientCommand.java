package dev.cachalot.engine.command.connection;

import dev.cachalot.engine.command.CommandContext;
import dev.cachalot.engine.command.CommandSpec;
import dev.cachalot.engine.protocol.resp.RespReply;
import dev.cachalot.engine.protocol.resp.RespRequest;
import dev.cachalot.engine.session.ClientSession;

import java.util.List;

import static dev.cachalot.engine.command.AclCategory.CONNECTION;
import static dev.cachalot.engine.command.CommandFlag.ADMIN;
import static dev.cachalot.engine.command.CommandFlag.LOADING;
import static dev.cachalot.engine.command.CommandFlag.NOSCRIPT;
import static dev.cachalot.engine.command.CommandFlag.STALE;
import static dev.cachalot.engine.command.CommandSpec.command;

/** CLIENT and its subcommands. */
final class ClientCommand {

    private static final byte[] LIB_NAME = RespReply.ascii("LIB-NAME");
    private static final byte[] LIB_VER = RespReply.ascii("LIB-VER");
    private static final byte[] ID = RespReply.ascii("ID");

    private ClientCommand() {
    }

    static CommandSpec spec() {
        return command("client", -2, ctx -> { }).acl(CONNECTION).group("connection")
                .doc("2.4.0", "A container for client connection commands.", "Depends on subcommand.")
                .subcommand(command("id", 2, ClientCommand::id).flags(NOSCRIPT, LOADING, STALE).acl(CONNECTION)
                        .doc("5.0.0", "Returns the unique client ID of the connection.", "O(1)"))
                .subcommand(command("getname", 2, ClientCommand::getName).flags(NOSCRIPT, LOADING, STALE).acl(CONNECTION)
                        .doc("2.6.9", "Returns the name of the connection.", "O(1)"))
                .subcommand(command("setname", 3, ClientCommand::setName).flags(NOSCRIPT, LOADING, STALE).acl(CONNECTION)
                        .doc("2.6.9", "Sets the connection name.", "O(1)"))
                .subcommand(command("setinfo", 4, ClientCommand::setInfo).flags(NOSCRIPT, LOADING, STALE).acl(CONNECTION)
                        .doc("7.2.0", "Sets information specific to the client or connection.", "O(1)"))
                .subcommand(command("info", 2, ClientCommand::info).flags(NOSCRIPT, LOADING, STALE).acl(CONNECTION)
                        .doc("6.2.0", "Returns information about the connection.", "O(1)"))
                .subcommand(command("list", -2, ClientCommand::list).flags(ADMIN, NOSCRIPT, LOADING, STALE).acl(CONNECTION)
                        .doc("2.4.0", "Lists open connections.", "O(N) where N is the number of client connections"))
                .subcommand(command("kill", -3, ClientCommand::kill).flags(ADMIN, NOSCRIPT, LOADING, STALE).acl(CONNECTION)
                        .doc("2.4.0", "Terminates open connections.", "O(N) where N is the number of client connections"))
                .subcommand(command("help", 2, ClientCommand::help).flags(LOADING, STALE).acl(CONNECTION)
                        .doc("5.0.0", "Returns helpful text about the different subcommands.", "O(1)"))
                .build();
    }

    static void id(CommandContext ctx) {
        ctx.reply().integer(ctx.session().id());
    }

    static void getName(CommandContext ctx) {
        ctx.reply().bulkOrNull(ctx.session().name());
    }

    static void setName(CommandContext ctx) {
        if (setName(ctx, 2)) {
            ctx.reply().ok();
        }
    }

    static final String INVALID_NAME = "Client names cannot contain spaces, newlines or special characters.";

    static boolean validName(RespRequest args, int arg) {
        return validAttribute(args, arg);
    }

    /** Validates and sets the name in argument {@code arg}; replies with the error and returns false if invalid. */
    static boolean setName(CommandContext ctx, int arg) {
        RespRequest args = ctx.args();
        if (!validAttribute(args, arg)) {
            ctx.reply().error(INVALID_NAME);
            return false;
        }
        ctx.session().name(args.length(arg) == 0 ? null : args.string(arg));
        return true;
    }

    static void setInfo(CommandContext ctx) {
        RespRequest args = ctx.args();
        boolean libName = args.is(2, LIB_NAME);
        if (!libName && !args.is(2, LIB_VER)) {
            ctx.reply().error("Unrecognized option '" + args.string(2) + "'");
            return;
        }
        if (!validAttribute(args, 3)) {
            ctx.reply().error(args.string(2) + " cannot contain spaces, newlines or special characters.");
            return;
        }
        String value = args.length(3) == 0 ? null : args.string(3);
        if (libName) {
            ctx.session().libName(value);
        } else {
            ctx.session().libVer(value);
        }
        ctx.reply().ok();
    }

    /** Redis's validateClientAttr: printable ASCII without spaces ('!' to '~'). */
    private static boolean validAttribute(RespRequest args, int i) {
        int off = args.offset(i);
        for (int k = 0; k < args.length(i); k++) {
            byte b = args.buf().getByte(off + k);
            if (b < '!' || b > '~') {
                return false;
            }
        }
        return true;
    }

    static void info(CommandContext ctx) {
        ctx.reply().verbatim(describe(ctx, ctx.session()) + "\n");
    }

    static void list(CommandContext ctx) {
        RespRequest args = ctx.args();
        java.util.Set<Long> ids = null;
        if (args.argc() > 2) {
            if (args.argc() > 3 && args.is(2, ID)) {
                ids = new java.util.HashSet<>();
                for (int i = 3; i < args.argc(); i++) {
                    if (!args.parseLong(i, ctx.number) || ctx.number.value <= 0) {
                        ctx.reply().error("Invalid client ID");
                        return;
                    }
                    ids.add(ctx.number.value);
                }
            } else {
                ctx.reply().raw(RespReply.ERR_SYNTAX);
                return;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (ClientSession s : ctx.server().clients().all()) {
            if (ids == null || ids.contains(s.id())) {
                sb.append(describe(ctx, s)).append('\n');
            }
        }
        ctx.reply().verbatim(sb.toString());
    }

    /** CLIENT KILL ID id | ADDR ip:port (new style) or CLIENT KILL ip:port (old style). */
    static void kill(CommandContext ctx) {
        RespRequest args = ctx.args();
        if (args.argc() == 3) {
            String addr = args.string(2);
            for (ClientSession s : ctx.server().clients().all()) {
                if (s.remoteAddress().equals(addr)) {
                    killSession(ctx, s);
                    ctx.reply().ok();
                    return;
                }
            }
            ctx.reply().error("No such client");
            return;
        }
        if ((args.argc() - 2) % 2 != 0) {
            ctx.reply().raw(RespReply.ERR_SYNTAX);
            return;
        }
        Long id = null;
        String addr = null;
        for (int i = 2; i < args.argc(); i += 2) {
            String opt = args.string(i).toLowerCase(java.util.Locale.ROOT);
            switch (opt) {
                case "id" -> {
                    if (!args.parseLong(i + 1, ctx.number) || ctx.number.value <= 0) {
                        ctx.reply().error("client-id should be greater than 0");
                        return;
                    }
                    id = ctx.number.value;
                }
                case "addr" -> addr = args.string(i + 1);
                default -> {
                    ctx.reply().raw(RespReply.ERR_SYNTAX);
                    return;
                }
            }
        }
        int killed = 0;
        for (ClientSession s : ctx.server().clients().all()) {
            if ((id == null || s.id() == id) && (addr == null || s.remoteAddress().equals(addr))) {
                killSession(ctx, s);
                killed++;
            }
        }
        ctx.reply().integer(killed);
    }

    private static void killSession(CommandContext ctx, ClientSession s) {
        if (s == ctx.session()) {
            s.closeAfterReply(true); // as Redis: the reply still reaches the client that killed itself
        } else {
            s.kill();
        }
    }

    static void help(CommandContext ctx) {
        String[] lines = {
                "CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "GETNAME",
                "    Return the name of the current connection.",
                "ID",
                "    Return the ID of the current connection.",
                "INFO",
                "    Return information about the current client connection.",
                "KILL <ip:port>",
                "    Kill connection made from <ip:port>.",
                "KILL <option> <value> [<option> <value> [...]]",
                "    Kill connections. Options are: ID <client-id>, ADDR <ip:port>.",
                "LIST [ID <client-id> [<client-id> ...]]",
                "    Return information about client connections.",
                "SETINFO <option> <value>",
                "    Set client meta attr. Options are: LIB-NAME, LIB-VER.",
                "SETNAME <name>",
                "    Assign the name <name> to the current connection.",
                "HELP",
                "    Print this help."};
        ctx.reply().arrayHeader(lines.length);
        for (String l : lines) {
            ctx.reply().simple(l);
        }
    }

    /** One line of CLIENT LIST, with Redis's field names (the fields this engine tracks). */
    private static String describe(CommandContext ctx, ClientSession s) {
        long now = ctx.server().keyspace().nowMs();
        return "id=" + s.id()
                + " addr=" + s.remoteAddress()
                + " laddr=" + s.localAddress()
                + " fd=-1"
                + " name=" + (s.name() == null ? "" : s.name())
                + " age=" + (now - s.createdMs()) / 1000
                + " idle=" + s.idleSeconds()
                + " flags=N"
                + " db=" + s.db()
                + " sub=0 psub=0 ssub=0 multi=-1 qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0 rbp=0"
                + " obl=0 oll=0 omem=0 tot-mem=0 events=r"
                + " cmd=" + s.lastCommand()
                + " user=default redir=-1"
                + " resp=" + s.resp()
                + " lib-name=" + (s.libName() == null ? "" : s.libName())
                + " lib-ver=" + (s.libVer() == null ? "" : s.libVer());
    }
}

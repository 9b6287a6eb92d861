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
        return command("client", -2, ctx -> { }).group("connection")
                .doc("2.4.0", "A container for client connection commands.", "Depends on subcommand.")
                .subcommand(sub("id", 2, ClientCommand::id, "5.0.0", "Returns the unique client ID of the connection.", "O(1)"))
                .subcommand(sub("getname", 2, ClientCommand::getName, "2.6.9", "Returns the name of the connection.", "O(1)"))
                .subcommand(sub("setname", 3, ClientCommand::setName, "2.6.9", "Sets the connection name.", "O(1)")
                        .args("connection-name:string"))
                .subcommand(sub("setinfo", 4, ClientCommand::setInfo, "7.2.0", "Sets information specific to the client or connection.", "O(1)")
                        .args("attr:(LIB-NAME=libname:string|LIB-VER=libver:string)"))
                .subcommand(sub("info", 2, ClientCommand::info, "6.2.0", "Returns information about the connection.", "O(1)"))
                .subcommand(sub("list", -2, ClientCommand::list, "2.4.0", "Lists open connections.", "O(N) where N is the number of client connections")
                        .flags(ADMIN).args("[TYPE=client-type:(NORMAL|MASTER|REPLICA|PUBSUB)] [ID=client-id:integer...]"))
                .subcommand(sub("kill", -3, ClientCommand::kill, "2.4.0", "Terminates open connections.", "O(N) where N is the number of client connections")
                        .flags(ADMIN).args("filter:(old-format:string|new-format:{[ID=client-id:integer] [TYPE=client-type:(NORMAL|MASTER|SLAVE|REPLICA|PUBSUB)] [USER=username:string] [ADDR=addr:string] [LADDR=laddr:string] [SKIPME=skipme:(YES|NO)]}...)"))
                .subcommand(sub("pause", -3, ClientCommand::pause, "3.0.0", "Suspends commands processing.", "O(1)")
                        .flags(ADMIN).args("timeout:integer [mode:(WRITE|ALL)]"))
                .subcommand(sub("unpause", 2, ClientCommand::unpause, "6.2.0", "Resumes processing commands from paused clients.", "O(N) Where N is the number of paused clients")
                        .flags(ADMIN))
                .subcommand(sub("reply", 3, ClientCommand::reply, "3.2.0", "Instructs the server whether to reply to commands.", "O(1)")
                        .args("action:(ON|OFF|SKIP)"))
                .subcommand(sub("no-evict", 3, ClientCommand::noEvict, "7.0.0", "Sets the client eviction mode of the connection.", "O(1)")
                        .flags(ADMIN).args("enabled:(ON|OFF)"))
                .subcommand(sub("no-touch", 3, ClientCommand::noTouch, "7.2.0", "Controls whether commands sent by the client affect the LRU/LFU of accessed keys.", "O(1)")
                        .args("enabled:(ON|OFF)"))
                .subcommand(sub("tracking", -3, ClientTracking::tracking, "6.0.0", "Controls server-assisted client-side caching for the connection.", "O(1). Some options may introduce additional complexity.")
                        .args("status:(ON|OFF) [REDIRECT=client-id:integer] [PREFIX=prefix:string...] [BCAST] [OPTIN] [OPTOUT] [NOLOOP]"))
                .subcommand(sub("caching", 3, ClientTracking::caching, "6.0.0", "Instructs the server whether to track the keys in the next request.", "O(1)")
                        .args("mode:(YES|NO)"))
                .subcommand(sub("getredir", 2, ClientTracking::getRedir, "6.0.0", "Returns the client ID to which the connection's tracking notifications are redirected.", "O(1)"))
                .subcommand(sub("trackinginfo", 2, ClientTracking::trackingInfo, "6.2.0", "Returns information about server-assisted client-side caching for the connection.", "O(1)"))
                .subcommand(command("help", 2, ClientCommand::help).flags(LOADING, STALE).acl(CONNECTION)
                        .doc("5.0.0", "Returns helpful text about the different subcommands.", "O(1)"))
                .build();
    }

    private static CommandSpec.Builder sub(String name, int arity, dev.cachalot.engine.command.CommandHandler h,
                                           String since, String summary, String complexity) {
        return command(name, arity, h).flags(NOSCRIPT, LOADING, STALE).acl(CONNECTION).doc(since, summary, complexity);
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
        int type = -1;
        for (int i = 2; i < args.argc(); i++) {
            if (args.is(i, TYPE) && i + 1 < args.argc()) {
                type = clientType(args.string(i + 1));
                if (type < 0) {
                    ctx.reply().error("Unknown client type '" + args.string(i + 1) + "'");
                    return;
                }
                i++;
            } else if (args.is(i, ID) && i + 1 < args.argc()) {
                ids = new java.util.HashSet<>();
                for (i = i + 1; i < args.argc(); i++) {
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
            if ((ids == null || ids.contains(s.id())) && (type < 0 || typeOf(s) == type)) {
                sb.append(describe(ctx, s)).append('\n');
            }
        }
        ctx.reply().verbatim(sb.toString());
    }

    static final int TYPE_NORMAL = 0;
    static final int TYPE_REPLICA = 1;
    static final int TYPE_PUBSUB = 2;
    static final int TYPE_MASTER = 3;

    /** Redis's getClientTypeByName: normal, slave/replica, pubsub, master; -1 otherwise. */
    static int clientType(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "normal" -> TYPE_NORMAL;
            case "slave", "replica" -> TYPE_REPLICA;
            case "pubsub" -> TYPE_PUBSUB;
            case "master" -> TYPE_MASTER;
            default -> -1;
        };
    }

    static int typeOf(ClientSession s) {
        return s.has(ClientSession.PUBSUB) ? TYPE_PUBSUB : TYPE_NORMAL;
    }

    private static final byte[] TYPE = RespReply.ascii("TYPE");

    /**
     * CLIENT KILL ip:port (old form: OK or "No such client") or CLIENT KILL with filters ID, TYPE, USER,
     * ADDR, LADDR, SKIPME (new form: the number of clients killed). A client that kills itself gets
     * its reply first.
     */
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
        Long id = null;
        int type = -1;
        String addr = null;
        String laddr = null;
        boolean skipMe = true;
        for (int i = 2; i < args.argc(); i += 2) {
            if (i + 1 >= args.argc()) {
                ctx.reply().raw(RespReply.ERR_SYNTAX);
                return;
            }
            String opt = args.string(i).toLowerCase(java.util.Locale.ROOT);
            String val = args.string(i + 1);
            switch (opt) {
                case "id" -> {
                    if (!args.parseLong(i + 1, ctx.number) || ctx.number.value <= 0) {
                        ctx.reply().error("client-id should be greater than 0");
                        return;
                    }
                    id = ctx.number.value;
                }
                case "type" -> {
                    type = clientType(val);
                    if (type < 0) {
                        ctx.reply().error("Unknown client type '" + val + "'");
                        return;
                    }
                }
                case "user" -> {
                    if (!val.equals("default")) {
                        ctx.reply().error("No such user '" + val + "'");
                        return;
                    }
                }
                case "addr" -> addr = val;
                case "laddr" -> laddr = val;
                case "skipme" -> {
                    if (val.equalsIgnoreCase("yes")) {
                        skipMe = true;
                    } else if (val.equalsIgnoreCase("no")) {
                        skipMe = false;
                    } else {
                        ctx.reply().raw(RespReply.ERR_SYNTAX);
                        return;
                    }
                }
                default -> {
                    ctx.reply().raw(RespReply.ERR_SYNTAX);
                    return;
                }
            }
        }
        int killed = 0;
        for (ClientSession s : ctx.server().clients().all()) {
            if ((id == null || s.id() == id) && (type < 0 || typeOf(s) == type)
                    && (addr == null || s.remoteAddress().equals(addr))
                    && (laddr == null || s.localAddress().equals(laddr))
                    && !(skipMe && s == ctx.session())) {
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

    /** CLIENT PAUSE timeout [WRITE|ALL]. */
    static void pause(CommandContext ctx) {
        RespRequest a = ctx.args();
        boolean all = true;
        if (a.argc() == 4) {
            if (a.is(3, WRITE)) {
                all = false;
            } else if (!a.is(3, ALL)) {
                ctx.reply().error("CLIENT PAUSE mode must be WRITE or ALL");
                return;
            }
        } else if (a.argc() > 4) {
            ctx.reply().raw(RespReply.ERR_SYNTAX);
            return;
        }
        if (!a.parseLong(2, ctx.number)) {
            ctx.reply().error("timeout is not an integer or out of range");
            return;
        }
        if (ctx.number.value < 0) {
            ctx.reply().error("timeout is negative");
            return;
        }
        ctx.server().pause().pause(ctx.number.value, all);
        ctx.reply().ok();
    }

    static void unpause(CommandContext ctx) {
        ctx.server().pause().unpause();
        ctx.reply().ok();
    }

    private static final byte[] WRITE = RespReply.ascii("WRITE");
    private static final byte[] ALL = RespReply.ascii("ALL");
    private static final byte[] ON = RespReply.ascii("ON");
    private static final byte[] OFF = RespReply.ascii("OFF");
    private static final byte[] SKIP = RespReply.ascii("SKIP");

    /** CLIENT REPLY ON|OFF|SKIP: OFF and SKIP answer nothing; the gate drops the replies that follow. */
    static void reply(CommandContext ctx) {
        RespRequest a = ctx.args();
        ClientSession s = ctx.session();
        if (a.is(2, ON)) {
            s.clear(ClientSession.REPLY_OFF | ClientSession.REPLY_SKIP);
            ctx.reply().ok();
        } else if (a.is(2, OFF)) {
            s.set(ClientSession.REPLY_OFF);
        } else if (a.is(2, SKIP)) {
            if (!s.has(ClientSession.REPLY_OFF)) {
                s.set(ClientSession.REPLY_SKIP_NEXT);
            }
        } else {
            ctx.reply().raw(RespReply.ERR_SYNTAX);
        }
    }

    static void noEvict(CommandContext ctx) {
        onOff(ctx, ClientSession.NO_EVICT);
    }

    static void noTouch(CommandContext ctx) {
        onOff(ctx, ClientSession.NO_TOUCH);
    }

    private static void onOff(CommandContext ctx, int flag) {
        RespRequest a = ctx.args();
        if (a.is(2, ON)) {
            ctx.session().set(flag);
        } else if (a.is(2, OFF)) {
            ctx.session().clear(flag);
        } else {
            ctx.reply().raw(RespReply.ERR_SYNTAX);
            return;
        }
        ctx.reply().ok();
    }

    static void help(CommandContext ctx) {
        ctx.help("CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                "CACHING (YES|NO)",
                "    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.",
                "GETREDIR",
                "    Return the client ID we are redirecting to when tracking is enabled.",
                "GETNAME",
                "    Return the name of the current connection.",
                "ID",
                "    Return the ID of the current connection.",
                "INFO",
                "    Return information about the current client connection.",
                "KILL <ip:port>",
                "    Kill connection made from <ip:port>.",
                "KILL <option> <value> [<option> <value> [...]]",
                "    Kill connections. Options are:",
                "    * ADDR (<ip:port>|<unixsocket>:0)",
                "      Kill connections made from the specified address",
                "    * LADDR (<ip:port>|<unixsocket>:0)",
                "      Kill connections made to specified local address",
                "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
                "      Kill connections by type.",
                "    * USER <username>",
                "      Kill connections authenticated by <username>.",
                "    * SKIPME (YES|NO)",
                "      Skip killing current connection (default: yes).",
                "LIST [options ...]",
                "    Return information about client connections. Options:",
                "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
                "      Return clients of specified type.",
                "UNPAUSE",
                "    Stop the current client pause, resuming traffic.",
                "PAUSE <timeout> [WRITE|ALL]",
                "    Suspend all, or just write, clients for <timeout> milliseconds.",
                "REPLY (ON|OFF|SKIP)",
                "    Control the replies sent to the current connection.",
                "SETNAME <name>",
                "    Assign the name <name> to the current connection.",
                "SETINFO <option> <value>",
                "    Set client meta attr. Options are:",
                "    * LIB-NAME: the client lib name.",
                "    * LIB-VER: the client lib version.",
                "TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]",
                "         [OPTIN] [OPTOUT] [NOLOOP]",
                "    Control server assisted client side caching.",
                "TRACKINGINFO",
                "    Report tracking status for the current connection.",
                "NO-EVICT (ON|OFF)",
                "    Protect current client connection from eviction.",
                "NO-TOUCH (ON|OFF)",
                "    Will not touch LRU/LFU stats when this mode is on.");
    }

    /** One line of CLIENT LIST / CLIENT INFO, with Redis 7.2's fields. */
    static String describe(CommandContext ctx, ClientSession s) {
        long now = ctx.server().keyspace().nowMs();
        ClientSession.TrackingState t = s.tracking();
        long qbuf = s.connection().queryBufferBytes();
        long omem = s.connection().outputBufferBytes();
        return "id=" + s.id()
                + " addr=" + s.remoteAddress()
                + " laddr=" + s.localAddress()
                + " fd=-1"
                + " name=" + (s.name() == null ? "" : s.name())
                + " age=" + (now - s.createdMs()) / 1000
                + " idle=" + s.idleSeconds()
                + " flags=" + flags(s)
                + " db=" + s.db()
                + " sub=" + s.channelCount()
                + " psub=" + s.patternCount()
                + " ssub=" + s.shardSubscriptionCount()
                + " multi=" + (s.inMulti() ? s.queuedSpecs().size() : -1)
                + " qbuf=" + qbuf + " qbuf-free=0"
                + " argv-mem=0 multi-mem=" + s.queuedBytes()
                + " rbs=0 rbp=0 obl=0 oll=0"
                + " omem=" + omem
                + " tot-mem=" + (qbuf + omem + s.queuedBytes())
                + " events=" + (omem > 0 ? "rw" : "r")
                + " cmd=" + s.lastCommand()
                + " user=default"
                + " redir=" + (t == null ? -1 : t.redirect > 0 ? t.redirect : -1)
                + " resp=" + s.resp()
                + " lib-name=" + (s.libName() == null ? "" : s.libName())
                + " lib-ver=" + (s.libVer() == null ? "" : s.libVer());
    }

    /** Redis's client flag letters, N when none. */
    static String flags(ClientSession s) {
        StringBuilder f = new StringBuilder();
        if (s.has(ClientSession.MONITOR)) {
            f.append('O');
        }
        if (s.has(ClientSession.PUBSUB)) {
            f.append('P');
        }
        if (s.inMulti()) {
            f.append('x');
        }
        ClientSession.TrackingState t = s.tracking();
        if (t != null) {
            f.append('t');
            if (t.brokenRedirect) {
                f.append('R');
            }
            if (t.bcast) {
                f.append('B');
            }
        }
        if (s.has(ClientSession.DIRTY_CAS)) {
            f.append('d');
        }
        if (s.closeAfterReply()) {
            f.append('c');
        }
        if (s.has(ClientSession.NO_EVICT)) {
            f.append('e');
        }
        if (s.has(ClientSession.NO_TOUCH)) {
            f.append('T');
        }
        return f.isEmpty() ? "N" : f.toString();
    }
}

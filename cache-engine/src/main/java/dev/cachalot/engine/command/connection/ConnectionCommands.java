package dev.cachalot.engine.command.connection;

import dev.cachalot.engine.EngineConfig;
import dev.cachalot.engine.command.CommandContext;
import dev.cachalot.engine.command.CommandSpec;
import dev.cachalot.engine.protocol.resp.RespReply;
import dev.cachalot.engine.protocol.resp.RespRequest;
import dev.cachalot.engine.session.ClientSession;
import dev.cachalot.engine.store.Keyspace;

import java.util.List;

import static dev.cachalot.engine.command.AclCategory.CONNECTION;
import static dev.cachalot.engine.command.CommandFlag.ALLOW_BUSY;
import static dev.cachalot.engine.command.CommandFlag.FAST;
import static dev.cachalot.engine.command.CommandFlag.LOADING;
import static dev.cachalot.engine.command.CommandFlag.NOSCRIPT;
import static dev.cachalot.engine.command.CommandFlag.NO_AUTH;
import static dev.cachalot.engine.command.CommandFlag.STALE;
import static dev.cachalot.engine.command.CommandSpec.command;

/** Connection commands: PING, ECHO, QUIT, SELECT, AUTH, HELLO and CLIENT (Redis 7.2 semantics). */
public final class ConnectionCommands {

    private static final String GROUP = "connection";
    private static final byte[] AUTH = RespReply.ascii("AUTH");
    private static final byte[] SETNAME = RespReply.ascii("SETNAME");
    private static final byte[] ERR_AUTH_NOPASS = RespReply.ascii("-ERR AUTH <password> called without any password "
            + "configured for the default user. Are you sure your configuration is correct?\r\n");
    private static final byte[] ERR_WRONGPASS =
            RespReply.ascii("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
    private static final byte[] ERR_NOPROTO = RespReply.ascii("-NOPROTO unsupported protocol version\r\n");

    private ConnectionCommands() {
    }

    public static List<CommandSpec> specs() {
        return List.of(
                command("ping", -1, ConnectionCommands::ping).flags(FAST).acl(CONNECTION).group(GROUP)
                        .args("[message:string]").doc("1.0.0", "Returns the server's liveliness response.", "O(1)").build(),
                command("echo", 2, ConnectionCommands::echo).flags(FAST).acl(CONNECTION).group(GROUP)
                        .args("message:string").doc("1.0.0", "Returns the given string.", "O(1)").build(),
                command("quit", -1, ConnectionCommands::quit)
                        .flags(ALLOW_BUSY, NOSCRIPT, LOADING, STALE, FAST, NO_AUTH).acl(CONNECTION).group(GROUP)
                        .doc("1.0.0", "Closes the connection.", "O(1)").build(),
                command("select", 2, ConnectionCommands::select).flags(LOADING, STALE, FAST).acl(CONNECTION)
                        .group(GROUP).args("index:integer").doc("1.0.0", "Changes the selected database.", "O(1)").build(),
                command("auth", -2, ConnectionCommands::auth)
                        .flags(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY).acl(CONNECTION).group(GROUP)
                        .args("[username:string] password:string").doc("1.0.0", "Authenticates the connection.", "O(N) where N is the number of passwords defined for the user").build(),
                command("hello", -1, ConnectionCommands::hello)
                        .flags(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY).acl(CONNECTION).group(GROUP)
                        .args("[arguments:{protover:integer [AUTH=auth:{username:string password:string}] [SETNAME=clientname:string]}]").doc("6.0.0", "Handshakes with the Redis server.", "O(1)").build(),
                command("reset", 1, ConnectionCommands::reset)
                        .flags(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY).acl(CONNECTION).group(GROUP)
                        .doc("6.2.0", "Resets the connection.", "O(1)").build(),
                ClientCommand.spec());
    }

    private static final byte[] PONG_LOWER = RespReply.ascii("pong");

    static void ping(CommandContext ctx) {
        RespRequest args = ctx.args();
        if (args.argc() > 2) {
            ctx.wrongArity();
        } else if (ctx.session().has(ClientSession.PUBSUB) && ctx.session().resp() == 2) {
            // RESP2 subscribed mode: a PING answers in the shape of a message
            ctx.reply().arrayHeader(2);
            ctx.reply().bulk(PONG_LOWER);
            if (args.argc() == 1) {
                ctx.reply().raw(RespReply.EMPTY_BULK);
            } else {
                ctx.reply().bulk(args.buf(), args.offset(1), args.length(1));
            }
        } else if (args.argc() == 1) {
            ctx.reply().raw(RespReply.PONG);
        } else {
            ctx.reply().bulk(args.buf(), args.offset(1), args.length(1));
        }
    }

    static void echo(CommandContext ctx) {
        RespRequest args = ctx.args();
        ctx.reply().bulk(args.buf(), args.offset(1), args.length(1));
    }

    private static final byte[] RESET = RespReply.ascii("+RESET\r\n");

    /**
     * RESET (Redis's clearClientConnectionState): leaves MULTI, WATCH, pub/sub, tracking and MONITOR,
     * selects database 0, RESP2, no name, replies on, eviction and touch flags cleared.
     */
    static void reset(CommandContext ctx) {
        resetState(ctx);
        ctx.reply().raw(RESET);
    }

    public static void resetState(CommandContext ctx) {
        ClientSession s = ctx.session();
        var server = ctx.server();
        server.monitors().remove(s);
        s.clear(ClientSession.MONITOR);
        server.tracking().disable(s);
        s.selectDb(0);
        s.resp(2);
        s.name(null);
        s.endMulti();
        server.watches().unwatchAll(s);
        server.pubsub().removeClient(s);
        s.clear(ClientSession.REPLY_OFF | ClientSession.REPLY_SKIP_NEXT | ClientSession.REPLY_SKIP
                | ClientSession.NO_TOUCH | ClientSession.NO_EVICT);
    }

    static void quit(CommandContext ctx) {
        ctx.reply().ok();
        ctx.session().closeAfterReply(true);
    }

    static void select(CommandContext ctx) {
        if (!ctx.longArg(1)) {
            return;
        }
        long id = ctx.number.value;
        if (id < Integer.MIN_VALUE || id > Integer.MAX_VALUE) {
            ctx.reply().raw(RespReply.ERR_NOT_INTEGER);
            return;
        }
        if (id < 0 || id >= Keyspace.DATABASES) {
            ctx.reply().raw(RespReply.ERR_DB_INDEX);
            return;
        }
        ctx.session().selectDb((int) id);
        ctx.reply().ok();
    }

    static void auth(CommandContext ctx) {
        RespRequest args = ctx.args();
        if (args.argc() > 3) {
            ctx.reply().raw(RespReply.ERR_SYNTAX);
            return;
        }
        if (args.argc() == 2) {
            // the default user has no password: the one-argument form is refused as in Redis
            ctx.reply().raw(ERR_AUTH_NOPASS);
            return;
        }
        if (authenticate(args, 1)) {
            ctx.reply().ok();
        } else {
            ctx.reply().raw(ERR_WRONGPASS);
        }
    }

    /** Until ACLs arrive there is only the passwordless "default" user, which accepts any password. */
    private static boolean authenticate(RespRequest args, int userArg) {
        return args.string(userArg).equals("default");
    }

    /**
     * HELLO [protover [AUTH user pass] [SETNAME name]] as Redis 7.2: options are checked in order (a bad
     * name fails before authentication), then the protocol switches and the reply is a map in the new
     * protocol (an array of 14 in RESP2, a map of 7 in RESP3).
     */
    static void hello(CommandContext ctx) {
        RespRequest args = ctx.args();
        int next = 1;
        long ver = 0;
        if (args.argc() >= 2) {
            if (!args.parseLong(1, ctx.number)) {
                ctx.reply().error("Protocol version is not an integer or out of range");
                return;
            }
            next = 2;
            ver = ctx.number.value;
            if (ver < 2 || ver > 3) {
                ctx.reply().raw(ERR_NOPROTO);
                return;
            }
        }
        int userArg = -1;
        int nameArg = -1;
        for (int j = next; j < args.argc(); j++) {
            int more = args.argc() - 1 - j;
            if (args.is(j, AUTH) && more >= 2) {
                userArg = j + 1;
                j += 2;
            } else if (args.is(j, SETNAME) && more >= 1) {
                nameArg = j + 1;
                if (!ClientCommand.validName(args, nameArg)) {
                    ctx.reply().error(ClientCommand.INVALID_NAME);
                    return;
                }
                j++;
            } else {
                ctx.reply().error("Syntax error in HELLO option '" + args.string(j) + "'");
                return;
            }
        }
        if (userArg > 0 && !authenticate(args, userArg)) {
            ctx.reply().raw(ERR_WRONGPASS);
            return;
        }
        ClientSession session = ctx.session();
        if (nameArg > 0) {
            ClientCommand.setName(ctx, nameArg);
        }
        if (ver != 0) {
            session.resp((int) ver);
        }
        EngineConfig config = ctx.server().config();
        boolean valkey = config.engine() == EngineConfig.Engine.VALKEY;
        RespReply r = ctx.reply();
        r.mapHeader(7);
        r.bulk("server");
        r.bulk(valkey ? "valkey" : "redis");
        r.bulk("version");
        r.bulk(config.engineVersion());
        r.bulk("proto");
        r.integer(session.resp());
        r.bulk("id");
        r.integer(session.id());
        r.bulk("mode");
        r.bulk("standalone");
        r.bulk("role");
        r.bulk("master");
        r.bulk("modules");
        r.arrayHeader(0);
    }
}

package dev.cachalot.engine.command;

import dev.cachalot.engine.protocol.resp.MutableLong;
import dev.cachalot.engine.protocol.resp.RespReply;
import dev.cachalot.engine.protocol.resp.RespRequest;
import dev.cachalot.engine.server.ServerState;
import dev.cachalot.engine.session.ClientSession;
import dev.cachalot.engine.store.Database;

/**
 * Everything a handler needs for one command: the arguments, the reply writer, the session and the
 * node. One instance per connection, reused for every command it sends.
 */
public final class CommandContext {

    private final ServerState server;
    private final ClientSession session;
    private RespRequest args;
    private final RespReply reply;
    /** Scratch out-parameter for number parsing. */
    public final MutableLong number = new MutableLong();
    CommandSpec command;

    public CommandContext(ServerState server, ClientSession session, RespRequest args, RespReply reply) {
        this.server = server;
        this.session = session;
        this.args = args;
        this.reply = reply;
    }

    public ServerState server() {
        return server;
    }

    public ClientSession session() {
        return session;
    }

    public RespRequest args() {
        return args;
    }

    public RespReply reply() {
        return reply;
    }

    /**
     * Points the context at other arguments and returns the previous ones: EXEC replays queued
     * commands through it. Not for handlers.
     */
    public RespRequest swapArgs(RespRequest other) {
        RespRequest old = args;
        args = other;
        return old;
    }

    /** The command being executed (a subcommand for containers). */
    public CommandSpec command() {
        return command;
    }

    /** The session's selected database. */
    public Database db() {
        return server.keyspace().db(session.db());
    }

    /**
     * Parses argument {@code i} as a 64-bit integer into {@link #number}; on failure replies
     * "value is not an integer or out of range" and returns false.
     */
    public boolean longArg(int i) {
        if (args.parseLong(i, number)) {
            return true;
        }
        reply.raw(RespReply.ERR_NOT_INTEGER);
        return false;
    }

    /** Replies "invalid expire time in '&lt;command&gt;' command". */
    public void invalidExpireTime() {
        reply.error("invalid expire time in '" + command.fullName() + "' command");
    }

    /** Replies "wrong number of arguments for '&lt;command&gt;' command", for checks beyond arity. */
    public void wrongArity() {
        reply.error("wrong number of arguments for '" + command.fullName() + "' command");
    }

    /** Redis's addReplyHelp: the given lines, then "HELP" and "    Prints this help.", as simple strings. */
    public void help(String... lines) {
        reply.arrayHeader(lines.length + 2);
        for (String l : lines) {
            reply.simple(l);
        }
        reply.simple("HELP");
        reply.simple("    Prints this help.");
    }

    /** Redis's addReplySubcommandSyntaxError: "unknown subcommand or wrong number of arguments for 'X'. Try CMD HELP." */
    public void subcommandSyntaxError() {
        String sub = args.string(1);
        if (sub.length() > 128) {
            sub = sub.substring(0, 128);
        }
        String top = (command.parent() == null ? command : command.parent()).name().toUpperCase(java.util.Locale.ROOT);
        reply.error("unknown subcommand or wrong number of arguments for '" + sub + "'. Try " + top + " HELP.");
    }
}

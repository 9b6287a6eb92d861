package dev.cachalot.engine.command.server;

import dev.cachalot.engine.command.CommandContext;
import dev.cachalot.engine.command.CommandSpec;
import dev.cachalot.engine.protocol.resp.RespReply;
import dev.cachalot.engine.protocol.resp.RespRequest;
import dev.cachalot.engine.store.Keyspace;

import java.util.List;

import static dev.cachalot.engine.command.AclCategory.KEYSPACE;
import static dev.cachalot.engine.command.CommandFlag.FAST;
import static dev.cachalot.engine.command.CommandFlag.LOADING;
import static dev.cachalot.engine.command.CommandFlag.READONLY;
import static dev.cachalot.engine.command.CommandFlag.STALE;
import static dev.cachalot.engine.command.CommandFlag.WRITE;
import static dev.cachalot.engine.command.AclCategory.DANGEROUS;
import static dev.cachalot.engine.command.CommandSpec.command;

/** Server commands: DBSIZE, FLUSHALL, FLUSHDB, TIME, plus INFO, COMMAND and CONFIG in their own classes. */
public final class ServerCommands {

    static final String GROUP = "server";
    private static final byte[] SYNC = RespReply.ascii("SYNC");
    private static final byte[] ASYNC = RespReply.ascii("ASYNC");

    private ServerCommands() {
    }

    public static List<CommandSpec> specs() {
        List<CommandSpec> all = new java.util.ArrayList<>(List.of(
                command("dbsize", 1, ServerCommands::dbsize).flags(READONLY, FAST).acl(KEYSPACE).group(GROUP)
                        .doc("1.0.0", "Returns the number of keys in the database.", "O(1)").build(),
                command("flushall", -1, ServerCommands::flushall).flags(WRITE).acl(KEYSPACE, DANGEROUS).group(GROUP)
                        .args("[flush-type:(ASYNC|SYNC)]").doc("1.0.0", "Removes all keys from all databases.", "O(N) where N is the total number of keys in all databases").build(),
                command("flushdb", -1, ServerCommands::flushdb).flags(WRITE).acl(KEYSPACE, DANGEROUS).group(GROUP)
                        .args("[flush-type:(ASYNC|SYNC)]").doc("1.0.0", "Remove all keys from the current database.", "O(N) where N is the number of keys in the selected database").build(),
                command("time", 1, ServerCommands::time).flags(LOADING, STALE, FAST).group(GROUP)
                        .doc("2.6.0", "Returns the server time.", "O(1)").build(),
                InfoCommand.spec(),
                CommandCommand.spec(),
                ConfigCommand.spec()));
        all.addAll(DiagnosticsCommands.specs());
        return all;
    }

    static void dbsize(CommandContext ctx) {
        ctx.reply().integer(ctx.db().size());
    }

    /** getFlushCommandFlags: no argument, SYNC or ASYNC; anything else is a syntax error. */
    private static boolean flushArgsValid(CommandContext ctx) {
        RespRequest a = ctx.args();
        if (a.argc() == 1 || (a.argc() == 2 && (a.is(1, SYNC) || a.is(1, ASYNC)))) {
            return true;
        }
        ctx.reply().raw(RespReply.ERR_SYNTAX);
        return false;
    }

    static void flushall(CommandContext ctx) {
        if (flushArgsValid(ctx)) {
            ctx.server().notifier().signalFlushedDb(ctx.session(), -1);
            ctx.server().keyspace().flushAll();
            ctx.reply().ok();
        }
    }

    static void flushdb(CommandContext ctx) {
        if (flushArgsValid(ctx)) {
            ctx.server().notifier().signalFlushedDb(ctx.session(), ctx.session().db());
            ctx.db().clear();
            ctx.reply().ok();
        }
    }

    static void time(CommandContext ctx) {
        java.time.Instant now = java.time.Instant.now();
        ctx.reply().arrayHeader(2);
        ctx.reply().bulkLong(now.getEpochSecond());
        ctx.reply().bulkLong(now.getNano() / 1000);
    }

    static int databases() {
        return Keyspace.DATABASES;
    }
}

package dev.cachalot.engine.command.transaction;

import dev.cachalot.engine.command.CommandContext;
import dev.cachalot.engine.command.CommandSpec;
import dev.cachalot.engine.protocol.resp.RespReply;
import dev.cachalot.engine.protocol.resp.RespRequest;
import dev.cachalot.engine.session.ClientSession;
import dev.cachalot.engine.store.Database;

import java.util.List;

import static dev.cachalot.engine.command.AclCategory.TRANSACTION;
import static dev.cachalot.engine.command.CommandFlag.ALLOW_BUSY;
import static dev.cachalot.engine.command.CommandFlag.FAST;
import static dev.cachalot.engine.command.CommandFlag.LOADING;
import static dev.cachalot.engine.command.CommandFlag.NOSCRIPT;
import static dev.cachalot.engine.command.CommandFlag.SKIP_SLOWLOG;
import static dev.cachalot.engine.command.CommandFlag.STALE;
import static dev.cachalot.engine.command.CommandSpec.command;

/**
 * MULTI, EXEC, DISCARD, WATCH, UNWATCH (Redis's multi.c). Queueing happens in the gate; EXEC replays
 * the queue through the gate's call(), so each queued command is counted, logged and tracked as
 * if sent alone. WATCH fails EXEC when another client (or expiry, FLUSH*, SWAPDB) changed a key.
 */
public final class TransactionCommands {

    private static final String GROUP = "transactions";
    private static final byte[] EXECABORT =
            RespReply.ascii("-EXECABORT Transaction discarded because of previous errors.\r\n");

    private TransactionCommands() {
    }

    public static List<CommandSpec> specs() {
        return List.of(
                command("multi", 1, TransactionCommands::multi).flags(NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY)
                        .acl(TRANSACTION).group(GROUP).doc("1.2.0", "Starts a transaction.", "O(1)").build(),
                command("exec", 1, TransactionCommands::exec).flags(NOSCRIPT, LOADING, STALE, SKIP_SLOWLOG)
                        .acl(TRANSACTION).group(GROUP).doc("1.2.0", "Executes all commands in a transaction.",
                                "Depends on commands in the transaction").build(),
                command("discard", 1, TransactionCommands::discard).flags(NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY)
                        .acl(TRANSACTION).group(GROUP).doc("2.0.0", "Discards a transaction.",
                                "O(N), when N is the number of queued commands").build(),
                command("watch", -2, TransactionCommands::watch).flags(NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY)
                        .keys(1, -1, 1).acl(TRANSACTION).group(GROUP).args("key:key...")
                        .doc("2.2.0", "Monitors changes to keys to determine the execution of a transaction.", "O(1) for every key.").build(),
                command("unwatch", 1, TransactionCommands::unwatch).flags(NOSCRIPT, LOADING, STALE, FAST, ALLOW_BUSY)
                        .acl(TRANSACTION).group(GROUP).doc("2.2.0", "Forgets about watched keys of a transaction.", "O(1)").build());
    }

    static void multi(CommandContext ctx) {
        if (ctx.session().inMulti()) {
            ctx.reply().error("MULTI calls can not be nested");
            return;
        }
        ctx.session().beginMulti();
        ctx.reply().ok();
    }

    static void discard(CommandContext ctx) {
        if (!ctx.session().inMulti()) {
            ctx.reply().error("DISCARD without MULTI");
            return;
        }
        discardTransaction(ctx);
        ctx.reply().ok();
    }

    /** Leaves MULTI and forgets the watched keys (Redis's discardTransaction). */
    public static void discardTransaction(CommandContext ctx) {
        ctx.session().endMulti();
        ctx.server().watches().unwatchAll(ctx.session());
    }

    static void exec(CommandContext ctx) {
        ClientSession s = ctx.session();
        if (!s.inMulti()) {
            ctx.reply().error("EXEC without MULTI");
            return;
        }
        if (s.has(ClientSession.DIRTY_EXEC)) {
            ctx.reply().raw(EXECABORT);
            discardTransaction(ctx);
            return;
        }
        if (s.has(ClientSession.DIRTY_CAS) || watchedKeyExpired(ctx, s)) {
            ctx.reply().nullArray();
            discardTransaction(ctx);
            return;
        }
        ctx.server().watches().unwatchAll(s); // as Redis: nothing to watch while the queue runs
        List<RespRequest> queue = s.queuedArgs();
        List<CommandSpec> specs = s.queuedSpecs();
        s.endMulti();
        ctx.reply().arrayHeader(queue.size());
        RespRequest own = ctx.args();
        s.denyBlocking(true);
        try {
            for (int i = 0; i < queue.size(); i++) {
                ctx.swapArgs(queue.get(i));
                ctx.server().dispatcher().call(ctx, specs.get(i));
            }
        } finally {
            s.denyBlocking(false);
            ctx.swapArgs(own);
        }
    }

    /** Redis 7's isWatchedKeyExpired: a key with a time to live at WATCH whose time has come since. */
    private static boolean watchedKeyExpired(CommandContext ctx, ClientSession s) {
        long now = ctx.server().keyspace().nowMs();
        for (ClientSession.WatchedKey w : s.watched()) {
            if (w.deadline() >= 0 && w.deadline() <= now) {
                return true;
            }
        }
        return false;
    }

    static void watch(CommandContext ctx) {
        ClientSession s = ctx.session();
        if (s.inMulti()) {
            ctx.reply().error("WATCH inside MULTI is not allowed");
            return;
        }
        // a client already marked dirty need not watch more: EXEC will fail anyway
        if (!s.has(ClientSession.DIRTY_CAS)) {
            RespRequest a = ctx.args();
            Database db = ctx.db();
            for (int i = 1; i < a.argc(); i++) {
                int slot = db.lookupWrite(a.buf(), a.offset(i), a.length(i)); // expires it first if due
                long deadline = slot < 0 ? -1 : db.expireAt(slot);
                ctx.server().watches().watch(s, s.db(), a.bytes(i), deadline);
            }
        }
        ctx.reply().ok();
    }

    static void unwatch(CommandContext ctx) {
        ctx.server().watches().unwatchAll(ctx.session());
        ctx.session().clear(ClientSession.DIRTY_CAS);
        ctx.reply().ok();
    }
}

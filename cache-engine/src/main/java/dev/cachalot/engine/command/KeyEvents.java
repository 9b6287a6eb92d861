package dev.cachalot.engine.command;

import dev.cachalot.engine.notify.KeyspaceNotifier;
import dev.cachalot.engine.protocol.resp.RespRequest;
import dev.cachalot.engine.store.Database;

/**
 * How write commands report what they changed: Redis's {@code signalModifiedKey} (WATCH, tracking)
 * and {@code notifyKeyspaceEvent} with Redis's event names, through the node's
 * {@link KeyspaceNotifier}. The key array is built only when the notifier is active, so the write
 * path allocates nothing when nobody listens. Blocked clients are woken through
 * {@link #ready}.
 */
public final class KeyEvents {

    private KeyEvents() {
    }

    /** The key in argument {@code arg} of the selected database changed: signal and event. */
    public static void written(CommandContext ctx, int type, String event, int arg) {
        KeyspaceNotifier n = ctx.server().notifier();
        if (n.active()) {
            byte[] key = ctx.args().bytes(arg);
            int db = ctx.session().db();
            n.signalModifiedKey(ctx, db, key);
            n.notifyKeyspaceEvent(type, event, key, db);
        }
    }

    /** A key given as bytes in database {@code db} changed: signal and event. */
    public static void written(CommandContext ctx, int type, String event, byte[] key, int db) {
        KeyspaceNotifier n = ctx.server().notifier();
        if (n.active()) {
            n.signalModifiedKey(ctx, db, key);
            n.notifyKeyspaceEvent(type, event, key, db);
        }
    }

    /** Only the modification signal (no event), for argument {@code arg}. */
    public static void modified(CommandContext ctx, int arg) {
        KeyspaceNotifier n = ctx.server().notifier();
        if (n.active()) {
            n.signalModifiedKey(ctx, ctx.session().db(), ctx.args().bytes(arg));
        }
    }

    /** Only the modification signal, for a key as bytes. */
    public static void modified(CommandContext ctx, byte[] key, int db) {
        KeyspaceNotifier n = ctx.server().notifier();
        if (n.active()) {
            n.signalModifiedKey(ctx, db, key);
        }
    }

    /** Only an event (no modification signal), for argument {@code arg}. */
    public static void event(CommandContext ctx, int type, String event, int arg) {
        KeyspaceNotifier n = ctx.server().notifier();
        if (n.active()) {
            n.notifyKeyspaceEvent(type, event, ctx.args().bytes(arg), ctx.session().db());
        }
    }

    public static void event(CommandContext ctx, int type, String event, byte[] key, int db) {
        KeyspaceNotifier n = ctx.server().notifier();
        if (n.active()) {
            n.notifyKeyspaceEvent(type, event, key, db);
        }
    }

    /** A list or sorted set at argument {@code arg} received elements: wake clients blocked on it. */
    public static void ready(CommandContext ctx, int arg) {
        var blocked = ctx.server().keyspace().blocked();
        if (blocked.blockedClients() > 0) {
            RespRequest a = ctx.args();
            blocked.signalReady(ctx.session().db(), a.bytes(arg), 0, a.length(arg));
        }
    }

    public static void ready(CommandContext ctx, byte[] key, int db) {
        var blocked = ctx.server().keyspace().blocked();
        if (blocked.blockedClients() > 0) {
            blocked.signalReady(db, key, 0, key.length);
        }
    }

    /** The key in {@code slot} of {@code db}, only when someone listens (else null). */
    public static byte[] keyIfListened(CommandContext ctx, Database db, int slot) {
        return ctx.server().notifier().active() ? db.key(slot) : null;
    }
}

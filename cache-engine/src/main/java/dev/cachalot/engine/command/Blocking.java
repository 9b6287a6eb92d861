package dev.cachalot.engine.command;

import dev.cachalot.engine.protocol.resp.RespReply;
import dev.cachalot.engine.protocol.resp.RespRequest;
import dev.cachalot.engine.server.ServerState;
import dev.cachalot.engine.session.ClientSession;
import dev.cachalot.engine.store.BlockedKeys;
import dev.cachalot.engine.store.BlockedKeys.DbKey;
import dev.cachalot.engine.store.Database;
import dev.cachalot.engine.store.type.KeyedValue;
import dev.cachalot.engine.util.LongDouble;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Blocking commands (BLPOP, BRPOP, BLMOVE, BLMPOP, BZPOPMIN, BZPOPMAX, BZMPOP), as Redis 7 does them:
 * a command that finds nothing blocks its client on its keys, FIFO per key; when a key is created
 * (a push, also one inside MULTI/EXEC, a RENAME, a store command…) the gate asks this service to
 * serve the clients waiting on it in blocking order, each by executing its command again; a client
 * whose command finds nothing again goes back to waiting with its original deadline. Timeouts run
 * on the data thread; a disconnecting client leaves its queues.
 */
public final class Blocking {

    private final ServerState server;
    private Blocked reprocessing;
    private boolean serving;

    /** One blocked client. */
    private static final class Blocked {
        final ClientSession session;
        final CommandSpec spec;
        final byte[][] args;
        final DbKey[] keys;
        final long deadline;
        final Class<? extends KeyedValue> type;
        ScheduledFuture<?> timer;

        Blocked(ClientSession session, CommandSpec spec, byte[][] args, DbKey[] keys, long deadline, Class<? extends KeyedValue> type) {
            this.session = session;
            this.spec = spec;
            this.args = args;
            this.keys = keys;
            this.deadline = deadline;
            this.type = type;
        }
    }

    public Blocking(ServerState server) {
        this.server = server;
    }

    /**
     * Redis's getTimeoutFromObjectOrReply for seconds: a float, negative refused; returns the
     * absolute deadline in ms (0 = forever), or -1 after replying an error.
     */
    public static long deadline(CommandContext ctx, int arg) {
        BigDecimal t = LongDouble.parse(ctx.args().string(arg));
        if (t == null) {
            double d = dev.cachalot.engine.util.Doubles.parse(ctx.args().string(arg));
            if (Double.isInfinite(d) && d > 0) {
                ctx.reply().error("timeout is out of range");
            } else if (Double.isInfinite(d)) {
                ctx.reply().error("timeout is negative");
            } else {
                ctx.reply().error("timeout is not a float or out of range");
            }
            return -1;
        }
        BigDecimal ms = t.multiply(BigDecimal.valueOf(1000)).setScale(0, RoundingMode.CEILING);
        if (ms.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            ctx.reply().error("timeout is out of range");
            return -1;
        }
        long v = ms.longValue();
        if (v < 0) {
            ctx.reply().error("timeout is negative");
            return -1;
        }
        if (v > 0) {
            long now = ctx.server().keyspace().nowMs();
            if (v > Long.MAX_VALUE - now) {
                ctx.reply().error("timeout is out of range");
                return -1;
            }
            v += now;
        }
        return v;
    }

    /** Whether the command may block now (not inside MULTI/EXEC). */
    public static boolean mayBlock(CommandContext ctx) {
        return !ctx.session().denyBlocking();
    }

    /**
     * Blocks the client of {@code ctx} on the keys in arguments {@code keyArgs} until one of them
     * holds a value of {@code type} or {@code deadline} (absolute ms; 0 = forever) passes.
     */
    public void block(CommandContext ctx, int[] keyArgs, long deadline, Class<? extends KeyedValue> type) {
        ClientSession session = ctx.session();
        if (reprocessing != null && reprocessing.session == session) {
            deadline = reprocessing.deadline; // a client that goes back to waiting keeps its timeout
        }
        RespRequest a = ctx.args();
        int db = session.db();
        DbKey[] keys = new DbKey[keyArgs.length];
        for (int i = 0; i < keyArgs.length; i++) {
            keys[i] = new DbKey(db, a.bytes(keyArgs[i]));
        }
        Blocked b = new Blocked(session, ctx.command(), a.copyAll(), keys, deadline, type);
        BlockedKeys registry = server.keyspace().blocked();
        for (DbKey k : keys) {
            registry.add(k, b);
        }
        registry.clientBlocked();
        session.blocked(() -> leave(b));
        if (deadline > 0) {
            long delay = Math.max(0, deadline - server.keyspace().nowMs());
            b.timer = server.scheduler().schedule(() -> timeout(b), delay, TimeUnit.MILLISECONDS);
        }
    }

    /** Clients blocked right now. */
    public int blockedClients() {
        return server.keyspace().blocked().blockedClients();
    }

    private void leave(Blocked b) {
        BlockedKeys registry = server.keyspace().blocked();
        for (DbKey k : b.keys) {
            registry.remove(k, b);
        }
        registry.clientUnblocked();
        if (b.timer != null) {
            b.timer.cancel(false);
        }
        b.session.blocked(null);
    }

    private void timeout(Blocked b) {
        if (!isWaiting(b)) {
            return;
        }
        leave(b);
        b.session.replay(RespReply::nullArray);
    }

    private boolean isWaiting(Blocked b) {
        if (!b.session.blocked()) {
            return false;
        }
        ArrayDeque<Object> q = server.keyspace().blocked().waiters(b.keys[0]);
        return q != null && q.contains(b);
    }

    /**
     * Unblocks a client as CLIENT UNBLOCK does: with {@code error} null it gets the timeout reply,
     * else that error. Returns false when it was not blocked.
     */
    public boolean unblock(ClientSession session, String error) {
        for (DbKey k : server.keyspace().blocked().keys().toArray(new DbKey[0])) {
            ArrayDeque<Object> q = server.keyspace().blocked().waiters(k);
            if (q == null) {
                continue;
            }
            for (Object o : q.toArray()) {
                Blocked b = (Blocked) o;
                if (b.session == session) {
                    leave(b);
                    session.replay(r -> {
                        if (error == null) {
                            r.nullArray();
                        } else {
                            r.error(error);
                        }
                    });
                    return true;
                }
            }
        }
        return false;
    }

    /** Serves the clients blocked on keys that became ready (called by the gate after a command). */
    public void serveReady() {
        if (serving) {
            return;
        }
        serving = true;
        try {
            BlockedKeys registry = server.keyspace().blocked();
            while (registry.hasReady()) {
                for (DbKey k : registry.drainReady()) {
                    serveKey(registry, k);
                }
            }
        } finally {
            serving = false;
        }
    }

    private void serveKey(BlockedKeys registry, DbKey k) {
        ArrayDeque<Object> q = registry.waiters(k);
        if (q == null) {
            return;
        }
        Object[] waiting = q.toArray();
        Database db = server.keyspace().db(k.db());
        for (Object o : waiting) {
            Blocked b = (Blocked) o;
            int slot = db.lookupNoTouch(k.key());
            if (slot < 0) {
                return; // consumed by the clients served before
            }
            if (!b.type.isInstance(db.value(slot)) || !isWaiting(b)) {
                continue;
            }
            leave(b);
            b.session.replay(reply -> execute(b, reply));
        }
    }

    private void execute(Blocked b, RespReply reply) {
        CommandContext c = new CommandContext(server, b.session, RespRequest.of(b.args), reply);
        c.command = b.spec;
        reprocessing = b;
        try {
            b.spec.handler().execute(c);
        } finally {
            reprocessing = null;
        }
    }
}

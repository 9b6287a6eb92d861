package dev.cachalot.engine.command;

import dev.cachalot.engine.metrics.EngineStats;
import dev.cachalot.engine.protocol.resp.RespReply;
import dev.cachalot.engine.protocol.resp.RespRequest;
import dev.cachalot.engine.server.ServerState;
import dev.cachalot.engine.session.ClientSession;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * The single gate every command passes (Redis's processCommand), then {@link #call} (Redis's call()).
 * The gate resolves the command (and the subcommand of a container), rejects unknown names and wrong
 * arities with Redis's exact errors, and — only for a client with a special state, one flag test for
 * everyone else — enforces RESP2 subscribed mode, refuses NO_MULTI commands in a transaction, queues
 * commands after MULTI and drops replies after CLIENT REPLY OFF/SKIP. {@code call} runs the handler
 * and keeps what Redis keeps per command: commandstats, latency histogram, slowlog, latency monitor,
 * tracked keys, MONITOR lines. Handlers never repeat these checks.
 */
public final class CommandDispatcher {

    static final String SUBSCRIBED_CONTEXT =
            "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context";
    private static final String NOT_IN_MULTI = "Command not allowed inside a transaction";

    private final ServerState server;
    private final CommandTable table;
    private final EngineStats stats;
    /** The command being checked by the gate (for EXECABORT when EXEC itself is refused). */
    private CommandSpec gating;
    /** Nesting of {@link #call} (EXEC running its queued commands): per-batch work runs at the top. */
    private int depth;
    private static final String OOM = "-OOM command not allowed when used memory > 'maxmemory'.";

    private final dev.cachalot.engine.session.ClientPause pause;
    private final dev.cachalot.engine.metrics.Monitors monitors;
    /** Hot settings copied from their parameters by change hooks: no pointer chasing per command. */
    private long slowlogSlowerThan;
    private long latencyThresholdMs;
    private boolean latencyTracking;

    private final CommandSpec exec;
    private final CommandSpec discard;
    private final CommandSpec multi;
    private final CommandSpec watch;
    private final CommandSpec quit;
    private final CommandSpec reset;
    private final CommandSpec ping;
    private final CommandSpec client;

    public CommandDispatcher(ServerState server) {
        this.server = server;
        this.table = server.commands();
        this.stats = server.stats();
        exec = table.lookup("exec");
        discard = table.lookup("discard");
        multi = table.lookup("multi");
        watch = table.lookup("watch");
        quit = table.lookup("quit");
        reset = table.lookup("reset");
        ping = table.lookup("ping");
        client = table.lookup("client");
        pause = server.pause();
        monitors = server.monitors();
        var core = server.core();
        slowlogSlowerThan = core.slowlogLogSlowerThan.longValue();
        latencyThresholdMs = core.latencyMonitorThreshold.longValue();
        latencyTracking = core.latencyTracking.boolValue();
        core.slowlogLogSlowerThan.onChange(p -> slowlogSlowerThan = p.longValue());
        core.latencyMonitorThreshold.onChange(p -> latencyThresholdMs = p.longValue());
        core.latencyTracking.onChange(p -> latencyTracking = p.boolValue());
    }

    /**
     * Checks and runs one request.
     *
     * @return false when CLIENT PAUSE postpones it: the caller keeps the request and stops reading
     * this client until the pause ends, then calls again
     */
    public boolean dispatch(CommandContext ctx) {
        ClientSession session = ctx.session();
        if ((session.flags() & (ClientSession.REPLY_OFF | ClientSession.REPLY_SKIP_NEXT)) == 0) {
            return gate(ctx);
        }
        // CLIENT REPLY OFF / SKIP: run the command, then drop what it wrote (pushes to others are unaffected)
        if (session.has(ClientSession.REPLY_SKIP_NEXT)) {
            session.clear(ClientSession.REPLY_SKIP_NEXT);
            session.set(ClientSession.REPLY_SKIP);
        }
        ByteBuf out = ctx.reply().buffer();
        int mark = out.writerIndex();
        boolean done = gate(ctx);
        if (session.has(ClientSession.REPLY_OFF | ClientSession.REPLY_SKIP) && ctx.reply().buffer() == out) {
            out.writerIndex(mark);
        }
        session.clear(ClientSession.REPLY_SKIP);
        return done;
    }

    private boolean gate(CommandContext ctx) {
        RespRequest args = ctx.args();
        CommandSpec spec = table.lookup(args.buf(), args.offset(0), args.length(0));
        gating = spec;
        if (spec == null) {
            if (isCrossProtocolAttack(args)) {
                System.err.println("cache-engine: Possible SECURITY ATTACK detected. It looks like somebody is sending "
                        + "POST or Host: commands. This is likely due to an attacker attempting to use Cross Protocol "
                        + "Scripting to compromise the node. Connection aborted.");
                ctx.session().closeAsap();
                return true;
            }
            reject(ctx, unknownCommand(args));
            return true;
        }
        CommandTable subs = spec.subcommands();
        if (subs != null && args.argc() >= 2) {
            CommandSpec sub = subs.lookup(args.buf(), args.offset(1), args.length(1));
            if (sub == null) {
                reject(ctx, "unknown subcommand '" + cString(args, 1, 128) + "'. Try "
                        + spec.name().toUpperCase(java.util.Locale.ROOT) + " HELP.");
                return true;
            }
            spec = sub;
            gating = spec;
        }
        if (!spec.arityAccepts(args.argc())) {
            reject(ctx, "wrong number of arguments for '" + spec.fullName() + "' command");
            return true;
        }
        ClientSession session = ctx.session();
        // maxmemory: Redis's performEvictions before every command; when nothing can be freed
        // (noeviction, or no candidate keys), DENYOOM commands are refused, and inside MULTI every
        // command but EXEC, DISCARD, QUIT and RESET (queueing takes memory too)
        long maxmemory = server.maxmemory();
        if (maxmemory > 0 && !server.keyspace().performEvictions(maxmemory) && refusedOnOom(session, spec)) {
            reject(ctx, OOM);
            return true;
        }
        if ((session.flags() & ClientSession.PUBSUB) != 0 && session.resp() == 2 && !allowedWhenSubscribed(spec)) {
            reject(ctx, "Can't execute '" + spec.fullName() + SUBSCRIBED_CONTEXT);
            return true;
        }
        if (pause.untilMs() != 0 && pause.postpones(maySideEffect(session, spec))) {
            return false;
        }
        if ((session.flags() & ClientSession.GATE_FLAGS) != 0 && !specialStates(ctx, session, spec)) {
            return true;
        }
        call(ctx, spec);
        if (depth == 0 && (session.flags() & ClientSession.TRACKING) != 0) {
            server.tracking().flushPending(session);
        }
        // blocking: serve clients blocked on keys the command (or a whole EXEC) pushed to (handleClientsBlockedOnKeys)
        if (depth == 0 && server.keyspace().blocked().hasReady()) {
            server.blocking().serveReady();
        }
        return true;
    }

    /** Redis's reject_cmd_on_oom: DENYOOM commands, EXEC of a queue holding one, and queueing in MULTI. */
    private boolean refusedOnOom(ClientSession session, CommandSpec spec) {
        if (spec.has(CommandFlag.DENYOOM)) {
            return true;
        }
        if (!session.inMulti()) {
            return false;
        }
        CommandSpec top = spec.parent() == null ? spec : spec.parent();
        if (top == exec) {
            for (CommandSpec q : session.queuedSpecs()) {
                if (q.has(CommandFlag.DENYOOM)) {
                    return true;
                }
            }
            return false;
        }
        return top != discard && top != quit && top != reset;
    }

    /** What CLIENT PAUSE WRITE holds back: writes, MAY_REPLICATE commands, and EXEC of a queue holding one. */
    private boolean maySideEffect(ClientSession session, CommandSpec spec) {
        if (spec.has(CommandFlag.WRITE) || spec.has(CommandFlag.MAY_REPLICATE)) {
            return true;
        }
        if (spec == exec && session.inMulti()) {
            for (CommandSpec q : session.queuedSpecs()) {
                if (q.has(CommandFlag.WRITE) || q.has(CommandFlag.MAY_REPLICATE)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The checks for clients in a special state; false when the command was answered here. */
    private boolean specialStates(CommandContext ctx, ClientSession session, CommandSpec spec) {
        CommandSpec top = spec.parent() == null ? spec : spec.parent();
        if (session.inMulti()) {
            if (spec.has(CommandFlag.NO_MULTI)) {
                reject(ctx, NOT_IN_MULTI);
                return false;
            }
            if (top != exec && top != discard && top != multi && top != watch && top != quit && top != reset) {
                session.queue(spec, ctx.args().copy());
                ctx.reply().raw(RespReply.QUEUED);
                return false;
            }
        }
        return true;
    }

    private boolean allowedWhenSubscribed(CommandSpec spec) {
        CommandSpec top = spec.parent() == null ? spec : spec.parent();
        return top == ping || top == quit || top == reset || top.has(CommandFlag.PUBSUB) && top.name().contains("subscribe");
    }

    /**
     * Runs a command that passed the gate (also each command EXEC replays) and records what Redis's
     * call() records.
     */
    public void call(CommandContext ctx, CommandSpec spec) {
        ClientSession session = ctx.session();
        ctx.command = spec;
        long errorsBefore = ctx.reply().errorCount();
        long start = System.nanoTime();
        session.touch(start, spec);
        depth++;
        try {
            spec.handler().execute(ctx);
        } finally {
            depth--;
        }
        long nanos = System.nanoTime() - start;
        stats.totalCommandsProcessed++;
        spec.calls++;
        spec.nanos += nanos;
        long micros = nanos / 1000;
        if (latencyTracking) {
            spec.histogram.record(micros);
        }
        if (ctx.reply().errorCount() != errorsBefore) {
            spec.failedCalls++;
        }
        long slower = slowlogSlowerThan;
        if (slower >= 0 && micros >= slower && !spec.has(CommandFlag.SKIP_SLOWLOG) && !isExecItself(spec)) {
            slowlog(ctx, micros);
        }
        long threshold = latencyThresholdMs;
        if (threshold > 0 && micros / 1000 >= threshold) {
            server.metrics().latencyAdd(spec.has(CommandFlag.FAST) ? "fast-command" : "command", micros / 1000);
        }
        if ((session.flags() & ClientSession.TRACKING) != 0) {
            tracked(ctx, session, spec);
        }
        if (!monitors.isEmpty() && !spec.has(CommandFlag.ADMIN) && !spec.has(CommandFlag.SKIP_MONITOR)) {
            monitors.feed(session, session.db(), ctx.args());
        }
    }

    private boolean isExecItself(CommandSpec spec) {
        return spec == exec;
    }

    /** Redis's slowlogCreateEntry: at most 32 arguments and 128 bytes of each, copied from the request. */
    private void slowlog(CommandContext ctx, long micros) {
        RespRequest a = ctx.args();
        int argc = Math.min(a.argc(), SLOWLOG_MAX_ARGC);
        java.util.List<byte[]> args = new java.util.ArrayList<>(argc);
        for (int i = 0; i < argc; i++) {
            if (argc != a.argc() && i == argc - 1) {
                args.add(("... (" + (a.argc() - argc + 1) + " more arguments)").getBytes(StandardCharsets.US_ASCII));
                break;
            }
            int len = a.length(i);
            if (len <= SLOWLOG_MAX_STRING) {
                args.add(a.bytes(i));
            } else {
                byte[] tail = ("... (" + (len - SLOWLOG_MAX_STRING) + " more bytes)").getBytes(StandardCharsets.US_ASCII);
                byte[] b = new byte[SLOWLOG_MAX_STRING + tail.length];
                a.buf().getBytes(a.offset(i), b, 0, SLOWLOG_MAX_STRING);
                System.arraycopy(tail, 0, b, SLOWLOG_MAX_STRING, tail.length);
                args.add(b);
            }
        }
        ClientSession s = ctx.session();
        server.metrics().slowlogAdd(args, micros, s.remoteAddress(), s.name(), server.core().slowlogMaxLen.longValue());
    }

    private static final int SLOWLOG_MAX_ARGC = 32;
    private static final int SLOWLOG_MAX_STRING = 128;

    /** Redis's trackingRememberKeys after a read-only command, and the one-command life of CLIENT CACHING. */
    private void tracked(CommandContext ctx, ClientSession session, CommandSpec spec) {
        ClientSession.TrackingState t = session.tracking();
        if (t != null && !t.bcast && spec.has(CommandFlag.READONLY)) {
            boolean cachingGiven = session.has(ClientSession.TRACKING_CACHING);
            if (!((t.optin && !cachingGiven) || (t.optout && cachingGiven))) {
                RespRequest a = ctx.args();
                for (int pos : spec.keyPositions(a.argc())) {
                    server.tracking().remember(session, a.bytes(pos));
                }
            }
        }
        CommandSpec top = spec.parent() == null ? spec : spec.parent();
        if (!session.inMulti() && top != client) {
            session.clear(ClientSession.TRACKING_CACHING);
        }
    }

    private static final byte[] POST = "POST".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HOST = "HOST:".getBytes(StandardCharsets.US_ASCII);

    /** An HTTP request sent to the node (Redis's securityWarningCommand): drop the client without a reply. */
    private static boolean isCrossProtocolAttack(RespRequest args) {
        return args.is(0, POST) || args.is(0, HOST);
    }

    /**
     * Redis's rejectCommand: counts, marks an open transaction as failed (EXECABORT at EXEC) and
     * replies; when EXEC itself is refused, the transaction is discarded with EXECABORT at once.
     * {@code message} without a leading '-' gets "ERR ".
     */
    private void reject(CommandContext ctx, String message) {
        stats.rejectedCalls++;
        ClientSession session = ctx.session();
        CommandSpec spec = gating;
        if (spec != null) {
            spec.rejectedCalls++;
        }
        if (session.inMulti()) {
            session.set(ClientSession.DIRTY_EXEC);
        }
        if (spec != null && spec == exec) {
            server.watches().unwatchAll(session);
            session.endMulti();
            ctx.reply().error("-EXECABORT Transaction discarded because of: "
                    + (message.startsWith("-") ? message.substring(1) : message));
            return;
        }
        ctx.reply().error(message);
    }

    /**
     * Redis 7's text: "unknown command '%.128s', with args beginning with: " followed by
     * "'%.*s' " per argument while the list is shorter than 128 bytes; %s stops at a NUL byte.
     */
    static String unknownCommand(RespRequest args) {
        StringBuilder list = new StringBuilder();
        for (int i = 1; i < args.argc() && list.length() < 128; i++) {
            int precision = 128 - list.length();
            list.append('\'').append(cString(args, i, precision)).append("' ");
        }
        return "unknown command '" + cString(args, 0, 128) + "', with args beginning with: " + list;
    }

    /** Argument {@code i} as C's "%.Ns" prints it: at most {@code max} bytes, cut at the first NUL. */
    static String cString(RespRequest args, int i, int max) {
        int off = args.offset(i);
        int len = Math.min(args.length(i), max);
        for (int k = 0; k < len; k++) {
            if (args.buf().getByte(off + k) == 0) {
                len = k;
                break;
            }
        }
        return args.buf().toString(off, len, StandardCharsets.ISO_8859_1);
    }
}

package dev.cachalot.engine.command;

import dev.cachalot.engine.metrics.EngineStats;
import dev.cachalot.engine.protocol.resp.RespRequest;

import java.nio.charset.StandardCharsets;

/**
 * The single gate every command passes (Redis's processCommand): it resolves the command (and the
 * subcommand of a container), rejects unknown names and wrong arities with Redis's exact errors, counts,
 * and only then runs the handler. Handlers never repeat these checks. Authentication, ACLs, maxmemory
 * for DENYOOM commands, MULTI queueing and cluster redirection belong here as they arrive.
 */
public final class CommandDispatcher {

    private final CommandTable table;
    private final EngineStats stats;
    /** Nesting of dispatch (a transaction running its queued commands): blocked clients are served at the top level. */
    private int depth;
    private static final String OOM = "-OOM command not allowed when used memory > 'maxmemory'.";

    public CommandDispatcher(CommandTable table, EngineStats stats) {
        this.table = table;
        this.stats = stats;
    }

    public void dispatch(CommandContext ctx) {
        RespRequest args = ctx.args();
        CommandSpec spec = table.lookup(args.buf(), args.offset(0), args.length(0));
        if (spec == null) {
            if (isCrossProtocolAttack(args)) {
                System.err.println("cache-engine: Possible SECURITY ATTACK detected. It looks like somebody is sending "
                        + "POST or Host: commands. This is likely due to an attacker attempting to use Cross Protocol "
                        + "Scripting to compromise the node. Connection aborted.");
                ctx.session().closeAsap();
                return;
            }
            reject(ctx, unknownCommand(args));
            return;
        }
        CommandTable subs = spec.subcommands();
        if (subs != null && args.argc() >= 2) {
            CommandSpec sub = subs.lookup(args.buf(), args.offset(1), args.length(1));
            if (sub == null) {
                reject(ctx, "unknown subcommand '" + cString(args, 1, 128) + "'. Try "
                        + spec.name().toUpperCase(java.util.Locale.ROOT) + " HELP.");
                return;
            }
            spec = sub;
        }
        if (!spec.arityAccepts(args.argc())) {
            reject(ctx, "wrong number of arguments for '" + spec.fullName() + "' command");
            return;
        }
        // --- data (maxmemory): Redis's performEvictions before every command; when nothing can be
        // freed (noeviction, or no candidate keys), commands flagged DENYOOM are refused
        long maxmemory = ctx.server().maxmemory();
        if (maxmemory > 0 && !ctx.server().keyspace().performEvictions(maxmemory) && spec.has(CommandFlag.DENYOOM)) {
            reject(ctx, OOM);
            return;
        }
        // --- end data
        ctx.command = spec;
        ctx.session().touch(ctx.server().keyspace().nowMs(), spec.fullName());
        stats.totalCommandsProcessed++;
        spec.calls++;
        depth++;
        try {
            spec.handler().execute(ctx);
        } finally {
            depth--;
        }
        // --- data (blocking): serve clients blocked on keys the command created (handleClientsBlockedOnKeys)
        if (depth == 0 && ctx.server().keyspace().blocked().hasReady()) {
            ctx.server().blocking().serveReady();
        }
    }

    private static final byte[] POST = "POST".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HOST = "HOST:".getBytes(StandardCharsets.US_ASCII);

    /** An HTTP request sent to the node (Redis's securityWarningCommand): drop the client without a reply. */
    private static boolean isCrossProtocolAttack(RespRequest args) {
        return args.is(0, POST) || args.is(0, HOST);
    }

    private void reject(CommandContext ctx, String message) {
        stats.rejectedCalls++;
        stats.totalErrorReplies++;
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

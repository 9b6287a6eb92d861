package dev.cachalot.engine.server;

import dev.cachalot.engine.command.CommandContext;
import dev.cachalot.engine.command.CommandDispatcher;
import dev.cachalot.engine.config.CoreParams;
import dev.cachalot.engine.protocol.resp.RespDecoder;
import dev.cachalot.engine.protocol.resp.RespReply;
import dev.cachalot.engine.protocol.resp.RespRequest;
import dev.cachalot.engine.session.ClientConnection;
import dev.cachalot.engine.session.ClientSession;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

import java.io.IOException;

/**
 * One connection: accumulates received bytes in one buffer, decodes every complete request in it,
 * executes each inline on the data thread, appends replies to one outgoing buffer and flushes once per
 * read batch (channelReadComplete). A protocol error or QUIT closes the connection after the replies.
 * Enforces maxclients, client-query-buffer-limit, proto-max-bulk-len and client-output-buffer-limit
 * (a client whose unsent output passes its class's hard limit, or its soft limit for longer than the
 * soft seconds, is closed at once, dropping that output: a client that never reads cannot grow the
 * node's memory or slow anybody else).
 */
final class RespChannelHandler extends ChannelInboundHandlerAdapter implements ClientConnection {

    private static final byte[] MAX_CLIENTS = RespReply.ascii("-ERR max number of clients reached\r\n");
    /** Redis's PROTO_MBULK_BIG_ARG: from this size on, a partly received bulk gets its buffer sized once. */
    private static final int BIG_ARG = 32 * 1024;
    private static final int OUT_INITIAL = 512;

    private final ServerState server;
    private final CommandDispatcher dispatcher;
    private final RespDecoder decoder = new RespDecoder();
    private final RespRequest request = new RespRequest();
    private final RespReply reply = new RespReply();
    private ChannelHandlerContext channel;
    private ClientSession session;
    private CommandContext commandContext;
    private ByteBuf cumulation;
    private ByteBuf out;
    private boolean closing;
    /** True while this connection's own requests execute (its output is flushed at the end of the batch). */
    private boolean processing;
    private boolean flushScheduled;
    /** When the output first exceeded its soft limit (ms), or 0. */
    private long softLimitSinceMs;
    private boolean registered;
    /** A request CLIENT PAUSE holds back, executed when the pause ends. */
    private RespRequest postponed;
    private final Runnable scheduledFlush = () -> {
        flushScheduled = false;
        if (channel != null && !processing) {
            flush(channel);
        }
    };

    RespChannelHandler(ServerState server, CommandDispatcher dispatcher) {
        this.server = server;
        this.dispatcher = dispatcher;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx;
        if (server.clients().size() >= server.core().maxclients.longValue()) {
            // as Redis's acceptCommonHandler: the error, then close; the client never counts as connected
            server.stats().rejectedConnections++;
            closing = true;
            ctx.writeAndFlush(io.netty.buffer.Unpooled.wrappedBuffer(MAX_CLIENTS)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        registered = true;
        long now = server.keyspace().nowMs();
        session = new ClientSession(server.clients().nextId(), ctx.channel().remoteAddress(),
                ctx.channel().localAddress(), now, this);
        commandContext = new CommandContext(server, session, request, reply);
        reply.errorSink(code -> {
            server.stats().totalErrorReplies++;
            server.metrics().countError(code);
        });
        session.replayer(this::replay);
        server.clients().add(session);
        server.stats().totalConnectionsReceived++;
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (session != null && registered) {
            session.connectionClosed();
            server.clients().remove(session);
            server.watches().unwatchAll(session);
            server.pubsub().removeClient(session);
            server.tracking().disable(session);
            server.monitors().remove(session);
        }
        releaseBuffers();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (closing) {
            in.release(); // Redis stops reading a client flagged close-after-reply
            return;
        }
        server.stats().netInputBytes += in.readableBytes();
        if (cumulation == null) {
            cumulation = in;
        } else {
            try {
                append(ctx, in);
            } finally {
                in.release();
            }
        }
        if (cumulation.readableBytes() + session.queuedBytes() > server.core().clientQueryBufferLimit.longValue()) {
            // as Redis: "closing client that reached max query buffer length", no reply
            server.stats().queryBufferLimitDisconnections++;
            closing = true;
            releaseBuffers();
            ctx.close();
            return;
        }
        decoder.maxBulkLen(server.core().protoMaxBulkLen.longValue());
        process();
        if (cumulation != null) {
            reserveForBigArgument(ctx);
        }
    }

    /**
     * A big bulk argument still arriving (up to proto-max-bulk-len, 512 MB by default): size the
     * buffer for all of it now, instead of letting it grow in 4 MB steps that copy it over and over.
     */
    private void reserveForBigArgument(ChannelHandlerContext ctx) {
        long missing = decoder.pendingBulkBytes(cumulation);
        if (missing < BIG_ARG || missing <= cumulation.writableBytes()) {
            return;
        }
        long total = cumulation.readableBytes() + missing;
        if (total > Integer.MAX_VALUE - 16) {
            return;
        }
        ByteBuf c = cumulation;
        if (c.refCnt() > 1 || c.isReadOnly() || c.maxCapacity() < total + c.readerIndex()) {
            ByteBuf bigger = ctx.alloc().ioBuffer((int) total);
            bigger.writeBytes(c);
            c.release();
            cumulation = bigger;
        } else {
            c.discardReadBytes();
            c.ensureWritable((int) missing);
        }
    }

    /**
     * Appends to the cumulation, moving it to a fresh buffer when it cannot grow in place (a read
     * buffer with a capped capacity, or one shared elsewhere). Partial-request offsets are relative
     * to the reader index, so the move keeps them valid.
     */
    private void append(ChannelHandlerContext ctx, ByteBuf in) {
        int need = in.readableBytes();
        ByteBuf c = cumulation;
        if (need > c.maxWritableBytes() || c.refCnt() > 1 || c.isReadOnly()) {
            ByteBuf bigger = ctx.alloc().ioBuffer(Math.max(c.readableBytes() + need, 1024));
            bigger.writeBytes(c);
            c.release();
            cumulation = c = bigger;
        }
        c.writeBytes(in);
    }

    private void process() {
        ByteBuf in = cumulation;
        processing = true;
        try {
            if (postponed == null && !session.blocked()) {
                prefetch(in);
            }
            decodeAndExecute(in);
        } finally {
            processing = false;
        }
    }

    /** At most this many requests of a read batch have their keys prefetched. */
    private static final int PREFETCH_MAX = 32;
    /** Where the prefetched loads go, so that they are not optimised away. */
    private int prefetchSink;
    private int keyOff;
    private int keyLen;

    /**
     * When the buffer holds several complete requests (pipelining), touches the table slot and entry of
     * each one's first argument (the key, for most commands) before any of them runs, so that their
     * cache misses overlap. Advisory only: it reads the buffer without consuming it, stops at the first
     * thing that is not a complete multibulk request, and a wrong guess costs one wasted load.
     */
    private void prefetch(ByteBuf in) {
        int p = in.readerIndex();
        int end = in.writerIndex();
        int next = skipRequest(in, p, end);
        if (next < 0 || next >= end) {
            return; // one request (or a partial one): nothing to overlap
        }
        int n = 0;
        for (int r = 0; r < PREFETCH_MAX && p < end; r++) {
            next = skipRequest(in, p, end);
            if (next < 0) {
                break;
            }
            if (keyLen >= 0) {
                prefetchHashes[n++] = dev.cachalot.engine.store.KeyHash.hash(in, keyOff, keyLen);
            }
            p = next;
        }
        prefetchSink += server.keyspace().db(session.db()).prefetch(prefetchHashes, n, prefetchEntries);
    }

    private final int[] prefetchHashes = new int[PREFETCH_MAX];
    private final Object[] prefetchEntries = new Object[PREFETCH_MAX];

    /**
     * The end of the complete multibulk request at {@code p} ({@code *N} then N bulk strings), with its
     * second element in keyOff/keyLen (keyLen -1 when it has none); -1 when there is no complete,
     * well-formed one there.
     */
    private int skipRequest(ByteBuf in, int p, int end) {
        keyLen = -1;
        if (p >= end || in.getByte(p) != '*') {
            return -1;
        }
        long n = 0;
        int i = p + 1;
        for (; i < end && in.getByte(i) != '\r'; i++) {
            byte c = in.getByte(i);
            if (c < '0' || c > '9' || n > 1024) {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        i += 2; // CRLF
        for (int a = 0; a < n; a++) {
            if (i >= end || in.getByte(i) != '$') {
                return -1;
            }
            long len = 0;
            for (i++; i < end && in.getByte(i) != '\r'; i++) {
                byte c = in.getByte(i);
                if (c < '0' || c > '9' || len > (1 << 20)) {
                    return -1;
                }
                len = len * 10 + (c - '0');
            }
            i += 2;
            if (a == 1) {
                keyOff = i;
                keyLen = (int) len;
            }
            i += (int) len + 2;
            if (i > end) {
                keyLen = -1;
                return -1;
            }
        }
        return i <= end ? i : -1;
    }

    private void decodeAndExecute(ByteBuf in) {
        for (;;) {
            if (postponed != null || session.blocked()) {
                break; // CLIENT PAUSE, or a blocking command: the rest waits, unread, as in Redis
            }
            int r = decoder.decode(in, request);
            if (r == RespDecoder.NEED_MORE) {
                break;
            }
            if (out == null) {
                out = channel.alloc().ioBuffer(OUT_INITIAL);
                reply.target(out);
            }
            if (r == RespDecoder.PROTOCOL_ERROR) {
                reply.raw(decoder.errorReply());
                server.stats().protocolErrors++;
                closing = true;
                break;
            }
            if (!dispatcher.dispatch(commandContext)) {
                postponed = request.copy();
                server.pause().await(this::resumePostponed);
                break;
            }
            if (session.closeAfterReply()) {
                closing = true;
                if (session.closingAsap()) {
                    out.release();
                    out = null;
                    reply.target(null);
                }
                break;
            }
        }
        if (closing || !in.isReadable()) {
            in.release();
            cumulation = null;
            if (closing) {
                decoder.reset();
            }
        } else if (!decoder.inRequest() || in.readerIndex() > in.capacity() >>> 1) {
            // offsets of a partial request are relative to the reader index, so compaction is safe
            in.discardSomeReadBytes();
        }
    }

    /** A blocked command was served or timed out: write its reply now, then go on with pending input. */
    private void replay(java.util.function.Consumer<RespReply> writer) {
        if (channel == null || !channel.channel().isActive()) {
            return;
        }
        if (out == null) {
            out = channel.alloc().ioBuffer(OUT_INITIAL);
            reply.target(out);
        }
        writer.accept(reply);
        if (cumulation != null && !closing) {
            process();
        }
        flush(channel);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flush(ctx);
        ctx.fireChannelReadComplete();
    }

    private void flush(ChannelHandlerContext ctx) {
        ByteBuf o = out;
        if (o != null) {
            out = null;
            reply.target(null);
            server.stats().netOutputBytes += o.readableBytes();
            if (closing) {
                ctx.writeAndFlush(o).addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.writeAndFlush(o, ctx.voidPromise());
                checkOutputLimits();
            }
        } else if (closing) {
            ctx.close();
        }
    }

    /** The pause ended: run the postponed request, then what arrived meanwhile, and flush. */
    private void resumePostponed() {
        RespRequest p = postponed;
        if (p == null || closing || !channel.channel().isActive()) {
            return;
        }
        postponed = null;
        beginPush();
        processing = true;
        RespRequest own = commandContext.swapArgs(p);
        boolean done;
        try {
            done = dispatcher.dispatch(commandContext);
        } finally {
            commandContext.swapArgs(own);
            processing = false;
        }
        if (!done) {
            postponed = p;
            server.pause().await(this::resumePostponed);
            return;
        }
        if (session.closeAfterReply()) {
            closing = true;
        } else if (cumulation != null) {
            process();
        }
        flush(channel);
    }

    // ------------------------------------------------------------------------------ ClientConnection

    @Override
    public RespReply reply() {
        return reply;
    }

    @Override
    public RespReply beginPush() {
        if (out == null) {
            out = channel.alloc().ioBuffer(OUT_INITIAL);
            reply.target(out);
        }
        return reply;
    }

    @Override
    public void endPush() {
        if (closing) {
            return;
        }
        if (!processing && checkOutputLimits() && !flushScheduled) {
            flushScheduled = true;
            channel.executor().execute(scheduledFlush);
        }
    }

    /**
     * Redis's checkClientOutputBufferLimits for this client's class (pubsub when subscribed, else
     * normal); closes the connection when a limit is passed. Also run once a second by the server
     * cron, so that a soft limit expires without new output.
     *
     * @return false when the client was closed
     */
    @Override
    public boolean checkOutputLimits() {
        if (closing || session == null) {
            return !closing;
        }
        CoreParams.OutputBufferLimits limits = server.core().outputBufferLimits();
        int cls = session.has(ClientSession.PUBSUB) ? CoreParams.CLASS_PUBSUB : CoreParams.CLASS_NORMAL;
        long hard = limits.hard()[cls];
        long soft = limits.soft()[cls];
        if (hard == 0 && soft == 0) {
            return true;
        }
        long used = outputBufferBytes();
        boolean over = hard > 0 && used >= hard;
        if (soft > 0 && used >= soft) {
            long now = System.currentTimeMillis();
            if (softLimitSinceMs == 0) {
                softLimitSinceMs = now;
            } else if ((now - softLimitSinceMs) / 1000 > limits.softSeconds()[cls]) {
                over = true;
            }
        } else {
            softLimitSinceMs = 0;
        }
        if (!over) {
            return true;
        }
        server.stats().outputBufferLimitDisconnections++;
        System.err.println("cache-engine: Client id=" + session.id() + " addr=" + session.remoteAddress()
                + " scheduled to be closed ASAP for overcoming of output buffer limits.");
        closing = true;
        session.closeAsap();
        releaseBuffers();
        channel.close();
        return false;
    }

    @Override
    public long outputBufferBytes() {
        io.netty.channel.ChannelOutboundBuffer ob = channel.channel().unsafe().outboundBuffer();
        return (ob == null ? 0 : ob.totalPendingWriteBytes()) + (out == null ? 0 : out.readableBytes());
    }

    @Override
    public int queryBufferBytes() {
        return cumulation == null ? 0 : cumulation.readableBytes();
    }

    @Override
    public void kill() {
        channel.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            System.err.println("cache-engine: closing client " + (session == null ? "?" : session.id()) + ": " + cause);
        }
        ctx.close();
    }

    private void releaseBuffers() {
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
        if (out != null) {
            out.release();
            out = null;
            reply.target(null);
        }
    }
}

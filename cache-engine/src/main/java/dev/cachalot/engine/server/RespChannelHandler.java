package dev.cachalot.engine.server;

import dev.cachalot.engine.command.CommandContext;
import dev.cachalot.engine.command.CommandDispatcher;
import dev.cachalot.engine.protocol.resp.RespDecoder;
import dev.cachalot.engine.protocol.resp.RespReply;
import dev.cachalot.engine.protocol.resp.RespRequest;
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
 */
final class RespChannelHandler extends ChannelInboundHandlerAdapter {

    /** Redis's client-query-buffer-limit: a client whose unparsed input exceeds it is dropped. */
    static final int QUERY_BUFFER_LIMIT = 1024 * 1024 * 1024;
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

    RespChannelHandler(ServerState server, CommandDispatcher dispatcher) {
        this.server = server;
        this.dispatcher = dispatcher;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx;
        long now = server.keyspace().nowMs();
        session = new ClientSession(server.clients().nextId(), ctx.channel().remoteAddress(),
                ctx.channel().localAddress(), now, () -> ctx.channel().close());
        commandContext = new CommandContext(server, session, request, reply);
        session.replayer(this::replay);
        server.clients().add(session);
        server.stats().totalConnectionsReceived++;
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (session != null) {
            session.connectionClosed();
            server.clients().remove(session);
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
        if (cumulation.readableBytes() > QUERY_BUFFER_LIMIT) {
            closing = true; // as Redis: "closing client that reached max query buffer length", no reply
            releaseBuffers();
            ctx.close();
            return;
        }
        process();
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
        for (;;) {
            if (session.blocked()) {
                break; // a blocked client's further requests wait, as in Redis
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
                server.stats().totalErrorReplies++;
                closing = true;
                break;
            }
            dispatcher.dispatch(commandContext);
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
            }
        } else if (closing) {
            ctx.close();
        }
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

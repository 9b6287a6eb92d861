package dev.cachalot.engine.memcached;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * One memcached client connection: the first byte decides the protocol for the connection's life
 * (0x80 binary, anything else ASCII), as memcached's auto-negotiation does. Received bytes accumulate
 * in one buffer; every complete command in it runs inline on the event loop, replies go to one output
 * buffer that is flushed once per read batch. A refused data block is swallowed as it arrives.
 */
final class MemcachedConnection extends ChannelInboundHandlerAdapter {

    private static final int OUT_INITIAL = 512;
    private static final int SPARE_LIMIT = 64 * 1024;
    private static final byte[] TOO_MANY = TextProtocol.b("ERROR Too many open connections\r\n");

    private final MemcachedNode node;
    private final long id;
    private TextProtocol text;
    private BinaryProtocol binary;
    private ChannelHandlerContext ctx;
    private ByteBuf cumulation;
    private ByteBuf out;
    /** The last reply buffer, back in our hands once written: the next batch reuses it. */
    private ByteBuf spare;
    private long swallow;
    private boolean closing;
    private boolean authenticated;
    private boolean registered;
    private int lastCommandTime;
    private SocketAddress remote;
    private SocketAddress local;

    MemcachedConnection(MemcachedNode node) {
        this.node = node;
        this.id = node.nextConnectionId();
    }

    long id() {
        return id;
    }

    String remote() {
        return address(remote);
    }

    String local() {
        return address(local);
    }

    private static String address(SocketAddress a) {
        if (a instanceof InetSocketAddress i) {
            return i.getAddress().getHostAddress() + ":" + i.getPort();
        }
        return String.valueOf(a);
    }

    int lastCommandTime() {
        return lastCommandTime;
    }

    boolean authenticated() {
        return authenticated;
    }

    void authenticated(boolean authenticated) {
        this.authenticated = authenticated;
    }

    boolean isLoopback() {
        return remote instanceof InetSocketAddress i && i.getAddress() != null && i.getAddress().isLoopbackAddress();
    }

    /** Discards the next {@code bytes} received bytes (a data block whose command was refused). */
    void swallow(long bytes) {
        swallow += bytes;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        remote = ctx.channel().remoteAddress();
        local = ctx.channel().localAddress();
        lastCommandTime = node.clock.now();
        MemcachedStats stats = node.stats;
        if (stats.currConnections >= node.options.maxConnections()) {
            stats.rejectedConnections++;
            closing = true;
            ctx.writeAndFlush(ctx.alloc().buffer(TOO_MANY.length).writeBytes(TOO_MANY)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        registered = true;
        stats.currConnections++;
        stats.totalConnections++;
        node.connections.add(this);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (registered) {
            registered = false;
            node.stats.currConnections--;
            node.connections.remove(this);
        }
        release();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (closing) {
            in.release();
            return;
        }
        node.stats.bytesRead += in.readableBytes();
        if (cumulation == null) {
            cumulation = in;
        } else {
            try {
                append(ctx, in);
            } finally {
                in.release();
            }
        }
        node.clock.tick();
        lastCommandTime = node.clock.now();
        process();
    }

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
        while (in.isReadable()) {
            if (swallow > 0) {
                int skip = (int) Math.min(swallow, in.readableBytes());
                in.skipBytes(skip);
                swallow -= skip;
                continue;
            }
            if (text == null && binary == null) {
                if ((in.getByte(in.readerIndex()) & 0xFF) == BinaryProtocol.REQ_MAGIC) {
                    binary = new BinaryProtocol(node, this);
                } else if (node.saslEnabled()) {
                    closing = true; // a SASL node speaks only the binary protocol, as memcached -S does
                    break;
                } else {
                    text = new TextProtocol(node, this);
                }
            }
            if (out == null) {
                if (spare != null) {
                    out = spare.clear();
                    spare = null;
                } else {
                    out = ctx.alloc().ioBuffer(OUT_INITIAL);
                }
            }
            int r = text != null ? text.process(in, out) : binary.process(in, out);
            if (r == TextProtocol.NEED_MORE) {
                break;
            }
            if (r == TextProtocol.CLOSE) {
                closing = true;
                break;
            }
        }
        if (closing || !in.isReadable()) {
            in.release();
            cumulation = null;
        } else if (in.readerIndex() > in.capacity() >>> 1) {
            in.discardSomeReadBytes();
        }
        if (out != null && out.writerIndex() == 0 && !closing) {
            if (spare == null) {
                spare = out;
            } else {
                out.release();
            }
            out = null;
        }
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
            node.stats.bytesWritten += o.readableBytes();
            if (closing) {
                ctx.writeAndFlush(o).addListener(ChannelFutureListener.CLOSE);
            } else if (o.capacity() <= SPARE_LIMIT && spare == null) {
                // small writes complete inside flush: then Netty has released its reference and the
                // buffer is ours again, which saves an allocation per read batch
                ctx.writeAndFlush(o.retain(), ctx.voidPromise());
                if (o.refCnt() == 1) {
                    spare = o;
                } else {
                    o.release(); // still queued: Netty frees it once written
                }
            } else {
                ctx.writeAndFlush(o, ctx.voidPromise());
            }
        } else if (closing) {
            ctx.close();
        }
    }

    /** Disconnects a client idle for longer than the idle timeout (memcached's idle_timeout). */
    void closeIfIdle(int now, int idleTimeout) {
        if (idleTimeout > 0 && now - lastCommandTime > idleTimeout && ctx != null) {
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            System.err.println("cache-engine: closing memcached client " + id + ": " + cause);
        }
        ctx.close();
    }

    private void release() {
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
        if (out != null) {
            out.release();
            out = null;
        }
        if (spare != null) {
            spare.release();
            spare = null;
        }
        if (text != null) {
            text.release();
        }
    }
}

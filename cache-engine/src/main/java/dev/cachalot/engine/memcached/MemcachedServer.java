package dev.cachalot.engine.memcached;

import dev.cachalot.engine.EngineConfig;
import dev.cachalot.engine.server.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A memcached node ({@code --engine memcached}) on the same network layer as the RESP engine: one
 * event-loop thread accepts connections, runs every command inline and owns the items; the clock, the
 * expiry crawler and the idle-connection check run on that thread too.
 */
public final class MemcachedServer {

    /** Slots the expiry crawler looks at per 100 ms tick (memcached's LRU crawler, in small slices). */
    private static final int CRAWL_BUDGET = 2000;

    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final MemcachedNode node;
    private final String transportName;

    private MemcachedServer(EventLoopGroup group, Channel serverChannel, MemcachedNode node, String transportName) {
        this.group = group;
        this.serverChannel = serverChannel;
        this.node = node;
        this.transportName = transportName;
    }

    public static MemcachedServer start(EngineConfig config) throws InterruptedException {
        MemcachedNode node = new MemcachedNode(config);
        Transport transport = Transport.best();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("cachalot-memcached", false), transport.ioHandlerFactory());
        try {
            Channel ch = new ServerBootstrap()
                    .group(group)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new MemcachedConnection(node));
                        }
                    })
                    .bind(config.bind(), config.port()).sync().channel();
            node.port = ((InetSocketAddress) ch.localAddress()).getPort();
            group.next().scheduleAtFixedRate(() -> {
                node.clock.tick();
                node.store.crawl(CRAWL_BUDGET);
            }, 100, 100, TimeUnit.MILLISECONDS);
            group.next().scheduleAtFixedRate(() -> {
                if (node.idleTimeout > 0) {
                    int now = node.clock.now();
                    for (MemcachedConnection c : List.copyOf(node.connections)) {
                        c.closeIfIdle(now, node.idleTimeout);
                    }
                }
            }, 1, 1, TimeUnit.SECONDS);
            return new MemcachedServer(group, ch, node, transport.name());
        } catch (Throwable t) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            if (t instanceof java.io.IOException io) {
                throw new java.io.UncheckedIOException("cannot listen on " + config.bind() + ":" + config.port(), io);
            }
            throw t;
        }
    }

    public int port() {
        return node.port;
    }

    public String transportName() {
        return transportName;
    }

    /** Stops listening, closes every connection and stops the event loop. */
    public void close() {
        serverChannel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

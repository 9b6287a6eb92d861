package dev.cachalot.engine.server;

import dev.cachalot.engine.EngineConfig;
import dev.cachalot.engine.command.CommandDispatcher;
import dev.cachalot.engine.command.Commands;
import dev.cachalot.engine.store.Keyspace;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The Netty side of a node: exactly one event-loop thread, which accepts connections, runs every
 * command inline and owns all data (as Redis's main thread does), plus the active expiry timer on
 * that same thread.
 */
public final class NodeServer {

    /** Redis runs the slow expiry cycle at most 25% of each 1/hz period. */
    private static final long EXPIRE_BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(1000 / ServerState.HZ / 4);

    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final ServerState state;

    private NodeServer(EventLoopGroup group, Channel serverChannel, ServerState state) {
        this.group = group;
        this.serverChannel = serverChannel;
        this.state = state;
    }

    public static NodeServer start(EngineConfig config) throws InterruptedException {
        Transport transport = Transport.best();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("cachalot-engine", false), transport.ioHandlerFactory());
        try {
            ServerState state = new ServerState(config, new Keyspace(), Commands.table(), transport.name());
            CommandDispatcher dispatcher = new CommandDispatcher(state.commands(), state.stats());
            state.scheduler(group.next());
            Channel ch = new ServerBootstrap()
                    .group(group)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 511)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new RespChannelHandler(state, dispatcher));
                        }
                    })
                    .bind(config.bind(), config.port()).sync().channel();
            state.port(((InetSocketAddress) ch.localAddress()).getPort());
            group.next().scheduleAtFixedRate(() -> state.keyspace().activeExpireCycle(EXPIRE_BUDGET_NANOS),
                    1000 / ServerState.HZ, 1000 / ServerState.HZ, TimeUnit.MILLISECONDS);
            return new NodeServer(group, ch, state);
        } catch (Throwable t) {
            // also for a BindException, which Netty's sync() throws undeclared: never leak the loop thread
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            if (t instanceof java.io.IOException io) {
                throw new java.io.UncheckedIOException("cannot listen on " + config.bind() + ":" + config.port(), io);
            }
            throw t;
        }
    }

    public int port() {
        return state.port();
    }

    public String transportName() {
        return state.multiplexingApi();
    }

    public ServerState state() {
        return state;
    }

    /** Stops listening, closes every connection and stops the data thread. */
    public void close() {
        serverChannel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

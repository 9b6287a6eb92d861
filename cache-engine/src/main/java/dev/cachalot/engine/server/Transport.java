package dev.cachalot.engine.server;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;

/**
 * The I/O transport. io_uring by default: it submits a whole event-loop turn's reads and writes in one
 * system call, where epoll makes two per request, and without pipelining most of a request's CPU time is
 * system calls (docs/benchmarks.md). Native epoll where the kernel or a seccomp profile refuses io_uring,
 * NIO where neither loads. {@code -Dcachalot.engine.transport=epoll|nio} picks one of the others.
 */
public record Transport(String name, IoHandlerFactory ioHandlerFactory, Class<? extends ServerChannel> serverChannel) {

    public static Transport best() {
        String wanted = System.getProperty("cachalot.engine.transport", "io_uring");
        if (wanted.equals("io_uring") && IoUring.isAvailable()) {
            return new Transport("io_uring", IoUringIoHandler.newFactory(), IoUringServerSocketChannel.class);
        }
        if (!wanted.equals("nio") && Epoll.isAvailable()) {
            return new Transport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
        }
        return new Transport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class);
    }
}

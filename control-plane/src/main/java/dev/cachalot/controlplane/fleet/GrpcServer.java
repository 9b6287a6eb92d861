package dev.cachalot.controlplane.fleet;

import dev.cachalot.controlplane.CachalotProperties;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** The gRPC endpoint agents connect to (default port 9090). */
@Component
public class GrpcServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GrpcServer.class);

    private final ControlPlaneGrpcService service;
    private final int configuredPort;
    private volatile Server server;

    GrpcServer(ControlPlaneGrpcService service, CachalotProperties properties) {
        this.service = service;
        this.configuredPort = properties.grpc().port();
    }

    @Override
    public void start() {
        try {
            server = NettyServerBuilder.forPort(configuredPort).addService(service).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for agents on gRPC port " + configuredPort, e);
        }
        log.info("Listening for agents on gRPC port {}", server.getPort());
    }

    @Override
    public void stop() {
        Server s = server;
        if (s != null) {
            s.shutdownNow();
            try {
                s.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return server != null && !server.isShutdown();
    }

    /** The port actually bound (useful when configured as 0). */
    public int port() {
        return server == null ? -1 : server.getPort();
    }
}

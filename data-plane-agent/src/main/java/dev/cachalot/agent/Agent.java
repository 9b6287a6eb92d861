package dev.cachalot.agent;

import dev.cachalot.agent.grpc.AgentService;
import dev.cachalot.agent.grpc.ControlPlaneConnection;
import dev.cachalot.agent.node.EngineCommand;
import dev.cachalot.agent.node.NodeStore;
import dev.cachalot.agent.node.NodeSupervisor;
import dev.cachalot.agent.node.ObservedNode;
import dev.cachalot.agent.node.PortAllocator;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running agent: the node supervisor, the Agent gRPC service and the connection to the control
 * plane. {@link AgentMain} runs one per process; tests run them in-process.
 *
 * <p>{@link #start()} serves the Agent service even while the control plane is unreachable.
 * {@link #close()} leaves node processes running (a later agent re-adopts them) unless the options
 * ask to stop nodes on exit.
 */
public final class Agent implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Agent.class);

    private final AgentOptions options;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private DataDirectory dataDirectory;
    private String hostId;
    private NodeSupervisor supervisor;
    private Server server;
    private volatile ControlPlaneConnection connection;
    private String endpoint;
    private boolean started;
    private boolean closed;

    public Agent(AgentOptions options) {
        this.options = options;
    }

    /**
     * Adopts or restarts the nodes recorded in the data directory, starts serving the Agent service,
     * and begins registering with the control plane (in the background).
     *
     * @throws IOException when the data directory or the gRPC port cannot be used
     */
    public synchronized Agent start() throws IOException {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        try {
            dataDirectory = DataDirectory.open(options.dataDir());
            hostId = dataDirectory.hostId();
            long memory = physicalMemory();
            // with stop-nodes-on-exit, nodes also watch the agent: they go even if it is SIGKILLed
            OptionalLong nodeOwner = options.stopNodesOnExit()
                    ? OptionalLong.of(ProcessHandle.current().pid()) : OptionalLong.empty();
            supervisor = new NodeSupervisor(
                    new NodeStore(dataDirectory.nodesDir()),
                    new PortAllocator(options.nodePortFrom(), options.nodePortTo()),
                    EngineCommand.forThisJvm(options.engineJvmOptions(), nodeOwner, memory),
                    () -> {
                        ControlPlaneConnection current = connection;
                        if (current != null) {
                            current.nodesChanged();
                        }
                    });
            supervisor.start();

            server = NettyServerBuilder.forAddress(new InetSocketAddress(options.bindAddress(), options.grpcPort()))
                    .addService(new AgentService(supervisor))
                    .build()
                    .start();
            endpoint = hostPort(options.advertiseAddress(), server.getPort());
            log.info("Agent {} serving on {}, zone {}", hostId, endpoint, options.zone());

            connection = new ControlPlaneConnection(options.controlPlane(),
                    new ControlPlaneConnection.HostInfo(hostId, options.zone(), endpoint, options.advertiseAddress(),
                            version(), memory, Runtime.getRuntime().availableProcessors()),
                    supervisor::nodes);
            connection.start();
            return this;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    public AgentOptions options() {
        return options;
    }

    public synchronized String hostId() {
        requireStarted();
        return hostId;
    }

    /** The port the Agent service listens on (the actual one when the options asked for port 0). */
    public synchronized int grpcPort() {
        requireStarted();
        return server.getPort();
    }

    /** host:port under which the control plane reaches this agent, as registered. */
    public synchronized String endpoint() {
        requireStarted();
        return endpoint;
    }

    /** The observed state of every node. */
    public List<ObservedNode> nodes() {
        requireStarted();
        return supervisor.nodes();
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    /** Stops serving and supervising; stops the nodes too when the options say so. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (server != null) {
                server.shutdown();
                try {
                    if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                        server.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    server.shutdownNow();
                }
            }
            if (supervisor != null) {
                supervisor.close();
                if (options.stopNodesOnExit()) {
                    log.info("Stopping all nodes (--stop-nodes-on-exit)");
                    supervisor.stopNodes();
                } else {
                    log.info("Leaving {} node(s) running for the next agent to adopt", supervisor.nodes().size());
                }
            }
            if (connection != null) {
                connection.close(); // after stopping nodes, so that the control plane hears about it
            }
            if (dataDirectory != null) {
                dataDirectory.close();
            }
            if (hostId != null) {
                log.info("Agent {} stopped", hostId);
            }
        } finally {
            terminated.countDown();
        }
    }

    private void requireStarted() {
        if (!started || server == null) {
            throw new IllegalStateException("the agent is not started");
        }
    }

    static String hostPort(String host, int port) {
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    static String version() {
        String version = Agent.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }

    private static long physicalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 0;
    }
}

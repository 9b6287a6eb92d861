package dev.cachalot.agent.grpc;

import dev.cachalot.agent.node.ObservedNode;
import dev.cachalot.api.agent.v1.ControlPlaneGrpc;
import dev.cachalot.api.agent.v1.HostStatus;
import dev.cachalot.api.agent.v1.RegisterRequest;
import dev.cachalot.api.agent.v1.RegisterResponse;
import dev.cachalot.api.agent.v1.ReportStatusResponse;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This agent's side of the ControlPlane service: registers the host, then streams a HostStatus every
 * heartbeat interval and at once whenever a node changes. It never gives up: while the control
 * plane is unreachable it retries with backoff, and after a broken stream (a control-plane restart,
 * say) it registers again, since the control plane may have forgotten the host.
 */
public final class ControlPlaneConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControlPlaneConnection.class);

    static final Duration REGISTER_DEADLINE = Duration.ofSeconds(5);
    static final Duration MIN_RETRY_DELAY = Duration.ofMillis(250);
    static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(5);
    static final int DEFAULT_HEARTBEAT_MILLIS = 5000;
    /** A stream that lasted this long was healthy; the next reconnect starts from the shortest delay. */
    private static final Duration STABLE_STREAM = Duration.ofSeconds(30);

    /** What the agent tells the control plane about its host when it registers. */
    public record HostInfo(String hostId, String zone, String agentEndpoint, String nodeAddress,
                           String agentVersion, long memoryBytes, int cpus) {
    }

    private final String target;
    private final HostInfo host;
    private final Supplier<List<ObservedNode>> nodes;
    private final ManagedChannel channel;
    private final Semaphore wakeUp = new Semaphore(0);
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean closed;
    private Thread loop;

    public ControlPlaneConnection(String target, HostInfo host, Supplier<List<ObservedNode>> nodes) {
        this.target = target;
        this.host = host;
        this.nodes = nodes;
        this.channel = NettyChannelBuilder.forTarget(target).usePlaintext().build();
    }

    public synchronized void start() {
        if (loop == null) {
            loop = Thread.ofPlatform().name("control-plane-connection").daemon(true).start(this::run);
        }
    }

    /** A node changed: report it now rather than at the next heartbeat. */
    public void nodesChanged() {
        wakeUp.release();
    }

    @Override
    public void close() {
        closed = true;
        closing.countDown();
        wakeUp.release();
        Thread thread;
        synchronized (this) {
            thread = loop;
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(2)); // lets the loop half-close the stream politely
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        channel.shutdown();
        try {
            if (!channel.awaitTermination(1, TimeUnit.SECONDS)) {
                channel.shutdownNow().awaitTermination(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.shutdownNow();
        }
    }

    private void run() {
        Backoff registerBackoff = new Backoff();
        Backoff streamBackoff = new Backoff();
        boolean reportedUnreachable = false;
        while (!closed) {
            RegisterResponse registration;
            try {
                registration = register();
            } catch (StatusRuntimeException e) {
                if (closed) {
                    break;
                }
                if (!reportedUnreachable) {
                    log.warn("Cannot register with control plane {}: {}; retrying until it answers", target,
                            describe(e.getStatus()));
                    reportedUnreachable = true;
                } else {
                    log.debug("Register failed: {}", describe(e.getStatus()));
                }
                pause(registerBackoff.next());
                continue;
            }
            reportedUnreachable = false;
            registerBackoff.reset();
            int heartbeatMillis = registration.getHeartbeatIntervalMillis() > 0
                    ? registration.getHeartbeatIntervalMillis() : DEFAULT_HEARTBEAT_MILLIS;
            log.info("Registered with control plane {} as host {} (zone {}, endpoint {}); heartbeat every {} ms",
                    target, host.hostId(), host.zone(), host.agentEndpoint(), heartbeatMillis);

            long streamStart = System.nanoTime();
            Status ended = streamStatus(heartbeatMillis);
            if (closed) {
                break;
            }
            log.warn("Status stream to control plane {} ended: {}; registering again", target, describe(ended));
            if (System.nanoTime() - streamStart > STABLE_STREAM.toNanos()) {
                streamBackoff.reset();
            }
            pause(streamBackoff.next());
        }
    }

    private RegisterResponse register() {
        // the channel's own reconnect backoff grows to minutes; each attempt of ours should really try
        channel.resetConnectBackoff();
        RegisterRequest.Builder request = RegisterRequest.newBuilder()
                .setHostId(host.hostId())
                .setAvailabilityZone(host.zone())
                .setAgentEndpoint(host.agentEndpoint())
                .setNodeAddress(host.nodeAddress())
                .setAgentVersion(host.agentVersion())
                .setMemoryBytes(host.memoryBytes())
                .setCpus(host.cpus());
        nodes.get().forEach(node -> request.addNodes(NodeProtos.toProto(node)));
        return ControlPlaneGrpc.newBlockingStub(channel)
                .withDeadlineAfter(REGISTER_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .register(request.build());
    }

    /** Streams HostStatus until the stream breaks or the connection closes; returns how it ended. */
    private Status streamStatus(int heartbeatMillis) {
        CompletableFuture<Status> ended = new CompletableFuture<>();
        AtomicReference<ClientCallStreamObserver<HostStatus>> requests = new AtomicReference<>();
        ControlPlaneGrpc.newStub(channel).reportStatus(new ClientResponseObserver<HostStatus, ReportStatusResponse>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<HostStatus> requestStream) {
                requests.set(requestStream);
                requestStream.setOnReadyHandler(wakeUp::release); // send the first status as soon as possible
            }

            @Override
            public void onNext(ReportStatusResponse value) {
            }

            @Override
            public void onError(Throwable t) {
                ended.complete(Status.fromThrowable(t));
                wakeUp.release();
            }

            @Override
            public void onCompleted() {
                ended.complete(Status.UNAVAILABLE.withDescription("the control plane closed the stream"));
                wakeUp.release();
            }
        });
        ClientCallStreamObserver<HostStatus> stream = requests.get();
        try {
            wakeUp.drainPermits();
            long nextHeartbeat = System.nanoTime();
            boolean changed = true;
            while (!closed && !ended.isDone()) {
                boolean due = changed || System.nanoTime() - nextHeartbeat >= 0;
                // while not ready the transport is connecting or the control plane reads slowly; every
                // status is a full snapshot, so skipping one loses nothing
                if (due && stream.isReady()) {
                    HostStatus.Builder status = HostStatus.newBuilder().setHostId(host.hostId());
                    nodes.get().forEach(node -> status.addNodes(NodeProtos.toProto(node)));
                    stream.onNext(status.build());
                    changed = false;
                    nextHeartbeat = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(heartbeatMillis);
                }
                long waitNanos = Math.max(1, nextHeartbeat - System.nanoTime());
                changed |= wakeUp.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
                wakeUp.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Status.CANCELLED;
        } catch (RuntimeException e) {
            stream.cancel("agent failed to send status", e);
            return Status.fromThrowable(e);
        }
        if (closed && !ended.isDone()) {
            stream.onCompleted();
            try {
                ended.get(1, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // shutting down anyway
            }
        }
        return ended.getNow(Status.CANCELLED);
    }

    /**
     * Waits for {@code delay} unless the connection closes first.
     */
    private void pause(Duration delay) {
        try {
            closing.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(Status status) {
        StringBuilder text = new StringBuilder(status.getCode().toString());
        if (status.getDescription() != null) {
            text.append(": ").append(status.getDescription());
        }
        // "io exception" alone does not tell an operator that the port is closed or the host unknown
        for (Throwable cause = status.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                text.append(" (").append(cause.getMessage()).append(')');
                break;
            }
        }
        return text.toString();
    }

    /** Exponential delays between attempts: 250 ms doubling up to 5 s. */
    private static final class Backoff {
        private Duration current = Duration.ZERO;

        Duration next() {
            current = current.isZero() ? MIN_RETRY_DELAY : current.multipliedBy(2);
            if (current.compareTo(MAX_RETRY_DELAY) > 0) {
                current = MAX_RETRY_DELAY;
            }
            return current;
        }

        void reset() {
            current = Duration.ZERO;
        }
    }
}

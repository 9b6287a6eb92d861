package dev.cachalot.agent.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes this host's node processes match what the control plane asked for, and reports what they
 * really do.
 *
 * <p>Every operation on a node runs under that node's lock (so two ApplyNode calls for one id never
 * start two processes, and a health check never races a removal); port assignment runs under one
 * supervisor-wide lock so that two new nodes never get the same port. Observed state is published as
 * immutable snapshots, so reads never wait for a node that is being stopped.
 */
public final class NodeSupervisor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeSupervisor.class);

    static final Duration TICK = Duration.ofMillis(100);
    static final Duration STARTING_CHECK_INTERVAL = Duration.ofMillis(250);
    static final Duration RUNNING_CHECK_INTERVAL = Duration.ofSeconds(1);
    static final Duration UNRESPONSIVE_CHECK_INTERVAL = Duration.ofMillis(500);
    static final Duration PING_TIMEOUT = Duration.ofMillis(500);
    static final Duration CONFIG_TIMEOUT = Duration.ofSeconds(2);
    static final Duration STOP_GRACE = Duration.ofSeconds(5);
    /** A busy node may miss a PING; only a run of misses makes it FAILED. */
    static final int MISSED_PINGS_BEFORE_FAILED = 3;
    static final Duration FIRST_RESTART_DELAY = Duration.ofMillis(500);
    static final Duration MAX_RESTART_DELAY = Duration.ofSeconds(30);
    /** A node that ran this long before it crashed gets its restart backoff reset. */
    static final Duration STABLE_RUN = Duration.ofSeconds(60);
    private static final int LOG_TAIL_LINES = 5;

    private final NodeStore store;
    private final PortAllocator ports;
    private final EngineCommand engine;
    private final Runnable onChange;
    private final ConcurrentHashMap<String, SupervisedNode> nodes = new ConcurrentHashMap<>();
    private final Object allocationLock = new Object();
    private final ScheduledExecutorService ticker;
    // probes block on sockets for up to PING_TIMEOUT; virtual threads keep one slow node from delaying others
    private final ExecutorService checks = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("node-check-", 0).factory());
    private volatile boolean closed;

    /**
     * @param onChange called whenever a node's state, process or generation changes (not on every
     *                 health check), so that the status stream can report it at once
     */
    public NodeSupervisor(NodeStore store, PortAllocator ports, EngineCommand engine, Runnable onChange) {
        this.store = store;
        this.ports = ports;
        this.engine = engine;
        this.onChange = onChange;
        this.ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("node-supervisor").daemon(true).factory());
    }

    /**
     * Takes over the nodes recorded in the data directory: a node whose process still runs is adopted
     * as it is; any other is started again on its recorded port. Then begins health checks.
     */
    public void start() {
        for (String nodeId : store.nodeIds()) {
            NodeRecord record;
            try {
                record = store.load(nodeId);
            } catch (IOException e) {
                log.warn("Ignoring {}: {}", store.nodeDir(nodeId), e.getMessage());
                continue;
            }
            SupervisedNode node = new SupervisedNode(record.spec(), record.port());
            node.lock.lock();
            try {
                nodes.put(nodeId, node);
                resume(node, record);
            } catch (RuntimeException e) {
                log.error("Could not resume node {}", nodeId, e);
            } finally {
                node.lock.unlock();
            }
        }
        ticker.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Ensures the node exists and runs the given generation (or a newer one). Idempotent: for a known
     * node and a generation not newer than the one it has, this only returns the observed state.
     *
     * @throws NoFreePortException   the spec leaves the port to the agent and none is free
     * @throws PortConflictException the spec asks for a port that another node has
     */
    public ObservedNode ensureNode(DesiredNode desired) {
        requireOpen();
        while (true) {
            SupervisedNode node = nodes.get(desired.nodeId());
            if (node == null) {
                node = createLocked(desired);
                if (node == null) {
                    continue; // another call created it meanwhile; treat it as known
                }
                try {
                    log.info("Creating node {} ({} {}, port {}, generation {})", node.id, desired.engine().flag(),
                            desired.engineVersion().isEmpty() ? "default version" : desired.engineVersion(),
                            node.port, desired.generation());
                    launch(node);
                    return node.observed;
                } finally {
                    node.lock.unlock();
                }
            }
            node.lock.lock();
            try {
                if (node.removed) {
                    continue; // removed while we waited: the caller wants it to exist, so create it anew
                }
                if (desired.generation() > node.spec.generation()) {
                    if (node.spec.canApplyLive(desired)) {
                        applyLive(node, desired);
                    } else {
                        reconfigure(node, desired);
                    }
                }
                return node.observed;
            } finally {
                node.lock.unlock();
            }
        }
    }

    /**
     * Restarts the node's process on its port from {@code desired} when that spec is newer than the
     * node's (a reboot); idempotent per generation, so a retried call does not restart it twice.
     *
     * @throws NodeNotFoundException the agent has no such node
     */
    public ObservedNode rebootNode(DesiredNode desired) {
        requireOpen();
        SupervisedNode node = nodes.get(desired.nodeId());
        if (node == null) {
            throw new NodeNotFoundException(desired.nodeId());
        }
        node.lock.lock();
        try {
            if (node.removed) {
                throw new NodeNotFoundException(desired.nodeId());
            }
            if (desired.generation() > node.spec.generation()) {
                log.info("Rebooting node {} (generation {})", node.id, desired.generation());
                reconfigure(node, desired);
            }
            return node.observed;
        } finally {
            node.lock.unlock();
        }
    }

    /**
     * Ensures the node is gone: its process stopped (and really exited) and its directory deleted.
     *
     * @return true when there was something to remove
     */
    public boolean ensureRemoved(String nodeId) {
        DesiredNode.requireValidNodeId(nodeId);
        requireOpen();
        SupervisedNode node = nodes.get(nodeId);
        if (node == null) {
            return removeOrphan(nodeId);
        }
        node.lock.lock();
        try {
            if (node.removed) {
                return false;
            }
            log.info("Removing node {}", nodeId);
            observe(node, NodeState.STOPPING, "removing");
            stopProcess(node);
            node.removed = true;
            synchronized (allocationLock) {
                nodes.remove(nodeId, node);
            }
            store.delete(nodeId);
        } finally {
            node.lock.unlock();
        }
        log.info("Removed node {}", nodeId);
        notifyChange();
        return true;
    }

    /** The observed state of every node, sorted by id. */
    public List<ObservedNode> nodes() {
        return nodes.values().stream()
                .map(node -> node.observed)
                .sorted(Comparator.comparing(ObservedNode::nodeId))
                .toList();
    }

    public Optional<ObservedNode> node(String nodeId) {
        return Optional.ofNullable(nodes.get(nodeId)).map(node -> node.observed);
    }

    /** Stops supervising; node processes keep running (a later agent re-adopts them). */
    @Override
    public void close() {
        closed = true;
        ticker.shutdownNow();
        checks.shutdown();
        try {
            ticker.awaitTermination(2, TimeUnit.SECONDS);
            checks.awaitTermination(2 * PING_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops every node process and waits until they have exited; their directories stay, so that the
     * next agent on this data directory starts them again. For local/dev mode, after {@link #close()}.
     */
    public void stopNodes() {
        closed = true;
        List<Thread> stoppers = nodes.values().stream()
                .map(node -> Thread.ofVirtual().name("node-stop-" + node.id).start(() -> {
                    node.lock.lock();
                    try {
                        if (!node.removed && node.process != null && node.process.isAlive()) {
                            observe(node, NodeState.STOPPING, "agent is shutting down");
                            stopProcess(node);
                            log.info("Stopped node {}", node.id);
                        }
                    } catch (RuntimeException e) {
                        log.error("Could not stop node {}", node.id, e);
                    } finally {
                        node.lock.unlock();
                    }
                }))
                .toList();
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // ---- steps (each runs under the node's lock) ----

    /** Registers a new node with its port and persists it before any process exists; returns it locked. */
    private SupervisedNode createLocked(DesiredNode desired) {
        synchronized (allocationLock) {
            if (nodes.containsKey(desired.nodeId())) {
                return null;
            }
            int port = assignPort(desired.port(), desired.nodeId());
            SupervisedNode node = new SupervisedNode(desired, port);
            node.lock.lock();
            try {
                // persisted first: if the agent dies right after starting the process, the next one
                // knows the node and its port, and finds the process by its command line
                store.save(NodeRecord.notStarted(desired, port));
            } catch (RuntimeException e) {
                node.lock.unlock();
                throw e;
            }
            nodes.put(node.id, node);
            return node;
        }
    }

    /** The engine's exit code when its port is taken (EngineMain.EXIT_ADDRESS_IN_USE). */
    static final int ENGINE_EXIT_ADDRESS_IN_USE = 98;

    /**
     * Moves a node whose port the agent chose to another free port, after another program took
     * the first one; the new port is persisted and reported, and the control plane records it.
     */
    private String movePort(SupervisedNode node) {
        synchronized (allocationLock) {
            Set<Integer> taken = nodes.values().stream().map(other -> other.port).collect(Collectors.toSet());
            try {
                int old = node.port;
                node.port = ports.allocate(taken);
                persist(node);
                log.info("Node {} moves from port {} to port {}", node.id, old, node.port);
                return "moved to port " + node.port;
            } catch (RuntimeException e) {
                return "no other free port (" + e.getMessage() + ")";
            }
        }
    }

    /** Holds {@link #allocationLock}. */
    private int assignPort(int requested, String nodeId) {
        if (requested != 0) {
            nodes.values().stream()
                    .filter(other -> other.port == requested && !other.id.equals(nodeId))
                    .findFirst()
                    .ifPresent(other -> {
                        throw new PortConflictException("port " + requested + " is already assigned to node " + other.id);
                    });
            return requested;
        }
        Set<Integer> assigned = nodes.values().stream()
                .filter(other -> !other.id.equals(nodeId))
                .map(other -> other.port)
                .collect(Collectors.toSet());
        return ports.allocate(assigned);
    }

    private void resume(SupervisedNode node, NodeRecord record) {
        Optional<NodeProcess> found = NodeProcess.adopt(record.pid(), node.id, node.port)
                .or(() -> NodeProcess.find(node.id, node.port));
        if (found.isEmpty()) {
            log.info("Node {} is not running; starting it on port {}", node.id, node.port);
            launch(node);
            return;
        }
        NodeProcess process = found.get();
        boolean recorded = process.pid() == record.pid();
        node.process = process;
        // an unrecorded pid means the agent died right after starting it, from the recorded spec
        node.processGeneration = recorded ? record.processGeneration() : record.spec().generation();
        node.startedAtMillis = recorded && record.startedAtMillis() > 0
                ? record.startedAtMillis()
                : process.startInstant().map(Instant::toEpochMilli).orElse(System.currentTimeMillis());
        if (!recorded) {
            persist(node);
        }
        watchExit(node, process);
        if (node.spec.generation() > node.processGeneration) {
            log.info("Node {} runs generation {} but generation {} is wanted; restarting it", node.id,
                    node.processGeneration, node.spec.generation());
            observe(node, NodeState.STOPPING, "restarting with generation " + node.spec.generation());
            stopProcess(node);
            launch(node);
            return;
        }
        log.info("Adopted node {} (pid {}, port {}, generation {})", node.id, process.pid(), node.port,
                node.processGeneration);
        // probe now, so that the registration that follows reports adopted nodes as they are
        if (PingProbe.healthy(node.spec.engine(), node.port, PING_TIMEOUT) && applyParameters(node)) {
            node.runningSinceNanos = System.nanoTime();
            observe(node, NodeState.RUNNING, "adopted");
            node.nextCheckNanos = System.nanoTime() + RUNNING_CHECK_INTERVAL.toNanos();
        } else {
            observe(node, NodeState.STARTING, "adopted; waiting for PING");
            node.nextCheckNanos = System.nanoTime() + STARTING_CHECK_INTERVAL.toNanos();
        }
    }

    /**
     * A newer spec that changes only parameters and memory: applied to the running process with
     * CONFIG SET, no restart. A node that is not running takes the new spec when it next answers
     * PING (every start applies the spec's directives).
     */
    private void applyLive(SupervisedNode node, DesiredNode desired) {
        log.info("Node {}: applying generation {} (was {}) to the running process", node.id, desired.generation(),
                node.spec.generation());
        node.spec = desired;
        if (node.observed.state() == NodeState.RUNNING && node.process != null && node.process.isAlive()) {
            applyParameters(node);
        }
        node.processGeneration = desired.generation();
        persist(node);
        observe(node, node.observed.state(), "applied generation " + desired.generation() + " without a restart");
    }

    /** The directives of a spec: its parameters and its memory limit. */
    private static Map<String, String> directives(DesiredNode spec) {
        Map<String, String> directives = new TreeMap<>(spec.parameters());
        directives.put("maxmemory", Long.toString(spec.maxMemoryBytes()));
        return directives;
    }

    /**
     * Applies the spec's directives to the running process; the ones the engine refuses are recorded
     * for the status. False when the node could not be reached (it is not ready after all).
     */
    private boolean applyParameters(SupervisedNode node) {
        try {
            Map<String, String> refused = node.spec.engine().resp()
                    ? EngineConfigClient.apply(node.port, directives(node.spec), CONFIG_TIMEOUT)
                    : MemcachedAdminClient.apply(node.port, store.adminTokenFile(node.id), directives(node.spec),
                            node.spec.autoDiscovery(), CONFIG_TIMEOUT);
            if (!refused.isEmpty() && !refused.equals(node.unapplied)) {
                log.info("Node {} runs without parameters the engine does not accept: {}", node.id, refused);
            }
            node.unapplied = Map.copyOf(refused);
            return true;
        } catch (IOException | RuntimeException e) {
            log.debug("Node {}: could not apply parameters yet: {}", node.id, e.toString());
            return false;
        }
    }

    private void reconfigure(SupervisedNode node, DesiredNode desired) {
        if (desired.port() != 0 && desired.port() != node.port) {
            synchronized (allocationLock) {
                node.port = assignPort(desired.port(), node.id);
            }
        }
        log.info("Node {}: applying generation {} (was {}); restarting it on port {}", node.id,
                desired.generation(), node.spec.generation(), node.port);
        node.spec = desired;
        persist(node); // if the agent dies now, the next one sees the newer spec and restarts the node
        observe(node, NodeState.STOPPING, "restarting with generation " + desired.generation());
        stopProcess(node);
        node.consecutiveFailures = 0;
        launch(node);
    }

    private void launch(SupervisedNode node) {
        DesiredNode spec = node.spec;
        Path logFile = store.logFile(node.id);
        NodeProcess process;
        try {
            NodeProcess.writeLogMarker(logFile, "starting node " + node.id + " generation " + spec.generation()
                    + " on port " + node.port + " at " + Instant.now());
            Path tokenFile = spec.engine() == Engine.MEMCACHED ? store.adminTokenFile(node.id) : null;
            process = NodeProcess.launch(engine.command(spec, node.port, tokenFile), store.nodeDir(node.id), logFile);
        } catch (IOException | UncheckedIOException e) {
            scheduleRestart(node, "could not start the engine process: " + e.getMessage());
            return;
        }
        node.process = process;
        node.unapplied = Map.of();
        node.processGeneration = spec.generation();
        node.startedAtMillis = System.currentTimeMillis();
        node.restartAtNanos = 0;
        node.missedPings = 0;
        node.runningSinceNanos = 0;
        persist(node);
        watchExit(node, process);
        observe(node, NodeState.STARTING, "started; waiting for PING");
        node.nextCheckNanos = System.nanoTime() + STARTING_CHECK_INTERVAL.toNanos();
    }

    private void check(SupervisedNode node) {
        if (!node.lock.tryLock()) {
            node.nextCheckNanos = System.nanoTime() + TICK.toNanos(); // an apply or remove is at work
            return;
        }
        try {
            if (node.removed || closed) {
                return;
            }
            node.exitSignalled.set(false);
            long now = System.nanoTime();
            NodeProcess process = node.process;
            if (process == null || !process.isAlive()) {
                if (node.restartAtNanos == 0) {
                    String tail = NodeProcess.logTail(store.logFile(node.id), LOG_TAIL_LINES);
                    String how = process == null ? "no process" : "process " + process.pid() + " " + process.exitDescription();
                    if (process != null && process.exitCode().orElse(0) == ENGINE_EXIT_ADDRESS_IN_USE && node.spec.port() == 0) {
                        how += "; another program holds port " + node.port + ": " + movePort(node);
                    }
                    scheduleRestart(node, how + (tail.isEmpty() ? "" : "; last log lines: " + tail));
                } else if (now - node.restartAtNanos >= 0) {
                    log.info("Restarting node {} on port {} (attempt {})", node.id, node.port, node.consecutiveFailures);
                    launch(node);
                } else {
                    node.nextCheckNanos = node.restartAtNanos;
                }
                return;
            }
            NodeState state = node.observed.state();
            if (PingProbe.healthy(node.spec.engine(), node.port, PING_TIMEOUT)) {
                node.missedPings = 0;
                if (state != NodeState.RUNNING) {
                    if (!process.isAdopted() && !PingProbe.isProcess(node.spec.engine(), node.port, process.pid(), PING_TIMEOUT)) {
                        // something else answers on the port (our process may be failing to bind it)
                        node.nextCheckNanos = System.nanoTime() + STARTING_CHECK_INTERVAL.toNanos();
                        return;
                    }
                    if (!applyParameters(node)) {
                        node.nextCheckNanos = System.nanoTime() + STARTING_CHECK_INTERVAL.toNanos();
                        return;
                    }
                    node.runningSinceNanos = now;
                    observe(node, NodeState.RUNNING, "");
                }
                node.nextCheckNanos = System.nanoTime() + RUNNING_CHECK_INTERVAL.toNanos();
            } else if (state == NodeState.STARTING) {
                node.nextCheckNanos = System.nanoTime() + STARTING_CHECK_INTERVAL.toNanos();
            } else {
                node.missedPings++;
                if (state == NodeState.RUNNING && node.missedPings >= MISSED_PINGS_BEFORE_FAILED) {
                    // not restarted: a node busy with a long command would lose its data for nothing;
                    // replacing it is the control plane's call
                    observe(node, NodeState.FAILED, "process " + process.pid() + " is running but has not answered "
                            + node.missedPings + " PINGs in a row");
                }
                node.nextCheckNanos = System.nanoTime() + UNRESPONSIVE_CHECK_INTERVAL.toNanos();
            }
        } finally {
            node.lock.unlock();
        }
    }

    private void scheduleRestart(SupervisedNode node, String reason) {
        long now = System.nanoTime();
        if (node.runningSinceNanos != 0 && now - node.runningSinceNanos >= STABLE_RUN.toNanos()) {
            node.consecutiveFailures = 0;
        }
        node.runningSinceNanos = 0;
        node.consecutiveFailures++;
        long delay = FIRST_RESTART_DELAY.toMillis() << Math.min(node.consecutiveFailures - 1, 16);
        delay = Math.min(delay, MAX_RESTART_DELAY.toMillis());
        node.restartAtNanos = now + TimeUnit.MILLISECONDS.toNanos(delay);
        node.nextCheckNanos = node.restartAtNanos;
        observe(node, NodeState.FAILED, reason + " (restarting in " + delay + " ms)");
    }

    private void stopProcess(SupervisedNode node) {
        NodeProcess process = node.process;
        if (process != null && !process.stop(STOP_GRACE)) {
            observe(node, NodeState.FAILED, "process " + process.pid() + " did not exit after SIGKILL");
            throw new IllegalStateException("node " + node.id + ": process " + process.pid() + " did not exit");
        }
    }

    private boolean removeOrphan(String nodeId) {
        if (!store.exists(nodeId)) {
            return false;
        }
        // a directory the agent could not read at start (or could not delete last time)
        log.info("Removing leftover directory of node {}", nodeId);
        NodeProcess.find(nodeId, -1).ifPresent(process -> process.stop(STOP_GRACE));
        store.delete(nodeId);
        return true;
    }

    private void watchExit(SupervisedNode node, NodeProcess process) {
        process.onExit().thenRun(() -> node.exitSignalled.set(true));
    }

    private void persist(SupervisedNode node) {
        NodeProcess process = node.process;
        try {
            store.save(new NodeRecord(node.spec, node.port, process == null ? 0 : process.pid(),
                    node.processGeneration, node.startedAtMillis));
        } catch (UncheckedIOException e) {
            // the process runs regardless; a later agent would find it by its command line
            log.error("Could not record the state of node {}: {}", node.id, e.getMessage());
        }
    }

    private void observe(SupervisedNode node, NodeState state, String message) {
        NodeProcess process = node.process;
        ObservedNode next = new ObservedNode(node.id, state, node.port, process == null ? 0 : process.pid(),
                node.processGeneration, message, node.startedAtMillis, node.unapplied);
        ObservedNode previous = node.observed;
        node.observed = next;
        if (previous.state() != next.state() || previous.pid() != next.pid() || previous.port() != next.port()
                || previous.generation() != next.generation()
                || !previous.unappliedParameters().equals(next.unappliedParameters())) {
            if (state == NodeState.FAILED) {
                log.warn("Node {} FAILED: {}", node.id, message);
            } else {
                log.info("Node {} {} (port {}, pid {}, generation {})", node.id, state, next.port(), next.pid(),
                        next.generation());
            }
            notifyChange();
        }
    }

    private void notifyChange() {
        try {
            onChange.run();
        } catch (RuntimeException e) {
            log.warn("Status listener failed", e);
        }
    }

    private void tick() {
        long now = System.nanoTime();
        for (SupervisedNode node : nodes.values()) {
            boolean due = node.exitSignalled.get() || now - node.nextCheckNanos >= 0;
            if (due && node.checkQueued.compareAndSet(false, true)) {
                try {
                    checks.execute(() -> {
                        try {
                            check(node);
                        } catch (RuntimeException e) {
                            log.error("Health check of node {} failed", node.id, e);
                            node.nextCheckNanos = System.nanoTime() + RUNNING_CHECK_INTERVAL.toNanos();
                        } finally {
                            node.checkQueued.set(false);
                        }
                    });
                } catch (RejectedExecutionException e) {
                    node.checkQueued.set(false); // shutting down
                }
            }
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new ShuttingDownException();
        }
    }

    /** One node's supervision state. Fields without volatile are guarded by {@link #lock}. */
    private static final class SupervisedNode {
        final String id;
        final ReentrantLock lock = new ReentrantLock();
        final AtomicBoolean checkQueued = new AtomicBoolean();
        final AtomicBoolean exitSignalled = new AtomicBoolean();
        volatile long nextCheckNanos = System.nanoTime();
        volatile int port; // read by other nodes' port assignment under allocationLock
        volatile ObservedNode observed;
        DesiredNode spec;
        NodeProcess process;
        long processGeneration;
        long startedAtMillis;
        int consecutiveFailures;
        long restartAtNanos;
        long runningSinceNanos;
        int missedPings;
        boolean removed;
        /** Directives of the spec the running process refused. */
        volatile Map<String, String> unapplied = Map.of();

        SupervisedNode(DesiredNode spec, int port) {
            this.id = spec.nodeId();
            this.spec = spec;
            this.port = port;
            this.observed = new ObservedNode(id, NodeState.STARTING, port, 0, 0, "starting", 0);
        }
    }
}

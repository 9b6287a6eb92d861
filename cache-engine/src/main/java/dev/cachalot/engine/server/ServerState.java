package dev.cachalot.engine.server;

import dev.cachalot.engine.notify.KeyspaceNotifier;
import dev.cachalot.engine.EngineConfig;
import dev.cachalot.engine.config.ConfigParam;
import dev.cachalot.engine.config.ConfigRegistry;
import dev.cachalot.engine.config.CoreParams;
import dev.cachalot.engine.command.CommandDispatcher;
import dev.cachalot.engine.metrics.Monitors;
import dev.cachalot.engine.metrics.ServerMetrics;
import dev.cachalot.engine.pubsub.PubSub;
import dev.cachalot.engine.session.WatchTable;
import dev.cachalot.engine.tracking.Tracking;
import dev.cachalot.engine.command.CommandTable;
import dev.cachalot.engine.metrics.EngineStats;
import dev.cachalot.engine.session.ClientRegistry;
import dev.cachalot.engine.store.Keyspace;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * What every command can see of the node: configuration, keyspace, counters, clients and the command
 * table. Confined to the data thread, apart from the immutable parts.
 */
public final class ServerState {

    /** Redis's server.hz default: the active expiry cycle runs 10 times a second. */
    public static final int HZ = 10;

    private final EngineConfig config;
    private final Keyspace keyspace;
    private final EngineStats stats = new EngineStats();
    private final ClientRegistry clients = new ClientRegistry();
    private final WatchTable watches = new WatchTable();
    private final PubSub pubsub = new PubSub();
    private final Tracking tracking;
    private final KeyspaceNotifier notifier;
    private final ServerMetrics metrics = new ServerMetrics();
    private final Monitors monitors = new Monitors();
    private final dev.cachalot.engine.session.ClientPause pause = new dev.cachalot.engine.session.ClientPause();
    private final CommandDispatcher dispatcher;
    private io.netty.util.concurrent.EventExecutor executor;
    private final CommandTable commands;
    private final String runId;
    private final long startMs = System.currentTimeMillis();
    private final String multiplexingApi;
    private final ConfigRegistry params = new ConfigRegistry();
    private final CoreParams core;
    private final dev.cachalot.engine.command.Blocking blocking = new dev.cachalot.engine.command.Blocking(this);
    private int port;
    private boolean activeExpire = true;

    public ServerState(EngineConfig config, Keyspace keyspace, CommandTable commands, String multiplexingApi) {
        this.config = config;
        this.keyspace = keyspace;
        this.commands = commands;
        this.multiplexingApi = multiplexingApi;
        this.core = new CoreParams(params, config, () -> port);
        this.tracking = new Tracking(clients, core.trackingTableMaxKeys::longValue, this::scheduleTrackingBroadcast);
        this.notifier = new KeyspaceNotifier(keyspace, watches, tracking, pubsub, core.notifyKeyspaceEvents);
        keyspace.notifier(notifier);
        registerDataParams(keyspace.config());
        this.dispatcher = new CommandDispatcher(this);
        byte[] id = new byte[20];
        new SecureRandom().nextBytes(id);
        this.runId = HexFormat.of().formatHex(id);
    }

    /**
     * The data layer's parameters (eviction policy and sampling, LFU, the encodings' thresholds) in the
     * node's registry, so that CONFIG GET/SET and the agent see one set: values live in {@link
     * dev.cachalot.engine.store.DataConfig}; CONFIG SET checks every pair before it applies any.
     */
    private void registerDataParams(dev.cachalot.engine.store.DataConfig data) {
        for (String name : data.names()) {
            ConfigParam p = ConfigParam.special(name, data.get(name), text -> {
                String reason = data.check(name, text);
                if (reason != null) {
                    throw new ConfigParam.InvalidValue(reason);
                }
                return text;
            }, v -> data.get(name)).getter(() -> data.get(name)).onChange(c -> data.set(name, (String) c.value()));
            data.aliasesOf(name).forEach(p::alias);
            params.add(p);
        }
    }

    public EngineConfig config() {
        return config;
    }

    public Keyspace keyspace() {
        return keyspace;
    }

    public EngineStats stats() {
        return stats;
    }

    /** Where data commands and the store report changed keys and keyspace events. */
    public KeyspaceNotifier notifier() {
        return notifier;
    }

    public ClientRegistry clients() {
        return clients;
    }

    public CommandTable commands() {
        return commands;
    }

    public String runId() {
        return runId;
    }

    public long startMs() {
        return startMs;
    }

    public String multiplexingApi() {
        return multiplexingApi;
    }

    /** Every CONFIG parameter; components register theirs here at start-up. */
    public ConfigRegistry params() {
        return params;
    }

    /** The server/protocol/session parameters, as typed handles. */
    public CoreParams core() {
        return core;
    }

    public long maxmemory() {
        return core.maxmemory.longValue();
    }

    public void maxmemory(long bytes) {
        core.maxmemory.set(Long.toString(bytes));
    }

    /** Clients blocked in BLPOP and friends, and their wake-ups. */
    public dev.cachalot.engine.command.Blocking blocking() {
        return blocking;
    }

    /** The data thread as a scheduler (blocking-command timeouts). */
    public java.util.concurrent.ScheduledExecutorService scheduler() {
        return executor;
    }

    /** The port actually listened on (differs from the configured one when that was 0). */
    public int port() {
        return port;
    }

    void port(int port) {
        this.port = port;
    }

    /** CONFIG RESETSTAT: the counters of INFO stats, commandstats, errorstats and latencystats. */
    public void resetStats() {
        stats.reset();
        keyspace.stats().reset();
        commands.resetStats();
        metrics.resetErrors();
    }

    public WatchTable watches() {
        return watches;
    }

    public PubSub pubsub() {
        return pubsub;
    }

    public Tracking tracking() {
        return tracking;
    }

    /** Slowlog, latency monitor, per-error counters. */
    public ServerMetrics metrics() {
        return metrics;
    }

    public Monitors monitors() {
        return monitors;
    }

    /** The gate (EXEC runs queued commands through it). */
    public CommandDispatcher dispatcher() {
        return dispatcher;
    }

    /** The data thread's executor, for work to run after the current batch. */
    public io.netty.util.concurrent.EventExecutor executor() {
        return executor;
    }

    void executor(io.netty.util.concurrent.EventExecutor e) {
        this.executor = e;
        pause.scheduler((task, ms) -> e.schedule(task, ms, java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    /** CLIENT PAUSE state. */
    public dev.cachalot.engine.session.ClientPause pause() {
        return pause;
    }

    private void scheduleTrackingBroadcast() {
        if (executor != null) {
            executor.execute(tracking::broadcast);
        }
    }

    /** DEBUG SET-ACTIVE-EXPIRE: whether the background expiry cycle runs. */
    public boolean activeExpire() {
        return activeExpire;
    }

    public void activeExpire(boolean on) {
        this.activeExpire = on;
    }
}

package dev.cachalot.engine.server;

import dev.cachalot.engine.notify.KeyspaceNotifier;
import dev.cachalot.engine.EngineConfig;
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
    private final KeyspaceNotifier notifier = new KeyspaceNotifier();
    private final CommandTable commands;
    private final String runId;
    private final long startMs = System.currentTimeMillis();
    private final String multiplexingApi;
    private long maxmemory;
    private final dev.cachalot.engine.command.Blocking blocking = new dev.cachalot.engine.command.Blocking(this);
    private java.util.concurrent.ScheduledExecutorService scheduler;
    private int port;

    public ServerState(EngineConfig config, Keyspace keyspace, CommandTable commands, String multiplexingApi) {
        this.config = config;
        this.keyspace = keyspace;
        this.commands = commands;
        this.multiplexingApi = multiplexingApi;
        this.maxmemory = config.maxmemory();
        keyspace.notifier(notifier);
        byte[] id = new byte[20];
        new SecureRandom().nextBytes(id);
        this.runId = HexFormat.of().formatHex(id);
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

    public long maxmemory() {
        return maxmemory;
    }

    public void maxmemory(long bytes) {
        this.maxmemory = bytes;
    }

    /** Clients blocked in BLPOP and friends, and their wake-ups. */
    public dev.cachalot.engine.command.Blocking blocking() {
        return blocking;
    }

    /** The data thread as a scheduler (blocking-command timeouts). */
    public java.util.concurrent.ScheduledExecutorService scheduler() {
        return scheduler;
    }

    void scheduler(java.util.concurrent.ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** The port actually listened on (differs from the configured one when that was 0). */
    public int port() {
        return port;
    }

    void port(int port) {
        this.port = port;
    }
}

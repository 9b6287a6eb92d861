package dev.cachalot.engine.memcached;

import dev.cachalot.engine.EngineConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What every connection of a memcached node shares: the items, the counters, the clock, the
 * settings (some changeable at run time through the admin {@code config set}), the Auto Discovery
 * configuration and the open connections. Confined to the node's event-loop thread, apart from the
 * immutable parts.
 */
final class MemcachedNode {

    /** memcached's default -m: 64 MiB. */
    static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    final EngineConfig config;
    final MemcachedOptions options;
    final MemcachedClock clock = new MemcachedClock();
    final MemcachedStats stats = new MemcachedStats();
    final ItemStore store;
    final String version;
    final long startMillis = System.currentTimeMillis();
    final Set<MemcachedConnection> connections = new LinkedHashSet<>();
    /** SASL PLAIN users and passwords; empty when authentication is off. */
    final Map<String, byte[]> saslUsers;
    private final byte[] adminToken;
    int port;
    int verbosity;
    int idleTimeout;
    boolean metaResponseOld;
    private long nextConnectionId = 10; // memcached's first client fd is about there; stats conns shows these ids

    /** Auto Discovery: the version and node list of the cluster, null until the control plane sets one. */
    private long clusterVersion = -1;
    private byte[] clusterReply;

    MemcachedNode(EngineConfig config) {
        this.config = config;
        this.options = config.memcached();
        this.version = config.engineVersion();
        long maxBytes = config.maxmemory() > 0 ? config.maxmemory() : DEFAULT_MAX_BYTES;
        this.store = new ItemStore(clock, stats, options, maxBytes);
        this.idleTimeout = options.idleTimeout();
        this.metaResponseOld = options.metaResponseOld();
        this.saslUsers = options.saslPasswordFile() == null ? Map.of() : readPasswordFile(Path.of(options.saslPasswordFile()));
        this.adminToken = options.adminTokenFile() == null ? null : readToken(Path.of(options.adminTokenFile()));
    }

    boolean saslEnabled() {
        return options.saslPasswordFile() != null;
    }

    long nextConnectionId() {
        return nextConnectionId++;
    }

    /** memcached's {@code user:password} file format (one per line, '#' comments). */
    static Map<String, byte[]> readPasswordFile(Path file) {
        Map<String, byte[]> users = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("bad line in " + file + ": expected user:password");
                }
                users.put(line.substring(0, colon), line.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SASL password file " + file, e);
        }
        return Map.copyOf(users);
    }

    private static byte[] readToken(Path file) {
        try {
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (token.isEmpty() || token.contains(" ")) {
                throw new IllegalArgumentException("admin token file " + file + " must hold one token");
            }
            return token.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read admin token file " + file, e);
        }
    }

    boolean adminTokenMatches(byte[] token) {
        return adminToken != null && MessageDigest.isEqual(adminToken, token);
    }

    boolean checkSasl(String user, byte[] password) {
        byte[] expected = saslUsers.get(user);
        return expected != null && MessageDigest.isEqual(expected, password);
    }

    // ---- Auto Discovery ----

    /** The reply to {@code config get cluster}, or null when no configuration was set. */
    byte[] clusterReply() {
        return clusterReply;
    }

    long clusterVersion() {
        return clusterVersion;
    }

    /**
     * Sets the cluster configuration from its wire form ({@code <version>\n<host|ip|port> ...\n}).
     *
     * @return false when {@code version} is older than the one the node has (a late, reordered push)
     * @throws IllegalArgumentException when the payload is malformed
     */
    boolean setClusterConfig(String payload) {
        String[] lines = payload.split("\n", -1);
        if (lines.length < 2 || !lines[0].matches("[0-9]{1,18}")) {
            throw new IllegalArgumentException("expected <version>\\n<host|ip|port ...>\\n");
        }
        long version = Long.parseLong(lines[0]);
        String nodes = lines[1].strip();
        for (String node : nodes.isEmpty() ? new String[0] : nodes.split(" +")) {
            String[] parts = node.split("\\|", -1);
            if (parts.length != 3 || parts[0].isEmpty() || !parts[2].matches("[0-9]{1,5}")) {
                throw new IllegalArgumentException("bad node entry '" + node + "': expected host|ip|port");
            }
        }
        if (version < clusterVersion) {
            return false;
        }
        clusterVersion = version;
        byte[] data = (version + "\n" + nodes + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] head = ("CONFIG cluster 0 " + data.length + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\r\nEND\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] reply = new byte[head.length + data.length + tail.length];
        System.arraycopy(head, 0, reply, 0, head.length);
        System.arraycopy(data, 0, reply, head.length, data.length);
        System.arraycopy(tail, 0, reply, head.length + data.length, tail.length);
        clusterReply = reply;
        return true;
    }

    // ---- run-time settings (config set) ----

    /** The settings {@code config set} accepts, as the node's command-line options name them. */
    static final List<String> SETTINGS = List.of("maxmemory", "max-item-size", "chunk-size", "growth-factor",
            "idle-timeout", "cas-disabled", "error-on-memory-exhausted", "expirezero-does-not-evict",
            "meta-response-old");

    /**
     * Applies one setting; returns null when done, or the reason it was refused (memcached cannot
     * change slab geometry or CAS without a restart, so those only accept the value the node runs with).
     */
    String setSetting(String name, String value) {
        try {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "maxmemory" -> {
                    long bytes = Long.parseLong(value);
                    if (bytes < 0) {
                        return "maxmemory must not be negative";
                    }
                    store.maxBytes(bytes == 0 ? DEFAULT_MAX_BYTES : bytes);
                }
                case "max-item-size" -> {
                    long size = MemcachedOptions.size(name, value);
                    if (size < MemcachedOptions.MIN_ITEM_SIZE || size > MemcachedOptions.MAX_ITEM_SIZE) {
                        return "max-item-size must be between 1k and 1g";
                    }
                    store.maxItemSize = size;
                }
                case "chunk-size" -> {
                    if (Integer.parseInt(value) != options.chunkSize()) {
                        return "chunk-size takes effect when the node restarts";
                    }
                }
                case "growth-factor" -> {
                    if (Double.parseDouble(value) != options.growthFactor()) {
                        return "growth-factor takes effect when the node restarts";
                    }
                }
                case "cas-disabled" -> {
                    if (MemcachedOptions.bool(name, value) != options.casDisabled()) {
                        return "cas-disabled takes effect when the node restarts";
                    }
                }
                case "idle-timeout" -> {
                    int seconds = Integer.parseInt(value);
                    if (seconds < 0) {
                        return "idle-timeout must not be negative";
                    }
                    idleTimeout = seconds;
                }
                case "error-on-memory-exhausted" -> store.errorOnMemoryExhausted = MemcachedOptions.bool(name, value);
                case "expirezero-does-not-evict" -> store.expireZeroDoesNotEvict = MemcachedOptions.bool(name, value);
                case "meta-response-old" -> metaResponseOld = MemcachedOptions.bool(name, value);
                default -> {
                    return "unknown setting " + name;
                }
            }
        } catch (IllegalArgumentException e) {
            return "bad value for " + name + ": " + value;
        }
        return null;
    }

    /** The current value of a setting, or null for an unknown one. */
    String getSetting(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "maxmemory" -> Long.toString(store.maxBytes());
            case "max-item-size" -> Long.toString(store.maxItemSize);
            case "chunk-size" -> Integer.toString(options.chunkSize());
            case "growth-factor" -> Double.toString(options.growthFactor());
            case "idle-timeout" -> Integer.toString(idleTimeout);
            case "cas-disabled" -> options.casDisabled() ? "1" : "0";
            case "error-on-memory-exhausted" -> store.errorOnMemoryExhausted ? "1" : "0";
            case "expirezero-does-not-evict" -> store.expireZeroDoesNotEvict ? "1" : "0";
            case "meta-response-old" -> metaResponseOld ? "1" : "0";
            default -> null;
        };
    }
}

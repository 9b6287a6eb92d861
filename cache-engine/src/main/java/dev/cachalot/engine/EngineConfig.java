package dev.cachalot.engine;

import dev.cachalot.engine.memcached.MemcachedOptions;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything a node is started with. {@link #parse(String...)} implements the command line that the
 * data-plane agent relies on; embedders (tests, the agent) may build one with {@link #defaults()} and
 * the {@code with…} methods instead.
 *
 * @param port          TCP port; 0 picks a free one
 * @param bind          listen address
 * @param engine        which server the node presents itself as (INFO, HELLO)
 * @param engineVersion version reported by INFO and HELLO
 * @param maxmemory     bytes; 0 = no limit (eviction arrives in a later issue)
 * @param nodeId        free-form label used in logs
 * @param ownerPid      exit when this process is gone; 0 = no owner
 * @param memcached     the settings of a memcached node (ignored by the RESP engines)
 */
public record EngineConfig(int port, String bind, Engine engine, String engineVersion, long maxmemory,
                           String nodeId, long ownerPid, MemcachedOptions memcached) {

    /** The server flavour a node imitates. */
    public enum Engine {
        REDIS("7.2.4"), VALKEY("8.1.0"),
        /** A memcached 1.6 server (text, meta and binary protocols), see {@code dev.cachalot.engine.memcached}. */
        MEMCACHED("1.6.22");

        private final String defaultVersion;

        Engine(String defaultVersion) {
            this.defaultVersion = defaultVersion;
        }

        public String defaultVersion() {
            return defaultVersion;
        }
    }

    public static final String USAGE = """
            Usage: java -jar cache-engine.jar --port N [options]
              --port N               TCP port (required; 0 = any free port, the chosen one is printed)
              --bind ADDR            listen address (default 0.0.0.0)
              --engine redis|valkey|memcached
                                     server the node is (default redis); memcached speaks the memcached protocols
              --engine-version X     version reported (default 7.2.4 redis, 8.1.0 valkey, 1.6.22 memcached)
              --maxmemory BYTES      memory limit (units kb/mb/gb accepted); memcached's -m, default 64 MiB there
            memcached only:
              --max-item-size N      largest item, -I (default 1m; k/m/g accepted)
              --chunk-size N         smallest slab chunk payload, -n (default 48)
              --growth-factor F      slab class growth factor, -f (default 1.25)
              --max-connections N    connection limit, -c (default 1024)
              --idle-timeout SECS    disconnect idle clients (default 0 = never)
              --cas-disabled 0|1     -C; --error-on-memory-exhausted 0|1: -M
              --expirezero-does-not-evict 0|1; --meta-response-old 0|1
              --sasl-password-file F user:password lines; binary protocol with SASL PLAIN only
              --admin-token-file F   token that authorises "config set" (Auto Discovery, parameters)
              --node-id ID           free-form label shown in logs
              --owner-pid PID        exit cleanly soon after that process is gone
            """;

    public EngineConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(engine, "engine");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (maxmemory < 0) {
            throw new IllegalArgumentException("maxmemory must not be negative");
        }
        if (ownerPid < 0) {
            throw new IllegalArgumentException("owner-pid must be positive");
        }
        if (engineVersion == null || engineVersion.isBlank()) {
            engineVersion = engine.defaultVersion();
        }
        nodeId = nodeId == null ? "" : nodeId;
        memcached = memcached == null ? MemcachedOptions.DEFAULTS : memcached;
    }

    /** A node with memcached's default settings (the RESP engines ignore them). */
    public EngineConfig(int port, String bind, Engine engine, String engineVersion, long maxmemory, String nodeId,
                        long ownerPid) {
        this(port, bind, engine, engineVersion, maxmemory, nodeId, ownerPid, MemcachedOptions.DEFAULTS);
    }

    /** Port 0 on the loopback address: what tests and embedders usually want. */
    public static EngineConfig defaults() {
        return new EngineConfig(0, "127.0.0.1", Engine.REDIS, null, 0, "", 0, MemcachedOptions.DEFAULTS);
    }

    public EngineConfig withPort(int port) {
        return new EngineConfig(port, bind, engine, engineVersion, maxmemory, nodeId, ownerPid, memcached);
    }

    public EngineConfig withBind(String bind) {
        return new EngineConfig(port, bind, engine, engineVersion, maxmemory, nodeId, ownerPid, memcached);
    }

    /** Switches the flavour; the version becomes that flavour's default. */
    public EngineConfig withEngine(Engine engine) {
        return new EngineConfig(port, bind, engine, null, maxmemory, nodeId, ownerPid, memcached);
    }

    public EngineConfig withEngineVersion(String engineVersion) {
        return new EngineConfig(port, bind, engine, engineVersion, maxmemory, nodeId, ownerPid, memcached);
    }

    public EngineConfig withMaxmemory(long maxmemory) {
        return new EngineConfig(port, bind, engine, engineVersion, maxmemory, nodeId, ownerPid, memcached);
    }

    public EngineConfig withNodeId(String nodeId) {
        return new EngineConfig(port, bind, engine, engineVersion, maxmemory, nodeId, ownerPid, memcached);
    }

    public EngineConfig withMemcached(MemcachedOptions memcached) {
        return new EngineConfig(port, bind, engine, engineVersion, maxmemory, nodeId, ownerPid, memcached);
    }

    public EngineConfig withOwnerPid(long ownerPid) {
        return new EngineConfig(port, bind, engine, engineVersion, maxmemory, nodeId, ownerPid, memcached);
    }

    /**
     * Parses the node command line.
     *
     * @throws IllegalArgumentException with a one-line reason for unknown options, missing values,
     *                                  malformed numbers or a missing {@code --port}
     */
    public static EngineConfig parse(String... args) {
        Integer port = null;
        String bind = "0.0.0.0";
        Engine engine = Engine.REDIS;
        String version = null;
        long maxmemory = 0;
        String nodeId = "";
        long ownerPid = 0;
        MemcachedOptions memcached = MemcachedOptions.DEFAULTS;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (!option.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + option);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--port" -> {
                    port = parseInt(option, value);
                    if (port < 0 || port > 65535) {
                        throw new IllegalArgumentException("--port out of range: " + value);
                    }
                }
                case "--bind" -> {
                    if (value.isBlank()) {
                        throw new IllegalArgumentException("--bind must not be empty");
                    }
                    bind = value;
                }
                case "--engine" -> engine = switch (value.toLowerCase(Locale.ROOT)) {
                    case "redis" -> Engine.REDIS;
                    case "valkey" -> Engine.VALKEY;
                    case "memcached" -> Engine.MEMCACHED;
                    default -> throw new IllegalArgumentException("--engine must be redis, valkey or memcached: " + value);
                };
                case "--engine-version" -> {
                    if (!value.matches("[0-9A-Za-z.+-]+")) {
                        throw new IllegalArgumentException("bad --engine-version: " + value);
                    }
                    version = value;
                }
                case "--maxmemory" -> maxmemory = parseMemory(value);
                case "--node-id" -> nodeId = value;
                case "--owner-pid" -> {
                    ownerPid = parseLong(option, value);
                    if (ownerPid <= 0) {
                        throw new IllegalArgumentException("--owner-pid must be positive: " + value);
                    }
                }
                default -> {
                    if (!MemcachedOptions.isOption(option)) {
                        throw new IllegalArgumentException("unknown option: " + option);
                    }
                    memcached = memcached.with(option, value);
                }
            }
        }
        if (port == null) {
            throw new IllegalArgumentException("--port is required");
        }
        return new EngineConfig(port, bind, engine, version, maxmemory, nodeId, ownerPid, memcached);
    }

    /** Bytes, optionally with Redis's units (k, kb, m, mb, g, gb; k = 1000, kb = 1024). */
    static long parseMemory(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        long unit = 1;
        String digits = v;
        String[][] units = {{"kb", "1024"}, {"mb", "1048576"}, {"gb", "1073741824"},
                {"k", "1000"}, {"m", "1000000"}, {"g", "1000000000"}, {"b", "1"}};
        for (String[] u : units) {
            if (v.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                digits = v.substring(0, v.length() - u[0].length());
                break;
            }
        }
        long n = parseLong("--maxmemory", digits);
        if (n < 0) {
            throw new IllegalArgumentException("--maxmemory must not be negative: " + value);
        }
        try {
            return Math.multiplyExact(n, unit);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("--maxmemory too large: " + value);
        }
    }

    private static int parseInt(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " is not a number: " + value);
        }
    }

    private static long parseLong(String option, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " is not a number: " + value);
        }
    }
}

package dev.cachalot.engine;

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
 */
public record EngineConfig(int port, String bind, Engine engine, String engineVersion, long maxmemory,
                           String nodeId, long ownerPid) {

    /** The server flavour a node imitates. */
    public enum Engine {
        REDIS("7.2.4"), VALKEY("8.1.0");

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
              --engine redis|valkey  server flavour reported by INFO/HELLO (default redis)
              --engine-version X     version reported (default 7.2.4 for redis, 8.1.0 for valkey)
              --maxmemory BYTES      memory limit, reported by INFO memory (units kb/mb/gb accepted)
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
    }

    /** Port 0 on the loopback address: what tests and embedders usually want. */
    public static EngineConfig defaults() {
        return new EngineConfig(0, "127.0.0.1", Engine.REDIS, null, 0, "", 0);
    }

    public EngineConfig withPort(int port) {
        return new EngineConfig(port, bind, engine, engineVersion, maxmemory, nodeId, ownerPid);
    }

    public EngineConfig withBind(String bind) {
        return new EngineConfig(port, bind, engine, engineVersion, maxmemory, nodeId, ownerPid);
    }

    /** Switches the flavour; the version becomes that flavour's default. */
    public EngineConfig withEngine(Engine engine) {
        return new EngineConfig(port, bind, engine, null, maxmemory, nodeId, ownerPid);
    }

    public EngineConfig withEngineVersion(String engineVersion) {
        return new EngineConfig(port, bind, engine, engineVersion, maxmemory, nodeId, ownerPid);
    }

    public EngineConfig withMaxmemory(long maxmemory) {
        return new EngineConfig(port, bind, engine, engineVersion, maxmemory, nodeId, ownerPid);
    }

    public EngineConfig withNodeId(String nodeId) {
        return new EngineConfig(port, bind, engine, engineVersion, maxmemory, nodeId, ownerPid);
    }

    public EngineConfig withOwnerPid(long ownerPid) {
        return new EngineConfig(port, bind, engine, engineVersion, maxmemory, nodeId, ownerPid);
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
                    default -> throw new IllegalArgumentException("--engine must be redis or valkey: " + value);
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
                default -> throw new IllegalArgumentException("unknown option: " + option);
            }
        }
        if (port == null) {
            throw new IllegalArgumentException("--port is required");
        }
        return new EngineConfig(port, bind, engine, version, maxmemory, nodeId, ownerPid);
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

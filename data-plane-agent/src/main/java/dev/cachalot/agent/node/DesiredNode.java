package dev.cachalot.agent.node;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The desired state of one node, as the control plane asked for it. Construction validates it,
 * so that everything downstream (directory names, the engine's command line) can trust it.
 *
 * @param engineVersion   empty = the engine's default version
 * @param port            0 = let the agent pick one from its node port range
 * @param maxMemoryBytes  0 = no limit
 * @param generation      monotonic version of the spec; a higher one replaces the running process
 *                        (or is applied to it live, when only parameters and memory changed)
 * @param parameters      engine configuration directives (CONFIG SET name to value), sorted by name
 * @param autoDiscovery   memcached only: the cluster's node list for "config get cluster"; null = none
 */
public record DesiredNode(
        String nodeId,
        Engine engine,
        String engineVersion,
        int port,
        long maxMemoryBytes,
        long generation,
        Map<String, String> parameters,
        AutoDiscovery autoDiscovery) {

    // The id names a directory and appears on the engine's command line (how re-adoption recognises
    // the process), so it must be a plain file name without separators, dots-only names or spaces.
    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern ENGINE_VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+-]{0,31}");
    // configuration directive names as Redis and Valkey spell them
    private static final Pattern PARAMETER_NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    private static final int MAX_PARAMETER_VALUE = 1024;

    public DesiredNode {
        requireValidNodeId(nodeId);
        if (engine == null) {
            throw new InvalidNodeSpecException("engine is required");
        }
        engineVersion = engineVersion == null ? "" : engineVersion;
        if (!engineVersion.isEmpty() && !ENGINE_VERSION.matcher(engineVersion).matches()) {
            throw new InvalidNodeSpecException("engine_version '" + engineVersion + "' is not a version such as 7.1.0");
        }
        if (port < 0 || port > 65535) {
            throw new InvalidNodeSpecException("port " + port + " is outside 1-65535 (0 = let the agent choose)");
        }
        if (maxMemoryBytes < 0) {
            throw new InvalidNodeSpecException("max_memory_bytes must not be negative, was " + maxMemoryBytes);
        }
        if (generation < 0) {
            throw new InvalidNodeSpecException("generation must not be negative, was " + generation);
        }
        parameters = parameters == null ? Map.of() : parameters;
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            if (!PARAMETER_NAME.matcher(p.getKey()).matches()) {
                throw new InvalidNodeSpecException("parameter name '" + p.getKey()
                        + "' must be 1-64 lowercase letters, digits or '-', starting with a letter");
            }
            if (p.getValue() == null || p.getValue().length() > MAX_PARAMETER_VALUE
                    || p.getValue().indexOf('\r') >= 0 || p.getValue().indexOf('\n') >= 0) {
                throw new InvalidNodeSpecException("parameter " + p.getKey() + " has a value that is too long or spans lines");
            }
        }
        parameters = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
        if (autoDiscovery != null && engine != Engine.MEMCACHED) {
            throw new InvalidNodeSpecException("auto_discovery applies to memcached nodes only");
        }
    }

    /** A node without Auto Discovery. */
    public DesiredNode(String nodeId, Engine engine, String engineVersion, int port, long maxMemoryBytes, long generation,
                       Map<String, String> parameters) {
        this(nodeId, engine, engineVersion, port, maxMemoryBytes, generation, parameters, null);
    }

    /** A node without engine parameters. */
    public DesiredNode(String nodeId, Engine engine, String engineVersion, int port, long maxMemoryBytes, long generation) {
        this(nodeId, engine, engineVersion, port, maxMemoryBytes, generation, Map.of());
    }

    /**
     * A memcached cluster's node list as its nodes answer "config get cluster".
     *
     * @param version increases with every change of the list
     * @param nodes   {@code host|ip|port} entries
     */
    public record AutoDiscovery(long version, java.util.List<Member> nodes) {

        private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9._:-]{1,253}");

        public AutoDiscovery {
            if (version < 0) {
                throw new InvalidNodeSpecException("auto_discovery.version must not be negative");
            }
            nodes = java.util.List.copyOf(nodes);
            for (Member m : nodes) {
                if (!FIELD.matcher(m.hostname()).matches() || !FIELD.matcher(m.ipAddress()).matches()
                        || m.port() < 1 || m.port() > 65535) {
                    throw new InvalidNodeSpecException("auto_discovery node " + m + " is not a host name, an address and a port");
                }
            }
        }

        /** The payload of "config get cluster": {@code <version>\n<host|ip|port> ...\n}. */
        public String payload() {
            return version + "\n" + nodes.stream().map(Member::entry).collect(java.util.stream.Collectors.joining(" ")) + "\n";
        }

        /** Parses {@link #payload()}. */
        public static AutoDiscovery parse(long version, String entries) {
            java.util.List<Member> members = new java.util.ArrayList<>();
            for (String e : entries.isBlank() ? new String[0] : entries.strip().split(" +")) {
                String[] p = e.split("\\|", -1);
                if (p.length != 3) {
                    throw new InvalidNodeSpecException("bad auto_discovery entry " + e);
                }
                members.add(new Member(p[0], p[1], Integer.parseInt(p[2])));
            }
            return new AutoDiscovery(version, members);
        }

        public record Member(String hostname, String ipAddress, int port) {
            String entry() {
                return hostname + "|" + ipAddress + "|" + port;
            }
        }
    }

    /**
     * Whether {@code next} differs from this spec only in what a running process can take without a
     * restart: its parameters and its memory limit (both set with CONFIG SET).
     */
    public boolean canApplyLive(DesiredNode next) {
        return engine == next.engine && engineVersion.equals(next.engineVersion)
                && (next.port == 0 || next.port == port) && Objects.equals(nodeId, next.nodeId);
    }

    /** Throws {@link InvalidNodeSpecException} unless {@code nodeId} can name a node. */
    public static void requireValidNodeId(String nodeId) {
        if (nodeId == null || nodeId.isEmpty()) {
            throw new InvalidNodeSpecException("node_id is required");
        }
        if (!NODE_ID.matcher(nodeId).matches()) {
            throw new InvalidNodeSpecException("node_id '" + nodeId
                    + "' must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    public static boolean isValidNodeId(String nodeId) {
        return nodeId != null && NODE_ID.matcher(nodeId).matches();
    }
}

package dev.cachalot.controlplane.fleet;

import dev.cachalot.controlplane.catalog.Engine;
import java.util.Map;

/**
 * The desired state of one cache node on a host.
 *
 * @param nodeName       globally unique, stable name of the node (the agent's node id)
 * @param maxMemoryBytes the engine's data memory limit
 * @param generation     version of this specification; agents report the one they applied
 * @param parameters     engine configuration directives and their values (CONFIG SET names)
 * @param autoDiscovery  memcached: the node list the node answers to "config get cluster"; null = none
 */
public record NodeSpecification(String nodeName, Engine engine, String engineVersion, long maxMemoryBytes, long generation,
                                Map<String, String> parameters, AutoDiscovery autoDiscovery) {

    public NodeSpecification {
        parameters = Map.copyOf(parameters);
    }

    public NodeSpecification(String nodeName, Engine engine, String engineVersion, long maxMemoryBytes, long generation,
                             Map<String, String> parameters) {
        this(nodeName, engine, engineVersion, maxMemoryBytes, generation, parameters, null);
    }

    /** A node without engine parameters. */
    public NodeSpecification(String nodeName, Engine engine, String engineVersion, long maxMemoryBytes, long generation) {
        this(nodeName, engine, engineVersion, maxMemoryBytes, generation, Map.of());
    }

    /** A memcached cluster's Auto Discovery list: its version and {@code host|ip|port} members. */
    public record AutoDiscovery(long version, java.util.List<Member> nodes) {

        public AutoDiscovery {
            nodes = java.util.List.copyOf(nodes);
        }

        public record Member(String hostname, String ipAddress, int port) {}

        /** The {@code host|ip|port ...} form the database keeps. */
        public String entries() {
            return nodes.stream().map(m -> m.hostname() + "|" + m.ipAddress() + "|" + m.port())
                    .collect(java.util.stream.Collectors.joining(" "));
        }

        public static AutoDiscovery parse(long version, String entries) {
            java.util.List<Member> members = new java.util.ArrayList<>();
            for (String e : entries.isBlank() ? new String[0] : entries.strip().split(" +")) {
                String[] p = e.split("\\|");
                members.add(new Member(p[0], p[1], Integer.parseInt(p[2])));
            }
            return new AutoDiscovery(version, members);
        }
    }
}

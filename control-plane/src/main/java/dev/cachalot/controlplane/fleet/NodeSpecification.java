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
 */
public record NodeSpecification(String nodeName, Engine engine, String engineVersion, long maxMemoryBytes, long generation,
                                Map<String, String> parameters) {

    public NodeSpecification {
        parameters = Map.copyOf(parameters);
    }

    /** A node without engine parameters. */
    public NodeSpecification(String nodeName, Engine engine, String engineVersion, long maxMemoryBytes, long generation) {
        this(nodeName, engine, engineVersion, maxMemoryBytes, generation, Map.of());
    }
}

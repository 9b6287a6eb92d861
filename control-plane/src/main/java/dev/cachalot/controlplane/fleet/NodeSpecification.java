package dev.cachalot.controlplane.fleet;

import dev.cachalot.controlplane.catalog.Engine;

/**
 * The desired state of one cache node on a host.
 *
 * @param nodeName       globally unique, stable name of the node (the agent's node id)
 * @param maxMemoryBytes the engine's data memory limit
 * @param generation     version of this specification; agents report the one they applied
 */
public record NodeSpecification(String nodeName, Engine engine, String engineVersion, long maxMemoryBytes, long generation) {}

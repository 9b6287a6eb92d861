package dev.cachalot.controlplane.catalog;

/**
 * A cache node type, e.g. {@code cache.t4g.micro}.
 *
 * @param memoryBytes the memory the node type gives the engine (its maxmemory)
 */
public record NodeType(String name, int vcpus, long memoryBytes) {}

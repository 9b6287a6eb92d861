package dev.cachalot.agent.node;

/**
 * What the agent persists about a node so that a restarted agent can re-adopt its process, or
 * restart it on the same port.
 *
 * @param port              the port assigned to the node (the spec's, or one the agent chose)
 * @param pid               the node's process, 0 before the first start
 * @param processGeneration generation of the spec that process was started from
 * @param startedAtMillis   epoch millis when that process was started
 */
public record NodeRecord(DesiredNode spec, int port, long pid, long processGeneration, long startedAtMillis) {

    public static NodeRecord notStarted(DesiredNode spec, int port) {
        return new NodeRecord(spec, port, 0, 0, 0);
    }
}

package dev.cachalot.agent.node;

import java.util.Map;

/**
 * What the agent last observed of one node: the "actual" side that the control plane reconciles
 * against its desired state.
 *
 * @param generation      generation of the spec the current process was started from
 * @param pid             0 while no process exists
 * @param startedAtMillis epoch millis when the current process was started, 0 while none exists
 * @param unappliedParameters parameters of the spec the engine refused (name to its reply)
 */
public record ObservedNode(
        String nodeId,
        NodeState state,
        int port,
        long pid,
        long generation,
        String message,
        long startedAtMillis,
        Map<String, String> unappliedParameters) {

    public ObservedNode {
        unappliedParameters = Map.copyOf(unappliedParameters);
    }

    public ObservedNode(String nodeId, NodeState state, int port, long pid, long generation, String message,
                        long startedAtMillis) {
        this(nodeId, state, port, pid, generation, message, startedAtMillis, Map.of());
    }
}

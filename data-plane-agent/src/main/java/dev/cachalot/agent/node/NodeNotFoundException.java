package dev.cachalot.agent.node;

/** An operation names a node this agent does not have. */
public final class NodeNotFoundException extends RuntimeException {
    public NodeNotFoundException(String nodeId) {
        super("no node " + nodeId + " on this host");
    }
}

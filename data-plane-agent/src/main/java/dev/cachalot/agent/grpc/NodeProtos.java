package dev.cachalot.agent.grpc;

import dev.cachalot.agent.node.DesiredNode;
import dev.cachalot.agent.node.Engine;
import dev.cachalot.agent.node.InvalidNodeSpecException;
import dev.cachalot.agent.node.ObservedNode;
import dev.cachalot.api.agent.v1.EngineKind;
import dev.cachalot.api.agent.v1.NodeSpec;
import dev.cachalot.api.agent.v1.NodeState;
import dev.cachalot.api.agent.v1.NodeStatus;

/** Translates between agent.proto messages and the node domain; protobuf stops here. */
final class NodeProtos {

    private NodeProtos() {
    }

    static DesiredNode toDesired(NodeSpec spec) {
        return new DesiredNode(
                spec.getNodeId(),
                toEngine(spec.getEngine()),
                spec.getEngineVersion(),
                spec.getPort(),
                spec.getMaxMemoryBytes(),
                spec.getGeneration(),
                spec.getParametersMap(),
                spec.hasAutoDiscovery() ? toDiscovery(spec.getAutoDiscovery()) : null);
    }

    private static DesiredNode.AutoDiscovery toDiscovery(dev.cachalot.api.agent.v1.AutoDiscovery d) {
        return new DesiredNode.AutoDiscovery(d.getVersion(), d.getNodesList().stream()
                .map(n -> new DesiredNode.AutoDiscovery.Member(n.getHostname(), n.getIpAddress(), n.getPort()))
                .toList());
    }

    private static Engine toEngine(EngineKind kind) {
        return switch (kind) {
            case ENGINE_KIND_REDIS -> Engine.REDIS;
            case ENGINE_KIND_VALKEY -> Engine.VALKEY;
            case ENGINE_KIND_MEMCACHED -> Engine.MEMCACHED;
            case ENGINE_KIND_UNSPECIFIED -> throw new InvalidNodeSpecException("engine is required (REDIS, VALKEY or MEMCACHED)");
            case UNRECOGNIZED -> throw new InvalidNodeSpecException("unknown engine kind");
        };
    }

    static NodeStatus toProto(ObservedNode node) {
        return NodeStatus.newBuilder()
                .setNodeId(node.nodeId())
                .setState(toProto(node.state()))
                .setPort(node.port())
                .setPid(node.pid())
                .setGeneration(node.generation())
                .setMessage(node.message())
                .setStartedAtMillis(node.startedAtMillis())
                .putAllUnappliedParameters(node.unappliedParameters())
                .build();
    }

    private static NodeState toProto(dev.cachalot.agent.node.NodeState state) {
        return switch (state) {
            case STARTING -> NodeState.NODE_STATE_STARTING;
            case RUNNING -> NodeState.NODE_STATE_RUNNING;
            case FAILED -> NodeState.NODE_STATE_FAILED;
            case STOPPING -> NodeState.NODE_STATE_STOPPING;
        };
    }
}

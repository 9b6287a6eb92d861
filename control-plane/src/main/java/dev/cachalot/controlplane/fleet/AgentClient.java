package dev.cachalot.controlplane.fleet;

import dev.cachalot.api.agent.v1.AgentGrpc;
import dev.cachalot.api.agent.v1.ApplyNodeRequest;
import dev.cachalot.api.agent.v1.EngineKind;
import dev.cachalot.api.agent.v1.NodeSpec;
import dev.cachalot.api.agent.v1.NodeStatus;
import dev.cachalot.api.agent.v1.RebootNodeRequest;
import dev.cachalot.api.agent.v1.RemoveNodeRequest;
import dev.cachalot.controlplane.CachalotProperties;
import dev.cachalot.controlplane.catalog.Engine;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Calls the Agent service of a host over gRPC. The only code in the control plane that knows
 * the agent's wire format: it speaks {@link NodeSpecification} and {@link ObservedNode}.
 */
@Component
public class AgentClient {

    private static final Duration REMOVE_GRACE = Duration.ofSeconds(15);

    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
    private final Duration timeout;

    @org.springframework.beans.factory.annotation.Autowired
    public AgentClient(CachalotProperties properties) {
        this(properties.fleet().agentCallTimeout());
    }

    /** @param timeout deadline of one call to an agent */
    AgentClient(Duration timeout) {
        this.timeout = timeout;
    }

    /** Makes the node exist on the host (idempotent) and returns what the agent observes. */
    public ObservedNode applyNode(HostView host, NodeSpecification spec) {
        NodeSpec wire = wire(spec);
        try {
            return observed(stub(host, timeout).applyNode(ApplyNodeRequest.newBuilder().setSpec(wire).build()));
        } catch (StatusRuntimeException e) {
            throw new AgentUnavailableException("ApplyNode " + spec.nodeName() + " on " + host.agentEndpoint() + ": " + e.getStatus(), e);
        }
    }

    /**
     * Restarts the node's process on its port from the spec, which must carry a generation newer than
     * the node's; idempotent per generation (a retry does not restart the node again). Returns once
     * the new process has started; the node reports RUNNING when it answers PING.
     */
    public ObservedNode rebootNode(HostView host, NodeSpecification spec) {
        try {
            // the agent answers once the old process is gone: up to 5 s of SIGTERM grace, then SIGKILL
            return observed(stub(host, timeout.plus(REMOVE_GRACE))
                    .rebootNode(RebootNodeRequest.newBuilder().setSpec(wire(spec)).build()));
        } catch (StatusRuntimeException e) {
            throw new AgentUnavailableException("RebootNode " + spec.nodeName() + " on " + host.agentEndpoint() + ": " + e.getStatus(), e);
        }
    }

    private static NodeSpec wire(NodeSpecification spec) {
        NodeSpec.Builder b = NodeSpec.newBuilder();
        if (spec.autoDiscovery() != null) {
            dev.cachalot.api.agent.v1.AutoDiscovery.Builder d = dev.cachalot.api.agent.v1.AutoDiscovery.newBuilder()
                    .setVersion(spec.autoDiscovery().version());
            for (NodeSpecification.AutoDiscovery.Member m : spec.autoDiscovery().nodes()) {
                d.addNodes(dev.cachalot.api.agent.v1.DiscoveryNode.newBuilder().setHostname(m.hostname())
                        .setIpAddress(m.ipAddress()).setPort(m.port()));
            }
            b.setAutoDiscovery(d);
        }
        return b
                .setNodeId(spec.nodeName())
                .setEngine(switch (spec.engine()) {
                    case REDIS -> EngineKind.ENGINE_KIND_REDIS;
                    case VALKEY -> EngineKind.ENGINE_KIND_VALKEY;
                    case MEMCACHED -> EngineKind.ENGINE_KIND_MEMCACHED;
                })
                .setEngineVersion(spec.engineVersion())
                .setMaxMemoryBytes(spec.maxMemoryBytes())
                .setGeneration(spec.generation())
                .putAllParameters(spec.parameters())
                .build();
    }

    /** Stops and removes the node (idempotent); returns once the agent reports it gone. */
    public boolean removeNode(HostView host, String nodeName) {
        try {
            // The agent answers once the process is gone: up to 5 s of SIGTERM grace, then SIGKILL.
            return stub(host, timeout.plus(REMOVE_GRACE))
                    .removeNode(RemoveNodeRequest.newBuilder().setNodeId(nodeName).build()).getRemoved();
        } catch (StatusRuntimeException e) {
            throw new AgentUnavailableException("RemoveNode " + nodeName + " on " + host.agentEndpoint() + ": " + e.getStatus(), e);
        }
    }

    private AgentGrpc.AgentBlockingStub stub(HostView host, Duration deadline) {
        ManagedChannel channel = channels.computeIfAbsent(host.agentEndpoint(),
                endpoint -> NettyChannelBuilder.forTarget(endpoint).usePlaintext().build());
        return AgentGrpc.newBlockingStub(channel).withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    static ObservedNode observed(NodeStatus status) {
        ObservedNode.State state = switch (status.getState()) {
            case NODE_STATE_STARTING -> ObservedNode.State.STARTING;
            case NODE_STATE_RUNNING -> ObservedNode.State.RUNNING;
            case NODE_STATE_FAILED -> ObservedNode.State.FAILED;
            case NODE_STATE_STOPPING -> ObservedNode.State.STOPPING;
            default -> ObservedNode.State.UNKNOWN;
        };
        return new ObservedNode(status.getNodeId(), state, status.getPort(), status.getPid(), status.getGeneration(),
                status.getMessage(), status.getUnappliedParametersMap());
    }

    @PreDestroy
    void close() throws InterruptedException {
        for (ManagedChannel channel : channels.values()) {
            channel.shutdownNow();
        }
        for (ManagedChannel channel : channels.values()) {
            channel.awaitTermination(2, TimeUnit.SECONDS);
        }
    }
}

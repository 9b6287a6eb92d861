package dev.cachalot.agent.grpc;

import dev.cachalot.agent.node.InvalidNodeSpecException;
import dev.cachalot.agent.node.NoFreePortException;
import dev.cachalot.agent.node.NodeNotFoundException;
import dev.cachalot.agent.node.NodeSupervisor;
import dev.cachalot.agent.node.PortConflictException;
import dev.cachalot.agent.node.ShuttingDownException;
import dev.cachalot.api.agent.v1.AgentGrpc;
import dev.cachalot.api.agent.v1.ApplyNodeRequest;
import dev.cachalot.api.agent.v1.DescribeNodesRequest;
import dev.cachalot.api.agent.v1.DescribeNodesResponse;
import dev.cachalot.api.agent.v1.NodeStatus;
import dev.cachalot.api.agent.v1.RebootNodeRequest;
import dev.cachalot.api.agent.v1.RemoveNodeRequest;
import dev.cachalot.api.agent.v1.RemoveNodeResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Agent gRPC service, through which the control plane converges this host. A thin edge: it
 * translates messages, delegates to the {@link NodeSupervisor} and maps failures to gRPC statuses.
 */
public final class AgentService extends AgentGrpc.AgentImplBase {

    private static final Logger log = LoggerFactory.getLogger(AgentService.class);

    private final NodeSupervisor supervisor;

    public AgentService(NodeSupervisor supervisor) {
        this.supervisor = supervisor;
    }

    @Override
    public void applyNode(ApplyNodeRequest request, StreamObserver<NodeStatus> response) {
        call("ApplyNode", response, () -> {
            if (!request.hasSpec()) {
                throw new InvalidNodeSpecException("spec is required");
            }
            return NodeProtos.toProto(supervisor.ensureNode(NodeProtos.toDesired(request.getSpec())));
        });
    }

    @Override
    public void rebootNode(RebootNodeRequest request, StreamObserver<NodeStatus> response) {
        call("RebootNode", response, () -> {
            if (!request.hasSpec()) {
                throw new InvalidNodeSpecException("spec is required");
            }
            return NodeProtos.toProto(supervisor.rebootNode(NodeProtos.toDesired(request.getSpec())));
        });
    }

    @Override
    public void removeNode(RemoveNodeRequest request, StreamObserver<RemoveNodeResponse> response) {
        call("RemoveNode", response, () -> RemoveNodeResponse.newBuilder()
                .setRemoved(supervisor.ensureRemoved(request.getNodeId()))
                .build());
    }

    @Override
    public void describeNodes(DescribeNodesRequest request, StreamObserver<DescribeNodesResponse> response) {
        call("DescribeNodes", response, () -> {
            Set<String> wanted = new HashSet<>(request.getNodeIdsList());
            DescribeNodesResponse.Builder reply = DescribeNodesResponse.newBuilder();
            supervisor.nodes().stream()
                    .filter(node -> wanted.isEmpty() || wanted.contains(node.nodeId()))
                    .map(NodeProtos::toProto)
                    .forEach(reply::addNodes);
            return reply.build();
        });
    }

    private static <T> void call(String method, StreamObserver<T> response, Supplier<T> body) {
        T reply;
        try {
            reply = body.get();
        } catch (InvalidNodeSpecException e) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (NodeNotFoundException e) {
            response.onError(Status.NOT_FOUND.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (NoFreePortException e) {
            response.onError(Status.RESOURCE_EXHAUSTED.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (PortConflictException e) {
            response.onError(Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (ShuttingDownException e) {
            log.warn("{} failed: {}", method, e.getMessage());
            response.onError(Status.UNAVAILABLE.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (RuntimeException e) {
            log.error("{} failed", method, e);
            response.onError(Status.INTERNAL.withDescription(method + " failed: " + e).withCause(e).asRuntimeException());
            return;
        }
        response.onNext(reply);
        response.onCompleted();
    }
}

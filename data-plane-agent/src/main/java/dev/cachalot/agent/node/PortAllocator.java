package dev.cachalot.agent.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;

/**
 * Picks ports for nodes whose spec leaves the port to the agent: the first port of the range that
 * no other node holds and that can be bound right now (another program may be using it).
 */
public final class PortAllocator {

    private final int from;
    private final int to;

    public PortAllocator(int from, int to) {
        if (from < 1 || to > 65535 || from > to) {
            throw new IllegalArgumentException("bad node port range " + from + "-" + to);
        }
        this.from = from;
        this.to = to;
    }

    /**
     * @param assigned ports already assigned to nodes (whether or not their processes listen now)
     * @throws NoFreePortException when every port of the range is assigned or busy
     */
    public int allocate(Set<Integer> assigned) {
        for (int port = from; port <= to; port++) {
            if (!assigned.contains(port) && canBind(port)) {
                return port;
            }
        }
        throw new NoFreePortException("no free port for a node in " + from + "-" + to
                + " (" + assigned.size() + " assigned to nodes, the others are in use)");
    }

    public String range() {
        return from + "-" + to;
    }

    /** Binds the wildcard address, as the node will, so that a port busy on any interface counts as taken. */
    static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // the node's server socket does the same; TIME_WAIT does not block it
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

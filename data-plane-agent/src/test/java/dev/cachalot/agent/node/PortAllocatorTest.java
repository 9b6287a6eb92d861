package dev.cachalot.agent.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortAllocatorTest {

    @Test
    void skipsPortsAssignedToNodesAndPortsInUse() throws Exception {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(0));
            int port = busy.getLocalPort();
            // a range that starts with the busy port; the allocator must step over it and the assigned one
            PortAllocator allocator = new PortAllocator(port, Math.min(65535, port + 10));
            int chosen = allocator.allocate(Set.of(port + 1));

            assertThat(chosen).isGreaterThan(port + 1).isLessThanOrEqualTo(port + 10);
            assertThat(PortAllocator.canBind(chosen)).isTrue();
        }
    }

    @Test
    void noFreePort() throws Exception {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(0));
            int port = busy.getLocalPort();
            PortAllocator allocator = new PortAllocator(port, port);

            assertThatThrownBy(() -> allocator.allocate(Set.of())).isInstanceOf(NoFreePortException.class)
                    .hasMessageContaining(port + "-" + port);
        }
    }

    @Test
    void rejectsABadRange() {
        assertThatThrownBy(() -> new PortAllocator(10, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PortAllocator(0, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}

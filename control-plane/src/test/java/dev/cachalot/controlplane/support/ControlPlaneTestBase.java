package dev.cachalot.controlplane.support;

import dev.cachalot.controlplane.fleet.GrpcServer;
import dev.cachalot.controlplane.identity.IdentityService;
import dev.cachalot.controlplane.identity.IssuedAccessKey;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A full control plane on a random HTTP port and a random gRPC port, with its own embedded
 * PostgreSQL in a fresh temporary home. Test classes extending this share one application
 * context (Spring's context cache), so PostgreSQL starts once per test run. Each test works in
 * accounts of its own, so tests do not see each other's resources.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "cachalot.grpc.port=0",
        "cachalot.workflow.polling-interval=100ms",
        "cachalot.fleet.agent-call-timeout=2s",
        "cachalot.dns.port=0",
        "cachalot.discovery.refresh-interval=200ms",
})
public abstract class ControlPlaneTestBase {

    @LocalServerPort
    protected int port;

    @Autowired
    protected IdentityService identity;

    @Autowired
    protected GrpcServer grpc;

    @Autowired
    protected org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @DynamicPropertySource
    static void home(DynamicPropertyRegistry registry) {
        registry.add("cachalot.home", () -> TestHome.PATH.toString());
        registry.add("cachalot.discovery.ports", () -> TestHome.DISCOVERY_PORTS);
    }

    @BeforeEach
    void registerHost() {
        FakeHost.register(grpc.port(), "local-1a");
    }

    /** A fresh account with one access key. */
    protected IssuedAccessKey newAccount(String name) {
        return identity.createAccount(name + "-" + System.nanoTime(), false);
    }
}

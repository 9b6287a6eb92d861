package dev.cachalot.controlplane.local;

import dev.cachalot.controlplane.CachalotProperties;
import dev.cachalot.controlplane.fleet.GrpcServer;
import dev.cachalot.controlplane.identity.BootstrapAdmin;
import dev.cachalot.controlplane.identity.IdentityService;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Tells the operator, once the control plane is ready, where everything is and how to sign in.
 * Printed to standard output, not the log: the secret appears here on the first start only.
 */
@Component
class LocalRegionBanner {

    private final IdentityService identity;
    private final BootstrapAdmin bootstrap;
    private final GrpcServer grpc;
    private final CachalotProperties properties;
    private final Environment environment;

    LocalRegionBanner(IdentityService identity, BootstrapAdmin bootstrap, GrpcServer grpc,
                      CachalotProperties properties, Environment environment) {
        this.identity = identity;
        this.bootstrap = bootstrap;
        this.grpc = grpc;
        this.properties = properties;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void printBanner() {
        String endpoint = "http://localhost:" + environment.getProperty("local.server.port", "8080");
        String keyId = identity.bootstrapAdmin().map(c -> c.accessKeyId()).orElse("(none)");
        String secret = bootstrap.firstStart()
                .map(f -> f.key().secretAccessKey() + "   (shown once; also in " + bootstrap.credentialsFile() + ")")
                .orElse("in " + bootstrap.credentialsFile() + " (shown at first start only)");
        String console = bootstrap.firstStart()
                .map(f -> "account admin, user admin, password " + f.consolePassword() + "   (also in " + bootstrap.consoleLoginFile() + ")")
                .orElse("account admin, user admin, password in " + bootstrap.consoleLoginFile());
        String banner = """

                ======================================================================
                 Cachalot control plane is ready
                   AWS API endpoint   %s   (region %s)
                   Console            %s/console/
                                      %s
                   REST API           %s/api/v1   (browse it at %s/api/v1/docs)
                   Agents connect to  localhost:%d (gRPC)
                   Admin access key   %s
                   Admin secret key   %s
                 Try:
                   export AWS_SHARED_CREDENTIALS_FILE=%s AWS_PROFILE=%s
                   aws elasticache describe-cache-clusters --endpoint-url %s
                ======================================================================
                """.formatted(endpoint, properties.region(), endpoint, console, endpoint, endpoint, grpc.port(), keyId, secret,
                bootstrap.credentialsFile(), BootstrapAdmin.PROFILE, endpoint);
        System.out.println(banner);
        System.out.flush();
    }
}

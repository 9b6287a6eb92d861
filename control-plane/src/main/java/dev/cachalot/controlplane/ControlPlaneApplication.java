package dev.cachalot.controlplane;

import dev.cachalot.console.ConsoleConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/**
 * The Cachalot control plane: the AWS-compatible API, identity, the resource model on
 * PostgreSQL, the durable workflows that drive agents, and (by default) the web console.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(ConsoleConfiguration.class)
public class ControlPlaneApplication {

    public static void main(String[] args) {
        SpringApplication.run(ControlPlaneApplication.class, args);
    }
}

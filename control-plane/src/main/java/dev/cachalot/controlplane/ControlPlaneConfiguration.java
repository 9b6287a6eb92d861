package dev.cachalot.controlplane;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ControlPlaneConfiguration {

    /** The only clock the control plane reads, so tests can replace it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}

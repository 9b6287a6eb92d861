package dev.cachalot.controlplane.local;

import com.zaxxer.hikari.HikariDataSource;
import dev.cachalot.controlplane.CachalotProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Zero-setup database: when no {@code spring.datasource.url} is configured, the control plane
 * runs a real PostgreSQL (zonky's embedded binaries) on a data directory under
 * {@code <cachalot.home>/pg}, so a restart keeps every resource. The postmaster is guarded to
 * die with this JVM, and a postmaster orphaned by a previous, killed run is stopped first.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(CachalotProperties properties) throws IOException {
        Path dataDir = properties.home().resolve("pg");
        Files.createDirectories(dataDir);
        stopOrphanedPostmaster(dataDir);
        EmbeddedPostgres pg;
        try {
            pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    // Spring stops it after everything that uses it; a JVM hook would race with that.
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).startsWith("could not lock")) {
                throw new IllegalStateException("Another Cachalot control plane is using " + properties.home()
                        + ": stop it, or give this one its own --cachalot.home", e);
            }
            throw e;
        }
        postmasterPid(dataDir).ifPresent(pid -> ProcessGuard.stopWithThisJvm(pid, "postgres"));
        log.info("Embedded PostgreSQL on port {} with data in {}", pg.getPort(), dataDir);
        return pg;
    }

    @Bean
    DataSource dataSource(EmbeddedPostgres pg) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
        ds.setUsername("postgres");
        ds.setPassword("postgres");
        ds.setMaximumPoolSize(10);
        ds.setPoolName("cachalot");
        return ds;
    }

    /** A postmaster still running on our data directory belongs to a killed earlier run: stop it. */
    private static void stopOrphanedPostmaster(Path dataDir) {
        Optional<ProcessHandle> old = postmasterPid(dataDir).flatMap(ProcessHandle::of)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (old.isEmpty()) {
            return;
        }
        log.warn("Stopping PostgreSQL (pid {}) left running on {} by an earlier run", old.get().pid(), dataDir);
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(old.get().pid())).start().waitFor();
            Instant deadline = Instant.now().plusSeconds(30);
            while (old.get().isAlive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot stop the old PostgreSQL", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Optional<Long> postmasterPid(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.getFirst().strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}

package dev.cachalot.controlplane.identity;

import dev.cachalot.controlplane.CachalotProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the administrator account, its {@code admin} user and that user's first access key and
 * console password on the very first start, so a fresh installation is usable at once. The
 * secrets are shown once (by the start-up banner) and written to files in the home directory
 * that only their owner can read: the access key in the AWS shared-credentials format
 * ({@code credentials}), the console sign-in in {@code console-login}. They never go to a log.
 */
@Component
@Order(0)
public class BootstrapAdmin implements ApplicationRunner {

    /** Profile name in the credentials file. */
    public static final String PROFILE = "cachalot";
    /** Name of the administrator account. */
    public static final String ADMIN_ACCOUNT = "admin";

    private final IdentityService identity;
    private final CachalotProperties properties;
    private volatile FirstStart firstStart;

    /** What the first start issued. */
    public record FirstStart(IssuedAccessKey key, String consolePassword) {
        @Override
        public String toString() {
            return "FirstStart[" + key + "]";
        }
    }

    public BootstrapAdmin(IdentityService identity, CachalotProperties properties) {
        this.identity = identity;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (identity.bootstrapAdmin().isPresent()) {
            return;
        }
        IssuedAccessKey key = identity.createAccount(ADMIN_ACCOUNT, true);
        String password = identity.generateConsolePassword(key.accountId(), IdentityService.ADMIN_USER);
        writePrivate(credentialsFile(), "[" + PROFILE + "]\n"
                + "aws_access_key_id = " + key.accessKeyId() + "\n"
                + "aws_secret_access_key = " + key.secretAccessKey() + "\n"
                + "region = " + properties.region() + "\n");
        writePrivate(consoleLoginFile(), "account = " + ADMIN_ACCOUNT + "\n"
                + "user = " + IdentityService.ADMIN_USER + "\n"
                + "password = " + password + "\n");
        firstStart = new FirstStart(key, password);
    }

    /** What this start issued, if it was the first start. */
    public Optional<FirstStart> firstStart() {
        return Optional.ofNullable(firstStart);
    }

    public Path credentialsFile() {
        return properties.home().resolve("credentials");
    }

    public Path consoleLoginFile() {
        return properties.home().resolve("console-login");
    }

    private void writePrivate(Path file, String content) {
        try {
            Files.createDirectories(properties.home());
            Path tmp = Files.createTempFile(properties.home(), file.getFileName().toString(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}

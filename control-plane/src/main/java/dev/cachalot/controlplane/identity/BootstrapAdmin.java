package dev.cachalot.controlplane.identity;

import dev.cachalot.controlplane.CachalotProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the administrator account and its first access key on the very first start, so a
 * fresh installation is usable at once. The secret is shown once (by the start-up banner) and
 * written to {@code <home>/credentials} in the AWS shared-credentials format, readable by its
 * owner only; it never goes to a log.
 */
@Component
@Order(0)
public class BootstrapAdmin implements ApplicationRunner {

    /** Profile name in the credentials file. */
    public static final String PROFILE = "cachalot";

    private final IdentityService identity;
    private final CachalotProperties properties;
    private volatile IssuedAccessKey issuedNow;

    public BootstrapAdmin(IdentityService identity, CachalotProperties properties) {
        this.identity = identity;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (identity.bootstrapAdmin().isPresent()) {
            return;
        }
        IssuedAccessKey key = identity.createAccount("admin", true);
        writeCredentialsFile(key);
        issuedNow = key;
    }

    /** The key issued by this start, if this was the first start. */
    public Optional<IssuedAccessKey> issuedThisStart() {
        return Optional.ofNullable(issuedNow);
    }

    public Path credentialsFile() {
        return properties.home().resolve("credentials");
    }

    private void writeCredentialsFile(IssuedAccessKey key) {
        Path file = credentialsFile();
        String content = "[" + PROFILE + "]\n"
                + "aws_access_key_id = " + key.accessKeyId() + "\n"
                + "aws_secret_access_key = " + key.secretAccessKey() + "\n"
                + "region = " + properties.region() + "\n";
        try {
            Files.createDirectories(properties.home());
            Path tmp = Files.createTempFile(properties.home(), "credentials", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, content);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}

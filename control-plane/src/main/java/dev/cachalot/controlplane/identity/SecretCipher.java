package dev.cachalot.controlplane.identity;

import dev.cachalot.controlplane.CachalotProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets at rest with AES-256-GCM under the master key. The master key comes from
 * {@code cachalot.master-key}; a zero-setup installation generates one on first start and keeps
 * it, readable by its owner only, in {@code <home>/master.key}. Ciphertext layout: 12-byte IV
 * followed by the GCM output (ciphertext and 16-byte tag).
 */
@Component
public class SecretCipher {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(CachalotProperties properties) {
        this.key = new SecretKeySpec(masterKey(properties), "AES");
    }

    public byte[] encrypt(String plaintext) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt", e);
        }
    }

    public String decrypt(byte[] ciphertext) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ciphertext, 0, IV_BYTES));
            byte[] plain = cipher.doFinal(ciphertext, IV_BYTES, ciphertext.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // A wrong master key makes every stored secret unreadable: say so plainly.
            throw new IllegalStateException("cannot decrypt a stored secret: is cachalot.master-key the key it was stored with?", e);
        }
    }

    private static byte[] masterKey(CachalotProperties properties) {
        if (!properties.masterKey().isBlank()) {
            return checkLength(Base64.getDecoder().decode(properties.masterKey().strip()));
        }
        Path file = properties.home().resolve("master.key");
        try {
            if (Files.exists(file)) {
                return checkLength(Base64.getDecoder().decode(Files.readString(file).strip()));
            }
            byte[] generated = new byte[32];
            new SecureRandom().nextBytes(generated);
            Files.createDirectories(properties.home());
            Path tmp = Files.createTempFile(properties.home(), "master", ".key",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, Base64.getEncoder().encodeToString(generated) + "\n");
            Files.move(tmp, file);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key " + file, e);
        }
    }

    private static byte[] checkLength(byte[] key) {
        if (key.length != 32) {
            Arrays.fill(key, (byte) 0);
            throw new IllegalStateException("cachalot.master-key must be 32 bytes, base64-encoded");
        }
        return key;
    }
}

package dev.cachalot.controlplane.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accounts and their access keys: issuing keys and resolving them when a request is signed. */
@Service
public class IdentityService {

    private static final String KEY_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    /** Last-used times are kept to the minute, so a busy key does not write on every request. */
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final AccountRepository accounts;
    private final AccessKeyRepository keys;
    private final SecretCipher cipher;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public IdentityService(AccountRepository accounts, AccessKeyRepository keys, SecretCipher cipher, Clock clock) {
        this.accounts = accounts;
        this.keys = keys;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** The credentials of an active access key, or empty for an unknown or inactive key. */
    @Transactional(readOnly = true)
    public Optional<SigningCredentials> signingCredentials(String accessKeyId) {
        return keys.findById(accessKeyId)
                .filter(AccessKey::active)
                .map(k -> new SigningCredentials(caller(k), cipher.decrypt(k.secretCiphertext())));
    }

    /** Records that a key was just used to authenticate a request. */
    @Transactional
    public void recordUse(String accessKeyId) {
        keys.findById(accessKeyId).ifPresent(k -> {
            Instant now = clock.instant();
            if (k.lastUsedAt() == null || k.lastUsedAt().isBefore(now.minus(LAST_USED_RESOLUTION))) {
                keys.touch(accessKeyId, now);
            }
        });
    }

    /** Checks an access key id and secret pair (console sign-in) in constant time. */
    @Transactional(readOnly = true)
    public Optional<Caller> authenticate(String accessKeyId, String secretAccessKey) {
        return signingCredentials(accessKeyId)
                .filter(c -> MessageDigest.isEqual(
                        c.secretAccessKey().getBytes(StandardCharsets.UTF_8),
                        secretAccessKey.getBytes(StandardCharsets.UTF_8)))
                .map(SigningCredentials::caller);
    }

    /** Creates an account with one active access key. */
    @Transactional
    public IssuedAccessKey createAccount(String name, boolean admin) {
        String accountId;
        do {
            accountId = String.valueOf(100_000_000_000L + Math.floorMod(random.nextLong(), 900_000_000_000L));
        } while (accounts.existsById(accountId));
        accounts.save(new Account(accountId, name, admin, clock.instant()));
        return issueKey(accountId);
    }

    /** Issues a new access key for an account; the secret is returned once and stored encrypted. */
    @Transactional
    public IssuedAccessKey issueKey(String accountId) {
        String keyId;
        do {
            keyId = "AKIA" + randomString(KEY_ID_ALPHABET, 16);
        } while (keys.existsById(keyId));
        String secret = randomString(SECRET_ALPHABET, 40);
        keys.save(new AccessKey(keyId, accountId, cipher.encrypt(secret), clock.instant()));
        return new IssuedAccessKey(accountId, keyId, secret);
    }

    /** The administrator account created at first start and its first access key id, if any. */
    @Transactional(readOnly = true)
    public Optional<Caller> bootstrapAdmin() {
        return accounts.findFirstByAdminTrueOrderByCreatedAtAsc()
                .flatMap(a -> keys.findByAccountIdOrderByCreatedAtAsc(a.id()).stream().findFirst())
                .map(this::caller);
    }

    private Caller caller(AccessKey key) {
        boolean admin = accounts.findById(key.accountId()).map(Account::admin).orElse(false);
        return new Caller(key.accountId(), key.accessKeyId(), admin);
    }

    private String randomString(String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}

package dev.cachalot.controlplane.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "access_keys")
class AccessKey {

    static final String ACTIVE = "Active";

    @Id
    @Column(name = "access_key_id")
    private String accessKeyId;

    @Column(name = "account_id", nullable = false)
    private String accountId;

    @Column(name = "secret_ciphertext", nullable = false)
    private byte[] secretCiphertext;

    @Column(nullable = false)
    private String status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    protected AccessKey() {}

    AccessKey(String accessKeyId, String accountId, byte[] secretCiphertext, Instant createdAt) {
        this.accessKeyId = accessKeyId;
        this.accountId = accountId;
        this.secretCiphertext = secretCiphertext;
        this.status = ACTIVE;
        this.createdAt = createdAt;
    }

    String accessKeyId() {
        return accessKeyId;
    }

    String accountId() {
        return accountId;
    }

    byte[] secretCiphertext() {
        return secretCiphertext;
    }

    boolean active() {
        return ACTIVE.equals(status);
    }

    Instant lastUsedAt() {
        return lastUsedAt;
    }
}

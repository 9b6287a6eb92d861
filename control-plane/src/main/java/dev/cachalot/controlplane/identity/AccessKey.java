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
    static final String INACTIVE = "Inactive";

    @Id
    @Column(name = "access_key_id")
    private String accessKeyId;

    @Column(name = "account_id", nullable = false)
    private String accountId;

    @Column(name = "user_id", nullable = false)
    private java.util.UUID userId;

    @Column(name = "secret_ciphertext", nullable = false)
    private byte[] secretCiphertext;

    @Column(nullable = false)
    private String status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    protected AccessKey() {}

    AccessKey(String accessKeyId, String accountId, java.util.UUID userId, byte[] secretCiphertext, Instant createdAt) {
        this.accessKeyId = accessKeyId;
        this.accountId = accountId;
        this.userId = userId;
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

    java.util.UUID userId() {
        return userId;
    }

    String status() {
        return status;
    }

    void status(String status) {
        this.status = status;
    }

    Instant createdAt() {
        return createdAt;
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

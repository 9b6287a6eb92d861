package dev.cachalot.controlplane.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "account_users")
class AccountUser {

    @Id
    private UUID id;

    @Column(name = "account_id", nullable = false)
    private String accountId;

    @Column(name = "user_name", nullable = false)
    private String userName;

    /** bcrypt; null when the user has no console access. */
    @Column(name = "password_hash")
    private String passwordHash;

    @Column(nullable = false)
    @jakarta.persistence.Convert(converter = PolicyConverter.class)
    private Policy policy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected AccountUser() {}

    AccountUser(String accountId, String userName, Policy policy, Instant now) {
        this.id = UUID.randomUUID();
        this.accountId = accountId;
        this.userName = userName;
        this.policy = policy;
        this.createdAt = now;
    }

    UUID id() { return id; }
    String accountId() { return accountId; }
    String userName() { return userName; }
    String passwordHash() { return passwordHash; }
    Policy policy() { return policy; }
    Instant createdAt() { return createdAt; }

    void passwordHash(String hash) {
        this.passwordHash = hash;
    }

    void policy(Policy policy) {
        this.policy = policy;
    }

    @jakarta.persistence.Converter
    static class PolicyConverter implements jakarta.persistence.AttributeConverter<Policy, String> {
        @Override
        public String convertToDatabaseColumn(Policy policy) {
            return policy == null ? null : policy.wireName();
        }

        @Override
        public Policy convertToEntityAttribute(String value) {
            return value == null ? null : Policy.fromWireName(value).orElseThrow();
        }
    }
}

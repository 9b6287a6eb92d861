package dev.cachalot.controlplane.parametergroup;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** A tenant's own cache parameter group: its family and the parameter values it sets (Source {@code user}). */
@Entity
@Table(name = "cache_parameter_groups")
class CacheParameterGroup {

    @Id
    private UUID id;

    @Column(name = "account_id", nullable = false)
    private String accountId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String family;

    @Column(nullable = false)
    private String description;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "cache_parameter_values", joinColumns = @JoinColumn(name = "group_id"))
    @MapKeyColumn(name = "name")
    @Column(name = "value", nullable = false)
    private Map<String, String> values = new HashMap<>();

    protected CacheParameterGroup() {}

    CacheParameterGroup(String accountId, String name, String family, String description, Instant now) {
        this.id = UUID.randomUUID();
        this.accountId = accountId;
        this.name = name;
        this.family = family;
        this.description = description;
        this.createdAt = now;
    }

    UUID id() { return id; }
    String accountId() { return accountId; }
    String name() { return name; }
    String family() { return family; }
    String description() { return description; }
    Map<String, String> values() { return values; }
}

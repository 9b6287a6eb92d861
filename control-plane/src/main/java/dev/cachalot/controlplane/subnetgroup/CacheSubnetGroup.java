package dev.cachalot.controlplane.subnetgroup;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** A tenant's cache subnet group: the subnets (zones' host pools) its clusters' nodes may go to. */
@Entity
@Table(name = "cache_subnet_groups")
class CacheSubnetGroup {

    @Id
    private UUID id;

    @Column(name = "account_id", nullable = false)
    private String accountId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String description;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "cache_subnet_group_subnets", joinColumns = @JoinColumn(name = "group_id"))
    @Column(name = "subnet_id", nullable = false)
    private Set<String> subnetIds = new TreeSet<>();

    protected CacheSubnetGroup() {}

    CacheSubnetGroup(String accountId, String name, String description, Set<String> subnetIds, Instant now) {
        this.id = UUID.randomUUID();
        this.accountId = accountId;
        this.name = name;
        this.description = description;
        this.subnetIds.addAll(subnetIds);
        this.createdAt = now;
    }

    String name() { return name; }
    String description() { return description; }
    Set<String> subnetIds() { return new TreeSet<>(subnetIds); }

    void describeAs(String description) {
        this.description = description;
    }

    void replaceSubnets(Set<String> subnetIds) {
        this.subnetIds.clear();
        this.subnetIds.addAll(subnetIds);
    }
}

package dev.cachalot.controlplane.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "accounts")
class Account {

    @Id
    private String id;

    @Column(nullable = false, unique = true)
    private String name;

    private boolean admin;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** Null: the installation's default. */
    @Column(name = "cluster_quota")
    private Integer clusterQuota;

    @Column(name = "node_quota")
    private Integer nodeQuota;

    @Column(name = "api_requests_per_second")
    private Double apiRequestsPerSecond;

    protected Account() {}

    Account(String id, String name, boolean admin, Instant createdAt) {
        this.id = id;
        this.name = name;
        this.admin = admin;
        this.createdAt = createdAt;
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }

    boolean admin() {
        return admin;
    }

    Instant createdAt() {
        return createdAt;
    }

    Integer clusterQuota() {
        return clusterQuota;
    }

    Integer nodeQuota() {
        return nodeQuota;
    }

    Double apiRequestsPerSecond() {
        return apiRequestsPerSecond;
    }

    void apiRequestsPerSecond(Double rate) {
        this.apiRequestsPerSecond = rate;
    }

    void quotas(Integer clusters, Integer nodes) {
        this.clusterQuota = clusters;
        this.nodeQuota = nodes;
    }
}

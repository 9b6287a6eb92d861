package dev.cachalot.controlplane;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of one control-plane process ({@code cachalot.*}).
 *
 * @param home       where a zero-setup installation keeps its state (embedded PostgreSQL data,
 *                   master key, bootstrap credentials)
 * @param region     the region name clients sign for (SigV4 credential scope) and ARNs carry
 * @param masterKey  base64 AES-256 key that encrypts secret access keys at rest; when empty, a
 *                   key is generated on first start and kept in {@code home/master.key}
 * @param grpc       the gRPC endpoint agents connect to
 * @param workflow   timing of the durable workflow scheduler
 * @param fleet      host liveness
 * @param throttling per-account API request rate limit
 * @param quotas     per-account cluster and node quotas
 * @param dns        the authoritative DNS server for configuration endpoints and node names
 * @param discovery  the configuration endpoints of memcached clusters (Auto Discovery)
 */
@ConfigurationProperties("cachalot")
public record CachalotProperties(
        @DefaultValue("${user.home}/.cachalot") Path home,
        @DefaultValue("local-1") String region,
        @DefaultValue("") String masterKey,
        @DefaultValue Grpc grpc,
        @DefaultValue Workflow workflow,
        @DefaultValue Fleet fleet,
        @DefaultValue Throttling throttling,
        @DefaultValue Quotas quotas,
        @DefaultValue Dns dns,
        @DefaultValue Discovery discovery) {

    /**
     * Cachalot's own name service: an authoritative DNS server (UDP and TCP) for one domain, answering
     * the names of configuration endpoints (and, later, replication-group endpoints). Operators forward
     * the domain to it (systemd-resolved, dnsmasq, a corporate DNS).
     *
     * @param enabled     whether to run it
     * @param port        53 in production; 8053 by default so that it runs without privileges
     * @param bindAddress the address it listens on
     * @param domain      the zone it is authoritative for; empty = {@code <region>.cachalot.internal}
     * @param ttl         time to live of its answers
     */
    public record Dns(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("8053") int port,
            @DefaultValue("127.0.0.1") String bindAddress,
            @DefaultValue("") String domain,
            @DefaultValue("5s") Duration ttl) {}

    /**
     * @param bindAddress      where configuration endpoints listen
     * @param advertiseAddress the address DNS gives for configuration endpoints (this control plane's,
     *                         or a load balancer's in front of several replicas)
     * @param ports            the range configuration-endpoint ports are allocated from, one per
     *                         memcached cluster for its life
     * @param refreshInterval  how often the endpoints and DNS names are brought up to date from the
     *                         database
     * @param drain            how long a node leaving a cluster keeps running after the Auto Discovery
     *                         list without it was made, so that polling clients stop using it first
     */
    public record Discovery(
            @DefaultValue("0.0.0.0") String bindAddress,
            @DefaultValue("127.0.0.1") String advertiseAddress,
            @DefaultValue("21211-21999") String ports,
            @DefaultValue("1s") Duration refreshInterval,
            @DefaultValue("10s") Duration drain) {}

    /** The DNS domain of this region. */
    public String dnsDomain() {
        String d = dns.domain() == null || dns.domain().isBlank() ? region + ".cachalot.internal" : dns.domain();
        return d.toLowerCase(java.util.Locale.ROOT).replaceAll("\\.$", "");
    }

    /** @param port gRPC port for agents (0 picks a free port) */
    public record Grpc(@DefaultValue("9090") int port) {}

    /**
     * @param pollingInterval   how often the scheduler looks for due work
     * @param heartbeatInterval how often a running workflow step proves it is alive; a step whose
     *                          process died is taken over after {@code missedHeartbeats} of these
     * @param missedHeartbeats  see above (db-scheduler requires at least 4)
     * @param retryInterval     delay before a workflow that waits for the fleet looks again
     * @param sweepInterval     how often every resource in a transitional state is checked for a
     *                          running workflow (level-triggered safety net)
     * @param maintenanceInterval how often maintenance windows are checked for pending changes
     */
    public record Workflow(
            @DefaultValue("250ms") Duration pollingInterval,
            @DefaultValue("1s") Duration heartbeatInterval,
            @DefaultValue("4") int missedHeartbeats,
            @DefaultValue("300ms") Duration retryInterval,
            @DefaultValue("5s") Duration sweepInterval,
            @DefaultValue("1m") Duration maintenanceInterval) {}

    /**
     * @param heartbeatInterval interval agents are asked to report at
     * @param hostTimeout       a host whose last report is older than this is not offered to new nodes
     * @param agentCallTimeout  deadline of one call to an agent
     * @param memoryOvercommit  how much node memory a host may take, as a multiple of its physical
     *                          memory (node types reserve their full memory on placement)
     */
    public record Fleet(
            @DefaultValue("2s") Duration heartbeatInterval,
            @DefaultValue("15s") Duration hostTimeout,
            @DefaultValue("10s") Duration agentCallTimeout,
            @DefaultValue("1.0") double memoryOvercommit) {}

    /**
     * Default per-account quotas (an administrator may set others per account).
     *
     * @param clustersPerAccount cache clusters an account may have
     * @param nodesPerAccount    cache nodes an account may have, across its clusters
     */
    public record Quotas(
            @DefaultValue("100") int clustersPerAccount,
            @DefaultValue("300") int nodesPerAccount) {}

    /**
     * @param requestsPerSecond sustained API requests per second per account
     * @param burst             requests an idle account may make at once
     */
    public record Throttling(
            @DefaultValue("50") double requestsPerSecond,
            @DefaultValue("100") int burst) {}
}

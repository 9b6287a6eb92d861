package dev.cachalot.controlplane.cachecluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cachalot.controlplane.dns.DnsServer;
import dev.cachalot.controlplane.identity.IssuedAccessKey;
import dev.cachalot.controlplane.support.AwsClients;
import dev.cachalot.controlplane.support.ControlPlaneTestBase;
import dev.cachalot.controlplane.support.FakeHost;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.ElastiCacheException;

/**
 * Memcached clusters through the AWS SDK, with hosts whose agents do not answer (so clusters stay
 * where the API puts them): the configuration endpoint in Create and Describe, nodes spread over
 * zones (PreferredAvailabilityZone "Multiple"), the endpoint's name in Cachalot's DNS and its port
 * answering, and ModifyCacheCluster's node-count rules with PendingModifiedValues. The whole flow with
 * real nodes is in the integration tests.
 */
class MemcachedClusterApiTest extends ControlPlaneTestBase {

    private static final UUID HOST_B = UUID.fromString("00000000-0000-4000-8000-00000000000b");

    @Autowired
    DnsServer dns;

    @Autowired
    ConfigurationEndpoints configurationEndpoints;

    @BeforeEach
    void secondZone() {
        FakeHost.register(grpc.port(), "local-1b", HOST_B);
    }

    private ElastiCacheClient client(IssuedAccessKey key) {
        return AwsClients.elastiCache(port, key.accessKeyId(), key.secretAccessKey());
    }

    @Test
    void aCrossAzClusterHasAConfigurationEndpointThatResolvesAndAnswers() throws Exception {
        IssuedAccessKey key = newAccount("mc");
        try (ElastiCacheClient ec = client(key)) {
            CacheCluster created = ec.createCacheCluster(r -> r.cacheClusterId("mc1").engine("memcached")
                    .cacheNodeType("cache.t4g.micro").numCacheNodes(3).azMode("cross-az")
                    .preferredAvailabilityZones("local-1a", "local-1b", "local-1a")).cacheCluster();
            assertThat(created.configurationEndpoint().address()).contains(".cfg.").startsWith("mc1.")
                    .endsWith(".cfg.local-1.cachalot.internal");
            assertThat(created.configurationEndpoint().port()).isPositive();
            assertThat(created.preferredAvailabilityZone()).isEqualTo("Multiple");
            assertThat(created.numCacheNodes()).isEqualTo(3);
            assertThat(created.engineVersion()).isEqualTo("1.6.22");
            assertThat(created.cacheParameterGroup().cacheParameterGroupName()).isEqualTo("default.memcached1.6");

            CacheCluster described = await().atMost(Duration.ofSeconds(30)).until(() -> ec.describeCacheClusters(r -> r
                    .cacheClusterId("mc1").showCacheNodeInfo(true)).cacheClusters().getFirst(),
                    c -> c.cacheNodes().stream().allMatch(n -> n.customerAvailabilityZone() != null));
            assertThat(described.configurationEndpoint()).isEqualTo(created.configurationEndpoint());
            assertThat(described.cacheNodes()).extracting(n -> n.cacheNodeId()).containsExactly("0001", "0002", "0003");
            assertThat(described.cacheNodes()).extracting(n -> n.customerAvailabilityZone())
                    .containsExactly("local-1a", "local-1b", "local-1a");

            // the name is in Cachalot's DNS, pointing at this control plane, and the port answers
            String cfg = created.configurationEndpoint().address();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(resolve(cfg)).containsExactly("127.0.0.1"));
            int cfgPort = created.configurationEndpoint().port();
            await().atMost(Duration.ofSeconds(10)).until(() -> configurationEndpoints.listeningPorts().contains(cfgPort));
            try (Socket s = new Socket("127.0.0.1", cfgPort)) {
                OutputStream out = s.getOutputStream();
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                out.write("version\r\nconfig get cluster\r\nbogus\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(in.readLine()).isEqualTo("VERSION 1.6.22");
                assertThat(in.readLine()).isEqualTo("ERROR"); // no node runs yet, so there is no list to give
                assertThat(in.readLine()).isEqualTo("ERROR");
            }
            assertThat(rcode("nope.abcdef.cfg.local-1.cachalot.internal")).isEqualTo(Rcode.NXDOMAIN);
            assertThat(rcode("example.com")).isEqualTo(Rcode.REFUSED);

            ec.deleteCacheCluster(r -> r.cacheClusterId("mc1"));
        }
    }

    @Test
    void createRefusesWhatElastiCacheRefuses() {
        IssuedAccessKey key = newAccount("mcbad");
        try (ElastiCacheClient ec = client(key)) {
            assertAwsError(() -> ec.createCacheCluster(r -> r.cacheClusterId("big").engine("memcached")
                    .cacheNodeType("cache.t4g.micro").numCacheNodes(41)), 400, "NodeQuotaForClusterExceeded");
            assertAwsError(() -> ec.createCacheCluster(r -> r.cacheClusterId("z").engine("memcached")
                    .cacheNodeType("cache.t4g.micro").numCacheNodes(3).preferredAvailabilityZones("local-1a")),
                    400, "InvalidParameterValue");
            assertAwsError(() -> ec.createCacheCluster(r -> r.cacheClusterId("z").engine("redis")
                    .cacheNodeType("cache.t4g.micro").numCacheNodes(1).azMode("cross-az")), 400, "InvalidParameterValue");
        }
    }

    @Test
    void modifyAddsAndRemovesNodesNowOrInTheMaintenanceWindow() {
        IssuedAccessKey key = newAccount("mcmod");
        try (ElastiCacheClient ec = client(key)) {
            ec.createCacheCluster(r -> r.cacheClusterId("grow").engine("memcached").cacheNodeType("cache.t4g.micro")
                    .numCacheNodes(2).preferredAvailabilityZone("local-1a"));
            assertAwsError(() -> ec.modifyCacheCluster(r -> r.cacheClusterId("grow").numCacheNodes(3)),
                    400, "InvalidCacheClusterState");
            makeAvailable(key.accountId(), "grow");

            // without ApplyImmediately: pending, shown in PendingModifiedValues
            CacheCluster pending = ec.modifyCacheCluster(r -> r.cacheClusterId("grow").numCacheNodes(1)
                    .cacheNodeIdsToRemove("0002")).cacheCluster();
            assertThat(pending.pendingModifiedValues().numCacheNodes()).isEqualTo(1);
            assertThat(pending.pendingModifiedValues().cacheNodeIdsToRemove()).containsExactly("0002");
            assertThat(pending.numCacheNodes()).isEqualTo(2);
            assertThat(pending.cacheClusterStatus()).isEqualTo("available");

            assertAwsError(() -> ec.modifyCacheCluster(r -> r.cacheClusterId("grow").numCacheNodes(1)), 400,
                    "InvalidParameterCombination");
            assertAwsError(() -> ec.modifyCacheCluster(r -> r.cacheClusterId("grow").numCacheNodes(1)
                    .cacheNodeIdsToRemove("0007")), 400, "InvalidParameterValue");
            assertAwsError(() -> ec.modifyCacheCluster(r -> r.cacheClusterId("grow").cacheNodeType("cache.t4g.small")),
                    400, "InvalidParameterCombination");
            assertAwsError(() -> ec.modifyCacheCluster(r -> r.cacheClusterId("grow").numCacheNodes(3)
                    .newAvailabilityZones("local-1b")), 400, "InvalidParameterCombination"); // single-az

            // now: the node count changes at once, the cluster is modifying, the new node is 0003
            CacheCluster grown = ec.modifyCacheCluster(r -> r.cacheClusterId("grow").numCacheNodes(4)
                    .applyImmediately(true)).cacheCluster();
            assertThat(grown.cacheClusterStatus()).isEqualTo("modifying");
            assertThat(grown.numCacheNodes()).isEqualTo(4);
            assertThat(grown.pendingModifiedValues().numCacheNodes()).isNull();
            List<String> ids = ec.describeCacheClusters(r -> r.cacheClusterId("grow").showCacheNodeInfo(true))
                    .cacheClusters().getFirst().cacheNodes().stream().map(n -> n.cacheNodeId()).toList();
            assertThat(ids).containsExactly("0001", "0002", "0003", "0004");
        }
    }

    @Test
    void concurrentCreatesEachGetTheirOwnConfigurationEndpointPort() throws Exception {
        IssuedAccessKey key = newAccount("mcrace");
        int creates = 6;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(creates);
        try (ElastiCacheClient ec = client(key)) {
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(creates);
            List<java.util.concurrent.Future<Integer>> ports = new java.util.ArrayList<>();
            for (int i = 0; i < creates; i++) {
                String id = "race" + i;
                ports.add(pool.submit(() -> {
                    start.await();
                    return ec.createCacheCluster(r -> r.cacheClusterId(id).engine("memcached")
                            .cacheNodeType("cache.t4g.micro").numCacheNodes(1)).cacheCluster().configurationEndpoint().port();
                }));
            }
            java.util.Set<Integer> distinct = new java.util.HashSet<>();
            for (java.util.concurrent.Future<Integer> port : ports) {
                distinct.add(port.get(60, java.util.concurrent.TimeUnit.SECONDS)); // a lost race would throw here
            }
            assertThat(distinct).hasSize(creates);
            assertThat(ec.describeCacheClusters(r -> r.maxRecords(100)).cacheClusters())
                    .filteredOn(c -> c.cacheClusterId().startsWith("race"))
                    .extracting(c -> c.configurationEndpoint().port()).containsExactlyInAnyOrderElementsOf(distinct);
        } finally {
            pool.shutdownNow();
        }
    }

    private void makeAvailable(String accountId, String clusterId) {
        jdbc.sql("update cache_clusters set status = 'AVAILABLE', observed_generation = generation where account_id = ? and cluster_id = ?")
                .params(accountId, clusterId).update();
    }

    private List<String> resolve(String name) throws Exception {
        Message reply = query(name, Type.A);
        return reply.getSection(Section.ANSWER).stream().filter(r -> r instanceof ARecord)
                .map(r -> ((ARecord) r).getAddress().getHostAddress()).toList();
    }

    private int rcode(String name) throws Exception {
        return query(name, Type.A).getRcode();
    }

    private Message query(String name, int type) throws Exception {
        SimpleResolver resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
        resolver.setPort(dns.port());
        resolver.setTimeout(Duration.ofSeconds(5));
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, DClass.IN)));
    }

    private static void assertAwsError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int status, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ElastiCacheException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        });
    }
}

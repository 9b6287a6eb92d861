package dev.cachalot.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.rubyeye.xmemcached.aws.AWSElasticCacheClient;
import net.rubyeye.xmemcached.aws.AWSElasticCacheClientBuilder;
import net.rubyeye.xmemcached.aws.CacheNode;
import net.rubyeye.xmemcached.aws.ClusterConfiguration;
import net.rubyeye.xmemcached.impl.KetamaMemcachedSessionLocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;

/**
 * A memcached cluster end to end, with real processes: created through the AWS SDK with three nodes
 * across two zones (two agents), found by a consistent-hashing client (xmemcached's ElastiCache client,
 * Ketama) through {@code config get cluster} on the configuration endpoint, whose {@code .cfg.} name
 * resolves through Cachalot's DNS. 10,000 keys are written; a node is added, then one removed; each
 * time every node and the configuration endpoint give the new list, the client follows it, and reads
 * keep working (keys that moved to another node are misses, as with any consistent-hashing cache).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemcachedFlowTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final int KEYS = 10_000;
    private LocalRegion region;

    @BeforeAll
    void startRegion() throws InterruptedException {
        region = LocalRegion.start("memcached");
        region.startAgent("local-1b");
        System.setProperty(CachalotDnsResolverProvider.PROPERTY, "127.0.0.1:" + region.dnsPort);
    }

    @AfterAll
    void stopRegion() {
        System.clearProperty(CachalotDnsResolverProvider.PROPERTY);
        if (region != null) {
            region.close();
        }
    }

    @Test
    void clientsDiscoverTheNodesAsTheClusterGrowsAndShrinks() throws Exception {
        try (ElastiCacheClient ec = region.sdk()) {
            CacheCluster created = ec.createCacheCluster(r -> r.cacheClusterId("mcflow").engine("memcached")
                    .cacheNodeType("cache.t3.micro").numCacheNodes(3).azMode("cross-az")).cacheCluster();
            assertThat(created.configurationEndpoint().address()).contains(".cfg.");
            assertThat(created.preferredAvailabilityZone()).isEqualTo("Multiple");
            CacheCluster cluster = awaitAvailable(ec, "mcflow");
            assertThat(cluster.cacheNodes()).extracting(n -> n.cacheNodeId()).containsExactly("0001", "0002", "0003");
            assertThat(cluster.cacheNodes()).extracting(n -> n.customerAvailabilityZone())
                    .containsExactly("local-1a", "local-1b", "local-1a");
            assertThat(LocalRegion.engineProcesses("mcflow")).hasSize(3);

            // the configuration endpoint: a .cfg. name that resolves (through Cachalot's DNS) and answers
            String cfgHost = cluster.configurationEndpoint().address();
            int cfgPort = cluster.configurationEndpoint().port();
            assertThat(InetAddress.getByName(cfgHost).getHostAddress()).isEqualTo("127.0.0.1");
            Discovery first = awaitDiscovery(cfgHost, cfgPort, 3);
            assertThat(first.ports()).containsExactlyInAnyOrderElementsOf(ports(cluster));
            for (var node : cluster.cacheNodes()) { // every node answers the same list
                assertThat(Discovery.parse(call(node.endpoint().address(), node.endpoint().port(), "config get cluster\r\n")))
                        .isEqualTo(first);
            }

            AWSElasticCacheClientBuilder builder = new AWSElasticCacheClientBuilder(new InetSocketAddress(cfgHost, cfgPort));
            builder.setSessionLocator(new KetamaMemcachedSessionLocator());
            builder.setPollConfigIntervalMs(500);
            builder.setOpTimeout(5000);
            AWSElasticCacheClient client = builder.build();
            try {
                awaitClientSees(client, ports(cluster));
                for (int i = 0; i < KEYS; i++) {
                    assertThat(client.set("key-" + i, 0, "value-" + i)).isTrue();
                }
                assertThat(hits(client)).isEqualTo(KEYS);
                for (var node : cluster.cacheNodes()) { // consistent hashing spread the keys over every node
                    String stats = call(node.endpoint().address(), node.endpoint().port(), "stats\r\n");
                    assertThat(curr(stats)).isGreaterThan(KEYS / 10);
                }

                // a fourth node: Auto Discovery follows, most keys still hit, new keys land everywhere
                ec.modifyCacheCluster(r -> r.cacheClusterId("mcflow").numCacheNodes(4).applyImmediately(true));
                CacheCluster grown = awaitAvailable(ec, "mcflow");
                assertThat(grown.cacheNodes()).extracting(n -> n.cacheNodeId()).containsExactly("0001", "0002", "0003", "0004");
                assertThat(grown.cacheNodes().getLast().customerAvailabilityZone()).isEqualTo("local-1b");
                Discovery second = awaitDiscovery(cfgHost, cfgPort, 4);
                assertThat(second.version()).isGreaterThan(first.version());
                awaitClientSees(client, ports(grown));
                int afterGrow = hits(client);
                assertThat(afterGrow).isBetween(KEYS / 2, KEYS - 1);
                for (int i = 0; i < KEYS; i++) {
                    client.set("key-" + i, 0, "value-" + i);
                }
                assertThat(hits(client)).isEqualTo(KEYS);

                // node 0002 removed: the list loses it first, the node goes a drain period later
                // (cachalot.discovery.drain), after the client has moved on; reads keep working
                int removedPort = grown.cacheNodes().get(1).endpoint().port();
                String removedAddress = grown.cacheNodes().get(1).endpoint().address();
                ec.modifyCacheCluster(r -> r.cacheClusterId("mcflow").numCacheNodes(3).cacheNodeIdsToRemove("0002")
                        .applyImmediately(true));
                // until it stops, the leaving node too hands out the list without itself (xmemcached polls
                // through one of its node connections, which may be this one); a refused connection here
                // means it stopped first, and fails the test
                Discovery fromLeaving = await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).until(
                        () -> Discovery.parse(call(removedAddress, removedPort, "config get cluster\r\n")),
                        d -> d.version() > second.version());
                assertThat(fromLeaving.ports()).hasSize(3).doesNotContain(removedPort);
                CacheCluster shrunk = awaitAvailable(ec, "mcflow");
                assertThat(shrunk.cacheNodes()).extracting(n -> n.cacheNodeId()).containsExactly("0001", "0003", "0004");
                Discovery third = awaitDiscovery(cfgHost, cfgPort, 3);
                assertThat(third.version()).isGreaterThan(second.version());
                assertThat(third.ports()).doesNotContain(removedPort);
                awaitClientSees(client, ports(shrunk));
                int afterShrink = hits(client);
                assertThat(afterShrink).isBetween(KEYS / 2, KEYS - 1);
                assertThat(LocalRegion.engineProcesses("mcflow")).hasSize(3);
                for (var node : shrunk.cacheNodes()) {
                    assertThat(Discovery.parse(call(node.endpoint().address(), node.endpoint().port(), "config get cluster\r\n")))
                            .isEqualTo(third);
                }
            } finally {
                client.shutdown();
            }

            ec.deleteCacheCluster(r -> r.cacheClusterId("mcflow"));
            await().atMost(TIMEOUT).until(() -> LocalRegion.engineProcesses("mcflow").isEmpty());
        }
    }

    /** Reads every key; returns how many hit (a read that fails would throw). */
    private static int hits(AWSElasticCacheClient client) throws Exception {
        int hits = 0;
        for (int i = 0; i < KEYS; i++) {
            String v = client.get("key-" + i);
            if (v != null) {
                assertThat(v).isEqualTo("value-" + i);
                hits++;
            }
        }
        return hits;
    }

    private static void awaitClientSees(AWSElasticCacheClient client, Set<Integer> ports) {
        await().atMost(TIMEOUT).until(() -> {
            ClusterConfiguration config = client.getCurrentConfig();
            return config != null && config.getNodeList().stream().map(CacheNode::getPort).collect(Collectors.toSet()).equals(ports)
                    && client.getAvailableServers().stream().map(InetSocketAddress::getPort).collect(Collectors.toSet())
                    .containsAll(ports);
        });
    }

    private static Set<Integer> ports(CacheCluster cluster) {
        return cluster.cacheNodes().stream().map(n -> n.endpoint().port()).collect(Collectors.toSet());
    }

    private static CacheCluster awaitAvailable(ElastiCacheClient ec, String id) {
        return await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).until(
                () -> ec.describeCacheClusters(r -> r.cacheClusterId(id).showCacheNodeInfo(true)).cacheClusters().getFirst(),
                c -> c.cacheClusterStatus().equals("available"));
    }

    private static Discovery awaitDiscovery(String host, int port, int nodes) {
        return await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> Discovery.parse(call(host, port, "config get cluster\r\n")), d -> d.ports().size() == nodes);
    }

    private static long curr(String stats) {
        return stats.lines().filter(l -> l.startsWith("STAT curr_items ")).mapToLong(l -> Long.parseLong(l.substring(16)))
                .findFirst().orElse(-1);
    }

    /** "config get cluster" as ElastiCache answers it. */
    record Discovery(long version, List<String> entries) {

        static Discovery parse(String reply) {
            String[] lines = reply.split("\r\n");
            if (!lines[0].startsWith("CONFIG cluster 0 ")) {
                return new Discovery(-1, List.of());
            }
            int bytes = Integer.parseInt(lines[0].substring("CONFIG cluster 0 ".length()));
            String data = reply.substring(lines[0].length() + 2, lines[0].length() + 2 + bytes);
            assertThat(reply.substring(lines[0].length() + 2 + bytes)).isEqualTo("\r\nEND\r\n");
            String[] parts = data.split("\n");
            assertThat(data).endsWith("\n");
            return new Discovery(Long.parseLong(parts[0]), List.of(parts[1].split(" ")));
        }

        Set<Integer> ports() {
            return entries.stream().map(e -> Integer.parseInt(e.substring(e.lastIndexOf('|') + 1))).collect(Collectors.toSet());
        }
    }

    /** One text request on a fresh connection; the reply up to END (or one line). */
    static String call(String host, int port, String request) throws IOException {
        try (Socket s = new Socket(host, port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (true) {
                String text = got.toString(StandardCharsets.US_ASCII);
                if (text.endsWith("END\r\n") || text.equals("ERROR\r\n")) {
                    return text;
                }
                int n = in.read(buf);
                if (n < 0) {
                    return text;
                }
                got.write(buf, 0, n);
            }
        }
    }
}

package dev.cachalot.controlplane.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cachalot.controlplane.support.ControlPlaneTestBase;
import dev.cachalot.controlplane.support.FakeHost;
import dev.cachalot.controlplane.support.RestClient;
import dev.cachalot.controlplane.support.RestClient.Response;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Memcached clusters over the REST API, with hosts in two zones whose agents do not answer (so a
 * cluster stays where the API puts it until the test marks it available): the configuration
 * endpoint and AZ mode, node counts grown and shrunk with PATCH (now and pending), and the problems
 * with the AWS API's codes for what ElastiCache refuses.
 */
class RestMemcachedClusterTest extends ControlPlaneTestBase {

    private static final String CLUSTERS = RestApiTest.CLUSTERS;
    private static final UUID HOST_B = UUID.fromString("00000000-0000-4000-8000-00000000000b");

    @BeforeEach
    void secondZone() {
        FakeHost.register(grpc.port(), "local-1b", HOST_B);
    }

    private static String memcached(String id, String extra) {
        return "{\"cacheClusterId\":\"" + id + "\",\"engine\":\"memcached\",\"cacheNodeType\":\"cache.t4g.micro\"" + extra + "}";
    }

    @Test
    void aCrossAzClusterShowsItsConfigurationEndpointAndGrowsAndShrinks() {
        var key = newAccount("rest-mc");
        RestClient api = RestClient.sigV4(port, key.accessKeyId(), key.secretAccessKey());
        String body = memcached("mc", ",\"numCacheNodes\":3,\"azMode\":\"cross-az\","
                + "\"preferredAvailabilityZones\":[\"local-1a\",\"local-1b\",\"local-1a\"]");
        assertThat(api.post(CLUSTERS + "?dryRun=true", body).status()).isEqualTo(204);
        Response created = api.post(CLUSTERS, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode c = created.json();
        assertThat(c.path("engine").asString()).isEqualTo("memcached");
        assertThat(c.path("numCacheNodes").asInt()).isEqualTo(3);
        assertThat(c.path("azMode").asString()).isEqualTo("cross-az");
        assertThat(c.path("preferredAvailabilityZone").asString()).isEqualTo("Multiple");
        assertThat(c.path("configurationEndpoint").path("address").asString()).startsWith("mc.").contains(".cfg.");
        assertThat(c.path("configurationEndpoint").path("port").asInt()).isPositive();
        assertThat(c.has("pendingModifiedValues")).isFalse();
        assertThat(c.path("nodes")).hasSize(3);

        JsonNode placed = await().atMost(Duration.ofSeconds(30)).until(() -> api.get(CLUSTERS + "/mc").json(),
                j -> j.path("nodes").valueStream().allMatch(n -> n.has("availabilityZone")));
        assertThat(placed.path("nodes").valueStream().map(n -> n.path("availabilityZone").asString()))
                .containsExactly("local-1a", "local-1b", "local-1a");
        assertThat(placed.path("configurationEndpoint")).isEqualTo(c.path("configurationEndpoint"));
        makeAvailable(key.accountId(), "mc");

        // Shrink in the maintenance window: pending, the named node still there.
        Response pending = api.patch(CLUSTERS + "/mc", "{\"numCacheNodes\":2,\"cacheNodeIdsToRemove\":[\"0003\"]}", Map.of());
        assertThat(pending.status()).as(pending.toString()).isEqualTo(200);
        assertThat(pending.json().path("numCacheNodes").asInt()).isEqualTo(3);
        assertThat(pending.json().path("pendingModifiedValues").path("numCacheNodes").asInt()).isEqualTo(2);
        assertThat(pending.json().path("pendingModifiedValues").path("cacheNodeIdsToRemove").valueStream()
                .map(JsonNode::asString)).containsExactly("0003");

        // Grow now, into a zone of our choosing: the new node is 0004, the pending shrink is replaced.
        String etag = api.get(CLUSTERS + "/mc").header("ETag");
        Response grown = api.patch(CLUSTERS + "/mc", "{\"numCacheNodes\":4,\"newAvailabilityZones\":[\"local-1b\"],"
                + "\"applyImmediately\":true}", Map.of("If-Match", etag));
        assertThat(grown.status()).as(grown.toString()).isEqualTo(200);
        assertThat(grown.json().path("status").asString()).isEqualTo("modifying");
        assertThat(grown.json().path("numCacheNodes").asInt()).isEqualTo(4);
        assertThat(grown.json().path("pendingModifiedValues").has("numCacheNodes")).isFalse();
        assertThat(grown.json().path("nodes").valueStream().map(n -> n.path("cacheNodeId").asString()))
                .containsExactly("0001", "0002", "0003", "0004");
        JsonNode four = await().atMost(Duration.ofSeconds(30)).until(() -> api.get(CLUSTERS + "/mc").json(),
                j -> j.path("nodes").valueStream().allMatch(n -> n.has("availabilityZone")));
        assertThat(four.path("nodes").get(3).path("availabilityZone").asString()).isEqualTo("local-1b");
        makeAvailable(key.accountId(), "mc");

        // Shrink now by two named nodes.
        Response shrunk = api.patch(CLUSTERS + "/mc", "{\"numCacheNodes\":2,\"cacheNodeIdsToRemove\":[\"0002\",\"0004\"],"
                + "\"applyImmediately\":true}", Map.of());
        assertThat(shrunk.status()).as(shrunk.toString()).isEqualTo(200);
        assertThat(shrunk.json().path("numCacheNodes").asInt()).isEqualTo(2);
        assertThat(shrunk.json().path("status").asString()).isEqualTo("modifying");
    }

    @Test
    void badNodeCountsAndZonesGetTheAwsCodes() {
        var key = newAccount("rest-mc-bad");
        RestClient api = RestClient.sigV4(port, key.accessKeyId(), key.secretAccessKey());
        Response tooMany = api.post(CLUSTERS, memcached("big", ",\"numCacheNodes\":41"));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.code()).isEqualTo("NodeQuotaForClusterExceeded");
        assertThat(api.post(CLUSTERS + "?dryRun=true", memcached("big", ",\"numCacheNodes\":41")).code())
                .isEqualTo("NodeQuotaForClusterExceeded");
        assertThat(api.post(CLUSTERS, memcached("z", ",\"numCacheNodes\":3,\"preferredAvailabilityZones\":[\"local-1a\"]")).code())
                .isEqualTo("InvalidParameterValue");
        assertThat(api.post(CLUSTERS, memcached("z", ",\"azMode\":\"everywhere\"")).code()).isEqualTo("InvalidParameterValue");
        assertThat(api.post(CLUSTERS, "{\"cacheClusterId\":\"z\",\"engine\":\"redis\",\"cacheNodeType\":\"cache.t4g.micro\","
                + "\"azMode\":\"cross-az\"}").code()).isEqualTo("InvalidParameterValue");
        assertThat(api.post(CLUSTERS, memcached("z", ",\"azMode\":\"cross-az\",\"numCache\":2")).code())
                .isEqualTo("SerializationException");
        assertThat(api.get(CLUSTERS).json().path("items")).isEmpty();

        assertThat(api.post(CLUSTERS, memcached("two", ",\"numCacheNodes\":2")).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(CLUSTERS + "/two").json().path("nodes").valueStream()
                .allMatch(n -> n.has("availabilityZone")));
        makeAvailable(key.accountId(), "two");
        String before = api.get(CLUSTERS + "/two").body();

        Response quota = api.patch(CLUSTERS + "/two", "{\"numCacheNodes\":41,\"applyImmediately\":true}", Map.of());
        assertThat(quota.status()).isEqualTo(400);
        assertThat(quota.code()).isEqualTo("NodeQuotaForClusterExceeded");
        Response noIds = api.patch(CLUSTERS + "/two", "{\"numCacheNodes\":1}", Map.of());
        assertThat(noIds.code()).isEqualTo("InvalidParameterCombination");
        assertThat(noIds.json().path("detail").asString()).contains("CacheNodeIdsToRemove supplied are 0");
        assertThat(api.patch(CLUSTERS + "/two", "{\"numCacheNodes\":1,\"cacheNodeIdsToRemove\":[\"0001\",\"0002\"]}", Map.of())
                .code()).isEqualTo("InvalidParameterCombination");
        assertThat(api.patch(CLUSTERS + "/two", "{\"numCacheNodes\":1,\"cacheNodeIdsToRemove\":[\"0009\"]}", Map.of())
                .code()).isEqualTo("InvalidParameterValue");
        assertThat(api.patch(CLUSTERS + "/two", "{\"cacheNodeIdsToRemove\":[\"0002\"]}", Map.of()).code())
                .isEqualTo("InvalidParameterCombination");
        assertThat(api.patch(CLUSTERS + "/two", "{\"cacheNodeType\":\"cache.t4g.small\"}", Map.of()).code())
                .isEqualTo("InvalidParameterCombination");
        assertThat(api.get(CLUSTERS + "/two").body()).as("a refusal changes nothing").isEqualTo(before);

        // A node count is for memcached clusters only.
        assertThat(api.post(CLUSTERS, RestApiTest.cluster("one")).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(CLUSTERS + "/one").json().path("nodes").get(0)
                .has("availabilityZone"));
        makeAvailable(key.accountId(), "one");
        assertThat(api.patch(CLUSTERS + "/one", "{\"numCacheNodes\":2}", Map.of()).code()).isEqualTo("InvalidParameterValue");
        assertThat(api.patch(CLUSTERS + "/one", "{\"azMode\":\"cross-az\"}", Map.of()).code()).isEqualTo("InvalidParameterCombination");
    }

    private void makeAvailable(String accountId, String clusterId) {
        jdbc.sql("update cache_clusters set status = 'AVAILABLE', observed_generation = generation where account_id = ? and cluster_id = ?")
                .params(accountId, clusterId).update();
    }
}

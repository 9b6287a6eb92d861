package dev.cachalot.controlplane.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cachalot.controlplane.identity.Caller;
import dev.cachalot.controlplane.identity.IssuedAccessKey;
import dev.cachalot.controlplane.identity.Policy;
import dev.cachalot.controlplane.support.ConsoleSession;
import dev.cachalot.controlplane.support.ControlPlaneTestBase;
import dev.cachalot.controlplane.support.FakeHost;
import dev.cachalot.controlplane.support.RestClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Memcached clusters in the console, over HTTP as a browser posts its forms, with hosts in two zones
 * whose agents do not answer: the wizard's node count and AZ mode (with the service's refusals next
 * to those fields), the configuration endpoint on the list and detail pages and in the connect
 * snippets, and modify's node count with the nodes to remove, its AZ mode and the zones of added nodes.
 */
class ConsoleMemcachedPagesTest extends ControlPlaneTestBase {

    private static final String PASSWORD = "correct horse battery";
    private static final UUID HOST_B = UUID.fromString("00000000-0000-4000-8000-00000000000b");

    @BeforeEach
    void secondZone() {
        FakeHost.register(grpc.port(), "local-1b", HOST_B);
    }

    @Test
    void theWizardTakesANodeCountAndAzModeForMemcached() {
        IssuedAccessKey owner = newAccount("mc-wizard");
        setPassword(owner.accountId());
        ConsoleSession session = new ConsoleSession(port).signIn(owner.accountId(), "admin", PASSWORD);
        session.get("/console/cache-clusters/new");

        // Redis OSS: no node count, no AZ mode.
        Map<String, String> form = new LinkedHashMap<>(Map.of("cacheClusterId", "mc-made", "engine", "redis", "engineVersion", "",
                "step", "1", "action", "next"));
        assertThat(session.post("/console/cache-clusters/new", form).body()).contains("2. Nodes and placement")
                .doesNotContain("id=\"numCacheNodes\"").doesNotContain("name=\"azMode\" value=\"cross-az\"");

        form.put("engine", "memcached");
        String step2 = session.post("/console/cache-clusters/new", form).body();
        assertThat(step2).contains("aria-current=\"step\">2. Nodes and placement")
                .containsPattern("<label for=\"numCacheNodes\">Number of nodes</label>")
                .containsPattern("id=\"numCacheNodes\"[^>]*value=\"1\"")
                .contains("name=\"azMode\" value=\"single-az\"").contains("name=\"azMode\" value=\"cross-az\"");

        form.putAll(Map.of("step", "2", "cacheNodeType", "cache.t4g.micro", "numCacheNodes", "41", "azMode", "single-az",
                "preferredAvailabilityZone", "", "cacheSubnetGroupName", ""));
        String tooMany = session.post("/console/cache-clusters/new", form).body();
        assertThat(tooMany).containsPattern("id=\"numCacheNodes\"[^>]*aria-invalid=\"true\"")
                .contains("id=\"numCacheNodes-error\"").contains("allowed number of cache nodes in a single cluster (40)");
        form.put("numCacheNodes", "three");
        assertThat(session.post("/console/cache-clusters/new", form).body()).contains("id=\"numCacheNodes-error\"")
                .contains("whole number from 1 to 40");
        form.putAll(Map.of("numCacheNodes", "3", "azMode", "cross-az", "preferredAvailabilityZone", "local-1a"));
        assertThat(session.post("/console/cache-clusters/new", form).body()).contains("id=\"azMode-error\"")
                .contains("aria-current=\"step\">2. Nodes and placement");

        form.put("preferredAvailabilityZone", "");
        assertThat(session.post("/console/cache-clusters/new", form).body()).contains("aria-current=\"step\">3. Settings")
                .contains("name=\"numCacheNodes\" value=\"3\"").contains("name=\"azMode\" value=\"cross-az\"");
        form.putAll(Map.of("step", "3", "cacheParameterGroupName", "", "port", "", "preferredMaintenanceWindow", "",
                "snapshotRetentionLimit", "", "tags", ""));
        String review = session.post("/console/cache-clusters/new", form).body();
        assertThat(review).contains("4. Review and create").contains("id=\"summary-nodes\">3<")
                .contains("across zones (cross-az)");

        form.putAll(Map.of("step", "4", "action", "create"));
        HttpResponse<String> created = session.post("/console/cache-clusters/new", form);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/cache-clusters/mc-made"));
        String detail = session.follow(created).body();
        JsonNode api = rest(owner).get("/api/v1/cache-clusters/mc-made").json();
        assertThat(api.path("numCacheNodes").asInt()).isEqualTo(3);
        assertThat(api.path("azMode").asString()).isEqualTo("cross-az");
        String cfg = api.path("configurationEndpoint").path("address").asString() + ":"
                + api.path("configurationEndpoint").path("port").asInt();
        assertThat(detail).contains("id=\"configuration-endpoint\">" + cfg + "<").contains("id=\"cluster-node-count\">3<")
                .contains("across zones (cross-az)").contains("config get cluster")
                .contains("new AWSElasticCacheClient(new InetSocketAddress(&quot;" + cfg.replace(":", "&quot;, ") + "))")
                .doesNotContain("id=\"snippet-redis-cli\"");
        assertThat(session.get("/console/cache-clusters").body()).contains(cfg);
        assertThat(session.get("/console/cache-clusters/mc-made/live").body()).contains("id=\"configuration-endpoint\"");
    }

    @Test
    void modifyChangesTheNodeCountAndNamesTheNodesToRemove() {
        IssuedAccessKey owner = newAccount("mc-modify");
        setPassword(owner.accountId());
        RestClient api = rest(owner);
        createAvailable(owner, api, "mc-change", "\"numCacheNodes\":3");

        ConsoleSession session = new ConsoleSession(port).signIn(owner.accountId(), "admin", PASSWORD);
        String form = session.get("/console/cache-clusters/mc-change/modify").body();
        assertThat(form).containsPattern("id=\"numCacheNodes\"[^>]*value=\"3\"")
                .contains("<legend>Nodes to remove (when the count goes down)</legend>")
                .contains("name=\"cacheNodeIdsToRemove\" value=\"0001\"").contains("name=\"cacheNodeIdsToRemove\" value=\"0003\"");

        Map<String, String> change = unchangedForm();
        change.putAll(Map.of("numCacheNodes", "1", "action", "review"));
        String review = session.post("/console/cache-clusters/mc-change/modify", change).body();
        assertThat(review).contains("Number of nodes").contains("Apply changes");

        // Two fewer nodes but one named: the service's refusal, next to the nodes to remove.
        change.put("action", "apply");
        HttpResponse<String> mismatch = session.post("/console/cache-clusters/mc-change/modify", change,
                "cacheNodeIdsToRemove", List.of("0003"));
        assertThat(mismatch.statusCode()).isEqualTo(200);
        assertThat(mismatch.body()).contains("id=\"cacheNodeIdsToRemove-error\"")
                .contains("The number of CacheNodeIdsToRemove must match the number of nodes you are trying to remove")
                .containsPattern("value=\"0003\"[^>]*checked");
        change.put("numCacheNodes", "41");
        assertThat(session.post("/console/cache-clusters/mc-change/modify", change).body()).contains("id=\"numCacheNodes-error\"")
                .contains("allowed number of cache nodes in a single cluster (40)");

        // Named right, in the maintenance window: pending on the detail page.
        change.putAll(Map.of("numCacheNodes", "1", "action", "review"));
        String named = session.post("/console/cache-clusters/mc-change/modify", change, "cacheNodeIdsToRemove",
                List.of("0002", "0003")).body();
        assertThat(named).contains("Nodes to remove").contains("0002, 0003")
                .contains("name=\"cacheNodeIdsToRemove\" value=\"0002\"").contains("name=\"cacheNodeIdsToRemove\" value=\"0003\"");
        change.put("action", "apply");
        HttpResponse<String> applied = session.post("/console/cache-clusters/mc-change/modify", change, "cacheNodeIdsToRemove",
                List.of("0002", "0003"));
        assertThat(applied.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/cache-clusters/mc-change"));
        assertThat(session.follow(applied).body()).contains("id=\"cluster-pending\">1 nodes, removing 0002, 0003<");

        // More nodes, now.
        change.putAll(Map.of("numCacheNodes", "5", "applyImmediately", "true"));
        HttpResponse<String> grown = session.post("/console/cache-clusters/mc-change/modify", change);
        assertThat(grown.headers().firstValue("Location")).isPresent();
        assertThat(session.follow(grown).body()).contains("id=\"cluster-node-count\">5<").contains("being applied now");
        assertThat(api.get("/api/v1/cache-clusters/mc-change").json().path("nodes")).hasSize(5);
    }

    @Test
    void modifyTurnsAClusterCrossAzAndPlacesTheAddedNodesInTheZonesNamed() {
        IssuedAccessKey owner = newAccount("mc-zones");
        setPassword(owner.accountId());
        RestClient api = rest(owner);
        createAvailable(owner, api, "mc-zones", "\"numCacheNodes\":1,\"preferredAvailabilityZone\":\"local-1a\"");

        ConsoleSession session = new ConsoleSession(port).signIn(owner.accountId(), "admin", PASSWORD);
        String form = session.get("/console/cache-clusters/mc-zones/modify").body();
        assertThat(form).containsPattern("name=\"azMode\" value=\"single-az\"[^>]*checked")
                .contains("id=\"newAvailabilityZones\"").contains("local-1a, local-1b");

        Map<String, String> change = unchangedForm();
        change.putAll(Map.of("numCacheNodes", "3", "azMode", "single-az", "newAvailabilityZones", "local-1b local-1a"));
        change.putAll(Map.of("applyImmediately", "true", "action", "apply"));

        // The service's refusals, next to the field they are about, and nothing changes.
        HttpResponse<String> singleZone = session.post("/console/cache-clusters/mc-zones/modify", change);
        assertThat(singleZone.statusCode()).isEqualTo(200);
        assertThat(singleZone.body()).contains("id=\"azMode-error\"").contains("use AZMode cross-az");
        change.putAll(Map.of("azMode", "cross-az", "newAvailabilityZones", "local-1b"));
        assertThat(session.post("/console/cache-clusters/mc-zones/modify", change).body())
                .contains("id=\"newAvailabilityZones-error\"").contains("must match the number of cache nodes being added (2)");
        change.put("newAvailabilityZones", "local-1b, mars-1z");
        assertThat(session.post("/console/cache-clusters/mc-zones/modify", change).body())
                .contains("id=\"newAvailabilityZones-error\"").contains("mars-1z");
        assertThat(api.get("/api/v1/cache-clusters/mc-zones").json().path("nodes")).hasSize(1);

        // Reviewed, then applied now: the nodes are where they were named (not where cross-az would spread them).
        change.putAll(Map.of("newAvailabilityZones", "local-1a,local-1b", "action", "review"));
        String review = session.post("/console/cache-clusters/mc-zones/modify", change).body();
        assertThat(review).contains("Zones of the nodes").contains("cross-az").contains("Zones of the added nodes")
                .contains("local-1a, local-1b").contains("name=\"newAvailabilityZones\" value=\"local-1a,local-1b\"");
        change.put("action", "apply");
        HttpResponse<String> applied = session.post("/console/cache-clusters/mc-zones/modify", change);
        assertThat(applied.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/cache-clusters/mc-zones"));
        assertThat(session.follow(applied).body()).contains("id=\"cluster-az-mode\">across zones (cross-az)<");
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/cache-clusters/mc-zones").json().path("nodes")
                .valueStream().filter(n -> n.has("availabilityZone")).count() == 3);
        assertThat(api.get("/api/v1/cache-clusters/mc-zones").json().path("nodes").valueStream()
                .map(n -> n.path("cacheNodeId").asString() + "@" + n.path("availabilityZone").asString()).toList())
                .containsExactly("0001@local-1a", "0002@local-1a", "0003@local-1b");
    }

    private RestClient rest(IssuedAccessKey key) {
        return RestClient.sigV4(port, key.accessKeyId(), key.secretAccessKey());
    }

    /** A memcached cluster made through the REST API, its nodes placed, then marked available. */
    private void createAvailable(IssuedAccessKey owner, RestClient api, String clusterId, String moreJson) {
        assertThat(api.post("/api/v1/cache-clusters", "{\"cacheClusterId\":\"" + clusterId + "\",\"engine\":\"memcached\","
                + "\"cacheNodeType\":\"cache.t4g.micro\"," + moreJson + "}").status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/cache-clusters/" + clusterId).json().path("nodes")
                .valueStream().allMatch(n -> n.has("availabilityZone")));
        makeAvailable(owner.accountId(), clusterId);
    }

    /** The modify form as the page first fills it for a default memcached cluster (nothing changed yet). */
    private static Map<String, String> unchangedForm() {
        return new LinkedHashMap<>(Map.of("cacheNodeType", "cache.t4g.micro", "engineVersion", "1.6.22",
                "cacheParameterGroupName", "default.memcached1.6", "preferredMaintenanceWindow", "sun:05:00-sun:06:00",
                "snapshotRetentionLimit", "0", "autoMinorVersionUpgrade", "true"));
    }

    private void makeAvailable(String accountId, String clusterId) {
        jdbc.sql("update cache_clusters set status = 'AVAILABLE', observed_generation = generation where account_id = ? and cluster_id = ?")
                .params(accountId, clusterId).update();
    }

    private void setPassword(String accountId) {
        Caller self = new Caller(accountId, "admin", null, Policy.FULL_ACCESS, false);
        identity.updateUser(self, accountId, "admin", null, PASSWORD);
    }
}

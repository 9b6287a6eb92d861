package dev.cachalot.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The running service and {@code api-spec/openapi.yaml} agree: the document served at
 * {@code /api/v1/openapi.json} is the file; every documented operation is called against a real
 * region (control plane, agent, nodes that really come up: a valkey cluster and a memcached one) and
 * every response, success or problem, validates against the document; and every operation the
 * document names was called.
 */
class RestContractTest {

    private static LocalRegion region;

    @RegisterExtension
    static final BeforeAllCallback REGION = (ExtensionContext context) -> region = SharedRegion.get(context);

    @Test
    void everyDocumentedOperationAnswersAsDocumented() throws Exception {
        JsonNode file = YAMLMapper.builder().build().readTree(Files.readString(Path.of(System.getProperty("cachalot.openapi"))));
        OpenApiContract contract = new OpenApiContract(file);
        RestClient anonymous = new RestClient(region.endpoint(), null, null).observedBy(contract::check);
        RestClient admin = new RestClient(region.endpoint(), region.accessKeyId(), region.secretAccessKey()).observedBy(contract::check);

        RestClient.Response served = anonymous.get("/api/v1/openapi.json");
        assertThat(served.json()).as("the served document is api-spec/openapi.yaml").isEqualTo(file);
        assertThat(anonymous.get("/api/v1/me").status()).isEqualTo(401);

        String adminAccount = admin.get("/api/v1/me").json().path("accountId").asString();
        assertThat(admin.post("/api/v1/tokens", null).json().path("token").asString()).startsWith("cachalot_");
        assertThat(admin.get("/api/v1/node-types").status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/engine-versions").status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/accounts").status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/accounts/" + adminAccount).header("ETag")).isNotNull();

        // A tenant of its own, made through the API.
        RestClient.Response created = admin.send("POST", "/api/v1/accounts", "{\"name\":\"contract\"}",
                Map.of("Idempotency-Key", "contract-account"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String account = created.json().path("account").path("accountId").asString();
        assertThat(admin.send("PATCH", "/api/v1/accounts/" + account, "{\"apiRequestsPerSecond\":200}", Map.of()).status()).isEqualTo(200);
        RestClient tenant = new RestClient(region.endpoint(), created.json().path("accessKey").path("accessKeyId").asString(),
                created.json().path("accessKey").path("secretAccessKey").asString()).observedBy(contract::check);

        String users = "/api/v1/accounts/" + account + "/users";
        assertThat(tenant.post(users, "{\"userName\":\"ops\",\"policy\":\"ReadOnly\",\"password\":\"a long password\"}").status()).isEqualTo(201);
        assertThat(tenant.get(users).json().path("items")).hasSize(2);
        String userTag = tenant.get(users + "/ops").header("ETag");
        assertThat(tenant.send("PATCH", users + "/ops", "{\"policy\":\"FullAccess\"}", Map.of("If-Match", userTag)).status()).isEqualTo(200);
        RestClient.Response key = tenant.post(users + "/ops/access-keys", null);
        assertThat(key.status()).isEqualTo(201);
        String keyPath = users + "/ops/access-keys/" + key.json().path("accessKeyId").asString();
        assertThat(tenant.get(users + "/ops/access-keys").json().path("items")).hasSize(1);
        assertThat(tenant.send("PATCH", keyPath, "{\"status\":\"Inactive\"}", Map.of()).status()).isEqualTo(200);
        assertThat(tenant.send("DELETE", keyPath, null, Map.of()).status()).isEqualTo(204);
        assertThat(tenant.send("DELETE", users + "/ops", null, Map.of()).status()).isEqualTo(204);

        // Groups, tags and the catalog.
        String groups = "/api/v1/cache-parameter-groups";
        assertThat(tenant.post(groups, "{\"cacheParameterGroupName\":\"contract-params\",\"cacheParameterGroupFamily\":\"valkey8\","
                + "\"description\":\"for the contract\"}").status()).isEqualTo(201);
        assertThat(tenant.get(groups).json().path("items")).isNotEmpty();
        assertThat(tenant.get(groups + "/contract-params").status()).isEqualTo(200);
        assertThat(tenant.get(groups + "/contract-params/parameters?limit=10").json().path("nextCursor").isMissingNode()).isFalse();
        assertThat(tenant.get("/api/v1/engine-default-parameters/valkey8?limit=2").status()).isEqualTo(200);
        for (String base : new String[] {groups + "/contract-params", "/api/v1/cache-subnet-groups/contract-zones"}) {
            if (base.contains("subnet")) {
                assertThat(tenant.post("/api/v1/cache-subnet-groups", "{\"cacheSubnetGroupName\":\"contract-zones\","
                        + "\"description\":\"one zone\",\"subnetIds\":[\"subnet-" + LocalRegion.ZONE + "\"]}").status()).isEqualTo(201);
            }
            assertThat(tenant.post(base + "/tags", "{\"tags\":[{\"key\":\"k\",\"value\":\"v\"}]}").status()).isEqualTo(200);
            assertThat(tenant.get(base + "/tags").json().path("items")).hasSize(1);
            assertThat(tenant.send("DELETE", base + "/tags?key=k", null, Map.of()).json().path("items")).isEmpty();
        }
        assertThat(tenant.get("/api/v1/cache-subnet-groups").json().path("items")).hasSize(2);
        assertThat(tenant.get("/api/v1/cache-subnet-groups/contract-zones").status()).isEqualTo(200);
        assertThat(tenant.send("PATCH", "/api/v1/cache-subnet-groups/contract-zones", "{\"description\":\"still one\"}", Map.of())
                .status()).isEqualTo(200);
        assertThat(tenant.get("/api/v1/engine-versions?engine=valkey").json().path("items")).isNotEmpty();

        // A cache cluster from creation through parameter changes, a reboot and a change to deletion, with a real node.
        String cluster = "{\"cacheClusterId\":\"contract\",\"engine\":\"valkey\",\"cacheNodeType\":\"cache.t4g.micro\","
                + "\"cacheParameterGroupName\":\"contract-params\",\"cacheSubnetGroupName\":\"contract-zones\","
                + "\"tags\":[{\"key\":\"app\",\"value\":\"contract\"}]}";
        assertThat(tenant.send("POST", "/api/v1/cache-clusters?dryRun=true", cluster, Map.of()).status()).isEqualTo(204);
        assertThat(tenant.send("POST", "/api/v1/cache-clusters", cluster, Map.of("Idempotency-Key", "contract-1")).status()).isEqualTo(201);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() ->
                tenant.get("/api/v1/cache-clusters/contract").json().path("status").asString().equals("available"));
        assertThat(tenant.get("/api/v1/cache-clusters/contract/tags").json().path("items")).hasSize(1);
        assertThat(tenant.post("/api/v1/cache-clusters/contract/tags", "{\"tags\":[{\"key\":\"env\",\"value\":\"test\"}]}")
                .json().path("items")).hasSize(2);
        assertThat(tenant.send("DELETE", "/api/v1/cache-clusters/contract/tags?key=env", null, Map.of()).json().path("items")).hasSize(1);
        assertThat(tenant.send("PATCH", groups + "/contract-params/parameters", "{\"parameters\":{\"maxmemory-policy\":\"allkeys-lru\"}}",
                Map.of()).status()).isEqualTo(200);
        assertThat(tenant.post(groups + "/contract-params/parameters/reset", "{\"parameterNames\":[\"maxmemory-policy\"]}").status())
                .isEqualTo(200);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() ->
                tenant.get("/api/v1/cache-clusters/contract").json().path("status").asString().equals("available"));
        assertThat(tenant.post("/api/v1/cache-clusters/contract/reboot", "{\"cacheNodeIds\":[\"0001\"]}").status()).isEqualTo(202);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() ->
                tenant.get("/api/v1/cache-clusters/contract").json().path("status").asString().equals("available"));
        assertThat(tenant.get("/api/v1/events?sourceType=cache-cluster&sourceIdentifier=contract").json().path("items")).isNotEmpty();
        RestClient.Response available = tenant.get("/api/v1/cache-clusters/contract");
        assertThat(available.json().path("nodes").get(0).path("endpoint").path("port").asInt()).isPositive();
        assertThat(tenant.get("/api/v1/cache-clusters").json().path("items")).hasSize(1);
        assertThat(tenant.get("/api/v1/cache-clusters/contract/allowed-node-type-modifications").json().path("scaleUp")).isNotEmpty();
        RestClient.Response changed = tenant.send("PATCH", "/api/v1/cache-clusters/contract",
                "{\"snapshotRetentionLimit\":2,\"preferredMaintenanceWindow\":\"tue:03:00-tue:04:00\"}",
                Map.of("If-Match", available.header("ETag")));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().path("snapshotRetentionLimit").asInt()).isEqualTo(2);
        RestClient.Response stale = tenant.send("DELETE", "/api/v1/cache-clusters/contract", null,
                Map.of("If-Match", available.header("ETag")));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(tenant.send("DELETE", "/api/v1/cache-clusters/contract", null, Map.of("If-Match", changed.header("ETag")))
                .status()).isEqualTo(202);
        assertThat(tenant.get("/api/v1/cache-clusters/missing").status()).isEqualTo(404);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() ->
                tenant.get("/api/v1/cache-clusters/contract").status() == 404);

        // A memcached cluster: its configuration endpoint, AZ mode and a pending node count are documented too.
        RestClient.Response mc = tenant.send("POST", "/api/v1/cache-clusters", "{\"cacheClusterId\":\"contract-mc\","
                + "\"engine\":\"memcached\",\"cacheNodeType\":\"cache.t4g.micro\",\"numCacheNodes\":2,\"azMode\":\"single-az\"}",
                Map.of());
        assertThat(mc.status()).as(mc.toString()).isEqualTo(201);
        assertThat(mc.json().path("configurationEndpoint").path("port").asInt()).isPositive();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() ->
                tenant.get("/api/v1/cache-clusters/contract-mc").json().path("status").asString().equals("available"));
        RestClient.Response shrinking = tenant.send("PATCH", "/api/v1/cache-clusters/contract-mc",
                "{\"numCacheNodes\":1,\"cacheNodeIdsToRemove\":[\"0002\"]}", Map.of());
        assertThat(shrinking.status()).as(shrinking.toString()).isEqualTo(200);
        assertThat(shrinking.json().path("pendingModifiedValues").path("numCacheNodes").asInt()).isEqualTo(1);
        assertThat(tenant.send("PATCH", "/api/v1/cache-clusters/contract-mc", "{\"numCacheNodes\":41}", Map.of()).status())
                .isEqualTo(400);
        assertThat(tenant.send("DELETE", "/api/v1/cache-clusters/contract-mc", null, Map.of()).status()).isEqualTo(202);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() ->
                tenant.get("/api/v1/cache-clusters/contract-mc").status() == 404);
        assertThat(tenant.send("DELETE", groups + "/contract-params", null, Map.of()).status()).isEqualTo(204);
        assertThat(tenant.send("DELETE", "/api/v1/cache-subnet-groups/contract-zones", null, Map.of()).status()).isEqualTo(204);
        assertThat(tenant.get("/api/v1/hosts").status()).isEqualTo(403);

        // The operator's view.
        RestClient.Response hosts = admin.get("/api/v1/hosts");
        assertThat(hosts.json().path("items")).isNotEmpty();
        assertThat(admin.get("/api/v1/hosts/" + hosts.json().path("items").get(0).path("hostId").asString()).status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/zones").json().path("items").get(0).path("availabilityZone").asString()).isEqualTo(LocalRegion.ZONE);

        contract.assertClean();
    }
}

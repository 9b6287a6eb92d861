package dev.cachalot.controlplane.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.controlplane.identity.IssuedAccessKey;
import dev.cachalot.controlplane.support.ControlPlaneTestBase;
import dev.cachalot.controlplane.support.RestClient;
import dev.cachalot.controlplane.support.RestClient.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Parameter groups, subnet groups, tags, events and engine versions through the REST API. */
class RestGroupsTest extends ControlPlaneTestBase {

    private static final String GROUPS = "/api/v1/cache-parameter-groups";

    RestClient client(IssuedAccessKey key) {
        return RestClient.sigV4(port, key.accessKeyId(), key.secretAccessKey());
    }

    @Test
    void parameterGroupsAndTheirParameters() {
        RestClient api = client(newAccount("rest-pg"));
        Response created = api.post(GROUPS, "{\"cacheParameterGroupName\":\"Tuned\",\"cacheParameterGroupFamily\":\"redis7\","
                + "\"description\":\"<b>tuned</b>\",\"tags\":[{\"key\":\"team\",\"value\":\"cache\"}]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo(GROUPS + "/tuned");
        assertThat(created.json().path("description").asString()).isEqualTo("<b>tuned</b>");
        assertThat(api.get(GROUPS).json().path("items").findValuesAsString("cacheParameterGroupName")).contains("default.redis7", "tuned");

        Response changed = api.patch(GROUPS + "/tuned/parameters", "{\"parameters\":{\"maxmemory-policy\":\"allkeys-lru\"}}", Map.of());
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        JsonNode user = api.get(GROUPS + "/tuned/parameters?source=user").json().path("items");
        assertThat(user).hasSize(1);
        assertThat(user.get(0).path("parameterName").asString()).isEqualTo("maxmemory-policy");
        assertThat(user.get(0).path("parameterValue").asString()).isEqualTo("allkeys-lru");
        assertThat(api.patch(GROUPS + "/tuned/parameters", "{\"parameters\":{\"maxmemory-policy\":\"sometimes\"}}", Map.of()).code())
                .isEqualTo("InvalidParameterValue");
        assertThat(api.patch(GROUPS + "/default.redis7/parameters", "{\"parameters\":{\"maxmemory-policy\":\"allkeys-lru\"}}", Map.of())
                .code()).isEqualTo("InvalidParameterValue");
        assertThat(api.post(GROUPS + "/tuned/parameters/reset", "{\"all\":true}").status()).isEqualTo(200);
        assertThat(api.get(GROUPS + "/tuned/parameters?source=user").json().path("items")).isEmpty();

        // Pages of parameters.
        Response page = api.get(GROUPS + "/tuned/parameters?limit=5");
        assertThat(page.json().path("items")).hasSize(5);
        Response next = api.get(GROUPS + "/tuned/parameters?limit=5&cursor=" + page.json().path("nextCursor").asString());
        assertThat(next.json().path("items").get(0).path("parameterName").asString())
                .isGreaterThan(page.json().path("items").get(4).path("parameterName").asString());
        assertThat(api.get("/api/v1/engine-default-parameters/redis7?limit=3").json().path("items")).hasSize(3);

        // Tags.
        assertThat(api.get(GROUPS + "/tuned/tags").json().path("items").get(0).path("key").asString()).isEqualTo("team");
        assertThat(api.post(GROUPS + "/tuned/tags", "{\"tags\":[{\"key\":\"env\",\"value\":\"dev\"}]}").json().path("items")).hasSize(2);
        assertThat(api.delete(GROUPS + "/tuned/tags?key=team&key=env", Map.of()).json().path("items")).isEmpty();
        Response markup = api.post(GROUPS + "/tuned/tags", "{\"tags\":[{\"key\":\"x\",\"value\":\"<script>\"}]}");
        assertThat(markup.code()).isEqualTo("InvalidParameterValue");

        // Clusters use it; events tell the story.
        assertThat(api.post("/api/v1/cache-clusters", "{\"cacheClusterId\":\"tuned-cache\",\"engine\":\"redis\","
                + "\"cacheNodeType\":\"cache.t4g.micro\",\"cacheParameterGroupName\":\"tuned\","
                + "\"tags\":[{\"key\":\"app\",\"value\":\"shop\"}]}").status()).isEqualTo(201);
        assertThat(api.get("/api/v1/cache-clusters/tuned-cache/tags").json().path("items").get(0).path("value").asString()).isEqualTo("shop");
        assertThat(api.delete(GROUPS + "/tuned", Map.of()).code()).isEqualTo("InvalidCacheParameterGroupState");
        JsonNode events = api.get("/api/v1/events?sourceType=cache-parameter-group").json().path("items");
        assertThat(events.findValuesAsString("message")).contains("Cache parameter group created", "Cache parameter group modified");
        assertThat(api.get("/api/v1/events?startTime=yesterday").code()).isEqualTo("InvalidParameterValue");
        assertThat(api.get(GROUPS + "/nope").code()).isEqualTo("CacheParameterGroupNotFound");
    }

    @Test
    void groupsTagsAndEventsStayInTheirAccount() {
        RestClient a = client(newAccount("rest-groups-a"));
        RestClient b = client(newAccount("rest-groups-b"));
        assertThat(a.post(GROUPS, "{\"cacheParameterGroupName\":\"private\",\"cacheParameterGroupFamily\":\"redis7\","
                + "\"description\":\"A's\"}").status()).isEqualTo(201);
        assertThat(a.post("/api/v1/cache-subnet-groups", "{\"cacheSubnetGroupName\":\"private-zones\",\"description\":\"A's\","
                + "\"subnetIds\":[\"subnet-local-1a\"]}").status()).isEqualTo(201);
        assertThat(a.post("/api/v1/cache-clusters", "{\"cacheClusterId\":\"private-cache\",\"engine\":\"redis\","
                + "\"cacheNodeType\":\"cache.t4g.micro\",\"tags\":[{\"key\":\"owner\",\"value\":\"a\"}]}").status()).isEqualTo(201);

        assertThat(b.get(GROUPS).json().path("items").findValuesAsString("cacheParameterGroupName")).doesNotContain("private");
        assertThat(b.get(GROUPS + "/private").code()).isEqualTo("CacheParameterGroupNotFound");
        assertThat(b.patch(GROUPS + "/private/parameters", "{\"parameters\":{\"maxmemory-policy\":\"allkeys-lru\"}}", Map.of()).code())
                .isEqualTo("CacheParameterGroupNotFound");
        assertThat(b.delete(GROUPS + "/private", Map.of()).code()).isEqualTo("CacheParameterGroupNotFound");
        assertThat(b.get("/api/v1/cache-subnet-groups/private-zones").code()).isEqualTo("CacheSubnetGroupNotFoundFault");
        assertThat(b.get("/api/v1/cache-clusters/private-cache/tags").code()).isEqualTo("CacheClusterNotFound");
        assertThat(b.post("/api/v1/cache-clusters/private-cache/tags", "{\"tags\":[{\"key\":\"owner\",\"value\":\"b\"}]}").code())
                .isEqualTo("CacheClusterNotFound");
        assertThat(b.get("/api/v1/events?duration=60").json().path("items").findValuesAsString("sourceIdentifier"))
                .doesNotContain("private", "private-zones", "private-cache");
        // B may use the same names.
        assertThat(b.post(GROUPS, "{\"cacheParameterGroupName\":\"private\",\"cacheParameterGroupFamily\":\"redis7\","
                + "\"description\":\"B's\"}").status()).isEqualTo(201);
        assertThat(a.get(GROUPS + "/private").json().path("description").asString()).isEqualTo("A's");
        assertThat(a.get("/api/v1/cache-clusters/private-cache/tags").json().path("items").get(0).path("value").asString()).isEqualTo("a");
    }

    @Test
    void subnetGroupsAndEngineVersions() {
        RestClient api = client(newAccount("rest-sg"));
        Response created = api.post("/api/v1/cache-subnet-groups",
                "{\"cacheSubnetGroupName\":\"zone-a\",\"description\":\"A\",\"subnetIds\":[\"subnet-local-1a\"]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("subnets").get(0).path("availabilityZone").asString()).isEqualTo("local-1a");
        String etag = api.get("/api/v1/cache-subnet-groups/zone-a").header("ETag");
        assertThat(api.patch("/api/v1/cache-subnet-groups/zone-a", "{\"description\":\"only A\"}", Map.of("If-Match", etag)).json()
                .path("description").asString()).isEqualTo("only A");
        assertThat(api.patch("/api/v1/cache-subnet-groups/zone-a", "{\"description\":\"lost update\"}", Map.of("If-Match", etag))
                .code()).isEqualTo("PreconditionFailed");
        assertThat(api.get("/api/v1/cache-subnet-groups/zone-a").json().path("description").asString()).isEqualTo("only A");
        assertThat(api.get("/api/v1/cache-subnet-groups").json().path("items").findValuesAsString("cacheSubnetGroupName"))
                .contains("default", "zone-a");
        assertThat(api.delete("/api/v1/cache-subnet-groups/zone-a", Map.of()).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/cache-subnet-groups/zone-a").code()).isEqualTo("CacheSubnetGroupNotFoundFault");

        JsonNode defaults = api.get("/api/v1/engine-versions?defaultOnly=true").json().path("items");
        assertThat(defaults.findValuesAsString("engine")).contains("redis", "valkey").doesNotHaveDuplicates();
        Response paged = api.get("/api/v1/engine-versions?limit=2");
        assertThat(paged.json().path("nextCursor").isMissingNode()).isFalse();
    }
}

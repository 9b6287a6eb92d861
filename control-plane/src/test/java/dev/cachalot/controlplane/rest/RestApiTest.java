package dev.cachalot.controlplane.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cachalot.controlplane.identity.Caller;
import dev.cachalot.controlplane.identity.IssuedAccessKey;
import dev.cachalot.controlplane.identity.Policy;
import dev.cachalot.controlplane.support.ControlPlaneTestBase;
import dev.cachalot.controlplane.support.RestClient;
import dev.cachalot.controlplane.support.RestClient.Response;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The REST API over real HTTP against the whole service on PostgreSQL: shapes, status codes,
 * problem documents, cursor pagination, ETag/If-Match and Idempotency-Key on cache clusters.
 * (Authentication and tenancy are in {@link RestAuthenticationTest}.)
 */
class RestApiTest extends ControlPlaneTestBase {

    static final String CLUSTERS = "/api/v1/cache-clusters";

    static String cluster(String id) {
        return "{\"cacheClusterId\":\"" + id + "\",\"engine\":\"redis\",\"cacheNodeType\":\"cache.t4g.micro\"}";
    }

    RestClient client(IssuedAccessKey key) {
        return RestClient.sigV4(port, key.accessKeyId(), key.secretAccessKey());
    }

    @Test
    void createGetModifyAndDeleteACacheCluster() {
        RestClient api = client(newAccount("rest-crud"));
        Response created = api.post(CLUSTERS, cluster("Rest-Demo"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo(CLUSTERS + "/rest-demo");
        assertThat(created.header("Content-Type")).startsWith("application/json");
        JsonNode c = created.json();
        assertThat(c.path("cacheClusterId").asString()).isEqualTo("rest-demo");
        assertThat(c.path("status").asString()).isEqualTo("creating");
        assertThat(c.path("engine").asString()).isEqualTo("redis");
        assertThat(c.path("engineVersion").asString()).isEqualTo("7.1.0");
        assertThat(c.path("cacheParameterGroupName").asString()).isEqualTo("default.redis7");
        assertThat(c.path("createTime").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(c.path("nodes").get(0).path("cacheNodeId").asString()).isEqualTo("0001");
        assertThat(c.path("nodes").get(0).has("endpoint")).isFalse();

        // The workflow places the node on the (agent-less) test host at once; then nothing moves.
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get(CLUSTERS + "/rest-demo").json().path("nodes").get(0).has("availabilityZone"));
        Response got = api.get(CLUSTERS + "/REST-DEMO");
        assertThat(got.status()).isEqualTo(200);
        String etag = got.header("ETag");
        assertThat(etag).startsWith("\"").endsWith("\"");
        assertThat(got.json().path("arn")).isEqualTo(c.path("arn"));
        // The tag is a function of the representation: equal bodies, equal tags (the workflow may
        // have placed the node in between, which changes both).
        Response again = api.get(CLUSTERS + "/rest-demo");
        if (again.json().equals(got.json())) {
            assertThat(again.header("ETag")).isEqualTo(etag);
        } else {
            assertThat(again.header("ETag")).isNotEqualTo(etag);
            etag = again.header("ETag");
        }

        // The cluster is still creating (this test's host has no agent): a change is refused with the AWS code.
        Response notYet = api.patch(CLUSTERS + "/rest-demo", "{\"snapshotRetentionLimit\":3}", Map.of("If-Match", etag));
        assertThat(notYet.status()).isEqualTo(400);
        assertThat(notYet.code()).isEqualTo("InvalidCacheClusterState");

        Response stale = api.delete(CLUSTERS + "/rest-demo", Map.of("If-Match", "\"not-the-current-tag\""));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.code()).isEqualTo("PreconditionFailed");
        assertThat(api.get(CLUSTERS + "/rest-demo").json().path("status").asString()).isEqualTo("creating");

        Response weak = api.delete(CLUSTERS + "/rest-demo", Map.of("If-Match", "W/" + etag));
        assertThat(weak.status()).as("weak tags never match If-Match").isEqualTo(412);

        Response deleted = api.delete(CLUSTERS + "/rest-demo", Map.of("If-Match", etag));
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(202);
        assertThat(deleted.json().path("status").asString()).isEqualTo("deleting");
    }

    @Test
    void problemsCarryTheAwsErrorCodes() {
        RestClient api = client(newAccount("rest-errors"));
        Response missing = api.get(CLUSTERS + "/nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
        JsonNode p = missing.json();
        assertThat(p.path("code").asString()).isEqualTo("CacheClusterNotFound");
        assertThat(p.path("type").asString()).isEqualTo("urn:cachalot:problem:CacheClusterNotFound");
        assertThat(p.path("title").asString()).isEqualTo("CacheClusterNotFound");
        assertThat(p.path("status").asInt()).isEqualTo(404);
        assertThat(p.path("detail").asString()).contains("nope");
        assertThat(p.path("instance").asString()).isEqualTo(CLUSTERS + "/nope");
        assertThat(p.path("requestId").asString()).isEqualTo(missing.header("x-request-id"));

        Response badNodeType = api.post(CLUSTERS, "{\"cacheClusterId\":\"x\",\"engine\":\"redis\",\"cacheNodeType\":\"cache.huge\"}");
        assertThat(badNodeType.status()).isEqualTo(400);
        assertThat(badNodeType.code()).isEqualTo("InvalidParameterValue");
        assertThat(api.post(CLUSTERS, "{\"engine\":\"redis\"}").code()).isEqualTo("MissingParameter");
        assertThat(api.post(CLUSTERS, "{not json").code()).isEqualTo("SerializationException");
        Response unknownMember = api.post(CLUSTERS, "{\"cacheClusterId\":\"x\",\"numCacheNode\":1}");
        assertThat(unknownMember.code()).isEqualTo("SerializationException");
        assertThat(unknownMember.json().path("detail").asString()).contains("numCacheNode");
        assertThat(api.post(CLUSTERS, "{\"cacheClusterId\":\"x\",\"numCacheNodes\":\"many\"}").code()).isEqualTo("SerializationException");
        Response unknownPath = api.get("/api/v1/rockets");
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.code()).isEqualTo("UnknownOperationException");
        assertThat(api.get(CLUSTERS + "?limit=0").code()).isEqualTo("InvalidParameterValue");
        assertThat(api.get(CLUSTERS + "?limit=abc").code()).isEqualTo("InvalidParameterValue");
        assertThat(api.get(CLUSTERS + "?cursor=garbage").code()).isEqualTo("InvalidParameterValue");
        Response xml = api.send("POST", CLUSTERS, "<x/>", Map.of("Content-Type", "application/xml"));
        assertThat(xml.status()).isEqualTo(415);
        assertThat(xml.code()).isEqualTo("UnsupportedMediaType");
    }

    @Test
    void dryRunValidatesWithoutCreating() {
        RestClient api = client(newAccount("rest-dry"));
        assertThat(api.post(CLUSTERS + "?dryRun=true", cluster("dry")).status()).isEqualTo(204);
        Response bad = api.post(CLUSTERS + "?dryRun=true", "{\"cacheClusterId\":\"dry\",\"engine\":\"redis\",\"cacheNodeType\":\"cache.t4g.micro\",\"preferredMaintenanceWindow\":\"someday\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("detail").asString()).contains("maintenance window");
        assertThat(api.get(CLUSTERS + "/dry").status()).isEqualTo(404);
    }

    @Test
    void listsArePagedWithOpaqueCursors() {
        RestClient api = client(newAccount("rest-pages"));
        for (int i = 0; i < 5; i++) {
            assertThat(api.post(CLUSTERS, cluster("page-" + i)).status()).isEqualTo(201);
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = api.get(CLUSTERS + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            page.json().path("items").forEach(item -> assertThat(seen.add(item.path("cacheClusterId").asString())).isTrue());
            JsonNode next = page.json().path("nextCursor");
            cursor = next.isMissingNode() ? null : next.asString();
            pages++;
        } while (cursor != null);
        assertThat(seen).containsExactlyInAnyOrder("page-0", "page-1", "page-2", "page-3", "page-4");
        assertThat(pages).isEqualTo(3);
        assertThat(api.get(CLUSTERS).json().has("nextCursor")).isFalse();
    }

    @Test
    void idempotencyKeysReplayTheFirstResponse() {
        RestClient api = client(newAccount("rest-idem"));
        Map<String, String> key = Map.of("Idempotency-Key", "create-idem-1");
        Response first = api.post(CLUSTERS, cluster("idem"), key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotency-Replayed")).isNull();
        Response again = api.post(CLUSTERS, cluster("idem"), key);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotency-Replayed")).isEqualTo("true");
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(again.json()).isEqualTo(first.json());

        Response other = api.post(CLUSTERS, cluster("idem-other"), key);
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.code()).isEqualTo("IdempotentParameterMismatch");
        assertThat(api.get(CLUSTERS + "/idem-other").status()).isEqualTo(404);

        // A refusal is kept too: the same retry gets the same answer, even after the cause is gone.
        Map<String, String> key2 = Map.of("Idempotency-Key", "create-idem-2");
        Response exists = api.post(CLUSTERS, cluster("idem"), key2);
        assertThat(exists.code()).isEqualTo("CacheClusterAlreadyExists");
        assertThat(api.post(CLUSTERS, cluster("idem"), key2).header("Idempotency-Replayed")).isEqualTo("true");

        // Keys are per account: another account's identical key is a new request.
        RestClient other2 = client(newAccount("rest-idem-b"));
        assertThat(other2.post(CLUSTERS, cluster("idem"), key).header("Idempotency-Replayed")).isNull();
        assertThat(api.get(CLUSTERS).json().path("items")).hasSize(1);
    }

    @Test
    void nodeTypesAndEngineVersions() {
        RestClient api = client(newAccount("rest-catalog"));
        JsonNode types = api.get("/api/v1/node-types").json().path("items");
        assertThat(types.get(0).path("cacheNodeType").asString()).startsWith("cache.");
        assertThat(types.get(0).path("memoryBytes").asLong()).isPositive();
        JsonNode versions = api.get("/api/v1/engine-versions").json().path("items");
        assertThat(versions.findValuesAsString("engine")).contains("redis", "valkey");
    }

    @Test
    void usersAndAccessKeysOfTheOwnAccount() {
        IssuedAccessKey owner = newAccount("rest-iam");
        RestClient api = client(owner);
        String users = "/api/v1/accounts/" + owner.accountId() + "/users";
        Response bob = api.post(users, "{\"userName\":\"bob\",\"policy\":\"ReadOnly\"}");
        assertThat(bob.status()).as(bob.toString()).isEqualTo(201);
        assertThat(bob.json().path("arn").asString()).isEqualTo("arn:aws:iam::" + owner.accountId() + ":user/bob");
        assertThat(bob.json().path("consoleAccess").asBoolean()).isFalse();
        assertThat(api.get(users).json().path("items").findValuesAsString("userName")).containsExactly("admin", "bob");

        String etag = api.get(users + "/bob").header("ETag");
        Response stale = api.patch(users + "/bob", "{\"policy\":\"FullAccess\"}", Map.of("If-Match", "\"old\""));
        assertThat(stale.code()).isEqualTo("PreconditionFailed");
        Response changed = api.patch(users + "/bob", "{\"policy\":\"FullAccess\"}", Map.of("If-Match", etag));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().path("policy").asString()).isEqualTo("FullAccess");
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
        assertThat(api.patch(users + "/bob", "{\"policy\":\"Everything\"}", Map.of()).code()).isEqualTo("InvalidParameterValue");

        Response key = api.post(users + "/bob/access-keys", null);
        assertThat(key.status()).isEqualTo(201);
        String keyId = key.json().path("accessKeyId").asString();
        String secret = key.json().path("secretAccessKey").asString();
        assertThat(secret).hasSize(40);
        assertThat(key.json().path("apiToken").asString()).startsWith("cachalot_" + keyId + "_");
        JsonNode listed = api.get(users + "/bob/access-keys").json().path("items").get(0);
        assertThat(listed.path("accessKeyId").asString()).isEqualTo(keyId);
        assertThat(listed.has("secretAccessKey")).isFalse();
        assertThat(RestClient.sigV4(port, keyId, secret).get("/api/v1/me").json().path("userName").asString()).isEqualTo("bob");

        assertThat(api.patch(users + "/bob/access-keys/" + keyId, "{\"status\":\"Inactive\"}", Map.of()).json()
                .path("status").asString()).isEqualTo("Inactive");
        assertThat(RestClient.sigV4(port, keyId, secret).get("/api/v1/me").code()).isEqualTo("InvalidClientTokenId");
        assertThat(api.delete(users + "/bob/access-keys/" + keyId, Map.of()).status()).isEqualTo(204);
        assertThat(api.delete(users + "/bob", Map.of()).status()).isEqualTo(204);
        assertThat(api.get(users + "/bob").code()).isEqualTo("NoSuchEntity");
    }

    @Test
    void readOnlyUsersOnlyRead() {
        IssuedAccessKey owner = newAccount("rest-ro");
        Caller admin = new Caller(owner.accountId(), "admin", owner.accessKeyId(), Policy.FULL_ACCESS, false);
        identity.createUser(admin, owner.accountId(), "reader", Policy.READ_ONLY, null);
        IssuedAccessKey readerKey = identity.createAccessKey(admin, owner.accountId(), "reader");
        RestClient reader = client(readerKey);
        assertThat(reader.get(CLUSTERS).status()).isEqualTo(200);
        Response refused = reader.post(CLUSTERS, cluster("ro"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("AccessDenied");
        assertThat(refused.json().path("detail").asString()).contains("user/reader");
        // Deriving one's API token changes nothing, so a reader may.
        assertThat(reader.post("/api/v1/tokens", null).status()).isEqualTo(200);
    }
}

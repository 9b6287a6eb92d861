package dev.cachalot.controlplane.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.controlplane.identity.Caller;
import dev.cachalot.controlplane.identity.IssuedAccessKey;
import dev.cachalot.controlplane.identity.Policy;
import dev.cachalot.controlplane.support.ControlPlaneTestBase;
import dev.cachalot.controlplane.support.RestClient;
import dev.cachalot.controlplane.support.RestClient.Response;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Who may call the REST API and what each caller sees: the three ways in, policies, tenancy. */
class RestAuthenticationTest extends ControlPlaneTestBase {

    private static final String CLUSTERS = RestApiTest.CLUSTERS;

    @Test
    void withoutCredentialsTheAnswerIs401WithAChallenge() {
        Response r = RestClient.anonymous(port).get(CLUSTERS);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.code()).isEqualTo("MissingAuthenticationToken");
        assertThat(r.header("WWW-Authenticate")).contains("Bearer").contains("AWS4-HMAC-SHA256");
        // The contract and its browser are public.
        assertThat(RestClient.anonymous(port).get("/api/v1/openapi.json").status()).isEqualTo(200);
    }

    @Test
    void sigV4WithTheWrongSecretServiceOrKeyIsRefused() {
        IssuedAccessKey key = newAccount("auth-sig");
        assertThat(RestClient.sigV4(port, key.accessKeyId(), key.secretAccessKey()).get("/api/v1/me").json()
                .path("accountId").asString()).isEqualTo(key.accountId());
        Response wrong = RestClient.sigV4(port, key.accessKeyId(), key.secretAccessKey() + "x").get("/api/v1/me");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.code()).isEqualTo("SignatureDoesNotMatch");
        assertThat(RestClient.sigV4(port, "AKIAUNKNOWN000000000", key.secretAccessKey()).get("/api/v1/me").code())
                .isEqualTo("InvalidClientTokenId");
        // A body the signature does not cover is a mismatch too (SigV4 covers the payload hash).
        Response tampered = RestClient.sigV4(port, key.accessKeyId(), key.secretAccessKey())
                .send("POST", CLUSTERS + "?dryRun=true", RestApiTest.cluster("x"), RestApiTest.cluster("y"), Map.of());
        assertThat(tampered.code()).as(tampered.toString()).isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void curlSignsForTheCachalotService() throws Exception {
        IssuedAccessKey key = newAccount("auth-curl");
        Process curl = new ProcessBuilder("curl", "-sS", "--aws-sigv4", "aws:amz:local-1:cachalot",
                "--user", key.accessKeyId() + ":" + key.secretAccessKey(),
                "-H", "Content-Type: application/json", "-d", RestApiTest.cluster("by-curl"),
                "http://localhost:" + port + CLUSTERS).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("\"cacheClusterId\":\"by-curl\"").contains("\"status\":\"creating\"");
    }

    @Test
    void bearerTokensAreDerivedFromKeysAndDieWithThem() {
        IssuedAccessKey owner = newAccount("auth-bearer");
        Caller admin = new Caller(owner.accountId(), "admin", owner.accessKeyId(), Policy.FULL_ACCESS, false);
        IssuedAccessKey second = identity.createAccessKey(admin, owner.accountId(), "admin");
        Response token = RestClient.sigV4(port, second.accessKeyId(), second.secretAccessKey()).post("/api/v1/tokens", null);
        assertThat(token.json().path("token").asString()).isEqualTo(second.apiToken());

        RestClient bearer = RestClient.bearer(port, second.apiToken());
        assertThat(bearer.post(CLUSTERS, RestApiTest.cluster("by-token")).status()).isEqualTo(201);
        assertThat(bearer.get("/api/v1/me").json().path("accessKeyId").asString()).isEqualTo(second.accessKeyId());

        String forged = "cachalot_" + second.accessKeyId() + "_" + "A".repeat(43);
        assertThat(RestClient.bearer(port, forged).get("/api/v1/me").code()).isEqualTo("InvalidClientTokenId");
        assertThat(RestClient.bearer(port, "nonsense").get("/api/v1/me").status()).isEqualTo(401);

        identity.updateAccessKey(admin, owner.accountId(), "admin", second.accessKeyId(), "Inactive");
        assertThat(bearer.get("/api/v1/me").code()).isEqualTo("InvalidClientTokenId");
        identity.updateAccessKey(admin, owner.accountId(), "admin", second.accessKeyId(), "Active");
        assertThat(bearer.get("/api/v1/me").status()).isEqualTo(200);
        identity.deleteAccessKey(admin, owner.accountId(), "admin", second.accessKeyId());
        assertThat(bearer.get("/api/v1/me").code()).isEqualTo("InvalidClientTokenId");
    }

    @Test
    void anAccountOverItsRequestRateGets429() {
        IssuedAccessKey key = newAccount("auth-throttled");
        identity.setRequestRate(identity.bootstrapAdmin().orElseThrow(), key.accountId(), 0.01);
        RestClient api = RestClient.sigV4(port, key.accessKeyId(), key.secretAccessKey());
        // A rate of 0.01/s allows a burst of 1 request, then nothing for a minute and a half.
        assertThat(api.get("/api/v1/me").status()).isEqualTo(200);
        Response throttled = api.get("/api/v1/me");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.code()).isEqualTo("Throttling");
    }

    @Test
    void anAccountNeverSeesNamesOrChangesAnothersResources() {
        IssuedAccessKey a = newAccount("tenant-a");
        IssuedAccessKey b = newAccount("tenant-b");
        RestClient apiA = RestClient.sigV4(port, a.accessKeyId(), a.secretAccessKey());
        RestClient apiB = RestClient.sigV4(port, b.accessKeyId(), b.secretAccessKey());
        for (int i = 0; i < 3; i++) {
            apiA.post(CLUSTERS, RestApiTest.cluster("mine-" + i));
        }
        assertThat(apiB.get(CLUSTERS).json().path("items")).isEmpty();
        assertThat(apiB.get(CLUSTERS + "/mine-0").code()).isEqualTo("CacheClusterNotFound");
        assertThat(apiB.patch(CLUSTERS + "/mine-0", "{\"snapshotRetentionLimit\":1}", Map.of()).code()).isEqualTo("CacheClusterNotFound");
        assertThat(apiB.delete(CLUSTERS + "/mine-0", Map.of()).code()).isEqualTo("CacheClusterNotFound");
        assertThat(apiA.get(CLUSTERS + "/mine-0").json().path("status").asString()).isEqualTo("creating");
        // The same name is free in another account.
        assertThat(apiB.post(CLUSTERS, RestApiTest.cluster("mine-0")).status()).isEqualTo(201);

        // A cursor is bound to its account and its list.
        String cursor = apiA.get(CLUSTERS + "?limit=1").json().path("nextCursor").asString();
        assertThat(apiB.get(CLUSTERS + "?cursor=" + cursor).code()).isEqualTo("InvalidParameterValue");
        assertThat(apiA.get("/api/v1/accounts/" + a.accountId() + "/users?cursor=" + cursor).code()).isEqualTo("InvalidParameterValue");

        // Identities of another account: refused without saying whether it exists.
        assertThat(apiB.get("/api/v1/accounts/" + a.accountId() + "/users").code()).isEqualTo("AccessDenied");
        assertThat(apiB.get("/api/v1/accounts/999999999999/users").code()).isEqualTo("AccessDenied");
        assertThat(apiB.post("/api/v1/accounts/" + a.accountId() + "/users", "{\"userName\":\"mallory\"}").code()).isEqualTo("AccessDenied");
        assertThat(apiB.get("/api/v1/accounts").json().path("items").findValuesAsString("accountId")).containsExactly(b.accountId());
        // Only an administrator switches accounts, or sees hosts, or creates accounts.
        assertThat(apiB.with("Cachalot-Account", a.accountId()).get(CLUSTERS).code()).isEqualTo("AccessDenied");
        RestClient plainB = RestClient.sigV4(port, b.accessKeyId(), b.secretAccessKey());
        assertThat(plainB.get("/api/v1/hosts").code()).isEqualTo("AccessDenied");
        assertThat(plainB.get("/api/v1/zones").code()).isEqualTo("AccessDenied");
        assertThat(plainB.post("/api/v1/accounts", "{\"name\":\"sneaky\"}").code()).isEqualTo("AccessDenied");
    }

    @Test
    void theAdministratorActsInOtherAccountsAndSeesTheFleet() {
        IssuedAccessKey tenant = newAccount("switched");
        RestClient.sigV4(port, tenant.accessKeyId(), tenant.secretAccessKey()).post(CLUSTERS, RestApiTest.cluster("tenant-cache"));
        IssuedAccessKey admin = adminKey();
        RestClient api = RestClient.sigV4(port, admin.accessKeyId(), admin.secretAccessKey());
        assertThat(api.get(CLUSTERS + "/tenant-cache").code()).isEqualTo("CacheClusterNotFound");
        assertThat(api.with("Cachalot-Account", tenant.accountId()).get(CLUSTERS + "/tenant-cache").status()).isEqualTo(200);
        assertThat(RestClient.sigV4(port, admin.accessKeyId(), admin.secretAccessKey()).with("Cachalot-Account", "999999999999")
                .get(CLUSTERS).code()).isEqualTo("NoSuchEntity");

        RestClient fleet = RestClient.sigV4(port, admin.accessKeyId(), admin.secretAccessKey());
        Response hosts = fleet.get("/api/v1/hosts");
        assertThat(hosts.json().path("items").findValuesAsString("availabilityZone")).contains("local-1a");
        assertThat(hosts.json().path("items").get(0).path("health").asString()).isEqualTo("healthy");
        assertThat(hosts.json().path("items").get(0).path("reservedBytes").asLong()).isPositive();
        String hostId = hosts.json().path("items").get(0).path("hostId").asString();
        assertThat(fleet.get("/api/v1/hosts/" + hostId).json().path("hostId").asString()).isEqualTo(hostId);
        assertThat(fleet.get("/api/v1/zones").json().path("items").findValuesAsString("availabilityZone")).contains("local-1a");

        Response account = fleet.post("/api/v1/accounts", "{\"name\":\"made-by-rest-" + System.nanoTime() + "\"}");
        assertThat(account.status()).as(account.toString()).isEqualTo(201);
        String newKey = account.json().path("accessKey").path("accessKeyId").asString();
        String newSecret = account.json().path("accessKey").path("secretAccessKey").asString();
        assertThat(RestClient.sigV4(port, newKey, newSecret).get("/api/v1/me").json().path("accountId").asString())
                .isEqualTo(account.json().path("account").path("accountId").asString());
        assertThat(account.json().path("account").path("quotas").path("cacheClusters").asInt()).isPositive();

        // Limits: an absent member stays, null restores the default; conditional on the ETag.
        String path = "/api/v1/accounts/" + tenant.accountId();
        Response before = fleet.get(path);
        int defaultClusters = before.json().path("quotas").path("cacheClusters").asInt();
        Response limited = fleet.patch(path, "{\"cacheClusterQuota\":3,\"apiRequestsPerSecond\":7.5}", Map.of("If-Match", before.header("ETag")));
        assertThat(limited.status()).as(limited.toString()).isEqualTo(200);
        assertThat(limited.json().path("quotas").path("cacheClusters").asInt()).isEqualTo(3);
        assertThat(limited.json().path("ownQuotas").path("cacheClusters").asBoolean()).isTrue();
        assertThat(limited.json().path("ownQuotas").path("cacheNodes").asBoolean()).isFalse();
        assertThat(limited.json().path("apiRequestsPerSecond").asDouble()).isEqualTo(7.5);
        assertThat(fleet.patch(path, "{\"cacheNodeQuota\":1}", Map.of("If-Match", before.header("ETag"))).code()).isEqualTo("PreconditionFailed");
        Response partly = fleet.patch(path, "{\"cacheNodeQuota\":9}", Map.of());
        assertThat(partly.json().path("quotas").path("cacheClusters").asInt()).isEqualTo(3);
        assertThat(partly.json().path("quotas").path("cacheNodes").asInt()).isEqualTo(9);
        Response restored = fleet.patch(path, "{\"cacheClusterQuota\":null,\"cacheNodeQuota\":null,\"apiRequestsPerSecond\":null}", Map.of());
        assertThat(restored.json().path("quotas").path("cacheClusters").asInt()).isEqualTo(defaultClusters);
        assertThat(restored.json().has("apiRequestsPerSecond")).isFalse();
        assertThat(fleet.patch(path, "{\"cacheClusterQuota\":-1}", Map.of()).code()).isEqualTo("InvalidParameterValue");
        assertThat(RestClient.sigV4(port, tenant.accessKeyId(), tenant.secretAccessKey()).patch(path, "{\"cacheClusterQuota\":1000}", Map.of())
                .code()).isEqualTo("AccessDenied");
    }

    @Test
    void consoleSessionsCallTheApiWithTheirCsrfToken() throws Exception {
        IssuedAccessKey owner = newAccount("auth-session");
        Caller self = new Caller(owner.accountId(), "admin", owner.accessKeyId(), Policy.FULL_ACCESS, false);
        identity.updateUser(self, owner.accountId(), "admin", null, "correct horse battery");
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String csrf = csrf(browser, "/console/login");
        browser.send(form("/console/login", "_csrf=" + enc(csrf) + "&account=" + owner.accountId()
                + "&userName=admin&password=" + enc("correct horse battery")), HttpResponse.BodyHandlers.ofString());

        RestClient session = RestClient.session(port, browser);
        assertThat(session.get("/api/v1/me").json().path("userName").asString()).isEqualTo("admin");
        Response noToken = session.post(CLUSTERS, RestApiTest.cluster("by-session"));
        assertThat(noToken.status()).isEqualTo(403);
        assertThat(noToken.code()).isEqualTo("InvalidCsrfToken");
        String pageToken = csrf(browser, "/console/users");
        Response withToken = session.post(CLUSTERS, RestApiTest.cluster("by-session"), Map.of("X-CSRF-TOKEN", pageToken));
        assertThat(withToken.status()).as(withToken.toString()).isEqualTo(201);
        // A session is never created by the API itself.
        Response anonymous = RestClient.anonymous(port).get("/api/v1/me");
        assertThat(anonymous.header("Set-Cookie")).isNull();
    }

    private IssuedAccessKey adminKey() {
        Caller bootstrap = identity.bootstrapAdmin().orElseThrow();
        // A second key of the administrator's own, so that its secret is known to the test.
        List<?> keys = identity.listAccessKeys(bootstrap, bootstrap.accountId(), "admin");
        if (keys.size() >= 2) {
            identity.deleteAccessKey(bootstrap, bootstrap.accountId(), "admin",
                    identity.listAccessKeys(bootstrap, bootstrap.accountId(), "admin").getLast().accessKeyId());
        }
        return identity.createAccessKey(bootstrap, bootstrap.accountId(), "admin");
    }

    private String csrf(HttpClient browser, String path) throws IOException, InterruptedException {
        String page = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).as("a CSRF token on " + path).isTrue();
        return m.group(1);
    }

    private HttpRequest form(String path, String body) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

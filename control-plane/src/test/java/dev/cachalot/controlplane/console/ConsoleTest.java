package dev.cachalot.controlplane.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.controlplane.identity.IssuedAccessKey;
import dev.cachalot.controlplane.support.AwsClients;
import dev.cachalot.controlplane.support.ControlPlaneTestBase;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;

/** Console sign-in (form + CSRF + session) and the read-only cluster list, over real HTTP. */
class ConsoleTest extends ControlPlaneTestBase {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Test
    void pagesNeedASignIn() throws Exception {
        try (HttpClient http = browser()) {
            HttpResponse<String> page = http.send(get("/console/"), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(302);
            assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/login"));
            HttpResponse<String> root = http.send(get("/"), HttpResponse.BodyHandlers.ofString());
            assertThat(root.statusCode()).isEqualTo(302);
            assertThat(root.headers().firstValue("Location")).hasValue("/console/");
        }
    }

    @Test
    void signedInUsersSeeTheirOwnClustersOnly() throws Exception {
        IssuedAccessKey owner = newAccount("console");
        IssuedAccessKey other = newAccount("console-other");
        try (ElastiCacheClient ec = AwsClients.elastiCache(port, owner.accessKeyId(), owner.secretAccessKey());
             ElastiCacheClient otherEc = AwsClients.elastiCache(port, other.accessKeyId(), other.secretAccessKey())) {
            ec.createCacheCluster(r -> r.cacheClusterId("console-demo").engine("valkey").cacheNodeType("cache.t4g.small"));
            otherEc.createCacheCluster(r -> r.cacheClusterId("not-yours").engine("redis").cacheNodeType("cache.t4g.small"));
        }
        try (HttpClient http = browser()) {
            assertThat(signIn(http, owner.accessKeyId(), owner.secretAccessKey()).headers().firstValue("Location"))
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/console/"));
            HttpResponse<String> list = http.send(get("/console/"), HttpResponse.BodyHandlers.ofString());
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.body()).contains("console-demo").contains("valkey 8.1.0").contains("cache.t4g.small")
                    .contains("creating").contains(owner.accountId())
                    .doesNotContain("not-yours");
        }
    }

    @Test
    void aWrongSecretDoesNotSignIn() throws Exception {
        IssuedAccessKey owner = newAccount("console-bad");
        try (HttpClient http = browser()) {
            HttpResponse<String> response = signIn(http, owner.accessKeyId(), "wrong");
            assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/login?error"));
            assertThat(http.send(get("/console/"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(302);
        }
    }

    @Test
    void signInWithoutTheCsrfTokenIsRefused() throws Exception {
        IssuedAccessKey owner = newAccount("console-csrf");
        try (HttpClient http = browser()) {
            HttpResponse<String> response = http.send(form("/console/login", "accessKeyId=" + owner.accessKeyId()
                    + "&secretAccessKey=" + enc(owner.secretAccessKey())), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(403);
        }
    }

    private HttpResponse<String> signIn(HttpClient http, String keyId, String secret) throws Exception {
        HttpResponse<String> login = http.send(get("/console/login"), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        Matcher m = CSRF.matcher(login.body());
        assertThat(m.find()).as("login form carries a CSRF token").isTrue();
        return http.send(form("/console/login", "_csrf=" + enc(m.group(1)) + "&accessKeyId=" + enc(keyId)
                + "&secretAccessKey=" + enc(secret)), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build();
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

package dev.cachalot.controlplane.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.controlplane.identity.Caller;
import dev.cachalot.controlplane.identity.IssuedAccessKey;
import dev.cachalot.controlplane.identity.Policy;
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

/** Console sign-in (form + CSRF + session), the cluster list, and users and keys, over real HTTP. */
class ConsoleTest extends ControlPlaneTestBase {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final String PASSWORD = "correct horse battery";

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
        setPassword(owner);
        try (HttpClient http = browser()) {
            assertThat(signIn(http, owner.accountId(), "admin", PASSWORD).headers().firstValue("Location"))
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/console/"));
            HttpResponse<String> list = http.send(get("/console/cache-clusters"), HttpResponse.BodyHandlers.ofString());
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.body()).contains("console-demo").contains("valkey 8.1.0").contains("cache.t4g.small")
                    .contains("creating").contains(owner.accountId())
                    .doesNotContain("not-yours");
        }
    }

    @Test
    void wrongPasswordsAndUnknownUsersDoNotSignIn() throws Exception {
        IssuedAccessKey owner = newAccount("console-bad");
        setPassword(owner);
        try (HttpClient http = browser()) {
            for (String[] attempt : new String[][] {{owner.accountId(), "admin", "wrong password"},
                    {owner.accountId(), "nobody", PASSWORD}, {"999999999999", "admin", PASSWORD}}) {
                HttpResponse<String> response = signIn(http, attempt[0], attempt[1], attempt[2]);
                assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/login?error"));
            }
            assertThat(http.send(get("/console/"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(302);
        }
    }

    @Test
    void signInWithoutTheCsrfTokenIsRefused() throws Exception {
        IssuedAccessKey owner = newAccount("console-csrf");
        setPassword(owner);
        try (HttpClient http = browser()) {
            HttpResponse<String> response = http.send(form("/console/login", "account=" + owner.accountId()
                    + "&userName=admin&password=" + enc(PASSWORD)), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(403);
        }
    }

    @Test
    void usersAndKeysAreManagedInTheConsole() throws Exception {
        IssuedAccessKey owner = newAccount("console-iam");
        setPassword(owner);
        try (HttpClient http = browser()) {
            signIn(http, owner.accountId(), "admin", PASSWORD);
            HttpResponse<String> created = post(http, "/console/users", "userName=" + enc("<b>bob</b>") + "&readOnly=true");
            assertThat(created.statusCode()).isEqualTo(302);
            // Names with markup are refused and nothing is created; a valid one works.
            assertThat(http.send(get("/console/users"), HttpResponse.BodyHandlers.ofString()).body())
                    .contains("User names have 1 to 64 characters").doesNotContain("<b>bob</b>");
            post(http, "/console/users", "userName=bob&readOnly=true&password=" + enc(PASSWORD));
            HttpResponse<String> bob = http.send(get("/console/users/bob"), HttpResponse.BodyHandlers.ofString());
            assertThat(bob.body()).contains("arn:aws:iam::" + owner.accountId() + ":user/bob").contains("ReadOnly");

            HttpResponse<String> newKey = post(http, "/console/users/bob/access-keys", "");
            String page = http.send(get(newKey.headers().firstValue("Location").orElseThrow()), HttpResponse.BodyHandlers.ofString()).body();
            Matcher id = Pattern.compile("id=\"new-access-key-id\">([A-Z0-9]+)<").matcher(page);
            Matcher secret = Pattern.compile("id=\"new-secret-access-key\">([^<]+)<").matcher(page);
            assertThat(id.find()).isTrue();
            assertThat(secret.find()).isTrue();
            // The secret is shown once.
            assertThat(http.send(get("/console/users/bob"), HttpResponse.BodyHandlers.ofString()).body())
                    .contains(id.group(1)).doesNotContain(secret.group(1));
            // Bob's key works, read-only: Describe yes, Create no.
            try (ElastiCacheClient asBob = AwsClients.elastiCache(port, id.group(1), secret.group(1))) {
                assertThat(asBob.describeCacheClusters().cacheClusters()).isEmpty();
            }
            post(http, "/console/users/bob/access-keys/" + id.group(1), "action=deactivate");
            assertThat(identity.signingCredentials(id.group(1))).isEmpty();
        }
        try (HttpClient http = browser()) {
            signIn(http, owner.accountId(), "bob", PASSWORD);
            HttpResponse<String> refused = post(http, "/console/users", "userName=mallory");
            String back = http.send(get("/console/users"), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(refused.statusCode()).isEqualTo(302);
            assertThat(back).contains("is not authorized to perform").doesNotContain(">mallory<");
        }
    }

    @Test
    void accountsPageIsForSystemAdministrators() throws Exception {
        IssuedAccessKey owner = newAccount("console-notadmin");
        setPassword(owner);
        try (HttpClient http = browser()) {
            signIn(http, owner.accountId(), "admin", PASSWORD);
            assertThat(http.send(get("/console/accounts"), HttpResponse.BodyHandlers.ofString()).body())
                    .contains(owner.accountId()).doesNotContain("<td>admin</td>");
            HttpResponse<String> create = post(http, "/console/accounts", "name=sneaky-" + System.nanoTime());
            assertThat(http.send(get(create.headers().firstValue("Location").orElseThrow()), HttpResponse.BodyHandlers.ofString()).body())
                    .contains("is not authorized to perform");
        }
    }

    private void setPassword(IssuedAccessKey key) {
        Caller self = new Caller(key.accountId(), "admin", key.accessKeyId(), Policy.FULL_ACCESS, false);
        identity.updateUser(self, key.accountId(), "admin", null, PASSWORD);
    }

    private HttpResponse<String> signIn(HttpClient http, String account, String user, String password) throws Exception {
        return post(http, "/console/login", "account=" + enc(account) + "&userName=" + enc(user) + "&password=" + enc(password));
    }

    /** A form post the way the browser sends it: with the CSRF token of the page's form. */
    private HttpResponse<String> post(HttpClient http, String path, String body) throws Exception {
        HttpResponse<String> page = http.send(get(path.startsWith("/console/login") ? "/console/login" : "/console/users"),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = CSRF.matcher(page.body());
        assertThat(m.find()).as("the page carries a CSRF token").isTrue();
        return http.send(form(path, "_csrf=" + enc(m.group(1)) + (body.isEmpty() ? "" : "&" + body)), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : "http://localhost:" + port + path)).GET().build();
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

package dev.cachalot.controlplane.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.controlplane.identity.Caller;
import dev.cachalot.controlplane.identity.IssuedAccessKey;
import dev.cachalot.controlplane.identity.Policy;
import dev.cachalot.controlplane.support.ConsoleSession;
import dev.cachalot.controlplane.support.ControlPlaneTestBase;
import dev.cachalot.controlplane.support.RestClient;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every console page, reached by following the links a user can click: none answers with a
 * server error, and user input with markup in it (descriptions, refused values echoed in
 * messages) is shown as text, never as markup. Then the forms: the wizard's messages next to
 * their fields and its summary, the modify summary, the typed delete confirmation, the
 * fragments that keep statuses current, and the account switcher.
 */
class ConsolePagesTest extends ControlPlaneTestBase {

    private static final String PASSWORD = "correct horse battery";
    private static final String SCRIPT = "<script>window.xss=1</script>";
    private static final String IMG = "\"><img src=x onerror=window.xss=2>";
    private static final Pattern LINK = Pattern.compile("href=\"(/console/[^\"#]*)\"");

    @Test
    void everyPageRendersAndUserInputStaysText() {
        IssuedAccessKey owner = newAccount("pages");
        String account = owner.accountId();
        setPassword(owner.accountId());
        RestClient api = RestClient.sigV4(port, owner.accessKeyId(), owner.secretAccessKey());
        assertThat(api.post("/api/v1/cache-parameter-groups", "{\"cacheParameterGroupName\":\"marked-up\","
                + "\"cacheParameterGroupFamily\":\"redis7\",\"description\":\"" + SCRIPT.replace("\"", "\\\"") + "\"}").status()).isEqualTo(201);
        assertThat(api.post("/api/v1/cache-subnet-groups", "{\"cacheSubnetGroupName\":\"marked-zones\",\"description\":\""
                + IMG.replace("\"", "\\\"") + "\",\"subnetIds\":[\"subnet-local-1a\"]}").status()).isEqualTo(201);
        assertThat(api.post("/api/v1/cache-clusters", "{\"cacheClusterId\":\"crawled\",\"engine\":\"redis\","
                + "\"cacheNodeType\":\"cache.t4g.micro\",\"tags\":[{\"key\":\"team\",\"value\":\"cache\"}]}").status()).isEqualTo(201);

        ConsoleSession session = new ConsoleSession(port).signIn(account, "admin", PASSWORD);
        // A refused tag value is echoed in the message: as text.
        session.get("/console/cache-clusters/crawled");
        HttpResponse<String> refused = session.follow(session.post("/console/cache-clusters/crawled/tags",
                Map.of("key", "x", "value", SCRIPT)));
        assertThat(refused.body()).contains("Tag value contains characters that are not allowed: &lt;script&gt;");

        Set<String> visited = crawl(session, "/console/");
        assertThat(visited).contains("/console/", "/console/cache-clusters", "/console/cache-clusters/crawled",
                "/console/cache-clusters/crawled/modify", "/console/cache-clusters/new", "/console/parameter-groups",
                "/console/parameter-groups/marked-up", "/console/parameter-groups/default.redis7", "/console/subnet-groups",
                "/console/subnet-groups/marked-zones", "/console/events", "/console/users", "/console/users/admin");
        assertThat(session.get("/console/parameter-groups/marked-up").body()).contains("&lt;script&gt;window.xss=1&lt;/script&gt;");
        assertThat(session.get("/console/subnet-groups/marked-zones").body()).contains("&quot;&gt;&lt;img src=x onerror=window.xss=2&gt;");
        // Not for tenants.
        assertThat(session.get("/console/hosts").statusCode()).isEqualTo(403);
    }

    @Test
    void readOnlyUsersSeeEveryPageButNoForms() {
        IssuedAccessKey owner = newAccount("pages-ro");
        Caller admin = new Caller(owner.accountId(), "admin", owner.accessKeyId(), Policy.FULL_ACCESS, false);
        identity.createUser(admin, owner.accountId(), "viewer", Policy.READ_ONLY, PASSWORD);
        RestClient.sigV4(port, owner.accessKeyId(), owner.secretAccessKey()).post("/api/v1/cache-clusters",
                "{\"cacheClusterId\":\"looked-at\",\"engine\":\"redis\",\"cacheNodeType\":\"cache.t4g.micro\"}");
        ConsoleSession session = new ConsoleSession(port).signIn(owner.accountId(), "viewer", PASSWORD);
        Set<String> visited = crawl(session, "/console/");
        assertThat(visited).contains("/console/cache-clusters/looked-at").doesNotContain("/console/cache-clusters/new");
        String detail = session.get("/console/cache-clusters/looked-at").body();
        assertThat(detail).contains("read-only").doesNotContain("id=\"delete-cluster\"").doesNotContain("id=\"modify-cluster\"");
        session.get("/console/cache-clusters/looked-at");
        HttpResponse<String> refused = session.follow(session.post("/console/cache-clusters/looked-at/delete", Map.of("confirm", "looked-at")));
        assertThat(refused.body()).contains("is not authorized to perform");
    }

    @Test
    void theAdministratorSeesTheFleetAndSwitchesAccounts() {
        IssuedAccessKey tenant = newAccount("switch-to");
        RestClient.sigV4(port, tenant.accessKeyId(), tenant.secretAccessKey()).post("/api/v1/cache-clusters",
                "{\"cacheClusterId\":\"tenant-only\",\"engine\":\"valkey\",\"cacheNodeType\":\"cache.t4g.micro\"}");
        Caller admin = identity.bootstrapAdmin().orElseThrow();
        identity.updateUser(admin, admin.accountId(), "admin", null, PASSWORD);
        ConsoleSession session = new ConsoleSession(port).signIn(admin.accountId(), "admin", PASSWORD);
        Set<String> visited = crawl(session, "/console/");
        assertThat(visited).contains("/console/hosts", "/console/accounts");
        assertThat(session.get("/console/hosts").body()).contains("local-1a").contains("healthy");
        assertThat(session.get("/console/").body()).contains("Capacity in use");
        session.get("/console/accounts");
        HttpResponse<String> limited = session.follow(session.post("/console/accounts/" + tenant.accountId() + "/limits",
                Map.of("clusterQuota", "4", "nodeQuota", "", "requestsPerSecond", "")));
        assertThat(limited.body()).contains("Limits of account " + tenant.accountId() + " saved.").contains("4 clusters");
        assertThat(identity.quotas(tenant.accountId()).clusters()).isEqualTo(4);
        session.follow(session.post("/console/accounts/" + tenant.accountId() + "/limits", Map.of("clusterQuota", "")));
        assertThat(session.get("/console/cache-clusters").body()).doesNotContain("tenant-only");

        HttpResponse<String> switched = session.follow(session.post("/console/account", Map.of("accountId", tenant.accountId())));
        assertThat(switched.body()).contains("You are now working in account " + tenant.accountId());
        assertThat(session.get("/console/cache-clusters").body()).contains("tenant-only");
        crawl(session, "/console/");
        session.follow(session.post("/console/account", Map.of("accountId", admin.accountId())));
        assertThat(session.get("/console/cache-clusters").body()).doesNotContain("tenant-only");

        IssuedAccessKey other = newAccount("no-switch");
        setPassword(other.accountId());
        ConsoleSession tenantSession = new ConsoleSession(port).signIn(other.accountId(), "admin", PASSWORD);
        HttpResponse<String> denied = tenantSession.follow(tenantSession.post("/console/account", Map.of("accountId", tenant.accountId())));
        assertThat(denied.body()).contains("is not authorized to perform");
        assertThat(tenantSession.get("/console/cache-clusters").body()).doesNotContain("tenant-only");
    }

    @Test
    void theWizardShowsMessagesNextToFieldsAndASummaryBeforeItCreates() {
        IssuedAccessKey owner = newAccount("wizard");
        setPassword(owner.accountId());
        ConsoleSession session = new ConsoleSession(port).signIn(owner.accountId(), "admin", PASSWORD);
        assertThat(session.get("/console/cache-clusters/new").body()).contains("1. Name and engine");

        Map<String, String> form = new LinkedHashMap<>(Map.of("cacheClusterId", "9 lives", "engine", "redis", "engineVersion", "",
                "step", "1", "action", "next"));
        HttpResponse<String> bad = session.post("/console/cache-clusters/new", form);
        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(bad.body()).containsPattern("id=\"cacheClusterId\"[^>]*aria-invalid=\"true\"")
                .contains("id=\"cacheClusterId-error\"").contains("not a valid identifier");

        form.put("cacheClusterId", "wizard-made");
        HttpResponse<String> step2 = session.post("/console/cache-clusters/new", form);
        assertThat(step2.body()).contains("aria-current=\"step\">2. Nodes and placement");
        form.putAll(Map.of("step", "2", "cacheNodeType", "cache.t4g.micro", "preferredAvailabilityZone", "local-1a",
                "cacheSubnetGroupName", ""));
        assertThat(session.post("/console/cache-clusters/new", form).body()).contains("aria-current=\"step\">3. Settings");
        form.putAll(Map.of("step", "3", "cacheParameterGroupName", "", "port", "", "preferredMaintenanceWindow", "someday",
                "snapshotRetentionLimit", "", "tags", "team=cache"));
        HttpResponse<String> badWindow = session.post("/console/cache-clusters/new", form);
        assertThat(badWindow.body()).contains("id=\"preferredMaintenanceWindow-error\"").contains("Invalid maintenance window format");
        form.put("preferredMaintenanceWindow", "mon:01:00-mon:02:00");
        form.put("snapshotRetentionLimit", "many");
        assertThat(session.post("/console/cache-clusters/new", form).body()).contains("id=\"snapshotRetentionLimit-error\"");
        form.put("snapshotRetentionLimit", "2");
        HttpResponse<String> review = session.post("/console/cache-clusters/new", form);
        assertThat(review.body()).contains("4. Review and create").contains("wizard-made").contains("mon:01:00-mon:02:00")
                .contains("team=cache");
        // Nothing exists before the summary is confirmed.
        assertThat(session.get("/console/cache-clusters").body()).doesNotContain("wizard-made");

        form.putAll(Map.of("step", "4", "action", "create"));
        HttpResponse<String> created = session.post("/console/cache-clusters/new", form);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/cache-clusters/wizard-made"));
        HttpResponse<String> detail = session.follow(created);
        assertThat(detail.body()).contains("is being created").contains("team").contains("mon:01:00-mon:02:00")
                .contains("hx-trigger=\"every 2s\"");
        // Creating the same name again: the message goes next to the name, on the first step.
        form.put("action", "create");
        HttpResponse<String> again = session.post("/console/cache-clusters/new", form);
        assertThat(again.body()).contains("aria-current=\"step\">1. Name and engine").contains("id=\"cacheClusterId-error\"");
    }

    @Test
    void listsSearchSortAndRefreshThemselves() {
        IssuedAccessKey owner = newAccount("lists");
        setPassword(owner.accountId());
        RestClient api = RestClient.sigV4(port, owner.accessKeyId(), owner.secretAccessKey());
        for (String id : new String[] {"alpha", "bravo", "charlie"}) {
            api.post("/api/v1/cache-clusters", "{\"cacheClusterId\":\"" + id + "\",\"engine\":\"redis\",\"cacheNodeType\":\"cache.t4g.micro\"}");
        }
        ConsoleSession session = new ConsoleSession(port).signIn(owner.accountId(), "admin", PASSWORD);
        String page = session.get("/console/cache-clusters?sort=name&dir=desc").body();
        assertThat(page.indexOf("data-cluster-id=\"charlie\"")).isLessThan(page.indexOf("data-cluster-id=\"alpha\""));
        assertThat(page).contains("aria-sort=\"descending\"").contains("hx-trigger=\"every 3s\"");
        String searched = session.get("/console/cache-clusters?q=brav").body();
        assertThat(searched).contains("data-cluster-id=\"bravo\"").doesNotContain("data-cluster-id=\"alpha\"");
        String rows = session.get("/console/cache-clusters/rows?q=brav").body();
        assertThat(rows).startsWith("<tbody").contains("bravo").doesNotContain("<html");
        String live = session.get("/console/cache-clusters/alpha/live").body();
        assertThat(live).startsWith("<div").contains("id=\"cluster-live\"").contains("creating");
    }

    @Test
    void modifyShowsASummaryAndDeleteWantsTheName() {
        IssuedAccessKey owner = newAccount("modify");
        setPassword(owner.accountId());
        RestClient api = RestClient.sigV4(port, owner.accessKeyId(), owner.secretAccessKey());
        api.post("/api/v1/cache-clusters", "{\"cacheClusterId\":\"changing\",\"engine\":\"redis\",\"cacheNodeType\":\"cache.t4g.micro\"}");
        ConsoleSession session = new ConsoleSession(port).signIn(owner.accountId(), "admin", PASSWORD);
        String form = session.get("/console/cache-clusters/changing/modify").body();
        assertThat(form).contains("Review changes");
        Map<String, String> change = new LinkedHashMap<>(Map.of("cacheNodeType", "cache.t4g.micro", "engineVersion", "7.1.0",
                "cacheParameterGroupName", "default.redis7", "preferredMaintenanceWindow", "sun:05:00-sun:06:00",
                "snapshotRetentionLimit", "3", "snapshotWindow", "06:30-07:30", "autoMinorVersionUpgrade", "true", "action", "review"));
        HttpResponse<String> review = session.post("/console/cache-clusters/changing/modify", change);
        assertThat(review.body()).contains("Snapshot retention (days)").contains("Apply changes");
        change.put("action", "apply");
        HttpResponse<String> applied = session.post("/console/cache-clusters/changing/modify", change);
        // Still creating (no agent here): the service's refusal, shown on the form.
        assertThat(applied.statusCode()).isEqualTo(200);
        assertThat(applied.body()).contains("id=\"form-error\"").contains("not in available state");

        session.get("/console/cache-clusters/changing");
        HttpResponse<String> wrong = session.follow(session.post("/console/cache-clusters/changing/delete", Map.of("confirm", "chang")));
        assertThat(wrong.body()).contains("Type the cluster&#39;s name, changing, to confirm the deletion.");
        HttpResponse<String> deleted = session.follow(session.post("/console/cache-clusters/changing/delete", Map.of("confirm", "changing")));
        assertThat(deleted.body()).contains("Cache cluster changing is being deleted.");
    }

    /** Follows every console link from {@code start}; every page must render. */
    private Set<String> crawl(ConsoleSession session, String start) {
        Set<String> visited = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(start);
        while (!queue.isEmpty() && visited.size() < 150) {
            String path = queue.poll();
            if (path.endsWith(".css") || path.endsWith(".js") || !visited.add(path)) {
                continue;
            }
            HttpResponse<String> page = session.get(path);
            assertThat(page.statusCode()).as("GET " + path).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(page.body()).as(path).doesNotContain("Whitelabel").doesNotContain("<script>window.xss")
                    .doesNotContain("<img src=x").contains("</html>");
            Matcher m = LINK.matcher(page.body());
            while (m.find()) {
                String link = m.group(1).replace("&amp;", "&");
                if (!link.startsWith("/console/logout") && !visited.contains(link)) {
                    queue.add(link);
                }
            }
        }
        return visited;
    }

    private void setPassword(String accountId) {
        Caller self = new Caller(accountId, "admin", null, Policy.FULL_ACCESS, false);
        identity.updateUser(self, accountId, "admin", null, PASSWORD);
    }
}

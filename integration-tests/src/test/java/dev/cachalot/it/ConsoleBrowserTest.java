package dev.cachalot.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import redis.clients.jedis.Jedis;

/**
 * Everything a user does, in a real headless Chromium (Debian's chromium and chromedriver),
 * against a real region: sign in, create an account and switch to it, make a parameter group,
 * create a cache cluster through the wizard, watch it become available without reloading, copy
 * its endpoint and use it with Jedis, move it to the parameter group, see markup typed by a
 * user shown as text, delete the cluster by typing its name; then a memcached cluster (node count,
 * configuration endpoint, its xmemcached snippet run, a node added). Every page is checked for server
 * errors and for script errors; a screenshot of each step goes to target/screenshots.
 */
class ConsoleBrowserTest {

    private static LocalRegion region;
    private static ChromeDriverService service;
    private static WebDriver browser;
    private static Path profile;
    private static Path screenshots;
    private static int shot;

    @RegisterExtension
    static final BeforeAllCallback REGION = (ExtensionContext context) -> region = SharedRegion.get(context);

    @BeforeAll
    static void startBrowser() throws IOException {
        screenshots = Path.of(System.getProperty("cachalot.screenshots", "target/screenshots"));
        Files.createDirectories(screenshots);
        profile = Files.createTempDirectory("chromium-profile-");
        service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        try {
            if (browser != null) {
                browser.quit();
            }
            if (service != null) {
                service.stop();
            }
        } finally {
            if (profile != null) {
                try (Stream<Path> files = Files.walk(profile)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    @Test
    void aUserCreatesUsesChangesAndDeletesACacheClusterInTheBrowser() throws Exception {
        Map<String, String> login = region.consoleLogin();
        open("/console/");
        assertThat(browser.getCurrentUrl()).endsWith("/console/login");
        browser.findElement(By.id("account")).sendKeys(login.get("account"));
        browser.findElement(By.id("userName")).sendKeys(login.get("user"));
        browser.findElement(By.id("password")).sendKeys(login.get("password"));
        screenshot("sign-in");
        submit(By.cssSelector("form button[type=submit]"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Dashboard");
        screenshot("dashboard-administrator");

        // A tenant account of its own, made in the console, then worked in through the account switcher.
        open("/console/accounts");
        browser.findElement(By.id("name")).sendKeys("browser");
        submit(By.cssSelector("form[action='/console/accounts'] button"));
        String accountId = browser.findElement(By.cssSelector("#new-account span")).getText();
        assertThat(browser.findElement(By.id("new-secret-access-key")).getText()).hasSize(40);
        screenshot("account-created-secret-shown-once");
        new Select(browser.findElement(By.id("switch-account"))).selectByValue(accountId);
        submit(By.cssSelector("form.switcher button"));
        assertThat(browser.findElement(By.id("current-account")).getText()).isEqualTo(accountId);

        // A parameter group whose description carries markup: shown as text.
        open("/console/parameter-groups");
        browser.findElement(By.id("pg-name")).sendKeys("browser-tuned");
        new Select(browser.findElement(By.id("pg-family"))).selectByValue("redis7");
        browser.findElement(By.id("pg-description")).sendKeys("<script>window.xss=1</script> tuned");
        submit(By.id("create-parameter-group"));
        assertThat(browser.findElement(By.id("group-description")).getText()).isEqualTo("<script>window.xss=1</script> tuned");
        assertThat(js("return window.xss === undefined;")).isEqualTo(true);
        new Select(browser.findElement(By.id("parameterName"))).selectByValue("maxmemory-policy");
        browser.findElement(By.id("parameterValue")).sendKeys("allkeys-lru");
        submit(By.id("set-parameter"));
        assertThat(browser.findElement(By.cssSelector("[data-parameter='maxmemory-policy']")).getText()).contains("allkeys-lru");
        screenshot("parameter-group");

        // The wizard: a message next to the field, then the steps, a summary, and create.
        open("/console/cache-clusters");
        browser.findElement(By.id("create-cluster")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Create a cache cluster");
        browser.findElement(By.id("cacheClusterId")).sendKeys("1-not-a-name");
        submit(By.id("wizard-next"));
        assertThat(browser.findElement(By.id("cacheClusterId-error")).getText()).contains("not a valid identifier");
        assertThat(browser.findElement(By.id("cacheClusterId")).getAttribute("aria-invalid")).isEqualTo("true");
        screenshot("wizard-message-next-to-the-field");
        browser.findElement(By.id("cacheClusterId")).clear();
        browser.findElement(By.id("cacheClusterId")).sendKeys("browser-demo");
        submit(By.id("wizard-next"));
        new Select(browser.findElement(By.id("cacheNodeType"))).selectByValue("cache.t4g.micro");
        screenshot("wizard-nodes");
        submit(By.id("wizard-next"));
        browser.findElement(By.id("tags")).sendKeys("team=web");
        submit(By.id("wizard-next"));
        assertThat(browser.findElement(By.id("summary")).getText()).contains("browser-demo").contains("cache.t4g.micro").contains("team=web");
        screenshot("wizard-summary");
        submit(By.id("wizard-create"));
        assertThat(browser.getCurrentUrl()).endsWith("/console/cache-clusters/browser-demo");

        // Available without a reload: the page keeps itself current (a marker set now survives).
        js("window.__sameDocument = true;");
        screenshot("cluster-creating");
        // the status is swapped in by the page while the wait reads it: a stale element means "look again"
        new WebDriverWait(browser, Duration.ofMinutes(3), Duration.ofMillis(500))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d ->
                d.findElement(By.id("cluster-status")).getText().equals("available") && d.findElements(By.id("endpoint")).size() == 1);
        assertThat(js("return window.__sameDocument === true;")).as("no reload happened").isEqualTo(true);
        checkPage();
        screenshot("cluster-available");

        // Copy the endpoint, then connect with Jedis to what the clipboard holds.
        String shown = browser.findElement(By.id("endpoint")).getText();
        ((ChromeDriver) browser).executeCdpCommand("Browser.grantPermissions", Map.of("origin", region.endpoint(),
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        browser.findElement(By.id("copy-endpoint")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.attributeToBe(By.id("copy-endpoint"), "data-copied", "true"));
        String copied = (String) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; navigator.clipboard.readText().then(done, e => done('failed: ' + e));");
        assertThat(copied).isEqualTo(shown);
        assertThat(browser.findElement(By.id("snippet-redis-cli")).getText()).isEqualTo("redis-cli -h " + copied.replace(":", " -p ") + " PING");
        assertThat(browser.findElement(By.id("snippet-jedis")).getText()).contains("new HostAndPort(\"" + copied.split(":")[0] + "\", " + copied.split(":")[1] + ")");
        assertThat(browser.findElement(By.id("snippet-lettuce")).getText()).contains(".withPort(" + copied.split(":")[1] + ")");
        screenshot("endpoint-copied");
        try (Jedis jedis = new Jedis(copied.split(":")[0], Integer.parseInt(copied.split(":")[1]))) {
            assertThat(jedis.ping()).isEqualTo("PONG");
            assertThat(jedis.set("visitor", "browser")).isEqualTo("OK");
            assertThat(jedis.get("visitor")).isEqualTo("browser");
        }
        // The snippets are copy-ready: pasted as they are, they run against the node.
        assertThat(Snippets.runCommand(browser.findElement(By.id("snippet-redis-cli")).getText())).isEqualTo("PONG");
        Path work = Path.of(System.getProperty("java.io.tmpdir"));
        for (String snippet : List.of("snippet-jedis", "snippet-lettuce")) {
            try (Jedis jedis = new Jedis(copied.split(":")[0], Integer.parseInt(copied.split(":")[1]))) {
                jedis.del("greeting");
                Snippets.runJava(Snippets.IMPORTS.get(snippet), browser.findElement(By.id(snippet)).getText(),
                        Files.createTempDirectory(work, snippet));
                assertThat(jedis.get("greeting")).as(snippet).isEqualTo("hello");
            }
        }

        // Change its parameter group: the form, the summary, the change.
        browser.findElement(By.id("modify-cluster")).click();
        new Select(browser.findElement(By.id("cacheParameterGroupName"))).selectByValue("browser-tuned");
        submit(By.id("review-changes"));
        assertThat(browser.findElement(By.id("changes")).getText()).contains("Parameter group").contains("default.redis7").contains("browser-tuned");
        screenshot("modify-summary");
        submit(By.id("apply-changes"));
        assertThat(browser.findElement(By.id("cluster-parameter-group")).getText()).isEqualTo("browser-tuned");
        new WebDriverWait(browser, Duration.ofMinutes(2), Duration.ofMillis(500))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            d.navigate().refresh();
            return d.findElement(By.id("cluster-status")).getText().equals("available");
        });
        try (Jedis jedis = new Jedis(copied.split(":")[0], Integer.parseInt(copied.split(":")[1]))) {
            assertThat(jedis.get("visitor")).isEqualTo("browser");
        }
        screenshot("parameter-group-changed");

        // A tag value with markup is refused, and the message shows it as text.
        browser.findElement(By.id("tag-key")).sendKeys("note");
        browser.findElement(By.id("tag-value")).sendKeys("<script>window.xss=2</script>");
        submit(By.cssSelector("#tags form.row-form button"));
        assertThat(browser.findElement(By.cssSelector(".messages .error")).getText()).contains("<script>window.xss=2</script>");
        assertThat(js("return window.xss === undefined;")).isEqualTo(true);
        assertThat(browser.findElement(By.id("tags")).getText()).contains("team").contains("web");
        screenshot("markup-shown-as-text");

        // Every page of the account, visited: no server error, no script error.
        for (String page : List.of("/console/", "/console/cache-clusters?sort=status&dir=desc", "/console/cache-clusters/browser-demo",
                "/console/cache-clusters/browser-demo/modify", "/console/parameter-groups", "/console/parameter-groups/browser-tuned",
                "/console/subnet-groups", "/console/subnet-groups/default", "/console/events", "/console/users", "/console/users/admin",
                "/console/hosts", "/console/accounts", "/api/v1/docs")) {
            open(page);
        }
        screenshot("swagger-ui");

        // A phone's screen.
        browser.manage().window().setSize(new Dimension(390, 844));
        open("/console/cache-clusters/browser-demo");
        screenshot("phone-cluster");
        open("/console/cache-clusters");
        screenshot("phone-list");
        browser.manage().window().setSize(new Dimension(1280, 900));

        // Delete by typing the name; the list drops it by itself.
        open("/console/cache-clusters/browser-demo");
        WebElement delete = browser.findElement(By.id("delete-cluster"));
        assertThat(delete.isEnabled()).as("disabled until the name is typed").isFalse();
        browser.findElement(By.id("confirm")).sendKeys("browser-demo");
        assertThat(delete.isEnabled()).isTrue();
        screenshot("delete-confirmation");
        submit(By.id("delete-cluster"));
        assertThat(browser.findElement(By.cssSelector(".messages .notice")).getText()).contains("browser-demo is being deleted");
        js("window.__sameDocument = true;");
        new WebDriverWait(browser, Duration.ofMinutes(2), Duration.ofMillis(500)).until(d ->
                d.findElements(By.cssSelector("[data-cluster-id='browser-demo']")).isEmpty());
        assertThat(js("return window.__sameDocument === true;")).isEqualTo(true);
        screenshot("cluster-deleted");

        // A memcached cluster: the wizard's node count, the configuration endpoint answering Auto Discovery,
        // its xmemcached snippet run as pasted, one node more through modify, then delete.
        open("/console/cache-clusters");
        browser.findElement(By.id("create-cluster")).click();
        browser.findElement(By.id("cacheClusterId")).sendKeys("browser-mc");
        browser.findElement(By.cssSelector("input[name=engine][value=memcached]")).click();
        submit(By.id("wizard-next"));
        new Select(browser.findElement(By.id("cacheNodeType"))).selectByValue("cache.t4g.micro");
        browser.findElement(By.id("numCacheNodes")).clear();
        browser.findElement(By.id("numCacheNodes")).sendKeys("2");
        submit(By.id("wizard-next"));
        submit(By.id("wizard-next"));
        assertThat(browser.findElement(By.id("summary")).getText()).contains("browser-mc").contains("memcached");
        assertThat(browser.findElement(By.id("summary-nodes")).getText()).isEqualTo("2");
        screenshot("memcached-wizard-summary");
        submit(By.id("wizard-create"));
        assertThat(browser.getCurrentUrl()).endsWith("/console/cache-clusters/browser-mc");
        new WebDriverWait(browser, Duration.ofMinutes(3), Duration.ofMillis(500))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d ->
                d.findElement(By.id("cluster-status")).getText().equals("available"));
        open("/console/cache-clusters/browser-mc");
        assertThat(browser.findElement(By.id("cluster-node-count")).getText()).isEqualTo("2");
        String configuration = browser.findElement(By.id("configuration-endpoint")).getText();
        assertThat(configuration).contains(".cfg.");
        String cfgHost = configuration.substring(0, configuration.lastIndexOf(':'));
        int cfgPort = Integer.parseInt(configuration.substring(configuration.lastIndexOf(':') + 1));
        screenshot("memcached-available");
        System.setProperty(CachalotDnsResolverProvider.PROPERTY, "127.0.0.1:" + region.dnsPort);
        try {
            assertThat(MemcachedFlowTest.Discovery.parse(MemcachedFlowTest.call(cfgHost, cfgPort, "config get cluster\r\n")).ports())
                    .hasSize(2);
            Snippets.runJava(Snippets.IMPORTS.get("snippet-xmemcached"), browser.findElement(By.id("snippet-xmemcached")).getText(),
                    Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "snippet-xmemcached"));
            net.rubyeye.xmemcached.aws.AWSElasticCacheClient client =
                    new net.rubyeye.xmemcached.aws.AWSElasticCacheClient(new java.net.InetSocketAddress(cfgHost, cfgPort));
            try {
                assertThat((String) client.get("greeting")).isEqualTo("hello");
            } finally {
                client.shutdown();
            }
        } finally {
            System.clearProperty(CachalotDnsResolverProvider.PROPERTY);
        }

        browser.findElement(By.id("modify-cluster")).click();
        browser.findElement(By.id("numCacheNodes")).clear();
        browser.findElement(By.id("numCacheNodes")).sendKeys("3");
        browser.findElement(By.cssSelector("input[name=applyImmediately]")).click();
        submit(By.id("review-changes"));
        assertThat(browser.findElement(By.id("changes")).getText()).contains("Number of nodes").contains("3");
        screenshot("memcached-modify-summary");
        submit(By.id("apply-changes"));
        new WebDriverWait(browser, Duration.ofMinutes(2), Duration.ofMillis(500))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            d.navigate().refresh();
            return d.findElement(By.id("cluster-node-count")).getText().equals("3")
                    && d.findElement(By.id("cluster-status")).getText().equals("available");
        });
        checkPage();
        open("/console/cache-clusters/browser-mc/modify");
        screenshot("memcached-three-nodes");

        open("/console/cache-clusters/browser-mc");
        browser.findElement(By.id("confirm")).sendKeys("browser-mc");
        submit(By.id("delete-cluster"));
        new WebDriverWait(browser, Duration.ofMinutes(2), Duration.ofMillis(500)).until(d ->
                d.findElements(By.cssSelector("[data-cluster-id='browser-mc']")).isEmpty());
    }

    private void open(String path) {
        browser.get(region.endpoint() + path);
        checkPage();
    }

    private void submit(By button) {
        WebElement element = browser.findElement(button);
        element.click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(element));
        checkPage();
    }

    /** No server error page, no unescaped script, no script error in the console. */
    private void checkPage() {
        String source = browser.getPageSource();
        assertThat(source).as(browser.getCurrentUrl()).doesNotContain("Whitelabel Error Page").doesNotContain("<script>window.xss");
        assertThat(browser.getTitle()).as(browser.getCurrentUrl()).doesNotStartWith("Error");
        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(e -> !e.getMessage().contains("favicon.ico"))
                .toList();
        assertThat(errors).as("script errors on " + browser.getCurrentUrl()).isEmpty();
        if (browser.getCurrentUrl().contains("/console")) {
            assertThat(js(ACCESSIBILITY)).as("accessibility problems on " + browser.getCurrentUrl()).isEqualTo(List.of());
        }
    }

    /**
     * The checks of accessibility a script can make on every page: a language, one main heading,
     * a label for every control, a name for every button and link, a caption for every table
     * (no contrast or reading-order checks: those were made by eye on the screenshots).
     */
    private static final String ACCESSIBILITY = """
            const problems = [];
            if (!document.documentElement.lang) problems.push('no lang on <html>');
            if (document.querySelectorAll('h1').length !== 1) problems.push('not exactly one h1');
            if (!document.querySelector('main')) problems.push('no <main>');
            for (const c of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
              const labelled = (c.id && document.querySelector('label[for="' + CSS.escape(c.id) + '"]')) || c.closest('label')
                  || c.getAttribute('aria-label') || c.getAttribute('aria-labelledby');
              if (!labelled) problems.push('unlabelled ' + c.tagName.toLowerCase() + ' ' + (c.name || c.id));
            }
            for (const b of document.querySelectorAll('button, a[href]')) {
              if (!(b.textContent.trim() || b.getAttribute('aria-label'))) problems.push('nameless ' + b.outerHTML.slice(0, 80));
            }
            for (const t of document.querySelectorAll('table')) {
              if (!t.querySelector('caption')) problems.push('table without caption ' + (t.id || ''));
            }
            const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
            for (const id of new Set(ids.filter((id, i) => ids.indexOf(id) !== i))) problems.push('duplicate id ' + id);
            return problems;
            """;

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private static void screenshot(String name) {
        Path file = screenshots.resolve(String.format("%02d-%s.png", ++shot, name));
        try {
            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

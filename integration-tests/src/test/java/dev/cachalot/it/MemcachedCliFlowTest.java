package dev.cachalot.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A memcached cluster as a user drives it from the shell: Debian's AWS CLI ({@code /usr/bin/aws})
 * creates, waits for, describes, grows, shrinks (pending first, then at once) and deletes it;
 * libmemcached-tools ({@code memccp}, {@code memccat}, {@code memcstat}) use its nodes; Auto Discovery
 * answers on the configuration endpoint.
 */
class MemcachedCliFlowTest {

    private static final Path AWS = Path.of("/usr/bin/aws");
    private static LocalRegion region;

    @BeforeAll
    static void startRegion() throws InterruptedException {
        assertThat(AWS).as("Debian's awscli (apt-get install awscli; .ci/run installs it)").isExecutable();
        assertThat(Path.of("/usr/bin/memccp")).as("libmemcached-tools (.ci/run installs it)").isExecutable();
        region = LocalRegion.start("memcached-cli");
        System.setProperty(CachalotDnsResolverProvider.PROPERTY, "127.0.0.1:" + region.dnsPort);
    }

    @AfterAll
    static void stopRegion() {
        System.clearProperty(CachalotDnsResolverProvider.PROPERTY);
        if (region != null) {
            region.close();
        }
    }

    @Test
    void aMemcachedClusterWithTheAwsCliAndLibmemcachedTools() throws Exception {
        // a memcached1.6 parameter group: its values reach the nodes (max_item_size is memcached's -I)
        assertOk(aws("create-cache-parameter-group", "--cache-parameter-group-name", "mc-big-items",
                "--cache-parameter-group-family", "memcached1.6", "--description", "2 MiB items"));
        assertOk(aws("modify-cache-parameter-group", "--cache-parameter-group-name", "mc-big-items",
                "--parameter-name-values", "ParameterName=max_item_size,ParameterValue=2097152"));
        Result create = aws("create-cache-cluster", "--cache-cluster-id", "mccli", "--engine", "memcached",
                "--cache-parameter-group-name", "mc-big-items",
                "--cache-node-type", "cache.t3.micro", "--num-cache-nodes", "2",
                "--query", "CacheCluster.[CacheClusterStatus,ConfigurationEndpoint.Address,NumCacheNodes]", "--output", "text");
        assertOk(create);
        String[] created = create.output().strip().split("\\s+");
        assertThat(created[0]).isEqualTo("creating");
        assertThat(created[1]).contains(".cfg.").startsWith("mccli.");
        assertThat(created[2]).isEqualTo("2");

        assertOk(aws("wait", "cache-cluster-available", "--cache-cluster-id", "mccli"));
        Result describe = aws("describe-cache-clusters", "--cache-cluster-id", "mccli", "--show-cache-node-info",
                "--query", "CacheClusters[0].[ConfigurationEndpoint.Address,ConfigurationEndpoint.Port,PreferredAvailabilityZone,"
                        + "CacheNodes[0].Endpoint.Address,CacheNodes[0].Endpoint.Port,CacheNodes[1].Endpoint.Port]",
                "--output", "text");
        assertOk(describe);
        String[] f = describe.output().strip().split("\\s+");
        String cfgHost = f[0];
        int cfgPort = Integer.parseInt(f[1]);
        assertThat(f[2]).isEqualTo(LocalRegion.ZONE);
        String servers = "--servers=" + f[3] + ":" + f[4] + "," + f[3] + ":" + f[5];

        String discovery = MemcachedFlowTest.call(cfgHost, cfgPort, "config get cluster\r\n");
        assertThat(discovery).startsWith("CONFIG cluster 0 ").contains("|" + f[4], "|" + f[5]).endsWith("\r\nEND\r\n");

        Path file = Files.createTempFile("mccli-", ".txt");
        Files.writeString(file, "hello from the aws cli flow\n");
        assertOk(run(List.of("/usr/bin/memccp", servers, file.toString())));
        Result cat = run(List.of("/usr/bin/memccat", servers, file.getFileName().toString()));
        assertOk(cat);
        assertThat(cat.output()).startsWith("hello from the aws cli flow");
        Result stat = run(List.of("/usr/bin/memcstat", servers));
        assertOk(stat);
        // cache.t3.micro (0.5 GiB) less memcached_connections_overhead (100 MiB): memcached's -m
        assertThat(stat.output()).contains("version: 1.6.22", "limit_maxbytes: " + (412L * 1024 * 1024));
        assertThat(MemcachedFlowTest.call(f[3], Integer.parseInt(f[4]), "stats settings\r\n"))
                .contains("STAT item_size_max 2097152\r\n");

        // grow later: pending until the maintenance window
        Result pending = aws("modify-cache-cluster", "--cache-cluster-id", "mccli", "--num-cache-nodes", "3",
                "--query", "CacheCluster.[CacheClusterStatus,PendingModifiedValues.NumCacheNodes]", "--output", "text");
        assertOk(pending);
        assertThat(pending.output().strip().split("\\s+")).containsExactly("available", "3");
        // grow now
        Result grow = aws("modify-cache-cluster", "--cache-cluster-id", "mccli", "--num-cache-nodes", "3", "--apply-immediately",
                "--query", "CacheCluster.[CacheClusterStatus,NumCacheNodes]", "--output", "text");
        assertOk(grow);
        assertThat(grow.output().strip().split("\\s+")).containsExactly("modifying", "3");
        assertOk(aws("wait", "cache-cluster-available", "--cache-cluster-id", "mccli"));
        // shrink the way Terraform does: the highest node ids
        Result shrink = aws("modify-cache-cluster", "--cache-cluster-id", "mccli", "--num-cache-nodes", "1",
                "--cache-node-ids-to-remove", "0003", "0002", "--apply-immediately",
                "--query", "CacheCluster.CacheClusterStatus", "--output", "text");
        assertOk(shrink);
        assertOk(aws("wait", "cache-cluster-available", "--cache-cluster-id", "mccli"));
        Result after = aws("describe-cache-clusters", "--cache-cluster-id", "mccli", "--show-cache-node-info",
                "--query", "CacheClusters[0].[NumCacheNodes,CacheNodes[].CacheNodeId]", "--output", "text");
        assertOk(after);
        assertThat(after.output().strip().split("\\s+")).containsExactly("1", "0001");
        await().atMost(Duration.ofSeconds(30)).until(() -> MemcachedFlowTest.call(cfgHost, cfgPort, "config get cluster\r\n")
                .split("\n")[2].split(" ").length == 1);

        Result badType = aws("modify-cache-cluster", "--cache-cluster-id", "mccli", "--cache-node-type", "cache.t3.small",
                "--apply-immediately");
        assertThat(badType.exitCode()).isNotZero();
        assertThat(badType.output()).contains("InvalidParameterCombination", "Scaling is not supported for engine memcached");
        Result tooMany = aws("modify-cache-cluster", "--cache-cluster-id", "mccli", "--num-cache-nodes", "41");
        assertThat(tooMany.exitCode()).isNotZero();
        assertThat(tooMany.output()).contains("NodeQuotaForClusterExceeded");

        assertOk(aws("delete-cache-cluster", "--cache-cluster-id", "mccli"));
        assertOk(aws("wait", "cache-cluster-deleted", "--cache-cluster-id", "mccli"));
        assertThat(LocalRegion.engineProcesses("mccli")).isEmpty();
        assertOk(aws("delete-cache-parameter-group", "--cache-parameter-group-name", "mc-big-items"));
    }

    private static void assertOk(Result result) {
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private record Result(int exitCode, String output) {}

    private static Result aws(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(AWS.toString(), "elasticache"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", region.endpoint()));
        return run(command);
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("AWS_ACCESS_KEY_ID", region.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", region.secretAccessKey());
        env.put("AWS_DEFAULT_REGION", LocalRegion.REGION);
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_MAX_ATTEMPTS", "1");
        env.put("AWS_PAGER", "");
        env.remove("AWS_PROFILE");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}

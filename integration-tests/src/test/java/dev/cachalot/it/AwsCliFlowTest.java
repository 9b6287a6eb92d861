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
 * The same flow through the shell, as a user types it: Debian's AWS CLI ({@code /usr/bin/aws},
 * installed by .ci/run) against the endpoint, and {@code redis-cli} against the node.
 */
class AwsCliFlowTest {

    private static final Path AWS = Path.of("/usr/bin/aws");
    private static final Path REDIS_CLI = Path.of("/usr/bin/redis-cli");
    private static LocalRegion region;

    @BeforeAll
    static void startRegion() throws InterruptedException {
        assertThat(AWS).as("Debian's awscli (apt-get install awscli; .ci/run installs it)").isExecutable();
        assertThat(REDIS_CLI).as("redis-cli (apt-get install redis-tools; .ci/run installs it)").isExecutable();
        region = LocalRegion.start("cli");
    }

    @AfterAll
    static void stopRegion() {
        if (region != null) {
            region.close();
        }
    }

    @Test
    void createWaitConnectDeleteWithTheAwsCliAndRedisCli() throws Exception {
        Result create = aws("create-cache-cluster", "--cache-cluster-id", "demo", "--engine", "redis",
                "--cache-node-type", "cache.t4g.micro", "--num-cache-nodes", "1",
                "--query", "CacheCluster.CacheClusterStatus", "--output", "text");
        assertThat(create.exitCode()).as(create.output()).isZero();
        assertThat(create.output().strip()).isEqualTo("creating");

        Result wait = aws("wait", "cache-cluster-available", "--cache-cluster-id", "demo");
        assertThat(wait.exitCode()).as(wait.output()).isZero();

        Result describe = aws("describe-cache-clusters", "--cache-cluster-id", "demo", "--show-cache-node-info",
                "--query", "CacheClusters[0].[CacheClusterStatus,CacheNodes[0].CacheNodeId,CacheNodes[0].Endpoint.Address,"
                        + "CacheNodes[0].Endpoint.Port,CacheNodes[0].CustomerAvailabilityZone]",
                "--output", "text");
        assertThat(describe.exitCode()).as(describe.output()).isZero();
        String[] fields = describe.output().strip().split("\\s+");
        assertThat(fields).hasSize(5);
        assertThat(fields[0]).isEqualTo("available");
        assertThat(fields[1]).isEqualTo("0001");
        assertThat(fields[4]).isEqualTo(LocalRegion.ZONE);
        String host = fields[2];
        String port = fields[3];

        assertThat(redisCli(host, port, "PING")).isEqualTo("PONG");
        assertThat(redisCli(host, port, "SET", "k", "v")).isEqualTo("OK");
        assertThat(redisCli(host, port, "GET", "k")).isEqualTo("v");
        assertThat(redisCli(host, port, "EXPIRE", "k", "100")).isEqualTo("1");
        assertThat(Integer.parseInt(redisCli(host, port, "TTL", "k"))).isBetween(1, 100);
        assertThat(redisCli(host, port, "INCR", "n")).isEqualTo("1");
        assertThat(redisCli(host, port, "DBSIZE")).isEqualTo("2");
        assertThat(redisCli(host, port, "DEL", "k", "n")).isEqualTo("2");
        assertThat(redisCli(host, port, "DBSIZE")).isEqualTo("0");

        Result delete = aws("delete-cache-cluster", "--cache-cluster-id", "demo",
                "--query", "CacheCluster.CacheClusterStatus", "--output", "text");
        assertThat(delete.exitCode()).as(delete.output()).isZero();
        assertThat(delete.output().strip()).isEqualTo("deleting");

        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Result gone = aws("describe-cache-clusters", "--cache-cluster-id", "demo");
            assertThat(gone.exitCode()).isEqualTo(254);
            // (the CLI adds "(reached max retries: 0)" after the operation name: AWS_MAX_ATTEMPTS=1)
            assertThat(gone.output()).contains("An error occurred (CacheClusterNotFound) when calling the DescribeCacheClusters operation")
                    .contains(": CacheCluster not found: demo");
        });
        assertThat(LocalRegion.engineProcesses("demo")).isEmpty();
    }

    @Test
    void badRequestsGetAwsErrors() throws Exception {
        Result badId = aws("create-cache-cluster", "--cache-cluster-id", "--x", "--engine", "redis",
                "--cache-node-type", "cache.t4g.micro");
        // The CLI itself refuses "--x" as a value, so send it with the = form.
        Result badIdInline = aws("create-cache-cluster", "--cache-cluster-id=--x", "--engine", "redis",
                "--cache-node-type", "cache.t4g.micro");
        assertThat(badId.exitCode()).isNotZero();
        assertThat(badIdInline.exitCode()).isEqualTo(254);
        assertThat(badIdInline.output()).contains("(InvalidParameterValue)").contains("not a valid identifier");

        Result badNodeType = aws("create-cache-cluster", "--cache-cluster-id", "x1", "--engine", "redis",
                "--cache-node-type", "cache.nope");
        assertThat(badNodeType.exitCode()).isEqualTo(254);
        assertThat(badNodeType.output()).contains("(InvalidParameterValue)");

        Result wrongSecret = run(List.of(AWS.toString(), "elasticache", "describe-cache-clusters",
                "--endpoint-url", region.endpoint()), Map.of("AWS_SECRET_ACCESS_KEY", "not-the-secret"));
        assertThat(wrongSecret.exitCode()).isEqualTo(254);
        assertThat(wrongSecret.output()).contains("(SignatureDoesNotMatch)");

        Result listed = aws("describe-cache-clusters", "--query", "length(CacheClusters)", "--output", "text");
        assertThat(listed.output().strip()).isEqualTo("0");
    }

    @Test
    void parameterGroupFlowWithTheAwsCli() throws Exception {
        assertOk(aws("create-cache-parameter-group", "--cache-parameter-group-name", "cli-params",
                "--cache-parameter-group-family", "redis7", "--description", "from the CLI"));
        Result modified = aws("modify-cache-parameter-group", "--cache-parameter-group-name", "cli-params",
                "--parameter-name-values", "ParameterName=timeout,ParameterValue=300",
                "ParameterName=maxmemory-policy,ParameterValue=allkeys-lru", "--output", "text");
        assertOk(modified);
        assertThat(modified.output().strip()).isEqualTo("cli-params");
        Result user = aws("describe-cache-parameters", "--cache-parameter-group-name", "cli-params", "--source", "user",
                "--query", "Parameters[].[ParameterName,ParameterValue]", "--output", "text");
        assertOk(user);
        assertThat(user.output().strip().split("\\s+")).containsExactly("maxmemory-policy", "allkeys-lru", "timeout", "300");
        // the CLI pages through all parameters by itself (MaxRecords 20 per call)
        Result all = aws("describe-cache-parameters", "--cache-parameter-group-name", "cli-params", "--page-size", "20",
                "--query", "Parameters[].ParameterName", "--output", "text");
        assertOk(all);
        assertThat(all.output().strip().split("\\s+")).hasSizeGreaterThan(60).doesNotHaveDuplicates()
                .contains("maxmemory-policy", "timeout", "notify-keyspace-events");
        Result defaults = aws("describe-engine-default-parameters", "--cache-parameter-group-family", "valkey8",
                "--query", "EngineDefaults.Parameters[?ParameterName=='maxmemory-policy'].ParameterValue", "--output", "text");
        assertOk(defaults);
        assertThat(defaults.output().strip()).isEqualTo("volatile-lru");
        assertOk(aws("reset-cache-parameter-group", "--cache-parameter-group-name", "cli-params", "--reset-all-parameters"));
        Result reset = aws("describe-cache-parameters", "--cache-parameter-group-name", "cli-params", "--source", "user",
                "--query", "length(Parameters)", "--output", "text");
        assertThat(reset.output().strip()).isEqualTo("0");
        Result defaultGroup = aws("modify-cache-parameter-group", "--cache-parameter-group-name", "default.redis7",
                "--parameter-name-values", "ParameterName=timeout,ParameterValue=300");
        assertThat(defaultGroup.exitCode()).isEqualTo(254);
        assertThat(defaultGroup.output()).contains("(InvalidParameterValue)");
        assertOk(aws("delete-cache-parameter-group", "--cache-parameter-group-name", "cli-params"));
        Result gone = aws("describe-cache-parameter-groups", "--cache-parameter-group-name", "cli-params");
        assertThat(gone.exitCode()).isEqualTo(254);
        assertThat(gone.output()).contains("(CacheParameterGroupNotFound)");
    }

    @Test
    void subnetGroupFlowWithTheAwsCli() throws Exception {
        Result created = aws("create-cache-subnet-group", "--cache-subnet-group-name", "cli-subnets",
                "--cache-subnet-group-description", "zone a", "--subnet-ids", "subnet-" + LocalRegion.ZONE,
                "--query", "CacheSubnetGroup.Subnets[0].[SubnetIdentifier,SubnetAvailabilityZone.Name]", "--output", "text");
        assertOk(created);
        assertThat(created.output().strip().split("\\s+")).containsExactly("subnet-" + LocalRegion.ZONE, LocalRegion.ZONE);
        Result described = aws("describe-cache-subnet-groups", "--query", "CacheSubnetGroups[].CacheSubnetGroupName", "--output", "text");
        assertOk(described);
        assertThat(described.output().strip().split("\\s+")).contains("default", "cli-subnets");
        Result modified = aws("modify-cache-subnet-group", "--cache-subnet-group-name", "cli-subnets",
                "--cache-subnet-group-description", "still zone a", "--query", "CacheSubnetGroup.CacheSubnetGroupDescription",
                "--output", "text");
        assertOk(modified);
        assertThat(modified.output().strip()).isEqualTo("still zone a");
        Result invalid = aws("modify-cache-subnet-group", "--cache-subnet-group-name", "cli-subnets", "--subnet-ids", "subnet-12345678");
        assertThat(invalid.exitCode()).isEqualTo(254);
        assertThat(invalid.output()).contains("(InvalidSubnet)");
        assertOk(aws("delete-cache-subnet-group", "--cache-subnet-group-name", "cli-subnets"));
        Result gone = aws("delete-cache-subnet-group", "--cache-subnet-group-name", "cli-subnets");
        assertThat(gone.output()).contains("(CacheSubnetGroupNotFoundFault)");
    }

    @Test
    void tagsEventsAndEngineVersionsWithTheAwsCli() throws Exception {
        Result created = aws("create-cache-parameter-group", "--cache-parameter-group-name", "cli-tagged",
                "--cache-parameter-group-family", "valkey8", "--description", "tags", "--tags", "Key=team,Value=cache",
                "--query", "CacheParameterGroup.ARN", "--output", "text");
        assertOk(created);
        String arn = created.output().strip();
        assertOk(aws("add-tags-to-resource", "--resource-name", arn, "--tags", "Key=env,Value=test", "Key=owner,Value=cli"));
        Result listed = aws("list-tags-for-resource", "--resource-name", arn, "--query", "TagList[].Key", "--output", "text");
        assertOk(listed);
        assertThat(listed.output().strip().split("\\s+")).containsExactly("env", "owner", "team");
        assertOk(aws("remove-tags-from-resource", "--resource-name", arn, "--tag-keys", "owner", "team"));
        Result left = aws("list-tags-for-resource", "--resource-name", arn, "--query", "TagList[].[Key,Value]", "--output", "text");
        assertThat(left.output().strip().split("\\s+")).containsExactly("env", "test");
        Result badArn = aws("list-tags-for-resource", "--resource-name", "arn:aws:elasticache:local-1:000000000000:cluster:x");
        assertThat(badArn.exitCode()).isEqualTo(254);
        assertThat(badArn.output()).contains("(InvalidARN)");

        Result events = aws("describe-events", "--source-type", "cache-parameter-group", "--source-identifier", "cli-tagged",
                "--duration", "60", "--query", "Events[].Message", "--output", "text");
        assertOk(events);
        assertThat(events.output()).contains("Cache parameter group created");

        Result versions = aws("describe-cache-engine-versions", "--engine", "valkey", "--default-only",
                "--query", "CacheEngineVersions[].[EngineVersion,CacheParameterGroupFamily]", "--output", "text");
        assertOk(versions);
        assertThat(versions.output().strip().split("\\s+")).containsExactly("8.1.0", "valkey8");
        assertOk(aws("delete-cache-parameter-group", "--cache-parameter-group-name", "cli-tagged"));
    }

    private static void assertOk(Result result) {
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private record Result(int exitCode, String output) {}

    private static Result aws(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(AWS.toString(), "elasticache"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", region.endpoint()));
        return run(command, Map.of());
    }

    private static String redisCli(String host, String port, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(REDIS_CLI.toString(), "-h", host, "-p", port));
        command.addAll(List.of(args));
        Result r = run(command, Map.of());
        assertThat(r.exitCode()).as(r.output()).isZero();
        return r.output().strip();
    }

    private static Result run(List<String> command, Map<String, String> overrides) throws IOException, InterruptedException {
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
        env.putAll(overrides);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        Files.writeString(region.home.resolve("cli.log"), String.join(" ", command) + "\n" + output + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        return new Result(p.exitValue(), output);
    }
}

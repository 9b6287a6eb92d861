package dev.cachalot.controlplane.parametergroup;

import static dev.cachalot.controlplane.support.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.controlplane.identity.IssuedAccessKey;
import dev.cachalot.controlplane.support.AwsClients;
import dev.cachalot.controlplane.support.ControlPlaneTestBase;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CacheParameterGroup;
import software.amazon.awssdk.services.elasticache.model.CreateCacheClusterRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheParametersResponse;
import software.amazon.awssdk.services.elasticache.model.Parameter;
import software.amazon.awssdk.services.elasticache.model.ParameterNameValue;
import software.amazon.awssdk.services.elasticache.model.SourceType;
import software.amazon.awssdk.services.elasticache.model.Tag;

/** The cache parameter group operations through the AWS SDK, with ElastiCache's errors. */
class ParameterGroupApiTest extends ControlPlaneTestBase {

    @Test
    void everyAccountHasTheDefaultGroups() {
        IssuedAccessKey key = newAccount("pg-defaults");
        try (ElastiCacheClient ec = client(key)) {
            List<CacheParameterGroup> groups = ec.describeCacheParameterGroups().cacheParameterGroups();
            assertThat(groups).extracting(CacheParameterGroup::cacheParameterGroupName)
                    .containsExactly("default.memcached1.6", "default.redis6.x", "default.redis7", "default.valkey7", "default.valkey8");
            CacheParameterGroup redis7 = ec.describeCacheParameterGroups(r -> r.cacheParameterGroupName("default.redis7"))
                    .cacheParameterGroups().getFirst();
            assertThat(redis7.cacheParameterGroupFamily()).isEqualTo("redis7");
            assertThat(redis7.isGlobal()).isFalse();
            assertThat(redis7.arn()).isEqualTo("arn:aws:elasticache:local-1:" + key.accountId() + ":parametergroup:default.redis7");
            assertThat(ec.describeCacheParameters(r -> r.cacheParameterGroupName("default.redis7")).parameters())
                    .filteredOn(p -> p.parameterName().equals("maxmemory-policy")).singleElement()
                    .satisfies(p -> {
                        assertThat(p.parameterValue()).isEqualTo("volatile-lru");
                        assertThat(p.source()).isEqualTo("system");
                        assertThat(p.changeType().toString()).isEqualTo("immediate");
                        assertThat(p.isModifiable()).isTrue();
                        assertThat(p.allowedValues()).contains("allkeys-lru");
                    });
            assertAwsError(() -> ec.modifyCacheParameterGroup(r -> r.cacheParameterGroupName("default.redis7")
                    .parameterNameValues(nv("timeout", "300"))), 400, "InvalidParameterValue", "default");
            assertAwsError(() -> ec.resetCacheParameterGroup(r -> r.cacheParameterGroupName("default.redis7").resetAllParameters(true)),
                    400, "InvalidParameterValue");
            assertAwsError(() -> ec.deleteCacheParameterGroup(r -> r.cacheParameterGroupName("default.redis7")),
                    400, "InvalidCacheParameterGroupState", "Default CacheParameterGroup cannot be deleted: default.redis7");
        }
    }

    @Test
    void createModifyResetDescribeDelete() {
        IssuedAccessKey key = newAccount("pg-crud");
        try (ElastiCacheClient ec = client(key)) {
            CacheParameterGroup created = ec.createCacheParameterGroup(r -> r.cacheParameterGroupName("My-Params")
                    .cacheParameterGroupFamily("redis7").description("tuned").tags(Tag.builder().key("team").value("a").build()))
                    .cacheParameterGroup();
            assertThat(created.cacheParameterGroupName()).isEqualTo("my-params");
            assertThat(created.cacheParameterGroupFamily()).isEqualTo("redis7");
            assertThat(created.description()).isEqualTo("tuned");
            assertThat(created.arn()).isEqualTo("arn:aws:elasticache:local-1:" + key.accountId() + ":parametergroup:my-params");
            assertThat(ec.listTagsForResource(r -> r.resourceName(created.arn())).tagList()).extracting(Tag::key).containsExactly("team");
            // a new group is a copy of its family's defaults
            assertThat(ec.describeCacheParameters(r -> r.cacheParameterGroupName("my-params").source("user")).parameters()).isEmpty();

            assertThat(ec.modifyCacheParameterGroup(r -> r.cacheParameterGroupName("MY-PARAMS")
                    .parameterNameValues(nv("maxmemory-policy", "allkeys-lru"), nv("timeout", "300"), nv("databases", "32")))
                    .cacheParameterGroupName()).isEqualTo("my-params");
            List<Parameter> user = ec.describeCacheParameters(r -> r.cacheParameterGroupName("my-params").source("user")).parameters();
            assertThat(user).extracting(Parameter::parameterName, Parameter::parameterValue).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("databases", "32"),
                    org.assertj.core.groups.Tuple.tuple("maxmemory-policy", "allkeys-lru"),
                    org.assertj.core.groups.Tuple.tuple("timeout", "300"));
            assertThat(user).allSatisfy(p -> assertThat(p.source()).isEqualTo("user"));
            assertThat(user.getFirst().changeType().toString()).isEqualTo("requires-reboot");
            assertThat(ec.describeCacheParameters(r -> r.cacheParameterGroupName("my-params").source("system")).parameters())
                    .extracting(Parameter::parameterName).contains("reserved-memory-percent", "maxmemory-samples")
                    .doesNotContain("maxmemory-policy", "timeout");
            assertThat(ec.describeCacheParameters(r -> r.cacheParameterGroupName("my-params").source("engine-default")).parameters())
                    .extracting(Parameter::parameterName).contains("lfu-log-factor", "notify-keyspace-events").doesNotContain("timeout");

            assertThat(ec.resetCacheParameterGroup(r -> r.cacheParameterGroupName("my-params").parameterNameValues(
                    ParameterNameValue.builder().parameterName("timeout").build())).cacheParameterGroupName()).isEqualTo("my-params");
            assertThat(ec.describeCacheParameters(r -> r.cacheParameterGroupName("my-params").source("user")).parameters())
                    .extracting(Parameter::parameterName).containsExactly("databases", "maxmemory-policy");
            ec.resetCacheParameterGroup(r -> r.cacheParameterGroupName("my-params").resetAllParameters(true));
            assertThat(ec.describeCacheParameters(r -> r.cacheParameterGroupName("my-params").source("user")).parameters()).isEmpty();

            ec.deleteCacheParameterGroup(r -> r.cacheParameterGroupName("my-params"));
            assertAwsError(() -> ec.describeCacheParameterGroups(r -> r.cacheParameterGroupName("my-params")),
                    404, "CacheParameterGroupNotFound", "CacheParameterGroup not found: my-params");
            assertAwsError(() -> ec.deleteCacheParameterGroup(r -> r.cacheParameterGroupName("my-params")), 404, "CacheParameterGroupNotFound");
            assertAwsError(() -> ec.listTagsForResource(r -> r.resourceName(created.arn())), 404, "CacheParameterGroupNotFound");
            // gone with its tags: a new group of the same name starts without them
            ec.createCacheParameterGroup(r -> r.cacheParameterGroupName("my-params").cacheParameterGroupFamily("valkey8").description("again"));
            assertThat(ec.listTagsForResource(r -> r.resourceName(created.arn())).tagList()).isEmpty();
        }
    }

    @Test
    void badRequestsChangeNothing() throws Exception {
        IssuedAccessKey key = newAccount("pg-bad");
        try (ElastiCacheClient ec = client(key)) {
            ec.createCacheParameterGroup(r -> r.cacheParameterGroupName("p").cacheParameterGroupFamily("redis7").description("d"));
            assertAwsError(() -> ec.createCacheParameterGroup(r -> r.cacheParameterGroupName("P").cacheParameterGroupFamily("redis7")
                    .description("d")), 400, "CacheParameterGroupAlreadyExists");
            assertAwsError(() -> ec.createCacheParameterGroup(r -> r.cacheParameterGroupName("q").cacheParameterGroupFamily("redis9")
                    .description("d")), 400, "InvalidParameterValue");
            for (String bad : List.of("1abc", "a--b", "a-", "a.b", "a_b")) {
                assertAwsError(() -> ec.createCacheParameterGroup(r -> r.cacheParameterGroupName(bad).cacheParameterGroupFamily("redis7")
                        .description("d")), 400, "InvalidParameterValue");
            }
            HttpResponse<String> noDescription = AwsClients.post(port, "Action=CreateCacheParameterGroup&Version=2015-02-02"
                    + "&CacheParameterGroupName=q&CacheParameterGroupFamily=redis7", key.accessKeyId(), key.secretAccessKey());
            assertThat(noDescription.statusCode()).isEqualTo(400);
            assertThat(noDescription.body()).contains("<Code>MissingParameter</Code>");

            ParameterNameValue[] twentyOne = IntStream.range(0, 21).mapToObj(i -> nv("timeout", "300")).toArray(ParameterNameValue[]::new);
            assertAwsError(() -> ec.modifyCacheParameterGroup(r -> r.cacheParameterGroupName("p").parameterNameValues(twentyOne)),
                    400, "InvalidParameterCombination", "Cannot modify more than 20 parameters in a single request");
            assertAwsError(() -> ec.modifyCacheParameterGroup(r -> r.cacheParameterGroupName("p").parameterNameValues(nv("no-such", "1"))),
                    400, "InvalidParameterValue");
            assertAwsError(() -> ec.modifyCacheParameterGroup(r -> r.cacheParameterGroupName("p").parameterNameValues(nv("maxclients", "10"))),
                    400, "InvalidParameterValue", "not modifiable");
            assertAwsError(() -> ec.modifyCacheParameterGroup(r -> r.cacheParameterGroupName("p")
                    .parameterNameValues(nv("maxmemory-policy", "sometimes"))), 400, "InvalidParameterValue");
            assertAwsError(() -> ec.modifyCacheParameterGroup(r -> r.cacheParameterGroupName("p").parameterNameValues(nv("timeout", "5"))),
                    400, "InvalidParameterValue");
            assertAwsError(() -> ec.modifyCacheParameterGroup(r -> r.cacheParameterGroupName("p").parameterNameValues(nv("timeout", "ten"))),
                    400, "InvalidParameterValue");
            // one bad value fails the whole call
            assertAwsError(() -> ec.modifyCacheParameterGroup(r -> r.cacheParameterGroupName("p")
                    .parameterNameValues(nv("timeout", "300"), nv("lfu-log-factor", "0"))), 400, "InvalidParameterValue");
            assertAwsError(() -> ec.modifyCacheParameterGroup(r -> r.cacheParameterGroupName("nope").parameterNameValues(nv("timeout", "300"))),
                    404, "CacheParameterGroupNotFound");
            assertAwsError(() -> ec.resetCacheParameterGroup(r -> r.cacheParameterGroupName("p")), 400, "InvalidParameterCombination");
            assertAwsError(() -> ec.resetCacheParameterGroup(r -> r.cacheParameterGroupName("p").resetAllParameters(true)
                    .parameterNameValues(nv("timeout", null))), 400, "InvalidParameterCombination");
            assertAwsError(() -> ec.describeCacheParameters(r -> r.cacheParameterGroupName("p").source("mine")), 400, "InvalidParameterValue");
            assertThat(ec.describeCacheParameters(r -> r.cacheParameterGroupName("p").source("user")).parameters()).isEmpty();
            // timeout 0 and 20 or more are allowed; a negative list size too
            ec.modifyCacheParameterGroup(r -> r.cacheParameterGroupName("p").parameterNameValues(nv("timeout", "0"),
                    nv("list-max-listpack-size", "-3"), nv("notify-keyspace-events", "")));
        }
    }

    @Test
    void theQuotaIsOneHundredFiftyGroupsPerAccount() {
        IssuedAccessKey key = newAccount("pg-quota");
        try (ElastiCacheClient ec = client(key)) {
            for (int i = 0; i < 150; i++) {
                String name = "g" + i;
                ec.createCacheParameterGroup(r -> r.cacheParameterGroupName(name).cacheParameterGroupFamily("valkey8").description("d"));
            }
            assertAwsError(() -> ec.createCacheParameterGroup(r -> r.cacheParameterGroupName("one-more")
                    .cacheParameterGroupFamily("valkey8").description("d")), 400, "CacheParameterGroupQuotaExceeded");
            // pages of 100 then 55 (150 own groups and the 5 default groups), each group once, in name order
            List<String> names = ec.describeCacheParameterGroupsPaginator(r -> r.maxRecords(100)).cacheParameterGroups().stream()
                    .map(CacheParameterGroup::cacheParameterGroupName).toList();
            assertThat(names).hasSize(155).doesNotHaveDuplicates().isSorted();
        }
    }

    @Test
    void parametersAndEngineDefaultsArePaged() {
        IssuedAccessKey key = newAccount("pg-pages");
        try (ElastiCacheClient ec = client(key)) {
            DescribeCacheParametersResponse first = ec.describeCacheParameters(r -> r.cacheParameterGroupName("default.redis7").maxRecords(20));
            assertThat(first.parameters()).hasSize(20);
            assertThat(first.marker()).isNotBlank();
            List<String> all = ec.describeCacheParametersPaginator(r -> r.cacheParameterGroupName("default.redis7").maxRecords(20))
                    .parameters().stream().map(Parameter::parameterName).toList();
            assertThat(all).hasSizeGreaterThan(60).doesNotHaveDuplicates().isSorted()
                    .contains("maxmemory-policy", "timeout", "notify-keyspace-events", "maxmemory-samples", "lfu-log-factor",
                            "lfu-decay-time", "hash-max-listpack-entries", "reserved-memory-percent");
            List<String> defaults = ec.describeEngineDefaultParametersPaginator(r -> r.cacheParameterGroupFamily("redis7").maxRecords(20))
                    .stream().flatMap(p -> p.engineDefaults().parameters().stream()).map(Parameter::parameterName).toList();
            assertThat(defaults).isEqualTo(all);
            assertThat(ec.describeEngineDefaultParameters(r -> r.cacheParameterGroupFamily("redis7")).engineDefaults()
                    .cacheParameterGroupFamily()).isEqualTo("redis7");
            // redis 6 has no listpack parameters; memcached has its own
            assertThat(ec.describeEngineDefaultParameters(r -> r.cacheParameterGroupFamily("redis6.x")).engineDefaults().parameters())
                    .extracting(Parameter::parameterName).contains("hash-max-ziplist-entries").doesNotContain("hash-max-listpack-entries");
            assertThat(ec.describeEngineDefaultParameters(r -> r.cacheParameterGroupFamily("memcached1.6")).engineDefaults().parameters())
                    .filteredOn(p -> p.parameterName().equals("max_item_size")).singleElement()
                    .satisfies(p -> {
                        assertThat(p.parameterValue()).isEqualTo("1048576");
                        assertThat(p.changeType().toString()).isEqualTo("requires-reboot");
                        assertThat(p.minimumEngineVersion()).isEqualTo("1.6.22");
                    });
            assertAwsError(() -> ec.describeEngineDefaultParameters(r -> r.cacheParameterGroupFamily("redis2.6")), 400, "InvalidParameterValue");
            // a marker belongs to its listing
            assertAwsError(() -> ec.describeCacheParameters(r -> r.cacheParameterGroupName("default.valkey8").marker(first.marker())),
                    400, "InvalidParameterValue");
        }
    }

    @Test
    void clustersUseGroupsOfTheirFamilyAndShowPendingReboots() {
        IssuedAccessKey key = newAccount("pg-cluster");
        try (ElastiCacheClient ec = client(key)) {
            ec.createCacheParameterGroup(r -> r.cacheParameterGroupName("r7").cacheParameterGroupFamily("redis7").description("d"));
            ec.createCacheParameterGroup(r -> r.cacheParameterGroupName("v8").cacheParameterGroupFamily("valkey8").description("d"));
            assertAwsError(() -> ec.createCacheCluster(cluster("c1").cacheParameterGroupName("missing").build()),
                    404, "CacheParameterGroupNotFound", "CacheParameterGroup not found: missing");
            assertAwsError(() -> ec.createCacheCluster(cluster("c1").cacheParameterGroupName("v8").build()),
                    400, "InvalidParameterCombination", "Expected a parameter group of family redis7 but found one of family valkey8");
            assertAwsError(() -> ec.createCacheCluster(cluster("c1").cacheParameterGroupName("default.redis6.x").build()),
                    400, "InvalidParameterCombination");
            CacheCluster created = ec.createCacheCluster(cluster("c1").cacheParameterGroupName("R7").build()).cacheCluster();
            assertThat(created.cacheParameterGroup().cacheParameterGroupName()).isEqualTo("r7");
            assertThat(created.cacheParameterGroup().parameterApplyStatus()).isEqualTo("in-sync");
            assertThat(ec.createCacheCluster(cluster("c2").engineVersion("6.2").cacheParameterGroupName("default.redis6.x").build())
                    .cacheCluster().cacheParameterGroup().cacheParameterGroupName()).isEqualTo("default.redis6.x");

            // an immediate parameter needs no reboot; a requires-reboot one waits for it
            ec.modifyCacheParameterGroup(r -> r.cacheParameterGroupName("r7").parameterNameValues(nv("maxmemory-policy", "allkeys-lfu")));
            assertThat(describe(ec, "c1").cacheParameterGroup().cacheNodeIdsToReboot()).isEmpty();
            ec.modifyCacheParameterGroup(r -> r.cacheParameterGroupName("r7").parameterNameValues(nv("databases", "32")));
            CacheCluster pending = describe(ec, "c1");
            assertThat(pending.cacheParameterGroup().parameterApplyStatus()).isEqualTo("pending-reboot");
            assertThat(pending.cacheParameterGroup().cacheNodeIdsToReboot()).containsExactly("0001");
            assertThat(pending.cacheNodes().getFirst().parameterGroupStatus()).isEqualTo("pending-reboot");
            ec.resetCacheParameterGroup(r -> r.cacheParameterGroupName("r7").parameterNameValues(nv("databases", null)));
            assertThat(describe(ec, "c1").cacheParameterGroup().cacheNodeIdsToReboot()).isEmpty();

            assertAwsError(() -> ec.deleteCacheParameterGroup(r -> r.cacheParameterGroupName("r7")),
                    400, "InvalidCacheParameterGroupState", "can not be deleted in the current state");
            ec.deleteCacheParameterGroup(r -> r.cacheParameterGroupName("v8"));
        }
    }

    @Test
    void accountsNeverSeeOrChangeEachOthersGroups() {
        IssuedAccessKey alice = newAccount("pg-alice");
        IssuedAccessKey bob = newAccount("pg-bob");
        try (ElastiCacheClient a = client(alice); ElastiCacheClient b = client(bob)) {
            a.createCacheParameterGroup(r -> r.cacheParameterGroupName("shared").cacheParameterGroupFamily("redis7").description("alice"));
            a.createCacheParameterGroup(r -> r.cacheParameterGroupName("alice-only").cacheParameterGroupFamily("redis7").description("alice"));
            a.modifyCacheParameterGroup(r -> r.cacheParameterGroupName("alice-only").parameterNameValues(nv("timeout", "300")));

            assertAwsError(() -> b.describeCacheParameterGroups(r -> r.cacheParameterGroupName("alice-only")), 404, "CacheParameterGroupNotFound");
            assertAwsError(() -> b.describeCacheParameters(r -> r.cacheParameterGroupName("alice-only")), 404, "CacheParameterGroupNotFound");
            assertAwsError(() -> b.modifyCacheParameterGroup(r -> r.cacheParameterGroupName("alice-only")
                    .parameterNameValues(nv("timeout", "20"))), 404, "CacheParameterGroupNotFound");
            assertAwsError(() -> b.resetCacheParameterGroup(r -> r.cacheParameterGroupName("alice-only").resetAllParameters(true)),
                    404, "CacheParameterGroupNotFound");
            assertAwsError(() -> b.deleteCacheParameterGroup(r -> r.cacheParameterGroupName("alice-only")), 404, "CacheParameterGroupNotFound");
            assertAwsError(() -> b.createCacheCluster(cluster("uses-alices").cacheParameterGroupName("alice-only").build()),
                    404, "CacheParameterGroupNotFound");
            String aliceArn = "arn:aws:elasticache:local-1:" + alice.accountId() + ":parametergroup:alice-only";
            assertAwsError(() -> b.listTagsForResource(r -> r.resourceName(aliceArn)), 400, "InvalidARN");

            CacheParameterGroup bobs = b.createCacheParameterGroup(r -> r.cacheParameterGroupName("shared")
                    .cacheParameterGroupFamily("valkey8").description("bob")).cacheParameterGroup();
            assertThat(bobs.arn()).contains(":" + bob.accountId() + ":");
            assertThat(b.describeCacheParameterGroups().cacheParameterGroups()).extracting(CacheParameterGroup::cacheParameterGroupName)
                    .contains("shared").doesNotContain("alice-only");
            assertThat(a.describeCacheParameterGroups(r -> r.cacheParameterGroupName("shared")).cacheParameterGroups().getFirst()
                    .description()).isEqualTo("alice");
            assertThat(a.describeCacheParameters(r -> r.cacheParameterGroupName("alice-only").source("user")).parameters()).hasSize(1);

            String aliceMarker = a.describeCacheParameters(r -> r.cacheParameterGroupName("default.redis7").maxRecords(20)).marker();
            assertAwsError(() -> b.describeCacheParameters(r -> r.cacheParameterGroupName("default.redis7").marker(aliceMarker)),
                    400, "InvalidParameterValue");
        }
    }

    @Test
    void groupChangesAreEvents() {
        IssuedAccessKey key = newAccount("pg-events");
        try (ElastiCacheClient ec = client(key)) {
            ec.createCacheParameterGroup(r -> r.cacheParameterGroupName("ev").cacheParameterGroupFamily("redis7").description("d"));
            ec.modifyCacheParameterGroup(r -> r.cacheParameterGroupName("ev").parameterNameValues(nv("timeout", "300")));
            ec.deleteCacheParameterGroup(r -> r.cacheParameterGroupName("ev"));
            assertThat(ec.describeEvents(r -> r.sourceType(SourceType.CACHE_PARAMETER_GROUP).sourceIdentifier("ev")).events())
                    .extracting(e -> e.message())
                    .containsExactly("Cache parameter group created", "Cache parameter group modified", "Cache parameter group deleted");
        }
    }

    private static CacheCluster describe(ElastiCacheClient ec, String id) {
        return ec.describeCacheClusters(r -> r.cacheClusterId(id).showCacheNodeInfo(true)).cacheClusters().getFirst();
    }

    static ParameterNameValue nv(String name, String value) {
        return ParameterNameValue.builder().parameterName(name).parameterValue(value).build();
    }

    private static CreateCacheClusterRequest.Builder cluster(String id) {
        return CreateCacheClusterRequest.builder().cacheClusterId(id).engine("redis").cacheNodeType("cache.t4g.micro").numCacheNodes(1);
    }

    private ElastiCacheClient client(IssuedAccessKey key) {
        return AwsClients.elastiCache(port, key.accessKeyId(), key.secretAccessKey());
    }
}

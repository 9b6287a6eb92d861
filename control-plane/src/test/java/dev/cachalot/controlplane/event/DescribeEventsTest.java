package dev.cachalot.controlplane.event;

import static dev.cachalot.controlplane.support.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.controlplane.identity.IssuedAccessKey;
import dev.cachalot.controlplane.support.AwsClients;
import dev.cachalot.controlplane.support.ControlPlaneTestBase;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.DescribeEventsResponse;
import software.amazon.awssdk.services.elasticache.model.Event;
import software.amazon.awssdk.services.elasticache.model.SourceType;

/** DescribeEvents through the AWS SDK: filters, time windows, pagination and tenancy. */
class DescribeEventsTest extends ControlPlaneTestBase {

    @Test
    void filtersBySourceAndTime() throws Exception {
        IssuedAccessKey key = newAccount("events");
        try (ElastiCacheClient ec = client(key)) {
            Instant before = Instant.now().minusSeconds(1);
            ec.createCacheParameterGroup(r -> r.cacheParameterGroupName("pg-one").cacheParameterGroupFamily("redis7").description("d"));
            ec.createCacheSubnetGroup(r -> r.cacheSubnetGroupName("sn-one").cacheSubnetGroupDescription("d").subnetIds("subnet-local-1a"));
            ec.createCacheCluster(r -> r.cacheClusterId("gone").engine("redis").cacheNodeType("cache.t4g.micro").numCacheNodes(1));
            ec.deleteCacheCluster(r -> r.cacheClusterId("gone"));

            List<Event> all = ec.describeEvents().events();
            assertThat(all).extracting(Event::sourceIdentifier).contains("pg-one", "sn-one");
            assertThat(all).isSortedAccordingTo(java.util.Comparator.comparing(Event::date));
            Event created = all.stream().filter(e -> e.sourceIdentifier().equals("pg-one")).findFirst().orElseThrow();
            assertThat(created.sourceType()).isEqualTo(SourceType.CACHE_PARAMETER_GROUP);
            assertThat(created.message()).isEqualTo("Cache parameter group created");
            assertThat(created.date()).isAfter(before);

            assertThat(ec.describeEvents(r -> r.sourceType(SourceType.CACHE_SUBNET_GROUP)).events())
                    .extracting(Event::sourceIdentifier).containsExactly("sn-one");
            assertThat(ec.describeEvents(r -> r.sourceIdentifier("pg-one")).events()).hasSize(1);
            assertThat(ec.describeEvents(r -> r.sourceType(SourceType.CACHE_CLUSTER).sourceIdentifier("pg-one")).events()).isEmpty();
            // windows: the past hour by default; an explicit window that ends before now sees nothing newer
            assertThat(ec.describeEvents(r -> r.duration(5)).events()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(ec.describeEvents(r -> r.endTime(before)).events()).isEmpty();
            assertThat(ec.describeEvents(r -> r.startTime(before).endTime(Instant.now().plusSeconds(5))).events())
                    .hasSizeGreaterThanOrEqualTo(2);
            assertThat(ec.describeEvents(r -> r.startTime(Instant.now().minus(30, ChronoUnit.DAYS))).events())
                    .hasSizeGreaterThanOrEqualTo(2);
            assertAwsError(() -> ec.describeEvents(r -> r.startTime(Instant.now()).endTime(before)), 400, "InvalidParameterCombination");
            HttpResponse<String> badType = AwsClients.post(port, "Action=DescribeEvents&Version=2015-02-02&SourceType=spaceship",
                    key.accessKeyId(), key.secretAccessKey());
            assertThat(badType.statusCode()).isEqualTo(400);
            assertThat(badType.body()).contains("<Code>InvalidParameterValue</Code>");
            HttpResponse<String> badTime = AwsClients.post(port, "Action=DescribeEvents&Version=2015-02-02&StartTime=yesterday",
                    key.accessKeyId(), key.secretAccessKey());
            assertThat(badTime.statusCode()).isEqualTo(400);
        }
    }

    @Test
    void pagesAreStableAndAccountBound() {
        IssuedAccessKey alice = newAccount("events-pages");
        IssuedAccessKey bob = newAccount("events-other");
        try (ElastiCacheClient a = client(alice); ElastiCacheClient b = client(bob)) {
            for (int i = 0; i < 25; i++) {
                String name = "g" + i;
                a.createCacheParameterGroup(r -> r.cacheParameterGroupName(name).cacheParameterGroupFamily("redis7").description("d"));
            }
            DescribeEventsResponse first = a.describeEvents(r -> r.maxRecords(20));
            assertThat(first.events()).hasSize(20);
            // events recorded while paging appear at the end, never twice and never instead of others
            a.createCacheParameterGroup(r -> r.cacheParameterGroupName("late").cacheParameterGroupFamily("redis7").description("d"));
            DescribeEventsResponse second = a.describeEvents(r -> r.maxRecords(20).marker(first.marker()));
            assertThat(second.events()).extracting(Event::sourceIdentifier)
                    .containsExactly("g20", "g21", "g22", "g23", "g24", "late");
            assertThat(second.marker()).isNull();
            assertThat(a.describeEventsPaginator(r -> r.maxRecords(20)).events()).hasSize(26);

            assertAwsError(() -> b.describeEvents(r -> r.marker(first.marker())), 400, "InvalidParameterValue");
            assertThat(b.describeEvents().events()).isEmpty();
            assertAwsError(() -> a.describeEvents(r -> r.maxRecords(101)), 400, "InvalidParameterValue");
        }
    }

    private ElastiCacheClient client(IssuedAccessKey key) {
        return AwsClients.elastiCache(port, key.accessKeyId(), key.secretAccessKey());
    }
}

package dev.cachalot.controlplane.engineversion;

import static dev.cachalot.controlplane.support.AwsErrors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cachalot.controlplane.identity.IssuedAccessKey;
import dev.cachalot.controlplane.support.AwsClients;
import dev.cachalot.controlplane.support.ControlPlaneTestBase;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CacheEngineVersion;
import software.amazon.awssdk.services.elasticache.model.DescribeCacheEngineVersionsResponse;

/** DescribeCacheEngineVersions through the AWS SDK: the versions Cachalot serves, filtered and paged. */
class DescribeCacheEngineVersionsTest extends ControlPlaneTestBase {

    @Test
    void listsEveryServedVersionWithItsFamily() {
        try (ElastiCacheClient ec = client()) {
            List<CacheEngineVersion> all = ec.describeCacheEngineVersions().cacheEngineVersions();
            assertThat(all).extracting(CacheEngineVersion::engine, CacheEngineVersion::engineVersion,
                            CacheEngineVersion::cacheParameterGroupFamily)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("redis", "6.2.6", "redis6.x"),
                            org.assertj.core.groups.Tuple.tuple("redis", "7.0.7", "redis7"),
                            org.assertj.core.groups.Tuple.tuple("redis", "7.1.0", "redis7"),
                            org.assertj.core.groups.Tuple.tuple("valkey", "7.2.6", "valkey7"),
                            org.assertj.core.groups.Tuple.tuple("valkey", "8.0.1", "valkey8"),
                            org.assertj.core.groups.Tuple.tuple("valkey", "8.1.0", "valkey8"),
                            org.assertj.core.groups.Tuple.tuple("memcached", "1.6.22", "memcached1.6"));
            assertThat(all.get(2).cacheEngineDescription()).isEqualTo("Redis");
            assertThat(all.get(2).cacheEngineVersionDescription()).isEqualTo("redis version 7.1.0");
        }
    }

    @Test
    void filtersByEngineVersionFamilyAndDefaultOnly() {
        try (ElastiCacheClient ec = client()) {
            assertThat(ec.describeCacheEngineVersions(r -> r.engine("valkey")).cacheEngineVersions())
                    .extracting(CacheEngineVersion::engineVersion).containsExactly("7.2.6", "8.0.1", "8.1.0");
            assertThat(ec.describeCacheEngineVersions(r -> r.engine("redis").engineVersion("7.1")).cacheEngineVersions())
                    .extracting(CacheEngineVersion::engineVersion).containsExactly("7.1.0");
            assertThat(ec.describeCacheEngineVersions(r -> r.cacheParameterGroupFamily("redis7")).cacheEngineVersions())
                    .extracting(CacheEngineVersion::engineVersion).containsExactly("7.0.7", "7.1.0");
            assertThat(ec.describeCacheEngineVersions(r -> r.defaultOnly(true)).cacheEngineVersions())
                    .extracting(CacheEngineVersion::engineVersion).containsExactly("7.1.0", "8.1.0", "1.6.22");
            assertThat(ec.describeCacheEngineVersions(r -> r.engine("redis").defaultOnly(true)).cacheEngineVersions())
                    .extracting(CacheEngineVersion::engineVersion).containsExactly("7.1.0");
            assertThat(ec.describeCacheEngineVersions(r -> r.engine("mongodb")).cacheEngineVersions()).isEmpty();
            assertThat(ec.describeCacheEngineVersions(r -> r.engine("redis").engineVersion("5.0.6")).cacheEngineVersions()).isEmpty();
        }
    }

    @Test
    void pagesWithOpaqueAccountBoundMarkers() {
        IssuedAccessKey other = newAccount("ev-other");
        try (ElastiCacheClient ec = client(); ElastiCacheClient them = AwsClients.elastiCache(port, other.accessKeyId(), other.secretAccessKey())) {
            // seven versions: a page of 20 holds them all, so no marker
            assertThat(ec.describeCacheEngineVersions(r -> r.maxRecords(20)).marker()).isNull();
            assertThat(ec.describeCacheEngineVersionsPaginator(r -> r.maxRecords(20)).cacheEngineVersions()).hasSize(7);
            assertAwsError(() -> ec.describeCacheEngineVersions(r -> r.maxRecords(19)), 400, "InvalidParameterValue");
            assertAwsError(() -> ec.describeCacheEngineVersions(r -> r.marker("garbage")), 400, "InvalidParameterValue");
            DescribeCacheEngineVersionsResponse none = them.describeCacheEngineVersions(r -> r.engine("redis"));
            assertThat(none.cacheEngineVersions()).hasSize(3);
        }
    }

    @Test
    void anUnlistedVersionCannotBeCreated() {
        try (ElastiCacheClient ec = client()) {
            assertAwsError(() -> ec.createCacheCluster(r -> r.cacheClusterId("old").engine("redis").engineVersion("5.0.6")
                    .cacheNodeType("cache.t4g.micro").numCacheNodes(1)), 400, "InvalidParameterValue", "Cannot find version 5.0.6");
        }
    }

    private ElastiCacheClient client() {
        IssuedAccessKey key = newAccount("versions");
        return AwsClients.elastiCache(port, key.accessKeyId(), key.secretAccessKey());
    }
}

package dev.cachalot.console;

import java.time.Instant;

/**
 * One line of the cache cluster list.
 *
 * @param endpoint {@code address:port} of the first node, or null while it is not running yet
 */
public record CacheClusterRow(
        String cacheClusterId,
        String engine,
        String engineVersion,
        String cacheNodeType,
        String status,
        int numCacheNodes,
        String availabilityZone,
        String endpoint,
        Instant createTime) {}

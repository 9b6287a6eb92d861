package dev.cachalot.console;

import java.time.Instant;

/**
 * One line of the cache cluster list.
 *
 * @param endpoint {@code address:port} where clients connect: a memcached cluster's configuration endpoint, else the
 *                 first node (null while it is not running yet)
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

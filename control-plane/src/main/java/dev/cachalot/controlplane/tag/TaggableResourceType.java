package dev.cachalot.controlplane.tag;

import dev.cachalot.controlplane.fault.CachalotFault;

/**
 * A kind of resource that can carry tags, implemented by the feature that owns it (cache clusters,
 * parameter groups, subnet groups; later replication groups, snapshots, users…). The tag
 * operations find the implementation by the resource type of the ARN, so a new feature becomes
 * taggable by declaring one bean of this type.
 */
public interface TaggableResourceType {

    /** The resource type as ARNs spell it, e.g. {@code cluster}, {@code parametergroup}. */
    String arnType();

    /** Whether the account has a resource of this type with this (lowercase) name. */
    boolean exists(String accountId, String name);

    /** The type's NotFound error, e.g. {@code CacheClusterNotFound}, for an ARN naming nothing. */
    CachalotFault notFound(String name);
}

package dev.cachalot.controlplane.cachecluster;

import dev.cachalot.controlplane.fault.CachalotFault;
import dev.cachalot.controlplane.tag.TaggableResourceType;
import org.springframework.stereotype.Component;

/** Cache clusters are taggable by their ARN, {@code …:cluster:<id>}. */
@Component
class CacheClusterTaggable implements TaggableResourceType {

    static final String ARN_TYPE = "cluster";

    private final CacheClusterRepository clusters;

    CacheClusterTaggable(CacheClusterRepository clusters) {
        this.clusters = clusters;
    }

    @Override
    public String arnType() {
        return ARN_TYPE;
    }

    @Override
    public boolean exists(String accountId, String name) {
        return clusters.existsByAccountIdAndClusterId(accountId, name);
    }

    @Override
    public CachalotFault notFound(String name) {
        return new CacheClusterNotFoundFault(name);
    }
}

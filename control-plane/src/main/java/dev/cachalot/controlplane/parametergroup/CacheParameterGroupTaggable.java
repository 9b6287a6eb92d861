package dev.cachalot.controlplane.parametergroup;

import dev.cachalot.controlplane.fault.CachalotFault;
import dev.cachalot.controlplane.tag.TaggableResourceType;
import org.springframework.stereotype.Component;

/** Cache parameter groups are taggable by their ARN, {@code …:parametergroup:<name>} (default groups too). */
@Component
class CacheParameterGroupTaggable implements TaggableResourceType {

    static final String ARN_TYPE = "parametergroup";

    private final CacheParameterGroupRepository groups;
    private final ParameterCatalog catalog;

    CacheParameterGroupTaggable(CacheParameterGroupRepository groups, ParameterCatalog catalog) {
        this.groups = groups;
        this.catalog = catalog;
    }

    @Override
    public String arnType() {
        return ARN_TYPE;
    }

    @Override
    public boolean exists(String accountId, String name) {
        if (name.startsWith(CacheParameterGroupService.DEFAULT_PREFIX)) {
            return catalog.hasFamily(name.substring(CacheParameterGroupService.DEFAULT_PREFIX.length()));
        }
        return groups.findByAccountIdAndName(accountId, name).isPresent();
    }

    @Override
    public CachalotFault notFound(String name) {
        return new CacheParameterGroupNotFoundFault(name);
    }
}

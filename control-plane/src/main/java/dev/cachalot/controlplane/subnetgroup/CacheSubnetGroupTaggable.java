package dev.cachalot.controlplane.subnetgroup;

import dev.cachalot.controlplane.fault.CachalotFault;
import dev.cachalot.controlplane.tag.TaggableResourceType;
import org.springframework.stereotype.Component;

/** Cache subnet groups are taggable by their ARN, {@code …:subnetgroup:<name>} (the default group too). */
@Component
class CacheSubnetGroupTaggable implements TaggableResourceType {

    static final String ARN_TYPE = "subnetgroup";

    private final CacheSubnetGroupRepository groups;

    CacheSubnetGroupTaggable(CacheSubnetGroupRepository groups) {
        this.groups = groups;
    }

    @Override
    public String arnType() {
        return ARN_TYPE;
    }

    @Override
    public boolean exists(String accountId, String name) {
        return name.equals(CacheSubnetGroupService.DEFAULT_GROUP) || groups.findByAccountIdAndName(accountId, name).isPresent();
    }

    @Override
    public CachalotFault notFound(String name) {
        return new CacheSubnetGroupNotFoundFault(name);
    }
}

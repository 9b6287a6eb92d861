package dev.cachalot.controlplane.cachecluster;

import dev.cachalot.controlplane.subnetgroup.CacheSubnetGroupUsers;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/** Cache clusters place their nodes in the zones of their subnet group. */
@Component
class CacheClusterSubnetGroupUsers implements CacheSubnetGroupUsers {

    private final CacheClusterRepository clusters;

    CacheClusterSubnetGroupUsers(CacheClusterRepository clusters) {
        this.clusters = clusters;
    }

    @Override
    public boolean usesSubnetGroup(String accountId, String groupName) {
        return clusters.existsByAccountIdAndSubnetGroupName(accountId, groupName);
    }

    @Override
    public Set<String> zonesInUse(String accountId, String groupName) {
        Set<String> zones = new TreeSet<>();
        for (CacheCluster cluster : clusters.findByAccountIdAndSubnetGroupName(accountId, groupName)) {
            cluster.nodes().stream().map(CacheNode::availabilityZone).filter(z -> z != null).forEach(zones::add);
            if (cluster.preferredAvailabilityZone() != null) {
                zones.add(cluster.preferredAvailabilityZone());
            }
        }
        return zones;
    }
}

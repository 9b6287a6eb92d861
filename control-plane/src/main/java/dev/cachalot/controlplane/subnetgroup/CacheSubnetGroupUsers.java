package dev.cachalot.controlplane.subnetgroup;

import java.util.Set;

/**
 * The resources whose nodes are placed by subnet groups (cache clusters; later replication groups),
 * asked before a group is deleted or loses a subnet. Implemented by those features.
 */
public interface CacheSubnetGroupUsers {

    /** Whether any resource of the account uses the group. */
    boolean usesSubnetGroup(String accountId, String groupName);

    /** The availability zones where resources using the group have nodes. */
    Set<String> zonesInUse(String accountId, String groupName);
}

package dev.cachalot.controlplane.console;

import dev.cachalot.controlplane.fault.CachalotFault;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which form field a refusal is about, so the console can show it next to that field. The
 * services answer with the AWS API's codes and messages, which name the parameter; this only
 * reads them (the first match wins; null means the form as a whole).
 */
final class FormFields {

    private static final Map<String, String> BY_CODE = Map.of(
            "CacheClusterAlreadyExists", "cacheClusterId",
            "CacheParameterGroupNotFound", "cacheParameterGroupName",
            "CacheSubnetGroupNotFoundFault", "cacheSubnetGroupName",
            "InsufficientCacheClusterCapacity", "cacheNodeType",
            "CacheParameterGroupAlreadyExists", "name",
            "CacheSubnetGroupAlreadyExists", "name",
            "TagQuotaPerResourceExceeded", "tags",
            "NodeQuotaForClusterExceeded", "numCacheNodes");

    /** Words of the messages, in the order they are tried, and the field each names. */
    private static final List<Map.Entry<String, String>> BY_WORD = List.of(
            Map.entry("cacheclusterid", "cacheClusterId"),
            Map.entry("cacheclusteridentifier", "cacheClusterId"),
            Map.entry("cachenodetype", "cacheNodeType"),
            // memcached's node count: the nodes to remove first, since those messages name NumCacheNodes too
            Map.entry("cachenodeidstoremove", "cacheNodeIdsToRemove"),
            Map.entry("was not found in the cache cluster", "cacheNodeIdsToRemove"),
            Map.entry("newavailabilityzones", "newAvailabilityZones"),
            Map.entry("numcachenodes", "numCacheNodes"),
            Map.entry("azmode", "azMode"),
            Map.entry("maintenance window", "preferredMaintenanceWindow"),
            Map.entry("snapshot window", "snapshotWindow"),
            Map.entry("snapshotretentionlimit", "snapshotRetentionLimit"),
            Map.entry("parameter port", "port"),
            Map.entry("availability zone", "preferredAvailabilityZone"),
            Map.entry("subnet group", "cacheSubnetGroupName"),
            Map.entry("parameter group", "cacheParameterGroupName"),
            Map.entry("cacheparametergroupname", "name"),
            Map.entry("cachesubnetgroupname", "name"),
            Map.entry("tag", "tags"),
            Map.entry("version", "engineVersion"),
            Map.entry("engine", "engine"));

    private FormFields() {}

    static String of(CachalotFault fault) {
        String byCode = BY_CODE.get(fault.code());
        if (byCode != null) {
            return byCode;
        }
        String message = fault.getMessage() == null ? "" : fault.getMessage().toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> word : BY_WORD) {
            if (message.contains(word.getKey())) {
                return word.getValue();
            }
        }
        return null;
    }
}

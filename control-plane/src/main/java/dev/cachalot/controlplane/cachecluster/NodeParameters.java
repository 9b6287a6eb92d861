package dev.cachalot.controlplane.cachecluster;

import dev.cachalot.controlplane.parametergroup.ChangeType;
import dev.cachalot.controlplane.parametergroup.ParameterValue;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a cluster's parameter group means for its nodes, as pure functions of the group's values and
 * of what each node started with: the engine directives a node's spec carries, its memory limit,
 * and whether it waits for a reboot. {@code immediate} parameters always take the group's current
 * value; {@code requires-reboot} ones keep the value the node's process started with until a reboot.
 */
final class NodeParameters {

    /** ElastiCache's share of a node's memory kept free of data; it sets the engine's maxmemory. */
    static final String RESERVED_MEMORY_PERCENT = "reserved-memory-percent";

    private NodeParameters() {}

    /** The values of the requires-reboot parameters: what a node starting now starts with. */
    static Map<String, String> rebootValues(List<ParameterValue> group) {
        Map<String, String> values = new TreeMap<>();
        for (ParameterValue v : group) {
            if (v.parameter().changeType() == ChangeType.REQUIRES_REBOOT) {
                values.put(v.name(), v.value());
            }
        }
        return values;
    }

    /** The engine directives of a node's spec (CONFIG SET name to value). */
    static Map<String, String> engineSettings(List<ParameterValue> group, Map<String, String> startedWith) {
        Map<String, String> settings = new TreeMap<>();
        for (ParameterValue v : group) {
            if (!v.parameter().appliesToEngine()) {
                continue;
            }
            String value = v.parameter().changeType() == ChangeType.REQUIRES_REBOOT && startedWith != null
                    ? startedWith.getOrDefault(v.name(), v.value())
                    : v.value();
            settings.put(v.parameter().engineSetting(), value);
        }
        return settings;
    }

    /** Memcached's reserve for connections and other overhead, in MiB (memcached1.6 family). */
    static final String MEMCACHED_CONNECTIONS_OVERHEAD = "memcached_connections_overhead";

    /**
     * The engine's data memory limit: the node type's memory less the reserved percentage (Redis,
     * Valkey), or less memcached_connections_overhead MiB (memcached, as ElastiCache sizes -m).
     */
    static long maxMemoryBytes(long nodeTypeMemoryBytes, List<ParameterValue> group) {
        for (ParameterValue v : group) {
            if (v.name().equals(MEMCACHED_CONNECTIONS_OVERHEAD)) {
                try {
                    long overhead = Math.max(0, Long.parseLong(v.value().strip())) * 1024 * 1024;
                    // a tiny node keeps at least a quarter of its memory for items
                    return Math.max(nodeTypeMemoryBytes / 4, nodeTypeMemoryBytes - overhead);
                } catch (NumberFormatException e) {
                    return nodeTypeMemoryBytes;
                }
            }
            if (v.name().equals(RESERVED_MEMORY_PERCENT)) {
                try {
                    int percent = Integer.parseInt(v.value().strip());
                    return nodeTypeMemoryBytes * (100 - Math.max(0, Math.min(100, percent))) / 100;
                } catch (NumberFormatException e) {
                    return nodeTypeMemoryBytes;
                }
            }
        }
        return nodeTypeMemoryBytes;
    }

    /** Whether the group now gives a requires-reboot parameter another value than the node started with. */
    static boolean pendingReboot(Map<String, String> groupRebootValues, Map<String, String> startedWith) {
        if (startedWith == null) {
            return false; // a node from before parameter groups: it runs the defaults it was created with
        }
        for (Map.Entry<String, String> e : groupRebootValues.entrySet()) {
            if (!Objects.equals(e.getValue(), startedWith.getOrDefault(e.getKey(), e.getValue()))) {
                return true;
            }
        }
        return false;
    }
}

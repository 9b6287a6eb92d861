package dev.cachalot.controlplane.cachecluster;

import dev.cachalot.controlplane.catalog.Engine;
import dev.cachalot.controlplane.catalog.EngineCatalog;
import dev.cachalot.controlplane.catalog.EngineVersion;
import dev.cachalot.controlplane.catalog.NodeType;
import dev.cachalot.controlplane.catalog.NodeTypeCatalog;
import dev.cachalot.controlplane.fault.InvalidParameterCombinationException;
import dev.cachalot.controlplane.fault.InvalidParameterValueException;
import dev.cachalot.controlplane.parametergroup.CacheParameterGroupNotFoundFault;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Validates a ModifyCacheCluster against the cluster as it is: a pure function of the request,
 * the cluster's current settings and the catalogs, answering with ElastiCache's errors.
 */
@Component
class CacheClusterModifier {

    private final EngineCatalog engines;
    private final NodeTypeCatalog nodeTypes;

    CacheClusterModifier(EngineCatalog engines, NodeTypeCatalog nodeTypes) {
        this.engines = engines;
        this.nodeTypes = nodeTypes;
    }

    /** What the cluster is now, as far as a modification is concerned. */
    record Current(Engine engine, String engineVersion, String nodeType, String parameterGroupName) {}

    /**
     * @param parameterGroupFamily the family of one of the account's parameter groups by name
     *                             (empty when the account has no such group)
     */
    CacheClusterModification plan(Current current, ModifyCacheClusterCommand cmd,
                                  Function<String, Optional<String>> parameterGroupFamily) {
        if (cmd.numCacheNodes() != null && cmd.numCacheNodes() != 1
                || cmd.cacheNodeIdsToRemove() != null && !cmd.cacheNodeIdsToRemove().isEmpty()) {
            throw new InvalidParameterValueException("The number of nodes of a " + label(current.engine())
                    + " cluster cannot be changed: it has exactly one node. Use a replication group for more nodes.");
        }
        if (cmd.azMode() != null || cmd.newAvailabilityZones() != null && !cmd.newAvailabilityZones().isEmpty()) {
            throw new InvalidParameterCombinationException("AZMode and NewAvailabilityZones apply to memcached clusters only.");
        }
        if (cmd.authToken() != null || cmd.authTokenUpdateStrategy() != null) {
            throw new InvalidParameterCombinationException("AuthToken can only be used when TransitEncryptionEnabled is true.");
        }

        NodeType nodeType = nodeTypes.find(current.nodeType()).orElseThrow();
        String newNodeType = null;
        if (cmd.cacheNodeType() != null && !cmd.cacheNodeType().equals(current.nodeType())) {
            nodeType = nodeTypes.find(cmd.cacheNodeType())
                    .orElseThrow(() -> new InvalidParameterValueException("Invalid CacheNodeType: " + cmd.cacheNodeType()));
            newNodeType = nodeType.name();
        }

        Engine engine = current.engine();
        Engine newEngine = null;
        if (cmd.engine() != null) {
            Engine requested = Engine.fromWireName(cmd.engine())
                    .orElseThrow(() -> new InvalidParameterValueException("Invalid value for Engine: " + cmd.engine()));
            if (requested != current.engine()) {
                if (!(current.engine() == Engine.REDIS && requested == Engine.VALKEY)) {
                    throw new InvalidParameterCombinationException("Cannot change the engine from "
                            + current.engine().wireName() + " to " + requested.wireName() + ".");
                }
                newEngine = requested;
                engine = requested;
            }
        }

        EngineVersion currentVersion = engines.resolve(current.engine(), current.engineVersion()).orElseThrow();
        EngineVersion version = currentVersion;
        String newVersion = null;
        if (cmd.engineVersion() != null || newEngine != null) {
            Engine target = engine;
            version = cmd.engineVersion() == null ? engines.defaultVersion(target)
                    : engines.resolve(target, cmd.engineVersion()).orElseThrow(() -> new InvalidParameterValueException(
                            "Cannot find version " + cmd.engineVersion() + " for " + target.wireName()));
            if (newEngine == null && compare(version.version(), currentVersion.version()) < 0) {
                throw new InvalidParameterCombinationException("Cannot downgrade the engine version from "
                        + currentVersion.version() + " to " + version.version() + ".");
            }
            if (newEngine != null || !version.version().equals(currentVersion.version())) {
                newVersion = version.version();
            }
        }

        String parameterGroup = null;
        boolean familyChanges = !version.family().equals(currentVersion.family());
        if (cmd.cacheParameterGroupName() != null) {
            String name = cmd.cacheParameterGroupName().toLowerCase(Locale.ROOT);
            Optional<String> family = name.startsWith("default.")
                    ? Optional.of(name.substring("default.".length())).filter(f -> engines.families().contains(f))
                    : parameterGroupFamily.apply(name);
            if (family.isEmpty()) {
                throw new CacheParameterGroupNotFoundFault(name);
            }
            if (!family.get().equals(version.family())) {
                throw new InvalidParameterCombinationException("Expected a parameter group of family " + version.family()
                        + " but found one of family " + family.get());
            }
            if (!name.equals(current.parameterGroupName())) {
                parameterGroup = name;
            }
        } else if (familyChanges) {
            if (!current.parameterGroupName().equals(currentVersion.defaultParameterGroup())) {
                throw new InvalidParameterCombinationException("The parameter group " + current.parameterGroupName()
                        + " is of family " + currentVersion.family() + "; engine version " + version.version()
                        + " needs a parameter group of family " + version.family() + ": give CacheParameterGroupName.");
            }
            parameterGroup = version.defaultParameterGroup();
        }

        String notificationStatus = cmd.notificationTopicStatus();
        if (notificationStatus != null && !notificationStatus.equals("active") && !notificationStatus.equals("inactive")) {
            throw new InvalidParameterValueException("NotificationTopicStatus must be active or inactive.");
        }
        CacheClusterModification m = new CacheClusterModification(newNodeType, newEngine, newVersion, parameterGroup,
                nodeType.memoryBytes(), Boolean.TRUE.equals(cmd.applyImmediately()),
                cmd.preferredMaintenanceWindow() == null ? null : ClusterSettingRules.maintenanceWindow(cmd.preferredMaintenanceWindow()),
                cmd.snapshotRetentionLimit() == null ? null : ClusterSettingRules.snapshotRetentionLimit(cmd.snapshotRetentionLimit()),
                cmd.snapshotWindow() == null ? null : ClusterSettingRules.snapshotWindow(cmd.snapshotWindow()),
                cmd.autoMinorVersionUpgrade(),
                cmd.securityGroupIds() == null ? null : ClusterSettingRules.securityGroupIds(cmd.securityGroupIds()),
                cmd.notificationTopicArn(), notificationStatus);
        if (!m.changesNodes() && m.parameterGroupName() == null && Objects.isNull(m.maintenanceWindow())
                && m.snapshotRetentionLimit() == null && m.snapshotWindow() == null && m.autoMinorVersionUpgrade() == null
                && m.securityGroupIds() == null && m.notificationTopicArn() == null && m.notificationTopicStatus() == null) {
            throw new InvalidParameterCombinationException("No modifications were requested.");
        }
        return m;
    }

    /** Orders dotted version numbers numerically: 7.0.7 before 7.1.0. */
    static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int xi = i < x.length ? Integer.parseInt(x[i]) : 0;
            int yi = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (xi != yi) {
                return Integer.compare(xi, yi);
            }
        }
        return 0;
    }

    private static String label(Engine engine) {
        return engine == Engine.VALKEY ? "Valkey" : "Redis";
    }
}

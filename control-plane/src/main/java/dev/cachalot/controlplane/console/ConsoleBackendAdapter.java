package dev.cachalot.controlplane.console;

import dev.cachalot.console.CacheClusterRow;
import dev.cachalot.console.ConsoleBackend;
import dev.cachalot.console.ConsoleException;
import dev.cachalot.console.ConsolePrincipal;
import dev.cachalot.controlplane.cachecluster.CacheClusterPage;
import dev.cachalot.controlplane.cachecluster.CacheClusterService;
import dev.cachalot.controlplane.cachecluster.CacheClusterView;
import dev.cachalot.controlplane.cachecluster.CreateCacheClusterCommand;
import dev.cachalot.controlplane.cachecluster.ModifyCacheClusterCommand;
import dev.cachalot.controlplane.catalog.EngineCatalog;
import dev.cachalot.controlplane.catalog.NodeTypeCatalog;
import dev.cachalot.controlplane.event.EventService;
import dev.cachalot.controlplane.event.EventView;
import dev.cachalot.controlplane.fault.CachalotFault;
import dev.cachalot.controlplane.fleet.FleetCapacity;
import dev.cachalot.controlplane.fleet.FleetService;
import dev.cachalot.controlplane.identity.AccessKeyView;
import dev.cachalot.controlplane.identity.Caller;
import dev.cachalot.controlplane.identity.IdentityService;
import dev.cachalot.controlplane.identity.IssuedAccessKey;
import dev.cachalot.controlplane.identity.Policy;
import dev.cachalot.controlplane.identity.UserView;
import dev.cachalot.controlplane.parametergroup.CacheParameterGroupService;
import dev.cachalot.controlplane.parametergroup.CacheParameterGroupView;
import dev.cachalot.controlplane.parametergroup.ParameterCatalog;
import dev.cachalot.controlplane.parametergroup.ParameterValue;
import dev.cachalot.controlplane.subnetgroup.CacheSubnetGroupService;
import dev.cachalot.controlplane.subnetgroup.CacheSubnetGroupView;
import dev.cachalot.controlplane.subnetgroup.Subnet;
import dev.cachalot.controlplane.tag.TagService;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The console's view of the application services: translation only, no rules of its own. Every
 * call is made as the signed-in user (in the account the principal acts in), so the services'
 * tenancy and policy checks apply to the console exactly as to the APIs.
 */
@Component
class ConsoleBackendAdapter implements ConsoleBackend {

    private static final int PAGE = 100;
    private static final double GIB = 1024.0 * 1024 * 1024;
    /** Enough events for a page; the API pages through more. */
    private static final int EVENTS = 100;
    private static final String PLACEHOLDER_NODE_TYPE = "cache.t4g.micro";

    private final CacheClusterService clusters;
    private final IdentityService identity;
    private final CacheParameterGroupService parameterGroups;
    private final CacheSubnetGroupService subnetGroups;
    private final TagService tags;
    private final EventService events;
    private final FleetCapacity capacity;
    private final FleetService fleet;
    private final EngineCatalog engines;
    private final NodeTypeCatalog nodeTypes;
    private final ParameterCatalog parameters;
    private final java.time.Clock clock;

    ConsoleBackendAdapter(CacheClusterService clusters, IdentityService identity, CacheParameterGroupService parameterGroups,
                          CacheSubnetGroupService subnetGroups, TagService tags, EventService events, FleetCapacity capacity,
                          FleetService fleet, EngineCatalog engines, NodeTypeCatalog nodeTypes, ParameterCatalog parameters,
                          java.time.Clock clock) {
        this.clock = clock;
        this.clusters = clusters;
        this.identity = identity;
        this.parameterGroups = parameterGroups;
        this.subnetGroups = subnetGroups;
        this.tags = tags;
        this.events = events;
        this.capacity = capacity;
        this.fleet = fleet;
        this.engines = engines;
        this.nodeTypes = nodeTypes;
        this.parameters = parameters;
    }

    static Caller caller(ConsolePrincipal p) {
        return new Caller(p.accountId(), p.userName(), null, p.readOnly() ? Policy.READ_ONLY : Policy.FULL_ACCESS, p.systemAdmin());
    }

    // ------------------------------------------------------------------------------ session, dashboard

    @Override
    public ConsolePrincipal switchAccount(ConsolePrincipal principal, String accountId) {
        return call(() -> {
            Caller acting = identity.actAs(caller(principal), accountId);
            return new ConsolePrincipal(acting.accountId(), principal.userName(), principal.readOnly(), principal.systemAdmin());
        });
    }

    @Override
    public Dashboard dashboard(ConsolePrincipal principal) {
        return call(() -> {
            Map<String, Integer> byStatus = new TreeMap<>();
            cacheClusters(principal).forEach(c -> byStatus.merge(c.status(), 1, Integer::sum));
            int parameterGroupCount = parameterGroups(principal).size();
            int subnetGroupCount = subnetGroups(principal).size();
            List<EventRow> recent = events(principal, null, null, 24).stream().limit(10).toList();
            List<ZoneRow> zoneRows = principal.systemAdmin() ? zones(principal) : List.of();
            return new Dashboard(byStatus, parameterGroupCount, subnetGroupCount, recent, zoneRows);
        });
    }

    // ------------------------------------------------------------------------------ cache clusters

    @Override
    public List<CacheClusterRow> cacheClusters(ConsolePrincipal principal) {
        return call(() -> {
            List<CacheClusterRow> rows = new ArrayList<>();
            Optional<String> after = Optional.empty();
            do {
                CacheClusterPage page = clusters.describe(caller(principal), Optional.empty(), PAGE, after);
                page.clusters().forEach(c -> rows.add(row(c)));
                after = page.lastClusterId();
            } while (after.isPresent());
            return rows;
        });
    }

    @Override
    public CacheClusterDetail cacheCluster(ConsolePrincipal principal, String cacheClusterId) {
        return call(() -> {
            Caller caller = caller(principal);
            CacheClusterView c = clusters.describe(caller, Optional.of(cacheClusterId), 1, Optional.empty()).clusters().getFirst();
            List<NodeRow> nodes = c.nodes().stream().map(n -> new NodeRow(n.cacheNodeId(), n.status().wireValue(),
                    n.availabilityZone(), n.address(), n.port(), n.parameterGroupStatus(), n.createTime())).toList();
            CacheClusterView.Endpoint cfg = c.configurationEndpoint();
            List<String> toRemove = c.pending().cacheNodeIdsToRemove() == null ? List.of() : c.pending().cacheNodeIdsToRemove();
            return new CacheClusterDetail(row(c), c.arn(), c.parameterGroupName(), c.parameterApplyStatus(),
                    c.cacheSubnetGroupName(), c.preferredMaintenanceWindow(), c.snapshotRetentionLimit(), c.snapshotWindow(),
                    c.autoMinorVersionUpgrade(), c.transitEncryptionEnabled(), false, c.pending().cacheNodeType(),
                    c.pending().engineVersion(), cfg == null ? null : new ConsoleBackend.Endpoint(cfg.address(), cfg.port()),
                    c.azMode(), c.pending().numCacheNodes(), toRemove, nodes, tagRows(caller, c.arn()),
                    events(principal, "cache-cluster", c.cacheClusterId(), 24 * 14));
        });
    }

    @Override
    public CreateOptions createOptions(ConsolePrincipal principal) {
        return call(() -> {
            List<EngineOption> versions = engines.versions().stream()
                    .map(v -> new EngineOption(v.engine().wireName(), v.version(), v.family(), v.isDefault())).toList();
            List<NodeTypeOption> types = nodeTypes.all().stream()
                    .map(t -> new NodeTypeOption(t.name(), t.vcpus(), t.memoryBytes() / GIB)).toList();
            List<GroupOption> groups = parameterGroups(principal).stream().map(g -> new GroupOption(g.name(), g.family())).toList();
            List<String> subnetGroupNames = subnetGroups(principal).stream().map(SubnetGroupRow::name).toList();
            return new CreateOptions(versions, types, List.copyOf(fleet.zones()), groups, subnetGroupNames);
        });
    }

    @Override
    public List<FieldError> checkCacheCluster(ConsolePrincipal principal, ClusterDraft draft) {
        try {
            clusters.validateCreate(caller(principal), command(draft, true));
            return List.of();
        } catch (CachalotFault f) {
            return List.of(new FieldError(FormFields.of(f), f.code(), f.getMessage()));
        }
    }

    @Override
    public String createCacheCluster(ConsolePrincipal principal, ClusterDraft draft) {
        requireWrite(principal, "CreateCacheCluster");
        return call(() -> clusters.create(caller(principal), command(draft, false)).cacheClusterId());
    }

    /** @param placeholders fill fields a wizard has not reached yet with workable values */
    private static CreateCacheClusterCommand command(ClusterDraft d, boolean placeholders) {
        String nodeType = d.cacheNodeType() == null && placeholders ? PLACEHOLDER_NODE_TYPE : d.cacheNodeType();
        List<dev.cachalot.controlplane.tag.Tag> tagList = d.tags() == null ? List.of()
                : d.tags().stream().map(t -> new dev.cachalot.controlplane.tag.Tag(t.key(), t.value())).toList();
        return new CreateCacheClusterCommand(d.cacheClusterId() == null ? "" : d.cacheClusterId(), d.engine(), d.engineVersion(),
                nodeType, d.numCacheNodes() == null ? 1 : d.numCacheNodes(), d.preferredAvailabilityZone(), null, d.azMode(), d.port(), d.preferredMaintenanceWindow(),
                d.snapshotRetentionLimit(), null, null, d.cacheParameterGroupName(), d.cacheSubnetGroupName(), null, null, null,
                null, null, null, null, tagList);
    }

    @Override
    public void modifyCacheCluster(ConsolePrincipal principal, String cacheClusterId, ClusterChange change) {
        requireWrite(principal, "ModifyCacheCluster");
        call(() -> clusters.modify(caller(principal), new ModifyCacheClusterCommand(cacheClusterId,
                change.numCacheNodes(), change.cacheNodeIdsToRemove(), change.azMode(), change.newAvailabilityZones(), null,
                change.preferredMaintenanceWindow(), null, change.cacheParameterGroupName(), null, change.applyImmediately(), null,
                change.engineVersion(), change.autoMinorVersionUpgrade(), change.snapshotRetentionLimit(), change.snapshotWindow(),
                change.cacheNodeType(), null, null)));
    }

    @Override
    public List<String> nodeTypesFor(ConsolePrincipal principal, String cacheClusterId) {
        return call(() -> {
            var allowed = clusters.allowedNodeTypeModifications(caller(principal), cacheClusterId, null);
            String current = clusters.describe(caller(principal), Optional.of(cacheClusterId), 1, Optional.empty())
                    .clusters().getFirst().cacheNodeType();
            List<String> all = new ArrayList<>(allowed.scaleDown());
            all.add(current);
            all.addAll(allowed.scaleUp());
            Map<String, Long> memory = new TreeMap<>();
            nodeTypes.all().forEach(t -> memory.put(t.name(), t.memoryBytes()));
            all.sort(Comparator.comparing((String t) -> memory.getOrDefault(t, 0L)).thenComparing(Function.identity()));
            return all;
        });
    }

    @Override
    public void rebootCacheCluster(ConsolePrincipal principal, String cacheClusterId, List<String> cacheNodeIds) {
        requireWrite(principal, "RebootCacheCluster");
        call(() -> clusters.reboot(caller(principal), cacheClusterId, cacheNodeIds));
    }

    @Override
    public void deleteCacheCluster(ConsolePrincipal principal, String cacheClusterId) {
        requireWrite(principal, "DeleteCacheCluster");
        call(() -> clusters.delete(caller(principal), cacheClusterId));
    }

    // ------------------------------------------------------------------------------ tags

    @Override
    public void addTag(ConsolePrincipal principal, ResourceKind kind, String name, String key, String value) {
        requireWrite(principal, "AddTagsToResource");
        call(() -> tags.add(caller(principal), arn(principal, kind, name), List.of(new dev.cachalot.controlplane.tag.Tag(key, value))));
    }

    @Override
    public void removeTag(ConsolePrincipal principal, ResourceKind kind, String name, String key) {
        requireWrite(principal, "RemoveTagsFromResource");
        call(() -> tags.remove(caller(principal), arn(principal, kind, name), List.of(key)));
    }

    private String arn(ConsolePrincipal principal, ResourceKind kind, String name) {
        Caller caller = caller(principal);
        return switch (kind) {
            case CACHE_CLUSTER -> clusters.describe(caller, Optional.of(name), 1, Optional.empty()).clusters().getFirst().arn();
            case PARAMETER_GROUP -> parameterGroups.describe(caller, Optional.of(name), 1, Optional.empty()).items().getFirst().arn();
            case SUBNET_GROUP -> subnetGroups.describe(caller, Optional.of(name), 1, Optional.empty()).groups().getFirst().arn();
        };
    }

    private List<Tag> tagRows(Caller caller, String arn) {
        return tags.list(caller, arn).stream().map(t -> new Tag(t.key(), t.value())).toList();
    }

    // ------------------------------------------------------------------------------ parameter groups

    @Override
    public List<ParameterGroupRow> parameterGroups(ConsolePrincipal principal) {
        return call(() -> {
            List<ParameterGroupRow> rows = new ArrayList<>();
            Optional<String> after = Optional.empty();
            do {
                CacheParameterGroupService.Page<CacheParameterGroupView> page =
                        parameterGroups.describe(caller(principal), Optional.empty(), PAGE, after);
                page.items().forEach(g -> rows.add(row(g)));
                after = page.lastKey();
            } while (after.isPresent());
            return rows;
        });
    }

    @Override
    public ParameterGroupDetail parameterGroup(ConsolePrincipal principal, String name) {
        return call(() -> {
            Caller caller = caller(principal);
            CacheParameterGroupView g = parameterGroups.describe(caller, Optional.of(name), 1, Optional.empty()).items().getFirst();
            List<ParameterRow> rows = new ArrayList<>();
            Optional<String> after = Optional.empty();
            do {
                CacheParameterGroupService.Page<ParameterValue> page = parameterGroups.describeParameters(caller, g.name(), null, PAGE, after);
                page.items().forEach(v -> rows.add(new ParameterRow(v.name(), v.value(), v.source(), v.parameter().dataType(),
                        v.parameter().allowedValues(), v.parameter().modifiable(), v.parameter().changeType().wireValue(),
                        v.parameter().description())));
                after = page.lastKey();
            } while (after.isPresent());
            return new ParameterGroupDetail(row(g), g.arn(), rows, tagRows(caller, g.arn()),
                    events(principal, "cache-parameter-group", g.name(), 24 * 14));
        });
    }

    @Override
    public List<String> parameterGroupFamilies(ConsolePrincipal principal) {
        return parameters.families();
    }

    @Override
    public void createParameterGroup(ConsolePrincipal principal, String name, String family, String description) {
        requireWrite(principal, "CreateCacheParameterGroup");
        call(() -> parameterGroups.create(caller(principal), name, family, description, List.of()));
    }

    @Override
    public void setParameters(ConsolePrincipal principal, String name, Map<String, String> values) {
        requireWrite(principal, "ModifyCacheParameterGroup");
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        values.forEach((k, v) -> entries.add(new AbstractMap.SimpleEntry<>(k, v)));
        call(() -> parameterGroups.modify(caller(principal), name, entries));
    }

    @Override
    public void resetParameters(ConsolePrincipal principal, String name, List<String> parameterNames) {
        requireWrite(principal, "ResetCacheParameterGroup");
        call(() -> parameterGroups.reset(caller(principal), name, parameterNames.isEmpty(), parameterNames));
    }

    @Override
    public void deleteParameterGroup(ConsolePrincipal principal, String name) {
        requireWrite(principal, "DeleteCacheParameterGroup");
        call(() -> {
            parameterGroups.delete(caller(principal), name);
            return null;
        });
    }

    // ------------------------------------------------------------------------------ subnet groups

    @Override
    public List<SubnetGroupRow> subnetGroups(ConsolePrincipal principal) {
        return call(() -> {
            List<SubnetGroupRow> rows = new ArrayList<>();
            Optional<String> after = Optional.empty();
            do {
                CacheSubnetGroupService.Page page = subnetGroups.describe(caller(principal), Optional.empty(), PAGE, after);
                page.groups().forEach(g -> rows.add(row(g, List.of())));
                after = page.lastName();
            } while (after.isPresent());
            return rows;
        });
    }

    @Override
    public SubnetGroupRow subnetGroup(ConsolePrincipal principal, String name) {
        return call(() -> {
            Caller caller = caller(principal);
            CacheSubnetGroupView g = subnetGroups.describe(caller, Optional.of(name), 1, Optional.empty()).groups().getFirst();
            return row(g, tagRows(caller, g.arn()));
        });
    }

    @Override
    public List<String> subnets(ConsolePrincipal principal) {
        return fleet.zones().stream().map(z -> Subnet.ofZone(z).subnetIdentifier()).toList();
    }

    @Override
    public void createSubnetGroup(ConsolePrincipal principal, String name, String description, List<String> subnetIds) {
        requireWrite(principal, "CreateCacheSubnetGroup");
        call(() -> subnetGroups.create(caller(principal), name, description, subnetIds, List.of()));
    }

    @Override
    public void modifySubnetGroup(ConsolePrincipal principal, String name, String description, List<String> subnetIds) {
        requireWrite(principal, "ModifyCacheSubnetGroup");
        call(() -> subnetGroups.modify(caller(principal), name, description, subnetIds));
    }

    @Override
    public void deleteSubnetGroup(ConsolePrincipal principal, String name) {
        requireWrite(principal, "DeleteCacheSubnetGroup");
        call(() -> {
            subnetGroups.delete(caller(principal), name);
            return null;
        });
    }

    // ------------------------------------------------------------------------------ events, fleet

    @Override
    public List<EventRow> events(ConsolePrincipal principal, String sourceType, String sourceIdentifier, int hours) {
        return call(() -> {
            Instant end = clock.instant();
            EventService.Page page = events.describe(caller(principal), sourceType, sourceIdentifier, end.minus(hours, ChronoUnit.HOURS),
                    end, null, 10_000, Optional.empty());
            List<EventView> newestFirst = new ArrayList<>(page.events());
            java.util.Collections.reverse(newestFirst);
            return newestFirst.stream().limit(EVENTS)
                    .map(e -> new EventRow(e.date(), e.sourceType().wireValue(), e.sourceIdentifier(), e.message())).toList();
        });
    }

    @Override
    public List<HostRow> hosts(ConsolePrincipal principal) {
        return call(() -> capacity.hosts(caller(principal)).stream().map(h -> new HostRow(h.hostId().toString(), h.availabilityZone(),
                h.healthy(), h.nodeAddress(), h.cpus(), h.memoryBytes() / GIB, h.capacityBytes() / GIB, h.reservedBytes() / GIB,
                h.nodes(), h.lastHeartbeatAt())).toList());
    }

    @Override
    public List<ZoneRow> zones(ConsolePrincipal principal) {
        return call(() -> capacity.zones(caller(principal)).stream().map(z -> new ZoneRow(z.availabilityZone(), z.hosts(),
                z.healthyHosts(), z.capacityBytes() / GIB, z.reservedBytes() / GIB, z.nodes())).toList());
    }

    // ------------------------------------------------------------------------------ identity

    @Override
    public List<UserRow> users(ConsolePrincipal principal) {
        return call(() -> identity.listUsers(caller(principal), principal.accountId()).stream().map(ConsoleBackendAdapter::row).toList());
    }

    @Override
    public UserRow user(ConsolePrincipal principal, String userName) {
        return call(() -> row(identity.user(caller(principal), principal.accountId(), userName)));
    }

    @Override
    public void createUser(ConsolePrincipal principal, String userName, boolean readOnly, String password) {
        call(() -> identity.createUser(caller(principal), principal.accountId(), userName,
                readOnly ? Policy.READ_ONLY : Policy.FULL_ACCESS, password));
    }

    @Override
    public void updateUser(ConsolePrincipal principal, String userName, Boolean readOnly, String password) {
        call(() -> identity.updateUser(caller(principal), principal.accountId(), userName,
                readOnly == null ? null : readOnly ? Policy.READ_ONLY : Policy.FULL_ACCESS, password));
    }

    @Override
    public void deleteUser(ConsolePrincipal principal, String userName) {
        call(() -> {
            identity.deleteUser(caller(principal), principal.accountId(), userName);
            return null;
        });
    }

    @Override
    public List<AccessKeyRow> accessKeys(ConsolePrincipal principal, String userName) {
        return call(() -> identity.listAccessKeys(caller(principal), principal.accountId(), userName).stream()
                .map(ConsoleBackendAdapter::row).toList());
    }

    @Override
    public NewAccessKey createAccessKey(ConsolePrincipal principal, String userName) {
        return call(() -> key(identity.createAccessKey(caller(principal), principal.accountId(), userName)));
    }

    @Override
    public void setAccessKeyActive(ConsolePrincipal principal, String userName, String accessKeyId, boolean active) {
        call(() -> identity.updateAccessKey(caller(principal), principal.accountId(), userName, accessKeyId,
                active ? "Active" : "Inactive"));
    }

    @Override
    public void deleteAccessKey(ConsolePrincipal principal, String userName, String accessKeyId) {
        call(() -> {
            identity.deleteAccessKey(caller(principal), principal.accountId(), userName, accessKeyId);
            return null;
        });
    }

    @Override
    public List<AccountRow> accounts(ConsolePrincipal principal) {
        return call(() -> identity.listAccounts(caller(principal)).stream().map(a -> {
            IdentityService.AccountLimits l = identity.limits(caller(principal), a.accountId());
            return new AccountRow(a.accountId(), a.name(), a.admin(), a.createTime(), l.effective().clusters(),
                    l.effective().nodes(), l.clusterQuota(), l.nodeQuota(), l.apiRequestsPerSecond());
        }).toList());
    }

    @Override
    public List<AccountChoice> accountChoices(ConsolePrincipal principal) {
        return call(() -> identity.listAccounts(caller(principal)).stream()
                .map(a -> new AccountChoice(a.accountId(), a.name())).toList());
    }

    @Override
    public void setAccountLimits(ConsolePrincipal principal, String accountId, Integer clusterQuota, Integer nodeQuota,
                                 Double requestsPerSecond) {
        call(() -> identity.updateLimits(caller(principal), accountId, Optional.ofNullable(clusterQuota),
                Optional.ofNullable(nodeQuota), Optional.ofNullable(requestsPerSecond), (view, limits) -> true));
    }

    @Override
    public NewAccessKey createAccount(ConsolePrincipal principal, String name) {
        return call(() -> key(identity.createAccount(caller(principal), name)));
    }

    // ------------------------------------------------------------------------------ translation

    /**
     * The console's gate for the read-only policy, as the AWS API's endpoint and the REST API's
     * filter have theirs: the resource services leave policies to the edges (the identity
     * service checks its own).
     */
    private static void requireWrite(ConsolePrincipal principal, String action) {
        if (principal.readOnly()) {
            Caller caller = caller(principal);
            throw new ConsoleException("AccessDenied", "User: " + caller.userArn() + " is not authorized to perform: elasticache:"
                    + action + " because no identity-based policy allows the elasticache:" + action + " action");
        }
    }

    private static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (CachalotFault f) {
            throw new ConsoleException(f.code(), f.getMessage(), FormFields.of(f));
        }
    }

    private static NewAccessKey key(IssuedAccessKey k) {
        return new NewAccessKey(k.accountId(), k.userName(), k.accessKeyId(), k.secretAccessKey(), k.apiToken());
    }

    private static UserRow row(UserView u) {
        return new UserRow(u.userName(), u.arn(), u.policy() == Policy.READ_ONLY, u.consoleAccess(), u.createTime());
    }

    private static AccessKeyRow row(AccessKeyView k) {
        return new AccessKeyRow(k.accessKeyId(), "Active".equals(k.status()), k.createTime(), k.lastUsedTime());
    }

    private static ParameterGroupRow row(CacheParameterGroupView g) {
        return new ParameterGroupRow(g.name(), g.family(), g.description(), g.name().startsWith("default."));
    }

    private static SubnetGroupRow row(CacheSubnetGroupView g, List<Tag> tagList) {
        return new SubnetGroupRow(g.name(), g.description(), g.subnets().stream().map(Subnet::subnetIdentifier).toList(),
                g.subnets().stream().map(Subnet::availabilityZone).toList(), g.name().equals(CacheSubnetGroupService.DEFAULT_GROUP),
                tagList);
    }

    /** The list shows where clients connect: a memcached cluster's configuration endpoint, else the first running node. */
    private static CacheClusterRow row(CacheClusterView c) {
        String endpoint = c.configurationEndpoint() != null
                ? c.configurationEndpoint().address() + ":" + c.configurationEndpoint().port()
                : c.nodes().stream()
                .filter(n -> n.address() != null && n.port() != null)
                .map(n -> n.address() + ":" + n.port())
                .findFirst().orElse(null);
        return new CacheClusterRow(c.cacheClusterId(), c.engine(), c.engineVersion(), c.cacheNodeType(),
                c.status().wireValue(), c.numCacheNodes(), c.preferredAvailabilityZone(), endpoint, c.createTime());
    }
}

package dev.cachalot.controlplane.subnetgroup;

import dev.cachalot.controlplane.CachalotProperties;
import dev.cachalot.controlplane.event.EventService;
import dev.cachalot.controlplane.event.SourceType;
import dev.cachalot.controlplane.fault.InvalidParameterValueException;
import dev.cachalot.controlplane.fault.MissingParameterFault;
import dev.cachalot.controlplane.fleet.FleetService;
import dev.cachalot.controlplane.identity.Caller;
import dev.cachalot.controlplane.tag.ResourceArn;
import dev.cachalot.controlplane.tag.Tag;
import dev.cachalot.controlplane.tag.TagService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cache subnet groups: which availability zones a cluster's nodes may be placed in. A subnet is
 * the pool of hosts of one zone ({@code subnet-<zone>}); there is one for every zone where an agent
 * has registered a host, shared by all accounts (the operator's fleet is everybody's network). Every
 * account also has the group {@code default}, which spans every subnet there is.
 */
@Service
public class CacheSubnetGroupService {

    public static final String DEFAULT_GROUP = "default";
    static final int MAX_NAME_LENGTH = 255;

    private final CacheSubnetGroupRepository groups;
    private final FleetService fleet;
    private final TagService tags;
    private final EventService events;
    private final List<CacheSubnetGroupUsers> users;
    private final Clock clock;
    private final String region;
    private final int groupQuota;
    private final int subnetQuota;

    CacheSubnetGroupService(CacheSubnetGroupRepository groups, FleetService fleet, TagService tags, EventService events,
                            List<CacheSubnetGroupUsers> users, Clock clock, CachalotProperties properties,
                            @Value("${cachalot.quotas.cache-subnet-groups-per-account:50}") int groupQuota,
                            @Value("${cachalot.quotas.subnets-per-cache-subnet-group:20}") int subnetQuota) {
        this.groups = groups;
        this.fleet = fleet;
        this.tags = tags;
        this.events = events;
        this.users = users;
        this.clock = clock;
        this.region = properties.region();
        this.groupQuota = groupQuota;
        this.subnetQuota = subnetQuota;
    }

    /** The one VPC all subnets belong to. */
    String vpcId() {
        return "vpc-" + region;
    }

    // ---- queries other features use ----

    /**
     * The zones of the caller's group, share-locked until the caller's transaction ends (so that it
     * can be neither deleted nor narrowed while a cluster starts using it); empty when there is no
     * such group.
     */
    @Transactional
    public Optional<SortedSet<String>> zonesForUse(String accountId, String groupName) {
        String name = groupName.toLowerCase(Locale.ROOT);
        if (name.equals(DEFAULT_GROUP)) {
            return Optional.of(fleet.zones());
        }
        return groups.findForUse(accountId, name).map(g -> zones(g.subnetIds()));
    }

    /** The zones of a group that exists (for placing nodes); empty when it is gone. */
    @Transactional(readOnly = true)
    public Optional<SortedSet<String>> zones(String accountId, String groupName) {
        String name = groupName.toLowerCase(Locale.ROOT);
        if (name.equals(DEFAULT_GROUP)) {
            return Optional.of(fleet.zones());
        }
        return groups.findByAccountIdAndName(accountId, name).map(g -> zones(g.subnetIds()));
    }

    private static SortedSet<String> zones(Set<String> subnetIds) {
        TreeSet<String> zones = new TreeSet<>();
        subnetIds.forEach(id -> zones.add(id.substring(Subnet.PREFIX.length())));
        return zones;
    }

    // ---- the API ----

    @Transactional
    public CacheSubnetGroupView create(Caller caller, String rawName, String description, List<String> subnetIds,
                                       List<Tag> requestTags) {
        String name = normalizeNewName(rawName);
        if (description == null) {
            throw new MissingParameterFault("CacheSubnetGroupDescription");
        }
        Set<String> subnets = validSubnets(subnetIds);
        List<Tag> validTags = tags.validate(requestTags);
        if (name.equals(DEFAULT_GROUP) || groups.findByAccountIdAndName(caller.accountId(), name).isPresent()) {
            throw new CacheSubnetGroupAlreadyExistsFault(name);
        }
        if (groups.countByAccountId(caller.accountId()) >= groupQuota) {
            throw new CacheSubnetGroupQuotaExceededFault(groupQuota);
        }
        CacheSubnetGroup group = new CacheSubnetGroup(caller.accountId(), name, description, subnets, clock.instant());
        try {
            groups.saveAndFlush(group);
        } catch (DataIntegrityViolationException e) {
            throw new CacheSubnetGroupAlreadyExistsFault(name);
        }
        tags.tagNew(caller.accountId(), CacheSubnetGroupTaggable.ARN_TYPE, name, validTags);
        events.record(caller.accountId(), SourceType.CACHE_SUBNET_GROUP, name, "Cache subnet group created");
        return view(caller.accountId(), group);
    }

    /** One group by name, or a page of the caller's groups ({@code default} among them) in name order. */
    @Transactional(readOnly = true)
    public Page describe(Caller caller, Optional<String> groupName, int maxRecords, Optional<String> after) {
        if (groupName.isPresent()) {
            String name = groupName.get().toLowerCase(Locale.ROOT);
            if (name.equals(DEFAULT_GROUP)) {
                return new Page(List.of(defaultView(caller.accountId())), Optional.empty());
            }
            CacheSubnetGroup group = groups.findByAccountIdAndName(caller.accountId(), name)
                    .orElseThrow(() -> new CacheSubnetGroupNotFoundFault(name));
            return new Page(List.of(view(caller.accountId(), group)), Optional.empty());
        }
        String start = after.orElse("");
        List<CacheSubnetGroupView> candidates = new ArrayList<>();
        if (DEFAULT_GROUP.compareTo(start) > 0) {
            candidates.add(defaultView(caller.accountId()));
        }
        groups.page(caller.accountId(), start, Limit.of(maxRecords + 1)).forEach(g -> candidates.add(view(caller.accountId(), g)));
        candidates.sort(Comparator.comparing(CacheSubnetGroupView::name));
        boolean more = candidates.size() > maxRecords;
        List<CacheSubnetGroupView> shown = more ? List.copyOf(candidates.subList(0, maxRecords)) : List.copyOf(candidates);
        return new Page(shown, more ? Optional.of(shown.getLast().name()) : Optional.empty());
    }

    /**
     * Changes the description and/or the subnets. A subnet whose zone holds nodes of a cluster that
     * uses the group cannot be removed ({@code SubnetInUse}).
     */
    @Transactional
    public CacheSubnetGroupView modify(Caller caller, String rawName, String description, List<String> subnetIds) {
        return modify(caller, rawName, description, subnetIds, current -> true);
    }

    /**
     * Modify, on condition that the group is still as the caller last saw it (the REST API's
     * If-Match): checked on the locked row, so no change can land in between.
     */
    @Transactional
    public CacheSubnetGroupView modify(Caller caller, String rawName, String description, List<String> subnetIds,
                                       java.util.function.Predicate<CacheSubnetGroupView> expected) {
        String name = rawName.toLowerCase(Locale.ROOT);
        if (name.equals(DEFAULT_GROUP)) {
            throw new InvalidParameterValueException("The default cache subnet group cannot be modified.");
        }
        CacheSubnetGroup group = groups.findForUpdate(caller.accountId(), name)
                .orElseThrow(() -> new CacheSubnetGroupNotFoundFault(name));
        if (!expected.test(view(caller.accountId(), group))) {
            throw new dev.cachalot.controlplane.fault.PreconditionFailedFault("Cache subnet group " + name
                    + " has changed since you read it.");
        }
        if (subnetIds != null) {
            Set<String> subnets = validSubnets(subnetIds);
            Set<String> inUse = new TreeSet<>();
            users.forEach(u -> inUse.addAll(u.zonesInUse(caller.accountId(), name)));
            for (String removed : group.subnetIds()) {
                if (!subnets.contains(removed) && inUse.contains(removed.substring(Subnet.PREFIX.length()))) {
                    throw new SubnetInUseFault(removed);
                }
            }
            group.replaceSubnets(subnets);
        }
        if (description != null) {
            group.describeAs(description);
        }
        groups.saveAndFlush(group);
        events.record(caller.accountId(), SourceType.CACHE_SUBNET_GROUP, name, "Cache subnet group modified");
        return view(caller.accountId(), group);
    }

    @Transactional
    public void delete(Caller caller, String rawName) {
        String name = rawName.toLowerCase(Locale.ROOT);
        if (name.equals(DEFAULT_GROUP)) {
            throw new InvalidParameterValueException("The default cache subnet group cannot be deleted.");
        }
        CacheSubnetGroup group = groups.findForUpdate(caller.accountId(), name)
                .orElseThrow(() -> new CacheSubnetGroupNotFoundFault(name));
        if (users.stream().anyMatch(u -> u.usesSubnetGroup(caller.accountId(), name))) {
            throw new CacheSubnetGroupInUseFault(name);
        }
        groups.delete(group);
        tags.deleteAll(caller.accountId(), CacheSubnetGroupTaggable.ARN_TYPE, name);
        events.record(caller.accountId(), SourceType.CACHE_SUBNET_GROUP, name, "Cache subnet group deleted");
    }

    /** Known subnets only, at least one, at most the quota; repeats collapse. */
    private Set<String> validSubnets(List<String> subnetIds) {
        if (subnetIds == null || subnetIds.isEmpty()) {
            throw new MissingParameterFault("SubnetIds");
        }
        Set<String> known = new TreeSet<>();
        fleet.zones().forEach(z -> known.add(Subnet.ofZone(z).subnetIdentifier()));
        Set<String> subnets = new TreeSet<>();
        for (String id : subnetIds) {
            if (!known.contains(id)) {
                throw new InvalidSubnetFault(id);
            }
            subnets.add(id);
        }
        if (subnets.size() > subnetQuota) {
            throw new CacheSubnetQuotaExceededFault(subnetQuota);
        }
        return subnets;
    }

    static String normalizeNewName(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new MissingParameterFault("CacheSubnetGroupName");
        }
        String name = raw.toLowerCase(Locale.ROOT);
        boolean valid = name.length() <= MAX_NAME_LENGTH && name.charAt(0) >= 'a' && name.charAt(0) <= 'z'
                && !name.endsWith("-") && !name.contains("--") && name.chars().allMatch(c -> (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9') || c == '-');
        if (!valid) {
            throw new InvalidParameterValueException("The parameter CacheSubnetGroupName is not a valid identifier. "
                    + "Identifiers must begin with a letter; must contain only ASCII letters, digits, and hyphens; "
                    + "and must not end with a hyphen or contain two consecutive hyphens.");
        }
        return name;
    }

    private CacheSubnetGroupView defaultView(String accountId) {
        return new CacheSubnetGroupView(DEFAULT_GROUP, "default", vpcId(),
                fleet.zones().stream().map(Subnet::ofZone).toList(),
                ResourceArn.of(region, accountId, CacheSubnetGroupTaggable.ARN_TYPE, DEFAULT_GROUP));
    }

    private CacheSubnetGroupView view(String accountId, CacheSubnetGroup g) {
        return new CacheSubnetGroupView(g.name(), g.description(), vpcId(),
                zones(g.subnetIds()).stream().map(Subnet::ofZone).toList(),
                ResourceArn.of(region, accountId, CacheSubnetGroupTaggable.ARN_TYPE, g.name()));
    }

    /** @param lastName where the next page starts (exclusive); empty on the last page */
    public record Page(List<CacheSubnetGroupView> groups, Optional<String> lastName) {}
}

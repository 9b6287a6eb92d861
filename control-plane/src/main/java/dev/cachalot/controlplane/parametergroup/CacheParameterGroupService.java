package dev.cachalot.controlplane.parametergroup;

import dev.cachalot.controlplane.CachalotProperties;
import dev.cachalot.controlplane.event.EventService;
import dev.cachalot.controlplane.event.SourceType;
import dev.cachalot.controlplane.fault.InvalidParameterCombinationException;
import dev.cachalot.controlplane.fault.InvalidParameterValueException;
import dev.cachalot.controlplane.fault.MissingParameterFault;
import dev.cachalot.controlplane.identity.Caller;
import dev.cachalot.controlplane.tag.ResourceArn;
import dev.cachalot.controlplane.tag.Tag;
import dev.cachalot.controlplane.tag.TagService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cache parameter groups of every account: the default group of each family ({@code default.redis7}
 * …), which every account has and nobody can change, and the account's own groups, created as a
 * copy of their family's defaults. A change to a group reaches the nodes of every cluster that uses
 * it (through {@link CacheParameterGroupUsers}).
 */
@Service
public class CacheParameterGroupService {

    static final String DEFAULT_PREFIX = "default.";
    /** ElastiCache's limit per ModifyCacheParameterGroup call; Terraform sends batches of this size. */
    static final int MAX_PARAMETERS_PER_MODIFY = 20;
    static final int MAX_NAME_LENGTH = 255;

    private final CacheParameterGroupRepository groups;
    private final ParameterCatalog catalog;
    private final TagService tags;
    private final EventService events;
    private final List<CacheParameterGroupUsers> users;
    private final Clock clock;
    private final String region;
    private final int quota;

    CacheParameterGroupService(CacheParameterGroupRepository groups, ParameterCatalog catalog, TagService tags,
                               EventService events, List<CacheParameterGroupUsers> users, Clock clock,
                               CachalotProperties properties,
                               @Value("${cachalot.quotas.cache-parameter-groups-per-account:150}") int quota) {
        this.groups = groups;
        this.catalog = catalog;
        this.tags = tags;
        this.events = events;
        this.users = users;
        this.clock = clock;
        this.region = properties.region();
        this.quota = quota;
    }

    // ---- queries other features use ----

    /**
     * The family of the caller's group, share-locked until the caller's transaction ends (so that it
     * cannot be deleted while a cluster starts using it); empty when there is no such group.
     */
    @Transactional
    public Optional<String> familyForUse(String accountId, String groupName) {
        String name = groupName.toLowerCase(Locale.ROOT);
        Optional<String> defaultFamily = defaultFamily(name);
        if (defaultFamily.isPresent()) {
            return defaultFamily;
        }
        return groups.findForUse(accountId, name).map(CacheParameterGroup::family);
    }

    /** Every parameter of the group with the value the group gives it, in name order. */
    @Transactional(readOnly = true)
    public List<ParameterValue> values(String accountId, String groupName) {
        String name = groupName.toLowerCase(Locale.ROOT);
        Optional<String> defaultFamily = defaultFamily(name);
        if (defaultFamily.isPresent()) {
            return values(defaultFamily.get(), Map.of());
        }
        CacheParameterGroup group = groups.findByAccountIdAndName(accountId, name)
                .orElseThrow(() -> new CacheParameterGroupNotFoundFault(name));
        return values(group.family(), group.values());
    }

    private List<ParameterValue> values(String family, Map<String, String> userValues) {
        List<ParameterValue> values = new ArrayList<>();
        for (CacheParameter p : catalog.parameters(family)) {
            String user = userValues.get(p.name());
            values.add(user != null ? new ParameterValue(p, user, "user") : new ParameterValue(p, p.defaultValue(), p.defaultSource()));
        }
        return values;
    }

    /** Whether the account has the group (the default groups included). */
    @Transactional(readOnly = true)
    public boolean exists(String accountId, String groupName) {
        String name = groupName.toLowerCase(Locale.ROOT);
        return defaultFamily(name).isPresent() || groups.findByAccountIdAndName(accountId, name).isPresent();
    }

    // ---- the API ----

    @Transactional
    public CacheParameterGroupView create(Caller caller, String rawName, String family, String description, List<Tag> requestTags) {
        String name = normalizeNewName(rawName);
        if (family == null || family.isEmpty()) {
            throw new MissingParameterFault("CacheParameterGroupFamily");
        }
        if (description == null) {
            throw new MissingParameterFault("Description");
        }
        if (!catalog.hasFamily(family)) {
            throw new InvalidParameterValueException("The parameter CacheParameterGroupFamily is not valid: " + family
                    + ". Valid values are: " + String.join(", ", catalog.families()) + ".");
        }
        List<Tag> validTags = tags.validate(requestTags);
        if (groups.findByAccountIdAndName(caller.accountId(), name).isPresent()) {
            throw new CacheParameterGroupAlreadyExistsFault(name);
        }
        if (groups.countByAccountId(caller.accountId()) >= quota) {
            throw new CacheParameterGroupQuotaExceededFault(quota);
        }
        CacheParameterGroup group = new CacheParameterGroup(caller.accountId(), name, family, description, clock.instant());
        try {
            groups.saveAndFlush(group);
        } catch (DataIntegrityViolationException e) {
            throw new CacheParameterGroupAlreadyExistsFault(name); // a concurrent create won
        }
        tags.tagNew(caller.accountId(), CacheParameterGroupTaggable.ARN_TYPE, name, validTags);
        events.record(caller.accountId(), SourceType.CACHE_PARAMETER_GROUP, name, "Cache parameter group created");
        return view(caller.accountId(), group);
    }

    /**
     * One group by name, or a page of the caller's groups (the default groups first among them, all
     * in name order).
     */
    @Transactional(readOnly = true)
    public Page<CacheParameterGroupView> describe(Caller caller, Optional<String> groupName, int maxRecords, Optional<String> after) {
        if (groupName.isPresent()) {
            String name = groupName.get().toLowerCase(Locale.ROOT);
            Optional<String> family = defaultFamily(name);
            if (family.isPresent()) {
                return new Page<>(List.of(defaultView(caller.accountId(), family.get())), Optional.empty());
            }
            CacheParameterGroup group = groups.findByAccountIdAndName(caller.accountId(), name)
                    .orElseThrow(() -> new CacheParameterGroupNotFoundFault(name));
            return new Page<>(List.of(view(caller.accountId(), group)), Optional.empty());
        }
        String start = after.orElse("");
        List<CacheParameterGroupView> candidates = new ArrayList<>();
        for (String family : catalog.families()) {
            if ((DEFAULT_PREFIX + family).compareTo(start) > 0) {
                candidates.add(defaultView(caller.accountId(), family));
            }
        }
        groups.page(caller.accountId(), start, Limit.of(maxRecords + 1)).forEach(g -> candidates.add(view(caller.accountId(), g)));
        candidates.sort(Comparator.comparing(CacheParameterGroupView::name));
        return Page.of(candidates, maxRecords, CacheParameterGroupView::name);
    }

    /** Sets parameter values (at most 20 per call); returns the group's name. */
    @Transactional
    public String modify(Caller caller, String rawName, List<Map.Entry<String, String>> nameValues) {
        if (nameValues == null || nameValues.isEmpty()) {
            throw new MissingParameterFault("ParameterNameValues");
        }
        if (nameValues.size() > MAX_PARAMETERS_PER_MODIFY) {
            throw new InvalidParameterCombinationException("Cannot modify more than " + MAX_PARAMETERS_PER_MODIFY
                    + " parameters in a single request");
        }
        CacheParameterGroup group = findForChange(caller, rawName);
        Map<String, String> changes = new LinkedHashMap<>();
        for (Map.Entry<String, String> nv : nameValues) {
            CacheParameter p = modifiable(group, nv.getKey());
            if (nv.getValue() == null) {
                throw new InvalidParameterValueException("The parameter ParameterValue must be provided for parameter "
                        + p.name() + ".");
            }
            ParameterCatalog.checkValue(p, nv.getValue());
            changes.put(p.name(), nv.getValue());
        }
        group.values().putAll(changes);
        groups.saveAndFlush(group);
        events.record(caller.accountId(), SourceType.CACHE_PARAMETER_GROUP, group.name(), "Cache parameter group modified");
        users.forEach(u -> u.parameterGroupChanged(caller.accountId(), group.name()));
        return group.name();
    }

    /** Returns parameters (all, or the named ones) to their family defaults; returns the group's name. */
    @Transactional
    public String reset(Caller caller, String rawName, boolean resetAll, List<String> names) {
        boolean named = names != null && !names.isEmpty();
        if (resetAll && named) {
            throw new InvalidParameterCombinationException("ResetAllParameters and ParameterNameValues cannot be used together.");
        }
        if (!resetAll && !named) {
            throw new InvalidParameterCombinationException("Either ResetAllParameters or ParameterNameValues must be specified.");
        }
        CacheParameterGroup group = findForChange(caller, rawName);
        if (resetAll) {
            group.values().clear();
        } else {
            List<String> resolved = names.stream().map(n -> modifiable(group, n).name()).toList();
            resolved.forEach(group.values()::remove);
        }
        groups.saveAndFlush(group);
        events.record(caller.accountId(), SourceType.CACHE_PARAMETER_GROUP, group.name(), "Cache parameter group reset");
        users.forEach(u -> u.parameterGroupChanged(caller.accountId(), group.name()));
        return group.name();
    }

    @Transactional
    public void delete(Caller caller, String rawName) {
        String name = rawName.toLowerCase(Locale.ROOT);
        if (defaultFamily(name).isPresent()) {
            throw new InvalidCacheParameterGroupStateFault("Default CacheParameterGroup cannot be deleted: " + name);
        }
        CacheParameterGroup group = groups.findForUpdate(caller.accountId(), name)
                .orElseThrow(() -> new CacheParameterGroupNotFoundFault(name));
        if (users.stream().anyMatch(u -> u.usesParameterGroup(caller.accountId(), name))) {
            throw new InvalidCacheParameterGroupStateFault("Cache parameter group " + name + " can not be deleted in the current state.");
        }
        groups.delete(group);
        tags.deleteAll(caller.accountId(), CacheParameterGroupTaggable.ARN_TYPE, name);
        events.record(caller.accountId(), SourceType.CACHE_PARAMETER_GROUP, name, "Cache parameter group deleted");
    }

    /**
     * A page of a group's parameters in name order.
     *
     * @param source {@code user}, {@code system} or {@code engine-default}; null for all
     */
    @Transactional(readOnly = true)
    public Page<ParameterValue> describeParameters(Caller caller, String rawName, String source, int maxRecords,
                                                   Optional<String> after) {
        if (source != null && !Set.of("user", "system", "engine-default").contains(source)) {
            throw new InvalidParameterValueException("Invalid value for Source: " + source
                    + ". Valid values are: user, system, engine-default.");
        }
        List<ParameterValue> matching = values(caller.accountId(), rawName).stream()
                .filter(v -> source == null || v.source().equals(source))
                .filter(v -> after.isEmpty() || v.name().compareTo(after.get()) > 0)
                .toList();
        return Page.of(matching, maxRecords, ParameterValue::name);
    }

    /** A page of a family's default parameters. */
    public Page<ParameterValue> engineDefaults(String family, int maxRecords, Optional<String> after) {
        if (family == null || family.isEmpty()) {
            throw new MissingParameterFault("CacheParameterGroupFamily");
        }
        if (!catalog.hasFamily(family)) {
            throw new InvalidParameterValueException("The parameter CacheParameterGroupFamily is not valid: " + family
                    + ". Valid values are: " + String.join(", ", catalog.families()) + ".");
        }
        List<ParameterValue> matching = values(family, Map.of()).stream()
                .filter(v -> after.isEmpty() || v.name().compareTo(after.get()) > 0)
                .toList();
        return Page.of(matching, maxRecords, ParameterValue::name);
    }

    // ---- helpers ----

    private CacheParameterGroup findForChange(Caller caller, String rawName) {
        if (rawName == null || rawName.isEmpty()) {
            throw new MissingParameterFault("CacheParameterGroupName");
        }
        String name = rawName.toLowerCase(Locale.ROOT);
        if (defaultFamily(name).isPresent()) {
            throw new InvalidParameterValueException("Cannot modify a default parameter group: " + name);
        }
        return groups.findForUpdate(caller.accountId(), name).orElseThrow(() -> new CacheParameterGroupNotFoundFault(name));
    }

    private CacheParameter modifiable(CacheParameterGroup group, String parameterName) {
        if (parameterName == null || parameterName.isEmpty()) {
            throw new MissingParameterFault("ParameterName");
        }
        CacheParameter p = catalog.parameter(group.family(), parameterName)
                .orElseThrow(() -> new InvalidParameterValueException("Unknown parameter: " + parameterName
                        + " is not a parameter of family " + group.family() + "."));
        if (!p.modifiable()) {
            throw new InvalidParameterValueException("Parameter " + p.name() + " is not modifiable.");
        }
        return p;
    }

    /** The family of a default group's name ({@code default.redis7} → {@code redis7}). */
    private Optional<String> defaultFamily(String name) {
        if (!name.startsWith(DEFAULT_PREFIX)) {
            return Optional.empty();
        }
        String family = name.substring(DEFAULT_PREFIX.length());
        return catalog.hasFamily(family) ? Optional.of(family) : Optional.empty();
    }

    static String normalizeNewName(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new MissingParameterFault("CacheParameterGroupName");
        }
        String name = raw.toLowerCase(Locale.ROOT);
        boolean valid = name.length() <= MAX_NAME_LENGTH && name.charAt(0) >= 'a' && name.charAt(0) <= 'z'
                && !name.endsWith("-") && !name.contains("--") && name.chars().allMatch(c -> (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9') || c == '-');
        if (!valid) {
            throw new InvalidParameterValueException("The parameter CacheParameterGroupName is not a valid identifier. "
                    + "Identifiers must begin with a letter; must contain only ASCII letters, digits, and hyphens; "
                    + "and must not end with a hyphen or contain two consecutive hyphens.");
        }
        return name;
    }

    private CacheParameterGroupView defaultView(String accountId, String family) {
        return new CacheParameterGroupView(DEFAULT_PREFIX + family, family, "Default parameter group for " + family,
                false, ResourceArn.of(region, accountId, CacheParameterGroupTaggable.ARN_TYPE, DEFAULT_PREFIX + family));
    }

    private CacheParameterGroupView view(String accountId, CacheParameterGroup g) {
        return new CacheParameterGroupView(g.name(), g.family(), g.description(), false,
                ResourceArn.of(region, accountId, CacheParameterGroupTaggable.ARN_TYPE, g.name()));
    }

    /**
     * One page of a listing.
     *
     * @param lastKey where the next page starts (exclusive); empty on the last page
     */
    public record Page<T>(List<T> items, Optional<String> lastKey) {

        static <T> Page<T> of(List<T> candidates, int maxRecords, java.util.function.Function<T, String> key) {
            boolean more = candidates.size() > maxRecords;
            List<T> shown = more ? List.copyOf(candidates.subList(0, maxRecords)) : List.copyOf(candidates);
            return new Page<>(shown, more ? Optional.of(key.apply(shown.getLast())) : Optional.empty());
        }
    }
}

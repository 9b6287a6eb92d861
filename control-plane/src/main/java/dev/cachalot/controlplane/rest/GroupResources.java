package dev.cachalot.controlplane.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cachalot.controlplane.catalog.EngineVersion;
import dev.cachalot.controlplane.engineversion.CacheEngineVersionService;
import dev.cachalot.controlplane.event.EventService;
import dev.cachalot.controlplane.event.EventView;
import dev.cachalot.controlplane.fault.InvalidParameterValueException;
import dev.cachalot.controlplane.fault.MissingParameterFault;
import dev.cachalot.controlplane.identity.Caller;
import dev.cachalot.controlplane.parametergroup.CacheParameterGroupService;
import dev.cachalot.controlplane.parametergroup.CacheParameterGroupView;
import dev.cachalot.controlplane.parametergroup.ParameterValue;
import dev.cachalot.controlplane.subnetgroup.CacheSubnetGroupService;
import dev.cachalot.controlplane.subnetgroup.CacheSubnetGroupView;
import dev.cachalot.controlplane.tag.TagService;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cache parameter groups and their parameters, cache subnet groups, engine versions and the
 * event log: translation to {@link CacheParameterGroupService}, {@link CacheSubnetGroupService},
 * {@link CacheEngineVersionService} and {@link EventService}.
 */
@RestController
class GroupResources {

    private static final String PARAMETER_GROUPS = RestRequest.PREFIX + "/cache-parameter-groups";
    private static final String SUBNET_GROUPS = RestRequest.PREFIX + "/cache-subnet-groups";

    private final CacheParameterGroupService parameterGroups;
    private final CacheSubnetGroupService subnetGroups;
    private final CacheEngineVersionService engineVersions;
    private final EventService events;
    private final TagService tags;
    private final IdempotencyKeys idempotency;
    private final JsonMapper json;

    GroupResources(CacheParameterGroupService parameterGroups, CacheSubnetGroupService subnetGroups,
                   CacheEngineVersionService engineVersions, EventService events, TagService tags, IdempotencyKeys idempotency,
                   JsonMapper json) {
        this.json = json;
        this.parameterGroups = parameterGroups;
        this.subnetGroups = subnetGroups;
        this.engineVersions = engineVersions;
        this.events = events;
        this.tags = tags;
        this.idempotency = idempotency;
    }

    // ------------------------------------------------------------------------------ shapes

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ParameterGroup(String cacheParameterGroupName, String cacheParameterGroupFamily, String description, String arn,
                          boolean isDefault) {
        static ParameterGroup of(CacheParameterGroupView g) {
            return new ParameterGroup(g.name(), g.family(), g.description(), g.arn(), g.name().startsWith("default."));
        }
    }

    record CreateParameterGroup(String cacheParameterGroupName, String cacheParameterGroupFamily, String description,
                                List<TagJson> tags) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Parameter(String parameterName, String parameterValue, String source, String description, String dataType,
                     String allowedValues, boolean isModifiable, String changeType, String minimumEngineVersion) {
        static Parameter of(ParameterValue v) {
            return new Parameter(v.name(), v.value(), v.source(), v.parameter().description(), v.parameter().dataType(),
                    v.parameter().allowedValues(), v.parameter().modifiable(), v.parameter().changeType().wireValue(),
                    v.parameter().minimumEngineVersion());
        }
    }

    /** Values to set, by parameter name (at most 20 at a time). */
    record ModifyParameters(Map<String, String> parameters) {}

    /** Back to the family's defaults: every parameter, or the named ones. */
    record ResetParameters(Boolean all, List<String> parameterNames) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SubnetGroup(String cacheSubnetGroupName, String description, String vpcId, List<Subnet> subnets, String arn) {
        static SubnetGroup of(CacheSubnetGroupView g) {
            return new SubnetGroup(g.name(), g.description(), g.vpcId(),
                    g.subnets().stream().map(s -> new Subnet(s.subnetIdentifier(), s.availabilityZone())).toList(), g.arn());
        }
    }

    record Subnet(String subnetIdentifier, String availabilityZone) {}

    record CreateSubnetGroup(String cacheSubnetGroupName, String description, List<String> subnetIds, List<TagJson> tags) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ModifySubnetGroup(String description, List<String> subnetIds) {}

    record EngineVersionJson(String engine, String engineVersion, String cacheParameterGroupFamily, boolean isDefault,
                             String engineDescription, String engineVersionDescription) {
        static EngineVersionJson of(EngineVersion v) {
            return new EngineVersionJson(v.engine().wireName(), v.version(), v.family(), v.isDefault(), v.engineDescription(),
                    v.versionDescription());
        }
    }

    record Event(String eventId, String sourceIdentifier, String sourceType, String message, Instant date) {
        static Event of(EventView e) {
            return new Event(Long.toString(e.id()), e.sourceIdentifier(), e.sourceType().wireValue(), e.message(), Times.millis(e.date()));
        }
    }

    // ------------------------------------------------------------------------------ parameter groups

    @GetMapping(PARAMETER_GROUPS)
    Paging.Page<ParameterGroup> parameterGroups(Caller caller, @RequestParam(required = false) Integer limit,
                                                @RequestParam(required = false) String cursor) {
        CacheParameterGroupService.Page<CacheParameterGroupView> page = parameterGroups.describe(caller, Optional.empty(),
                Paging.limit(limit), Paging.decode("cache-parameter-groups", caller, cursor));
        return new Paging.Page<>(page.items().stream().map(ParameterGroup::of).toList(),
                page.lastKey().map(k -> Paging.encode("cache-parameter-groups", caller, k)).orElse(null));
    }

    @PostMapping(PARAMETER_GROUPS)
    ResponseEntity<Object> createParameterGroup(Caller caller, HttpServletRequest request, @RequestBody CreateParameterGroup body) {
        return idempotency.run(caller, request, body, () -> {
            ParameterGroup group = ParameterGroup.of(parameterGroups.create(caller, body.cacheParameterGroupName(),
                    body.cacheParameterGroupFamily(), body.description(), TagJson.tags(body.tags())));
            return ResponseEntity.created(URI.create(PARAMETER_GROUPS + "/" + group.cacheParameterGroupName())).body(group);
        });
    }

    @GetMapping(PARAMETER_GROUPS + "/{name}")
    ParameterGroup parameterGroup(Caller caller, @PathVariable String name) {
        return ParameterGroup.of(findParameterGroup(caller, name));
    }

    @DeleteMapping(PARAMETER_GROUPS + "/{name}")
    ResponseEntity<Void> deleteParameterGroup(Caller caller, @PathVariable String name) {
        parameterGroups.delete(caller, name);
        return ResponseEntity.noContent().build();
    }

    @GetMapping(PARAMETER_GROUPS + "/{name}/parameters")
    Paging.Page<Parameter> parameters(Caller caller, @PathVariable String name, @RequestParam(required = false) String source,
                                      @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        String listing = "parameters/" + name.toLowerCase(java.util.Locale.ROOT);
        CacheParameterGroupService.Page<ParameterValue> page = parameterGroups.describeParameters(caller, name, source,
                Paging.limit(limit), Paging.decode(listing, caller, cursor));
        return new Paging.Page<>(page.items().stream().map(Parameter::of).toList(),
                page.lastKey().map(k -> Paging.encode(listing, caller, k)).orElse(null));
    }

    /** Sets parameter values; the clusters that use the group get them (some only after a reboot). */
    @PatchMapping(PARAMETER_GROUPS + "/{name}/parameters")
    ParameterGroup modifyParameters(Caller caller, @PathVariable String name, @RequestBody ModifyParameters body) {
        if (body.parameters() == null) {
            throw new MissingParameterFault("parameters");
        }
        List<Map.Entry<String, String>> values = new ArrayList<>();
        body.parameters().forEach((k, v) -> values.add(new java.util.AbstractMap.SimpleEntry<>(k, v)));
        return ParameterGroup.of(findParameterGroup(caller, parameterGroups.modify(caller, name, values)));
    }

    @PostMapping(PARAMETER_GROUPS + "/{name}/parameters/reset")
    ParameterGroup resetParameters(Caller caller, @PathVariable String name, @RequestBody ResetParameters body) {
        return ParameterGroup.of(findParameterGroup(caller, parameterGroups.reset(caller, name, Boolean.TRUE.equals(body.all()),
                body.parameterNames())));
    }

    @GetMapping(PARAMETER_GROUPS + "/{name}/tags")
    TagJson.Tags parameterGroupTags(Caller caller, @PathVariable String name) {
        return TagJson.Tags.of(tags.list(caller, findParameterGroup(caller, name).arn()));
    }

    @PostMapping(PARAMETER_GROUPS + "/{name}/tags")
    TagJson.Tags addParameterGroupTags(Caller caller, @PathVariable String name, @RequestBody TagJson.AddTags body) {
        return TagJson.Tags.of(tags.add(caller, findParameterGroup(caller, name).arn(), TagJson.tags(body.tags())));
    }

    @DeleteMapping(PARAMETER_GROUPS + "/{name}/tags")
    TagJson.Tags removeParameterGroupTags(Caller caller, @PathVariable String name, @RequestParam("key") List<String> keys) {
        return TagJson.Tags.of(tags.remove(caller, findParameterGroup(caller, name).arn(), keys));
    }

    @GetMapping(RestRequest.PREFIX + "/engine-default-parameters/{family}")
    Paging.Page<Parameter> engineDefaults(Caller caller, @PathVariable String family, @RequestParam(required = false) Integer limit,
                                          @RequestParam(required = false) String cursor) {
        String listing = "engine-defaults/" + family;
        CacheParameterGroupService.Page<ParameterValue> page = parameterGroups.engineDefaults(family, Paging.limit(limit),
                Paging.decode(listing, caller, cursor));
        return new Paging.Page<>(page.items().stream().map(Parameter::of).toList(),
                page.lastKey().map(k -> Paging.encode(listing, caller, k)).orElse(null));
    }

    private CacheParameterGroupView findParameterGroup(Caller caller, String name) {
        return parameterGroups.describe(caller, Optional.of(name), 1, Optional.empty()).items().getFirst();
    }

    // ------------------------------------------------------------------------------ subnet groups

    @GetMapping(SUBNET_GROUPS)
    Paging.Page<SubnetGroup> subnetGroups(Caller caller, @RequestParam(required = false) Integer limit,
                                          @RequestParam(required = false) String cursor) {
        CacheSubnetGroupService.Page page = subnetGroups.describe(caller, Optional.empty(), Paging.limit(limit),
                Paging.decode("cache-subnet-groups", caller, cursor));
        return new Paging.Page<>(page.groups().stream().map(SubnetGroup::of).toList(),
                page.lastName().map(k -> Paging.encode("cache-subnet-groups", caller, k)).orElse(null));
    }

    @PostMapping(SUBNET_GROUPS)
    ResponseEntity<Object> createSubnetGroup(Caller caller, HttpServletRequest request, @RequestBody CreateSubnetGroup body) {
        return idempotency.run(caller, request, body, () -> {
            SubnetGroup group = SubnetGroup.of(subnetGroups.create(caller, body.cacheSubnetGroupName(), body.description(),
                    body.subnetIds(), TagJson.tags(body.tags())));
            return ResponseEntity.created(URI.create(SUBNET_GROUPS + "/" + group.cacheSubnetGroupName())).body(group);
        });
    }

    @GetMapping(SUBNET_GROUPS + "/{name}")
    ResponseEntity<SubnetGroup> subnetGroup(Caller caller, @PathVariable String name) {
        SubnetGroup group = SubnetGroup.of(findSubnetGroup(caller, name));
        return ResponseEntity.ok().eTag(ETags.of(json, group)).body(group);
    }

    @PatchMapping(SUBNET_GROUPS + "/{name}")
    ResponseEntity<SubnetGroup> modifySubnetGroup(Caller caller, @PathVariable String name,
                                                  @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                                  @RequestBody ModifySubnetGroup body) {
        SubnetGroup group = SubnetGroup.of(subnetGroups.modify(caller, name, body.description(), body.subnetIds(),
                ETags.ifMatch(ifMatch, json, (CacheSubnetGroupView v) -> SubnetGroup.of(v))));
        return ResponseEntity.ok().eTag(ETags.of(json, group)).body(group);
    }

    @DeleteMapping(SUBNET_GROUPS + "/{name}")
    ResponseEntity<Void> deleteSubnetGroup(Caller caller, @PathVariable String name) {
        subnetGroups.delete(caller, name);
        return ResponseEntity.noContent().build();
    }

    @GetMapping(SUBNET_GROUPS + "/{name}/tags")
    TagJson.Tags subnetGroupTags(Caller caller, @PathVariable String name) {
        return TagJson.Tags.of(tags.list(caller, findSubnetGroup(caller, name).arn()));
    }

    @PostMapping(SUBNET_GROUPS + "/{name}/tags")
    TagJson.Tags addSubnetGroupTags(Caller caller, @PathVariable String name, @RequestBody TagJson.AddTags body) {
        return TagJson.Tags.of(tags.add(caller, findSubnetGroup(caller, name).arn(), TagJson.tags(body.tags())));
    }

    @DeleteMapping(SUBNET_GROUPS + "/{name}/tags")
    TagJson.Tags removeSubnetGroupTags(Caller caller, @PathVariable String name, @RequestParam("key") List<String> keys) {
        return TagJson.Tags.of(tags.remove(caller, findSubnetGroup(caller, name).arn(), keys));
    }

    private CacheSubnetGroupView findSubnetGroup(Caller caller, String name) {
        return subnetGroups.describe(caller, Optional.of(name), 1, Optional.empty()).groups().getFirst();
    }

    // ------------------------------------------------------------------------------ engine versions, events

    @GetMapping(RestRequest.PREFIX + "/engine-versions")
    Paging.Page<EngineVersionJson> engineVersions(Caller caller, @RequestParam(required = false) String engine,
                                                  @RequestParam(required = false) String engineVersion,
                                                  @RequestParam(required = false) String family,
                                                  @RequestParam(defaultValue = "false") boolean defaultOnly,
                                                  @RequestParam(required = false) Integer limit,
                                                  @RequestParam(required = false) String cursor) {
        CacheEngineVersionService.Page page = engineVersions.describe(engine, engineVersion, family, defaultOnly,
                Paging.limit(limit), Paging.decode("engine-versions", caller, cursor));
        return new Paging.Page<>(page.versions().stream().map(EngineVersionJson::of).toList(),
                page.lastKey().map(k -> Paging.encode("engine-versions", caller, k)).orElse(null));
    }

    /**
     * The account's events, oldest first: by default the last hour; {@code startTime}/{@code endTime}
     * (ISO-8601) or {@code duration} (minutes) choose another window, within the 14 days kept.
     */
    @GetMapping(RestRequest.PREFIX + "/events")
    Paging.Page<Event> events(Caller caller, @RequestParam(required = false) String sourceType,
                              @RequestParam(required = false) String sourceIdentifier,
                              @RequestParam(required = false) String startTime, @RequestParam(required = false) String endTime,
                              @RequestParam(required = false) Integer duration,
                              @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        EventService.Page page = events.describe(caller, sourceType, sourceIdentifier, instant("startTime", startTime),
                instant("endTime", endTime), duration, Paging.limit(limit),
                Paging.decode("events", caller, cursor).map(GroupResources::eventId));
        return new Paging.Page<>(page.events().stream().map(Event::of).toList(),
                page.lastId().map(id -> Paging.encode("events", caller, Long.toString(id))).orElse(null));
    }

    private static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidParameterValueException("The parameter " + name + " must be an ISO-8601 time, e.g. 2026-01-01T00:00:00Z.");
        }
    }

    private static long eventId(String key) {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw new InvalidParameterValueException("Invalid cursor.");
        }
    }
}

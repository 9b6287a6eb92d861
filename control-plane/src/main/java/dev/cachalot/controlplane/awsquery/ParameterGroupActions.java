package dev.cachalot.controlplane.awsquery;

import dev.cachalot.controlplane.parametergroup.CacheParameterGroupService;
import dev.cachalot.controlplane.parametergroup.CacheParameterGroupService.Page;
import dev.cachalot.controlplane.parametergroup.CacheParameterGroupView;
import dev.cachalot.controlplane.parametergroup.ParameterValue;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The cache parameter group operations on the wire: Create/Describe/Modify/Reset/Delete
 * CacheParameterGroup(s), DescribeCacheParameters, DescribeEngineDefaultParameters.
 */
@Component
class ParameterGroupActions implements QueryAction.Group {

    private static final String GROUPS = "parameter-groups";
    private static final String PARAMETERS = "parameters/";
    private static final String DEFAULTS = "engine-defaults/";

    private final CacheParameterGroupService groups;

    ParameterGroupActions(CacheParameterGroupService groups) {
        this.groups = groups;
    }

    @Override
    public List<QueryAction> actions() {
        return List.of(
                new QueryAction("CreateCacheParameterGroup", true, (caller, p, xml) -> {
                    CacheParameterGroupView created = groups.create(caller, p.required("CacheParameterGroupName"),
                            p.required("CacheParameterGroupFamily"), p.stringOrNull("Description"), TagActions.tags(p));
                    xml.struct("CacheParameterGroup", () -> writeGroup(xml, created));
                }),
                new QueryAction("DescribeCacheParameterGroups", true, (caller, p, xml) -> {
                    Page<CacheParameterGroupView> page = groups.describe(caller, p.string("CacheParameterGroupName"),
                            p.maxRecords(), Markers.decode(GROUPS, caller, p));
                    page.lastKey().ifPresent(last -> xml.element("Marker", Markers.encode(GROUPS, caller, last)));
                    xml.list("CacheParameterGroups", "CacheParameterGroup", page.items(), ParameterGroupActions::writeGroup);
                }),
                new QueryAction("ModifyCacheParameterGroup", true, (caller, p, xml) ->
                        xml.element("CacheParameterGroupName", groups.modify(caller, p.required("CacheParameterGroupName"),
                                nameValues(p)))),
                new QueryAction("ResetCacheParameterGroup", true, (caller, p, xml) -> {
                    List<Map.Entry<String, String>> named = nameValues(p);
                    xml.element("CacheParameterGroupName", groups.reset(caller, p.required("CacheParameterGroupName"),
                            Boolean.TRUE.equals(p.bool("ResetAllParameters")),
                            named == null ? null : named.stream().map(Map.Entry::getKey).toList()));
                }),
                new QueryAction("DeleteCacheParameterGroup", false, (caller, p, xml) ->
                        groups.delete(caller, p.required("CacheParameterGroupName"))),
                new QueryAction("DescribeCacheParameters", true, (caller, p, xml) -> {
                    String name = p.required("CacheParameterGroupName");
                    String listing = PARAMETERS + name.toLowerCase(java.util.Locale.ROOT);
                    Page<ParameterValue> page = groups.describeParameters(caller, name, p.stringOrNull("Source"),
                            p.maxRecords(), Markers.decode(listing, caller, p));
                    page.lastKey().ifPresent(last -> xml.element("Marker", Markers.encode(listing, caller, last)));
                    writeParameters(xml, page.items());
                }),
                new QueryAction("DescribeEngineDefaultParameters", true, (caller, p, xml) -> {
                    String family = p.required("CacheParameterGroupFamily");
                    String listing = DEFAULTS + family;
                    Page<ParameterValue> page = groups.engineDefaults(family, p.maxRecords(), Markers.decode(listing, caller, p));
                    xml.struct("EngineDefaults", () -> {
                        xml.element("CacheParameterGroupFamily", family);
                        page.lastKey().ifPresent(last -> xml.element("Marker", Markers.encode(listing, caller, last)));
                        writeParameters(xml, page.items());
                    });
                }));
    }

    /** {@code ParameterNameValues.ParameterNameValue.N.ParameterName/ParameterValue}; null when absent. */
    private static List<Map.Entry<String, String>> nameValues(QueryParameters p) {
        List<Map<String, String>> items = p.structList("ParameterNameValues", "ParameterNameValue", "ParameterName", "ParameterValue");
        return items == null ? null : items.stream()
                .map(i -> (Map.Entry<String, String>) new AbstractMap.SimpleEntry<>(i.get("ParameterName"), i.get("ParameterValue")))
                .toList();
    }

    private static void writeGroup(XmlWriter xml, CacheParameterGroupView g) {
        xml.element("CacheParameterGroupName", g.name())
                .element("CacheParameterGroupFamily", g.family())
                .element("Description", g.description())
                .element("IsGlobal", g.isGlobal())
                .element("ARN", g.arn());
    }

    private static void writeParameters(XmlWriter xml, List<ParameterValue> values) {
        xml.list("Parameters", "Parameter", values, (w, v) -> w
                .element("ParameterName", v.name())
                .element("ParameterValue", v.value())
                .element("Description", v.parameter().description())
                .element("Source", v.source())
                .element("DataType", v.parameter().dataType())
                .element("AllowedValues", v.parameter().allowedValues().isEmpty() ? null : v.parameter().allowedValues())
                .element("IsModifiable", v.parameter().modifiable())
                .element("MinimumEngineVersion", v.parameter().minimumEngineVersion())
                .element("ChangeType", v.parameter().changeType().wireValue()));
        xml.list("CacheNodeTypeSpecificParameters", "CacheNodeTypeSpecificParameter", List.of(), (w, x) -> {});
    }
}

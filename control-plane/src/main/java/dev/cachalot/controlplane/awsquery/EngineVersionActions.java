package dev.cachalot.controlplane.awsquery;

import dev.cachalot.controlplane.engineversion.CacheEngineVersionService;
import java.util.List;
import org.springframework.stereotype.Component;

/** DescribeCacheEngineVersions on the wire. */
@Component
class EngineVersionActions implements QueryAction.Group {

    private static final String LISTING = "engine-versions";

    private final CacheEngineVersionService versions;

    EngineVersionActions(CacheEngineVersionService versions) {
        this.versions = versions;
    }

    @Override
    public List<QueryAction> actions() {
        return List.of(new QueryAction("DescribeCacheEngineVersions", true, (caller, p, xml) -> {
            CacheEngineVersionService.Page page = versions.describe(p.stringOrNull("Engine"), p.stringOrNull("EngineVersion"),
                    p.stringOrNull("CacheParameterGroupFamily"), Boolean.TRUE.equals(p.bool("DefaultOnly")),
                    p.maxRecords(), Markers.decode(LISTING, caller, p));
            page.lastKey().ifPresent(last -> xml.element("Marker", Markers.encode(LISTING, caller, last)));
            xml.list("CacheEngineVersions", "CacheEngineVersion", page.versions(), (w, v) -> w
                    .element("Engine", v.engine().wireName())
                    .element("EngineVersion", v.version())
                    .element("CacheParameterGroupFamily", v.family())
                    .element("CacheEngineDescription", v.engineDescription())
                    .element("CacheEngineVersionDescription", v.versionDescription()));
        }));
    }
}

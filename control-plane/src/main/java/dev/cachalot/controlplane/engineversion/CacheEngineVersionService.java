package dev.cachalot.controlplane.engineversion;

import dev.cachalot.controlplane.catalog.Engine;
import dev.cachalot.controlplane.catalog.EngineCatalog;
import dev.cachalot.controlplane.catalog.EngineVersion;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The engine versions Cachalot serves, as DescribeCacheEngineVersions lists them: the api-spec
 * catalog filtered by engine, version, family and "default only". The same catalog decides which
 * versions CreateCacheCluster accepts, so the two never disagree.
 */
@Service
public class CacheEngineVersionService {

    private final EngineCatalog catalog;

    public CacheEngineVersionService(EngineCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @param engine        an engine name (any case); an unknown one matches nothing
     * @param engineVersion an exact version ({@code 7.1.0}) or a major.minor line ({@code 7.1})
     * @param family        a cache parameter group family, e.g. {@code redis7}
     * @param defaultOnly   only the version each engine uses when a request names none
     * @param after         the key of the last version of the previous page, if any
     */
    public Page describe(String engine, String engineVersion, String family, boolean defaultOnly,
                         int maxRecords, Optional<String> after) {
        Optional<Engine> wanted = engine == null ? Optional.empty() : Engine.fromWireName(engine);
        if (engine != null && wanted.isEmpty()) {
            return new Page(List.of(), Optional.empty());
        }
        List<EngineVersion> matching = catalog.versions().stream()
                .filter(v -> wanted.isEmpty() || v.engine() == wanted.get())
                .filter(v -> engineVersion == null || v.version().equals(engineVersion) || v.majorMinor().equals(engineVersion))
                .filter(v -> family == null || v.family().equals(family))
                .filter(v -> !defaultOnly || v.equals(catalog.defaultVersion(v.engine())))
                .toList();
        int start = 0;
        if (after.isPresent()) {
            for (int i = 0; i < matching.size(); i++) {
                if (key(matching.get(i)).equals(after.get())) {
                    start = i + 1;
                    break;
                }
            }
        }
        List<EngineVersion> page = matching.subList(start, Math.min(matching.size(), start + maxRecords));
        boolean more = start + page.size() < matching.size();
        return new Page(page, more ? Optional.of(key(page.getLast())) : Optional.empty());
    }

    private static String key(EngineVersion v) {
        return v.engine().wireName() + "/" + v.version();
    }

    /** @param lastKey where the next page starts (exclusive); empty on the last page */
    public record Page(List<EngineVersion> versions, Optional<String> lastKey) {}
}

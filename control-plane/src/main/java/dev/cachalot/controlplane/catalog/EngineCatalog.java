package dev.cachalot.controlplane.catalog;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The engine versions Cachalot serves (api-spec {@code engine-versions.csv}). */
@Component
public class EngineCatalog {

    private final List<EngineVersion> versions;

    public EngineCatalog() {
        this.versions = ReferenceData.rows("engine-versions.csv").stream()
                .map(r -> new EngineVersion(
                        Engine.fromWireName(r[0]).orElseThrow(), r[1], r[2], Boolean.parseBoolean(r[3]), r[4], r[5]))
                .toList();
    }

    public List<EngineVersion> versions() {
        return versions;
    }

    /** The parameter group families of the versions served, in catalog order, without repeats. */
    public List<String> families() {
        return versions.stream().map(EngineVersion::family).distinct().toList();
    }

    /** The version used when a request names none. */
    public EngineVersion defaultVersion(Engine engine) {
        return versions.stream()
                .filter(v -> v.engine() == engine && v.isDefault())
                .reduce((first, second) -> second)
                .orElseThrow(() -> new IllegalStateException("no default version for " + engine));
    }

    /**
     * Resolves a requested version: an exact match ({@code 7.1.0}) or a major.minor prefix
     * ({@code 7.1}), which resolves to the newest patch of that line.
     */
    public Optional<EngineVersion> resolve(Engine engine, String requested) {
        EngineVersion best = null;
        for (EngineVersion v : versions) {
            if (v.engine() != engine) {
                continue;
            }
            if (v.version().equals(requested)) {
                return Optional.of(v);
            }
            if (v.majorMinor().equals(requested)) {
                best = v;
            }
        }
        return Optional.ofNullable(best);
    }
}

package dev.cachalot.controlplane.catalog;

/**
 * One engine version Cachalot serves.
 *
 * @param family             the cache parameter group family, e.g. {@code redis7}
 * @param engineDescription  e.g. {@code Redis} (DescribeCacheEngineVersions' CacheEngineDescription)
 * @param versionDescription e.g. {@code redis version 7.1.0}
 */
public record EngineVersion(Engine engine, String version, String family, boolean isDefault,
                            String engineDescription, String versionDescription) {

    /** {@code 7.1.0} → {@code 7.1}: the form Terraform and most users write. */
    public String majorMinor() {
        String[] parts = version.split("\\.");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : version;
    }

    /** The default parameter group of this version's family, e.g. {@code default.redis7}. */
    public String defaultParameterGroup() {
        return "default." + family;
    }
}

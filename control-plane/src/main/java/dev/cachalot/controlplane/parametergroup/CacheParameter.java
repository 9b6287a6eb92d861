package dev.cachalot.controlplane.parametergroup;

/**
 * One parameter of a parameter group family, from the api-spec catalog.
 *
 * @param defaultValue         the value of the family's default group ("" for an empty value)
 * @param allowedValues        comma-separated literals and numeric ranges; empty = any value
 * @param defaultSource        {@code engine-default} or {@code system}: the Source of the default value
 * @param engineSetting        the engine directive agents apply to nodes; empty when the control
 *                             plane applies the parameter itself, or nothing applies it yet
 */
public record CacheParameter(
        String name,
        String defaultValue,
        String dataType,
        String allowedValues,
        boolean modifiable,
        ChangeType changeType,
        String minimumEngineVersion,
        String defaultSource,
        String engineSetting,
        String description) {

    public boolean appliesToEngine() {
        return !engineSetting.isEmpty();
    }
}

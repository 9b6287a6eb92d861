package dev.cachalot.controlplane.parametergroup;

/**
 * A parameter of a group with the value the group gives it.
 *
 * @param source {@code user} when the group sets the value, otherwise the parameter's default source
 */
public record ParameterValue(CacheParameter parameter, String value, String source) {

    public String name() {
        return parameter.name();
    }
}

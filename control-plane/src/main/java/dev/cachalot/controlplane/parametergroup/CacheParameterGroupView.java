package dev.cachalot.controlplane.parametergroup;

/** A cache parameter group as DescribeCacheParameterGroups shows it. */
public record CacheParameterGroupView(String name, String family, String description, boolean isGlobal, String arn) {}

package dev.cachalot.controlplane.tag;

/**
 * A tag on a resource.
 *
 * @param value may be null: ElastiCache accepts a tag without a value
 */
public record Tag(String key, String value) {}

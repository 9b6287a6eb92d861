package dev.cachalot.controlplane.event;

import java.time.Instant;

/** One event as DescribeEvents shows it. */
public record EventView(long id, String sourceIdentifier, SourceType sourceType, String message, Instant date) {}

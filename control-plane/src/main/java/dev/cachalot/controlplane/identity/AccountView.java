package dev.cachalot.controlplane.identity;

import java.time.Instant;

/** An account: the unit of tenancy. Its 12-digit id appears in every ARN. */
public record AccountView(String accountId, String name, boolean admin, Instant createTime) {}

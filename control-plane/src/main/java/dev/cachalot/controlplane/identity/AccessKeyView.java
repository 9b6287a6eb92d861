package dev.cachalot.controlplane.identity;

import java.time.Instant;

/** An access key without its secret. */
public record AccessKeyView(String accessKeyId, String accountId, String userName, String status,
                            Instant createTime, Instant lastUsedTime) {}

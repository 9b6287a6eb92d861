package dev.cachalot.controlplane.identity;

/**
 * Who is making a request, once authenticated. Every application service takes the caller's
 * account and never looks at resources of another account.
 */
public record Caller(String accountId, String accessKeyId, boolean admin) {}

package dev.cachalot.controlplane.identity;

/** How many cache clusters and cache nodes an account may have. */
public record AccountQuotas(int clusters, int nodes) {}

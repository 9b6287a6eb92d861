package dev.cachalot.controlplane.cachecluster;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing.
 *
 * @param lastClusterId where the next page starts (exclusive); empty on the last page
 */
public record CacheClusterPage(List<CacheClusterView> clusters, Optional<String> lastClusterId) {}

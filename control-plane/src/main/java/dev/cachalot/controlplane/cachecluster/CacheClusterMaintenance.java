package dev.cachalot.controlplane.cachecluster;

import dev.cachalot.controlplane.CachalotProperties;
import dev.cachalot.controlplane.workflow.PeriodicJob;
import java.time.Duration;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Applies node changes that wait for their cluster's maintenance window (ApplyImmediately=false). */
@Component
class CacheClusterMaintenance implements PeriodicJob {

    private final CacheClusterService clusters;
    private final Duration interval;

    /** Lazy: the service asks the workflow engine for runs, and the engine schedules this job. */
    CacheClusterMaintenance(@Lazy CacheClusterService clusters, CachalotProperties properties) {
        this.clusters = clusters;
        this.interval = properties.workflow().maintenanceInterval();
    }

    @Override
    public String name() {
        return "cache-cluster-maintenance";
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public void run() {
        clusters.applyMaintenance();
    }
}

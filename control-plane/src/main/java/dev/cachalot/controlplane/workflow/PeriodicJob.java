package dev.cachalot.controlplane.workflow;

import java.time.Duration;

/**
 * Work that runs every {@link #interval()} on exactly one control-plane replica at a time
 * (a recurring db-scheduler task), e.g. applying changes whose maintenance window has opened.
 */
public interface PeriodicJob {

    /** Unique name of the job; part of its durable task name. */
    String name();

    Duration interval();

    void run();
}

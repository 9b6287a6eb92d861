package dev.cachalot.controlplane.workflow;

import java.util.List;

/**
 * Drives one kind of resource from its desired state towards what the fleet actually runs.
 * {@link #reconcile} is a chain of idempotent "ensure" steps that may be interrupted at any
 * point (a crash, a restart) and run again from the start; only one run per resource is active
 * at a time (the workflow engine keys runs by resource).
 */
public interface Reconciler {

    /** Short name of the resource kind, e.g. {@code cache-cluster}; part of the durable task name. */
    String kind();

    /** Runs the steps once for one resource. */
    Outcome reconcile(String resourceKey);

    /** Keys of resources that still need work (e.g. in {@code creating} or {@code deleting}). */
    List<String> pendingResources();
}

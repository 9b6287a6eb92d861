package dev.cachalot.controlplane.workflow;

/** The result of one reconciliation run: converged, or look again later. */
public enum Outcome {
    /** Desired and observed state agree; no run needed until the desired state changes. */
    DONE,
    /** Something is still in progress or unreachable; run again after the retry interval. */
    RETRY
}

package dev.cachalot.agent.node;

/** Observed lifecycle state of a node process, as the supervisor last saw it. */
public enum NodeState {
    /** The process was started (or adopted) and has not answered PING yet. */
    STARTING,
    /** The process answers PING. */
    RUNNING,
    /** The process exited (a restart is scheduled) or stopped answering PING. */
    FAILED,
    /** The process is being stopped, for removal or to restart it with a newer spec. */
    STOPPING
}

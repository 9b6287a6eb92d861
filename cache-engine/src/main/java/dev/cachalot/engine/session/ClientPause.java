package dev.cachalot.engine.session;

import java.util.ArrayList;
import java.util.List;

/**
 * CLIENT PAUSE / UNPAUSE: while a pause lasts, the gate postpones every command (ALL) or only the
 * commands that write (WRITE: WRITE or MAY_REPLICATE flags); postponed clients stop reading their
 * input and are resumed in arrival order when the pause ends or times out. Data thread only.
 */
public final class ClientPause {

    private long untilMs;
    private boolean all;
    private final List<Runnable> waiting = new ArrayList<>();
    private Scheduler scheduler;

    /** Runs a task after a delay on the data thread. */
    @FunctionalInterface
    public interface Scheduler {
        void schedule(Runnable task, long delayMs);
    }

    public void scheduler(Scheduler s) {
        this.scheduler = s;
    }

    /** Starts or extends a pause (Redis keeps the later end and the stricter mode). */
    public void pause(long timeoutMs, boolean allCommands) {
        boolean wasActive = active();
        long until = System.currentTimeMillis() + timeoutMs;
        if (!wasActive || until > untilMs) {
            untilMs = until;
        }
        all = (wasActive && all) || allCommands;
        if (scheduler != null) {
            scheduler.schedule(this::expireIfDue, timeoutMs + 1);
        }
    }

    /**
     * Ends the pause. Postponed clients resume in a task of their own, never inside the command that
     * ended the pause (the gate is not re-entrant).
     */
    public void unpause() {
        untilMs = 0;
        all = false;
        if (!waiting.isEmpty()) {
            if (scheduler != null) {
                scheduler.schedule(this::resume, 0);
            } else {
                resume();
            }
        }
    }

    public boolean active() {
        return untilMs != 0 && System.currentTimeMillis() < untilMs;
    }

    /** Whether a command with these properties must wait now. */
    public boolean postpones(boolean writes) {
        if (untilMs == 0) {
            return false;
        }
        if (!active()) {
            unpause();
            return false;
        }
        return all || writes;
    }

    /** Registers how to resume a postponed client. */
    public void await(Runnable resume) {
        waiting.add(resume);
    }

    private void expireIfDue() {
        if (untilMs != 0 && !active()) {
            unpause();
        }
    }

    private void resume() {
        List<Runnable> ready = new ArrayList<>(waiting);
        waiting.clear();
        for (Runnable r : ready) {
            r.run();
        }
    }

    public boolean allMode() {
        return all;
    }

    public long untilMs() {
        return untilMs;
    }
}

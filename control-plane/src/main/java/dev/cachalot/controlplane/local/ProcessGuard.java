package dev.cachalot.controlplane.local;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Makes a child process that the JVM does not own directly (PostgreSQL's postmaster, started
 * by pg_ctl) die with this JVM even when the JVM is killed with SIGKILL and shutdown hooks
 * never run: a tiny shell watcher polls this JVM's pid and stops the target once it is gone.
 */
final class ProcessGuard {

    private ProcessGuard() {}

    /**
     * @param targetPid   the process to stop when this JVM is gone
     * @param commandName the target's {@code /proc/<pid>/comm}; checked before the signal so a
     *                    reused pid is never hit
     */
    static void stopWithThisJvm(long targetPid, String commandName) {
        long self = ProcessHandle.current().pid();
        String script = "while kill -0 " + self + " 2>/dev/null; do sleep 1; done; "
                + "[ \"$(cat /proc/" + targetPid + "/comm 2>/dev/null)\" = '" + commandName + "' ] && kill -INT " + targetPid;
        try {
            new ProcessBuilder("sh", "-c", script)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the process guard for pid " + targetPid, e);
        }
    }
}

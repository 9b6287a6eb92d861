package dev.cachalot.engine.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's open-files limit (ulimit -n, the soft limit the JVM runs with; HotSpot raises it to
 * the hard limit at start-up): each client connection is one descriptor, so maxclients must stay
 * below it, with {@link #RESERVED_FDS} kept for the node itself, as Redis's CONFIG_MIN_RESERVED_FDS.
 */
public final class FileLimits {

    public static final int RESERVED_FDS = 32;

    private FileLimits() {
    }

    /** The soft "Max open files" of this process from /proc/self/limits, or -1 when unknown or unlimited. */
    public static long openFilesLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? -1 : Long.parseLong(soft);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}

package dev.cachalot.agent.node;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The OS process of one node: either started by this agent (a child, whose exit code we learn) or
 * adopted from an earlier agent (any process, recognised by its command line).
 */
public final class NodeProcess {

    private static final Path DEV_NULL = Path.of("/dev/null");

    private final ProcessHandle handle;
    private final Process child; // null when adopted

    private NodeProcess(ProcessHandle handle, Process child) {
        this.handle = handle;
        this.child = child;
    }

    /** Starts the command in {@code workDir}, appending its stdout and stderr to {@code logFile}. */
    public static NodeProcess launch(List<String> command, Path workDir, Path logFile) throws IOException {
        Files.createDirectories(workDir);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        // a pipe would tie the node's stdin to the agent's life; the engine never reads it
        if (Files.exists(DEV_NULL)) {
            builder.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL.toFile()));
        }
        Process process = builder.start();
        return new NodeProcess(process.toHandle(), process);
    }

    /**
     * The running process {@code pid} if it is this node's engine. The command line check guards
     * against a pid that the OS has reused for an unrelated process since the record was written.
     */
    public static Optional<NodeProcess> adopt(long pid, String nodeId, int port) {
        if (pid <= 0) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(handle -> isAlive(handle) && isNodeProcess(handle, nodeId, port))
                .map(handle -> new NodeProcess(handle, null));
    }

    /**
     * Looks for the node's engine among all processes (any port when {@code port} is not positive): the record may name no pid or a stale one
     * when an agent died between starting a process and recording its pid.
     */
    public static Optional<NodeProcess> find(String nodeId, int port) {
        try (var all = ProcessHandle.allProcesses()) {
            return all.filter(handle -> isAlive(handle) && isNodeProcess(handle, nodeId, port))
                    .findFirst()
                    .map(handle -> new NodeProcess(handle, null));
        }
    }

    static boolean isNodeProcess(ProcessHandle handle, String nodeId, int port) {
        if (handle.pid() == ProcessHandle.current().pid()) {
            return false;
        }
        return arguments(handle)
                .map(args -> args.contains(EngineCommand.ENGINE_MAIN_CLASS)
                        && hasOption(args, "--node-id", nodeId)
                        && (port <= 0 || hasOption(args, "--port", Integer.toString(port))))
                .orElse(false);
    }

    /**
     * The full argument list of a process. On Linux {@link ProcessHandle.Info} reads only the first
     * page of the command line and then gives no arguments at all; a node's command line, with the
     * agent's class path, is longer than that. So /proc is read directly where it exists.
     */
    public static Optional<List<String>> arguments(ProcessHandle handle) {
        Path cmdline = Path.of("/proc", Long.toString(handle.pid()), "cmdline");
        try {
            byte[] bytes = Files.readAllBytes(cmdline);
            if (bytes.length > 0) {
                String[] parts = new String(bytes, StandardCharsets.UTF_8).split("\0");
                return Optional.of(List.of(parts).subList(1, parts.length)); // without the executable
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return handle.info().arguments().map(List::of);
    }

    private static boolean hasOption(List<String> args, String name, String value) {
        for (int i = 0; i < args.size() - 1; i++) {
            if (args.get(i).equals(name) && args.get(i + 1).equals(value)) {
                return true;
            }
        }
        return false;
    }

    public long pid() {
        return handle.pid();
    }

    public boolean isAdopted() {
        return child == null;
    }

    /** When the OS says the process started, if it says. */
    public Optional<Instant> startInstant() {
        return handle.info().startInstant();
    }

    public boolean isAlive() {
        return isAlive(handle);
    }

    /**
     * A dead process that nobody reaped yet (a zombie) still looks alive to {@link ProcessHandle}; an
     * adopted node's parent is whatever init the host has, which may not reap promptly.
     */
    private static boolean isAlive(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        Path stat = Path.of("/proc", Long.toString(handle.pid()), "stat");
        try {
            String text = Files.readString(stat, StandardCharsets.US_ASCII);
            int close = text.lastIndexOf(')'); // the command name in parentheses may hold spaces
            return close < 0 || close + 2 >= text.length() || text.charAt(close + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return handle.isAlive(); // no /proc (not Linux) or the process just vanished
        }
    }

    /** Completes when the process has exited (for a child: and has been reaped). */
    public CompletableFuture<?> onExit() {
        return child != null ? child.onExit() : handle.onExit();
    }

    /** The exit code of a process this agent started and that has ended; empty otherwise. */
    public java.util.OptionalInt exitCode() {
        return child == null || child.isAlive() ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(child.exitValue());
    }

    /** A human-readable account of how the process ended, for FAILED messages. */
    public String exitDescription() {
        if (child == null) {
            return "exited (exit code unknown: it was adopted, not started by this agent)";
        }
        if (child.isAlive()) {
            return "is not running";
        }
        int code = child.exitValue();
        if (code > 128 && code < 128 + 65) {
            return "exited with code " + code + " (killed by signal " + (code - 128) + ")";
        }
        return "exited with code " + code;
    }

    /**
     * Stops the process: SIGTERM, up to {@code grace} for it to exit, then SIGKILL; returns only once
     * the process is really gone (or after a last bounded wait, reporting whether it is).
     */
    public boolean stop(Duration grace) {
        if (!isAlive()) {
            awaitExit(Duration.ofSeconds(1));
            return true;
        }
        if (child != null) {
            child.destroy();
        } else {
            handle.destroy();
        }
        if (awaitExit(grace)) {
            return true;
        }
        if (child != null) {
            child.destroyForcibly();
        } else {
            handle.destroyForcibly();
        }
        return awaitExit(Duration.ofSeconds(10));
    }

    private boolean awaitExit(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (child != null) {
            try {
                child.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (TimeoutException | ExecutionException e) {
                return !isAlive();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !isAlive();
            }
        }
        // for a process that is not our child the JDK's onExit() polls at growing intervals of up to
        // 5 s; a removal should not wait that long to learn that the node is gone
        while (isAlive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return !isAlive();
    }

    /** Starts each run's section of node.log, so that a FAILED message quotes only the last run. */
    public static final String LOG_MARKER = "=== cachalot-agent: ";

    /** Marks the start of a new run in the node's log, before the process appends to it. */
    public static void writeLogMarker(Path logFile, String text) throws IOException {
        Files.createDirectories(logFile.getParent());
        Files.writeString(logFile, LOG_MARKER + text + " ===" + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The last few non-empty lines of the last run in a node's log, joined, for FAILED messages. */
    public static String logTail(Path logFile, int lines) {
        try (var file = new RandomAccessFile(logFile.toFile(), "r")) {
            long length = file.length();
            int size = (int) Math.min(length, 8192);
            byte[] bytes = new byte[size];
            file.seek(length - size);
            file.readFully(bytes);
            List<String> all = new String(bytes, StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .toList();
            for (int i = all.size() - 1; i >= 0; i--) {
                if (all.get(i).startsWith(LOG_MARKER)) {
                    all = all.subList(i + 1, all.size());
                    break;
                }
            }
            List<String> tail = all.subList(Math.max(0, all.size() - lines), all.size());
            return String.join(" | ", tail);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public String toString() {
        return "pid " + pid() + (isAdopted() ? " (adopted)" : "");
    }
}

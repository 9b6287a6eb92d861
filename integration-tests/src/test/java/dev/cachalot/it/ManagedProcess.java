package dev.cachalot.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OS process started by a test: its output goes to a log file and is kept in memory so
 * the test can wait for a line. {@link #close()} stops it (SIGTERM, then SIGKILL) and always runs.
 */
final class ManagedProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final List<String> lines = new ArrayList<>();

    private ManagedProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        Thread.ofPlatform().daemon().name(name + "-output").start(() -> pump(log));
    }

    static ManagedProcess start(String name, List<String> command, Path log) {
        try {
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            return new ManagedProcess(name, p, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    private void pump(Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
                out.write(line);
                out.write('\n');
                out.flush();
            }
        } catch (IOException e) {
            // the process went away; nothing more to read
        }
    }

    /** Waits until at least {@code count} output lines contain {@code text}. */
    void awaitLine(String text, int count, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        synchronized (lines) {
            while (lines.stream().filter(l -> l.contains(text)).count() < count) {
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0 || !process.isAlive() && lines.stream().filter(l -> l.contains(text)).count() < count) {
                    throw new AssertionError(name + " did not print '" + text + "' (x" + count + ") within " + timeout
                            + (process.isAlive() ? "" : "; it exited with " + process.exitValue())
                            + ". Last output:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
                }
                lines.wait(Math.min(left, 200));
            }
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    void signal(String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL, as a crash: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        signal("CONT"); // a paused process cannot handle SIGTERM
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

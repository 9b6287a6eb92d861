package dev.cachalot.agent;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar data-plane-agent.jar [options]}: runs one {@link Agent} until SIGTERM/SIGINT. */
public final class AgentMain {

    private static final Logger log = LoggerFactory.getLogger(AgentMain.class);

    /** Bad command line. */
    static final int EXIT_USAGE = 2;
    /** The agent could not start (data directory in use, port taken, ...). */
    static final int EXIT_START_FAILED = 1;

    private AgentMain() {
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(AgentOptions.usage());
            return;
        }
        AgentOptions options;
        try {
            options = AgentOptions.parse(args);
        } catch (AgentOptions.UsageException e) {
            System.err.println("data-plane-agent: " + e.getMessage());
            System.err.println();
            System.err.print(AgentOptions.usage());
            System.exit(EXIT_USAGE);
            return;
        }

        Agent agent = new Agent(options);
        try {
            agent.start();
        } catch (Exception e) {
            log.error("Agent could not start: {}", e.getMessage(), e);
            System.exit(EXIT_START_FAILED);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "agent-shutdown"));
        options.ownerPid().ifPresent(AgentMain::exitWhenGone);
        try {
            agent.awaitTermination();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Exits (running the shutdown hook, so nodes stop with --stop-nodes-on-exit) once {@code pid} is gone. */
    private static void exitWhenGone(long pid) {
        var watcher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("owner-watch").daemon(true).factory());
        // polled rather than ProcessHandle.onExit(): the owner is not our child, and polling is what
        // the JDK would do for it anyway, with less control over the interval
        watcher.scheduleWithFixedDelay(() -> {
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            if (!alive) {
                log.info("Owner process {} is gone; exiting", pid);
                System.exit(0);
            }
        }, 0, 250, TimeUnit.MILLISECONDS);
    }
}

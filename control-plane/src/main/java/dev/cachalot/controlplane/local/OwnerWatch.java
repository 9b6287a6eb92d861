package dev.cachalot.controlplane.local;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * With {@code cachalot.owner-pid} set (by the local-region script and by tests), the control
 * plane shuts down when that process is gone, so it never outlives whoever started it — not
 * even when the owner was killed with SIGKILL.
 */
@Component
class OwnerWatch implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OwnerWatch.class);

    private final long ownerPid;
    private volatile Thread watcher;

    OwnerWatch(@Value("${cachalot.owner-pid:0}") long ownerPid) {
        this.ownerPid = ownerPid;
    }

    @Override
    public void start() {
        if (ownerPid <= 0) {
            return;
        }
        Optional<ProcessHandle> owner = ProcessHandle.of(ownerPid);
        watcher = Thread.ofPlatform().daemon().name("owner-watch").start(() -> {
            try {
                while (owner.map(ProcessHandle::isAlive).orElse(false)) {
                    Thread.sleep(500);
                }
            } catch (InterruptedException e) {
                return;
            }
            log.info("Owner process {} is gone: shutting down", ownerPid);
            System.exit(0);
        });
    }

    @Override
    public void stop() {
        Thread t = watcher;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return watcher != null && watcher.isAlive();
    }
}

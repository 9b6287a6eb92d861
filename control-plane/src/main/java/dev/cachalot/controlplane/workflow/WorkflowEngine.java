package dev.cachalot.controlplane.workflow;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.cachalot.controlplane.CachalotProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Durable workflows on db-scheduler (PostgreSQL table {@code scheduled_tasks}). Every resource
 * kind has one task, {@code reconcile-<kind>}, whose instances are keyed by resource, so at most
 * one run per resource is active across all control-plane replicas. A run that is not finished
 * reschedules itself; a run whose process died is revived by another replica (or this one after
 * a restart) once its heartbeats stop. A recurring sweep re-requests every resource that still
 * needs work, so a lost request (a crash between commit and scheduling) heals by itself.
 */
@Component
public class WorkflowEngine implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WorkflowEngine.class);

    private final Map<String, CustomTask<Void>> tasks;
    private final Scheduler scheduler;
    private final Clock clock;
    private volatile boolean running;

    public WorkflowEngine(DataSource dataSource, List<Reconciler> reconcilers, List<PeriodicJob> jobs,
                          CachalotProperties properties, Clock clock) {
        this.clock = clock;
        CachalotProperties.Workflow settings = properties.workflow();
        this.tasks = reconcilers.stream().collect(Collectors.toUnmodifiableMap(
                Reconciler::kind, r -> reconcileTask(r, settings.retryInterval())));
        RecurringTask<Void> sweep = Tasks.recurring("sweep-pending-resources", Schedules.fixedDelay(settings.sweepInterval()))
                .execute((instance, context) -> reconcilers.forEach(r -> r.pendingResources().forEach(key -> request(r.kind(), key))));
        List<Task<?>> all = new ArrayList<>(tasks.values());
        List<RecurringTask<Void>> recurring = new ArrayList<>(List.of(sweep));
        for (PeriodicJob job : jobs) {
            recurring.add(Tasks.recurring("job-" + job.name(), Schedules.fixedDelay(job.interval()))
                    .execute((instance, context) -> job.run()));
        }
        this.scheduler = Scheduler.create(dataSource, all)
                .startTasks(recurring)
                .pollingInterval(settings.pollingInterval())
                .heartbeatInterval(settings.heartbeatInterval())
                .missedHeartbeatsLimit(settings.missedHeartbeats())
                .threads(4)
                .enableImmediateExecution()
                .shutdownMaxWait(Duration.ofSeconds(5))
                .build();
    }

    /**
     * Asks for a reconciliation of the resource. Called inside the transaction that changed the
     * desired state, the request is made once that transaction commits, so the run never sees
     * the state from before the change.
     */
    public void request(String kind, String resourceKey) {
        CustomTask<Void> task = tasks.get(kind);
        if (task == null) {
            throw new IllegalArgumentException("no reconciler for " + kind);
        }
        Runnable schedule = () -> scheduler.scheduleIfNotExists(task.instance(resourceKey), clock.instant());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    schedule.run();
                }
            });
        } else {
            schedule.run();
        }
    }

    private static CustomTask<Void> reconcileTask(Reconciler reconciler, Duration retryInterval) {
        Schedule retry = after(retryInterval);
        return Tasks.custom("reconcile-" + reconciler.kind(), Void.class)
                .onFailure(new FailureHandler.OnFailureRetryLater<>(retryInterval.multipliedBy(5)))
                .onDeadExecutionRevive()
                .execute((instance, context) -> switch (reconciler.reconcile(instance.getId())) {
                    case DONE -> new CompletionHandler.OnCompleteRemove<>();
                    case RETRY -> new CompletionHandler.OnCompleteReschedule<>(retry);
                });
    }

    /** A one-off delay after the run completed (db-scheduler's fixedDelay is for recurring tasks). */
    private static Schedule after(Duration delay) {
        return new Schedule() {
            @Override
            public Instant getNextExecutionTime(ExecutionComplete complete) {
                return complete.getTimeDone().plus(delay);
            }

            @Override
            public boolean isDeterministic() {
                return false;
            }
        };
    }

    @Override
    public void start() {
        scheduler.start();
        running = true;
        log.info("Workflow engine started ({} resource kinds)", tasks.size());
    }

    @Override
    public void stop() {
        running = false;
        scheduler.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Start after the database is migrated and stop before the data source closes. */
    @Override
    public int getPhase() {
        return 0;
    }
}

package io.plantconsole.ui.task;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's one seam for background work (ADR 0016): every blocking command of a screen (disk, network,
 * password hashing, exports, inference, reports) runs here with a name, progress, cancel and a failure in words, and
 * its result comes back to the FX thread here, in one place. Work runs on named lanes, one daemon thread each.
 *
 * <p>{@link #threaded()} is the console's; {@link #synchronous()} runs every task at once on the calling thread
 * and delivers its outcome before {@code submit} returns (view-model tests).
 *
 * <p>Threads: submit and read on the FX thread; the work runs on the lane's thread.
 */
public final class BackgroundTasks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundTasks.class);
    /** How many ended tasks the task list keeps. */
    public static final int RECENT_LIMIT = 50;
    /** The outcome of a task submitted after {@link #close()}: its failure handler hears it as cancelled. */
    public static final String CLOSING = "the console is closing";

    private final Consumer<Runnable> fx;
    private final boolean synchronous;
    private final Clock clock;
    private final Map<String, TaskLane> lanes = new ConcurrentHashMap<>();
    private final Map<String, ExecutorService> threads = new ConcurrentHashMap<>();
    private final ObservableList<BackgroundTask> recent = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper(this, "running", 0);
    private volatile boolean closed;

    private BackgroundTasks(Consumer<Runnable> fx, boolean synchronous, Clock clock) {
        this.fx = Objects.requireNonNull(fx, "fx");
        this.synchronous = synchronous;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The console's: lanes on daemon threads, outcomes handed to the FX thread. */
    public static BackgroundTasks threaded() {
        return threaded(Platform::runLater, Clock.systemUTC());
    }

    /** Lanes on daemon threads, outcomes handed over by {@code fx}. */
    public static BackgroundTasks threaded(Consumer<Runnable> fx, Clock clock) {
        return new BackgroundTasks(fx, false, clock);
    }

    /** Every task runs at once on the calling thread; its outcome is delivered before submit returns (tests). */
    public static BackgroundTasks synchronous() {
        return new BackgroundTasks(Runnable::run, true, Clock.systemUTC());
    }

    /** The lane of this name (made at the first call); tasks of one lane run one after another. Any thread. */
    public TaskLane lane(String name) {
        return lanes.computeIfAbsent(name, n -> new TaskLane(n, this));
    }

    /** Queued, running and recently ended tasks, newest first (at most {@link #RECENT_LIMIT} ended). FX thread. */
    public ObservableList<BackgroundTask> recent() {
        return recent;
    }

    /** How many tasks are queued or running. FX thread. */
    public ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    <T> BackgroundTask run(TaskLane lane, String name, TaskWork<T> work, Consumer<? super T> onSuccess,
            Consumer<TaskFailure> onFailure) {
        BackgroundTask task = new BackgroundTask(name, lane.name(), clock.instant(), fx);
        if (closed) {
            task.ended(TaskState.CANCELLED, CLOSING, clock.instant());
            onFailure.accept(closing());
            return task;
        }
        recent.add(0, task);
        running.set(running.get() + 1);
        lane.opened();
        Runnable body = () -> execute(lane, task, work, onSuccess, onFailure);
        if (synchronous) {
            body.run();
        } else {
            try {
                threads.computeIfAbsent(lane.name(), BackgroundTasks::daemonThread).execute(body);
            } catch (RejectedExecutionException e) {
                finish(lane, task, TaskState.CANCELLED, CLOSING, () -> onFailure.accept(closing()));
            }
        }
        return task;
    }

    private <T> void execute(TaskLane lane, BackgroundTask task, TaskWork<T> work, Consumer<? super T> onSuccess,
            Consumer<TaskFailure> onFailure) {
        if (task.isCancelRequested()) {
            CancellationException c = new CancellationException("cancelled before it started");
            fx.accept(() -> finish(lane, task, TaskState.CANCELLED, "cancelled",
                    () -> onFailure.accept(new TaskFailure("cancelled", c, true))));
            return;
        }
        fx.accept(task::running);
        T result;
        try {
            result = work.run(task.reporter());
        } catch (CancellationException c) {
            fx.accept(() -> finish(lane, task, TaskState.CANCELLED, "cancelled",
                    () -> onFailure.accept(new TaskFailure("cancelled", c, true))));
            return;
        } catch (Exception | Error e) {
            String words = TaskFailures.inWords(e);
            if (e instanceof Error) {
                LOG.error("Task '{}' failed", task.name(), e);
            } else {
                LOG.debug("Task '{}' failed: {}", task.name(), words, e);
            }
            fx.accept(() -> finish(lane, task, TaskState.FAILED, words,
                    () -> onFailure.accept(new TaskFailure(words, e, false))));
            return;
        }
        fx.accept(() -> finish(lane, task, TaskState.SUCCEEDED, "done", () -> onSuccess.accept(result)));
    }

    /** FX thread: the task's outcome, then its handler (a failing handler is logged, the seam goes on). */
    private void finish(TaskLane lane, BackgroundTask task, TaskState end, String words, Runnable handler) {
        task.ended(end, words, clock.instant());
        running.set(running.get() - 1);
        lane.closed();
        trim();
        try {
            handler.run();
        } catch (RuntimeException e) {
            LOG.error("The handler of task '{}' failed", task.name(), e);
        }
    }

    private void trim() {
        int ended = 0;
        for (int i = 0; i < recent.size(); i++) {
            if (recent.get(i).state().ended() && ++ended > RECENT_LIMIT) {
                recent.remove(i--);
            }
        }
    }

    private static TaskFailure closing() {
        return new TaskFailure(CLOSING, new CancellationException(CLOSING), true);
    }

    /**
     * Runs {@code r} on the FX thread through the seam's one hand-off (at once in {@link #synchronous()} mode): for
     * listeners that a service calls on a lane's thread. Any thread.
     */
    void toFx(Runnable r) {
        fx.accept(r);
    }

    private static ExecutorService daemonThread(String lane) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "task-" + lane);
            t.setDaemon(true);
            return t;
        });
    }

    /** Stops taking tasks and lets the lanes' threads end after their current task. */
    @Override
    public void close() {
        closed = true;
        threads.values().forEach(ExecutorService::shutdown);
    }
}

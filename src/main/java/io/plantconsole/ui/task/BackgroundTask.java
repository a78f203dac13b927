package io.plantconsole.ui.task;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One submitted background task as the UI sees it: name, lane, state, progress in fraction and words, outcome, and
 * a cancel request. Its properties change on the FX thread only (through the seam's hand-off); {@link #cancel()} and
 * {@link #isCancelRequested()} may be called from any thread.
 */
public final class BackgroundTask {
    private final String name;
    private final String lane;
    private final Instant submittedAt;
    private final Consumer<Runnable> fx;
    private final AtomicBoolean cancelRequested = new AtomicBoolean();
    private final AtomicBoolean progressPending = new AtomicBoolean();
    private volatile double reportedFraction = -1;
    private volatile String reportedWords = "";
    private final ReadOnlyObjectWrapper<TaskState> state = new ReadOnlyObjectWrapper<>(this, "state", TaskState.QUEUED);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper(this, "outcome", "");
    private Instant endedAt;

    BackgroundTask(String name, String lane, Instant submittedAt, Consumer<Runnable> fx) {
        this.name = Objects.requireNonNull(name, "name");
        this.lane = Objects.requireNonNull(lane, "lane");
        this.submittedAt = Objects.requireNonNull(submittedAt, "submittedAt");
        this.fx = Objects.requireNonNull(fx, "fx");
    }

    /** What the task does, for example "Export audit log to PDF". */
    public String name() {
        return name;
    }

    /** The lane (worker thread) it runs on, for example "audit". */
    public String lane() {
        return lane;
    }

    public Instant submittedAt() {
        return submittedAt;
    }

    /** When it ended; null while queued or running. FX thread. */
    public Instant endedAt() {
        return endedAt;
    }

    public ReadOnlyObjectProperty<TaskState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public TaskState state() {
        return state.get();
    }

    /** 0…1 done, negative while unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The newest progress words. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Once ended: "done", "cancelled", or what went wrong in words. */
    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    /** Asks the task to stop: a queued task never starts; a running one stops at its next check. Any thread. */
    public void cancel() {
        cancelRequested.set(true);
    }

    public boolean isCancelRequested() {
        return cancelRequested.get();
    }

    /** The progress reporter handed to the work; reports are coalesced so a busy loop cannot flood the FX thread. */
    TaskProgress reporter() {
        return new TaskProgress() {
            @Override
            public void update(double fraction, String words) {
                reportedFraction = Double.isFinite(fraction) ? Math.min(1, fraction) : -1;
                reportedWords = words == null ? "" : words;
                if (progressPending.compareAndSet(false, true)) {
                    fx.accept(() -> {
                        progressPending.set(false);
                        progress.set(reportedFraction);
                        message.set(reportedWords);
                    });
                }
            }

            @Override
            public boolean isCancelled() {
                return cancelRequested.get();
            }
        };
    }

    /** FX thread. */
    void running() {
        state.set(TaskState.RUNNING);
    }

    /** FX thread. */
    void ended(TaskState end, String words, Instant at) {
        endedAt = at;
        if (end == TaskState.SUCCEEDED) {
            progress.set(1);
        }
        outcome.set(words);
        state.set(end);
    }

    @Override
    public String toString() {
        return name + " [" + lane + ", " + state.get().word() + "]";
    }
}

package io.plantconsole.ui.task;

import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * A queue of background tasks that run one after another on one worker thread (for example all account commands
 * of the Users screen), so that a screen's commands never overtake each other. Submit and read on the FX thread.
 */
public final class TaskLane {
    private final String name;
    private final BackgroundTasks tasks;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private int open; // queued or running, FX thread

    TaskLane(String name, BackgroundTasks tasks) {
        this.name = Objects.requireNonNull(name, "name");
        this.tasks = tasks;
    }

    public String name() {
        return name;
    }

    /** Whether a task of this lane is queued or running. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public boolean isBusy() {
        return busy.get();
    }

    /**
     * Runs {@code work} on this lane's thread; then, on the FX thread, {@code onSuccess} with its result or
     * {@code onFailure} with what went wrong in words (also when it was cancelled, or submitted after the seam was
     * closed: then before this method returns). FX thread.
     *
     * @param name what the task does, as the status bar and the task list show it
     */
    public <T> BackgroundTask submit(String name, TaskWork<T> work, Consumer<? super T> onSuccess,
            Consumer<TaskFailure> onFailure) {
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(onSuccess, "onSuccess");
        Objects.requireNonNull(onFailure, "onFailure");
        return tasks.run(this, name, work, onSuccess, onFailure);
    }

    /** As {@link #submit(String, TaskWork, Consumer, Consumer)}; a failure shows only in the task list. */
    public <T> BackgroundTask submit(String name, TaskWork<T> work, Consumer<? super T> onSuccess) {
        return submit(name, work, onSuccess, failure -> { });
    }

    /**
     * Runs {@code r} on the FX thread through the seam's hand-off (at once in synchronous mode), for a listener that a
     * service calls on this lane's thread (for example a session change after a sign-in). Any thread.
     */
    public void toFx(Runnable r) {
        tasks.toFx(Objects.requireNonNull(r, "r"));
    }

    /** FX thread. */
    void opened() {
        open++;
        busy.set(true);
    }

    /** FX thread. */
    void closed() {
        open--;
        busy.set(open > 0);
    }
}

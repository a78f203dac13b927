package io.plantconsole.ui.task;

/** Where a background task is in its life. */
public enum TaskState {
    QUEUED("queued"), RUNNING("running"), SUCCEEDED("done"), FAILED("failed"), CANCELLED("cancelled");

    private final String word;

    TaskState(String word) {
        this.word = word;
    }

    /** The state in words, as the task list shows it. */
    public String word() {
        return word;
    }

    /** Whether the task has ended (its outcome is final). */
    public boolean ended() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}

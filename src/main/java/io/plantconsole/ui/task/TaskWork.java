package io.plantconsole.ui.task;

/**
 * The blocking part of a background task: runs on a worker thread, reports progress, checks for cancel.
 *
 * @param <T> what the task produces for its success handler (use {@code Void} and return {@code null} for nothing)
 */
@FunctionalInterface
public interface TaskWork<T> {

    /** Does the work. An exception fails the task and its message is shown in words. */
    T run(TaskProgress progress) throws Exception;
}

package io.plantconsole.ui.task;

import java.util.Objects;

/**
 * How a background task ended when it did not succeed.
 *
 * @param words     what went wrong, in words ({@link TaskFailures#inWords}); "cancelled" when it was cancelled
 * @param cause     what the work threw
 * @param cancelled whether it ended because someone cancelled it
 */
public record TaskFailure(String words, Throwable cause, boolean cancelled) {
    public TaskFailure {
        Objects.requireNonNull(words, "words");
        Objects.requireNonNull(cause, "cause");
    }
}

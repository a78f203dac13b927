package io.plantconsole.ui.task;

import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns what a task threw into words for the person who started it. */
public final class TaskFailures {
    private TaskFailures() {
    }

    /** The innermost meaningful message, or the kind of failure when nothing says more. Never null or blank. */
    public static String inWords(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException
                || cause instanceof UncheckedIOException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        if (message != null && !message.isBlank()) {
            return message.strip();
        }
        return switch (cause.getClass().getSimpleName()) {
            case "OutOfMemoryError" -> "the console ran out of memory";
            case "NullPointerException" -> "an internal error (a missing value); see the log";
            default -> "failed: " + cause.getClass().getSimpleName();
        };
    }
}

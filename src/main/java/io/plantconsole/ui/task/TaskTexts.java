package io.plantconsole.ui.task;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Background tasks in words, as the status bar and the task list show them: the summary ("2 tasks · Export audit log
 * to PDF 40 %"), a task's state and outcome, and when it ran. Reads the tasks' properties: FX thread (or a test).
 */
public final class TaskTexts {
    /** The status bar's text while nothing is queued or running. */
    public static final String IDLE = "No tasks running";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private TaskTexts() {
    }

    /**
     * The task the status bar follows: the longest-waiting running one, else the longest-waiting queued one; null
     * when none is queued or running.
     *
     * @param recent newest first, as {@link BackgroundTasks#recent()}
     */
    public static BackgroundTask current(List<BackgroundTask> recent) {
        BackgroundTask queued = null;
        for (int i = recent.size() - 1; i >= 0; i--) {
            BackgroundTask t = recent.get(i);
            if (t.state() == TaskState.RUNNING) {
                return t;
            }
            if (t.state() == TaskState.QUEUED && queued == null) {
                queued = t;
            }
        }
        return queued;
    }

    /** {@code "2 tasks · Export audit log to PDF 40 %"}; {@link #IDLE} when nothing is queued or running. */
    public static String summary(List<BackgroundTask> recent) {
        long open = recent.stream().filter(t -> !t.state().ended()).count();
        BackgroundTask t = current(recent);
        if (open == 0 || t == null) {
            return IDLE;
        }
        String head = open + (open == 1 ? " task · " : " tasks · ") + t.name();
        if (t.state() == TaskState.QUEUED) {
            return head + " (queued)";
        }
        double p = t.progressProperty().get();
        return p >= 0 ? head + " " + percent(p) : head;
    }

    /** {@code "40 %"}. */
    public static String percent(double fraction) {
        return Math.round(Math.max(0, Math.min(1, fraction)) * 100) + " %";
    }

    /**
     * The task's state in words: {@code queued}; {@code running · 40 % · Writing event 4 of 10}; {@code done};
     * {@code failed: disk full}; {@code cancelled} (with the reason when it was not a person's cancel).
     */
    public static String state(BackgroundTask t) {
        return switch (t.state()) {
            case QUEUED -> t.isCancelRequested() ? "queued, cancelling…" : "queued";
            case RUNNING -> {
                StringBuilder b = new StringBuilder(t.isCancelRequested() ? "cancelling…" : "running");
                double p = t.progressProperty().get();
                if (p >= 0) {
                    b.append(" · ").append(percent(p));
                }
                String words = t.messageProperty().get();
                if (words != null && !words.isBlank()) {
                    b.append(" · ").append(words);
                }
                yield b.toString();
            }
            case SUCCEEDED -> "done";
            case FAILED -> "failed: " + t.outcomeProperty().get();
            case CANCELLED -> "cancelled".equals(t.outcomeProperty().get()) ? "cancelled"
                    : "cancelled: " + t.outcomeProperty().get();
        };
    }

    /** When it ran: {@code "10:42:13"} while queued or running, {@code "10:42:13, took 2 s"} once ended. */
    public static String time(BackgroundTask t, ZoneId zone) {
        String at = TIME.format(t.submittedAt().atZone(zone));
        Instant end = t.endedAt();
        return end == null ? at : at + ", took " + duration(Duration.between(t.submittedAt(), end));
    }

    /** {@code "< 1 s"}, {@code "4 s"}, {@code "2 min 05 s"}. */
    static String duration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s == 0) {
            return "< 1 s";
        }
        return s < 60 ? s + " s" : s / 60 + " min " + String.format("%02d", s % 60) + " s";
    }
}

package io.plantconsole.ui.task;

import java.util.concurrent.CancellationException;

/** What a running task reports and asks: its progress in fraction and words, and whether it was cancelled. */
public interface TaskProgress {

    /**
     * Reports progress. Any thread; the FX thread sees the newest report.
     *
     * @param fraction 0…1 done, or a negative number while the amount of work is unknown
     * @param words    what is being done now, for example "Verifying event 412 of 1 000"
     */
    void update(double fraction, String words);

    /** Whether someone asked to cancel the task. */
    boolean isCancelled();

    /** Ends the task as cancelled when someone asked to: call it between steps of long work. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancellationException("cancelled");
        }
    }
}

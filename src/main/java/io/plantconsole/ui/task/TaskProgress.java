package io.plantconsole.ui.task;

import io.plantconsole.kernel.util.Progress;

/**
 * What a running task reports and asks: its progress in fraction and words, and whether it was cancelled. It is a
 * {@link Progress}, so a task hands it straight to a service whose long loop reports and checks for cancel.
 */
public interface TaskProgress extends Progress {

    /**
     * Reports progress. Any thread; the FX thread sees the newest report (reports are coalesced).
     *
     * @param fraction 0…1 done, or a negative number while the amount of work is unknown
     * @param words    what is being done now, for example "Verifying event 412 of 1 000"
     */
    @Override
    void update(double fraction, String words);

    /** Whether someone asked to cancel the task. */
    @Override
    boolean isCancelled();
}

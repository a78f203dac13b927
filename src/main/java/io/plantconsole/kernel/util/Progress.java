package io.plantconsole.kernel.util;

import java.util.concurrent.CancellationException;

/**
 * What long work reports and asks while it runs: its progress in fraction and words, and whether someone asked to
 * stop. Services take one where a loop is long (verifying a chain, writing an export); the UI's task seam hands its
 * own in. Plain Java: usable in services, commands and tests without the toolkit.
 */
public interface Progress {
    /** Reports nothing and is never cancelled. */
    Progress NONE = new Progress() {
        @Override
        public void update(double fraction, String words) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    /**
     * Reports progress. The thread of the work; must not block.
     *
     * @param fraction 0…1 done, or a negative number while the amount of work is unknown
     * @param words    what is being done now, for example "Verifying event 412 of 1000"
     */
    void update(double fraction, String words);

    /** Whether someone asked to cancel the work. */
    boolean isCancelled();

    /** Ends the work with a {@link CancellationException} when someone asked to: call it between steps. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancellationException("cancelled");
        }
    }

    /** Reports "{@code what} n of total" with its fraction, at most every {@code every} steps (and at the last). */
    default void step(String what, long n, long total, int every) {
        if (total > 0 && (n % Math.max(1, every) == 0 || n == total)) {
            update((double) n / total, what + " " + n + " of " + total);
        }
    }
}

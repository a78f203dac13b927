package io.plantconsole.sync.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of the sync worker, for the status bar and the sync view.
 *
 * @param state             connected, offline (centre unreachable) or error (any other failure)
 * @param pendingCount      entries waiting in the outbox, conflicts included
 * @param oldestPendingAge  age of the oldest pending entry; {@link Duration#ZERO} when none is pending
 * @param lastSuccess       when a batch last reached the centre; {@code null} before the first success
 * @param lastError         the last failure in words, with its cause; {@code null} when none happened yet
 * @param conflictCount     entries refused as conflicts and waiting for a decision
 * @param consecutiveFailures failed attempts since the last success (drives the backoff)
 */
public record SyncStatus(
        State state, long pendingCount, Duration oldestPendingAge, Instant lastSuccess, String lastError,
        int conflictCount, int consecutiveFailures) {

    public enum State { CONNECTED, OFFLINE, ERROR }

    public SyncStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(oldestPendingAge, "oldestPendingAge");
    }

    /** The status before the worker has talked to the centre. */
    public static SyncStatus initial() {
        return new SyncStatus(State.OFFLINE, 0, Duration.ZERO, null, null, 0, 0);
    }
}

package io.plantconsole.sync.service;

import io.plantconsole.kernel.tx.LocalTransactions;

import io.plantconsole.sync.model.CentralRecord;
import java.util.UUID;

/**
 * How the feature that owns a record type updates its local copy when the user resolves a sync conflict. One per
 * record type, registered with the {@link ConflictResolver} by the composition root. Both methods run inside the
 * resolution's local transaction (on a background thread), together with the outbox change: write through
 * {@code tx} only, keep it short, and throw to roll the whole resolution back.
 *
 * <p>A record type without a reconciler has no local copy to fix: "keep central" then only drops the outbox entry.
 */
public interface RecordReconciler {

    /** The record type this reconciler owns, as in {@code OutboxEntry.recordType()}. */
    String recordType();

    /** Replaces the local copy of the record with the centre's version (payload and version). */
    void takeCentral(LocalTransactions.LocalTx tx, CentralRecord central);

    /**
     * The console's change (and any later local edit of the record) is sent again, the last of them as
     * {@code newVersion} (above the centre's version): set the local copy's version to it, so that the next local
     * edit builds on it.
     */
    void reapplied(LocalTransactions.LocalTx tx, UUID recordId, long newVersion);
}

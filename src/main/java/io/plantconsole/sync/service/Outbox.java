package io.plantconsole.sync.service;

import io.plantconsole.kernel.tx.LocalTransactions;

import io.plantconsole.sync.model.OutboxEntry;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The queue of records waiting to reach the centre, read by the sync worker. Entries are added only through
 * {@link LocalTransactions.LocalTx#enqueue}, in the same transaction as the record they carry.
 *
 * <p>Every method blocks on local disk I/O: call it from the {@code sync} thread (or another background
 * thread), never from the FX thread.
 */
public interface Outbox {

    /** Up to {@code max} oldest pending entries, in commit ({@code seq}) order. */
    List<OutboxEntry> pending(int max);

    /**
     * Up to {@code max} oldest pending entries committed after {@code afterSeq}, in {@code seq} order: the next page
     * after an entry the caller has already seen. The default reads every pending entry; stores override it.
     */
    default List<OutboxEntry> pendingAfter(long afterSeq, int max) {
        return pending(Integer.MAX_VALUE).stream().filter(e -> e.seq() > afterSeq).limit(max).toList();
    }

    /**
     * Removes the entries with these ids in one transaction; unknown ids are ignored. The removal need not survive a
     * power cut (the entries would be sent again, and the centre recognises them as already applied).
     */
    void markSynced(Collection<UUID> ids);

    /** How many entries are pending. */
    long pendingCount();

    /** When the oldest pending entry was committed (Unix milliseconds), empty when none is pending. */
    OptionalLong oldestPendingMillis();

    /**
     * Removes one entry inside the caller's open transaction, so that the removal commits (or rolls back) together
     * with the caller's other writes; used to resolve conflicts. Runs on the thread that owns {@code tx}.
     *
     * @return whether the entry was there
     */
    boolean remove(LocalTransactions.LocalTx tx, UUID entryId);

    /**
     * The pending entries of one record, in {@code seq} order, read inside the caller's open transaction (so that what
     * it then removes or adds is judged on the same state); used to resolve conflicts. Runs on the thread that owns
     * {@code tx}.
     */
    List<OutboxEntry> pendingOf(LocalTransactions.LocalTx tx, String recordType, UUID recordId);
}

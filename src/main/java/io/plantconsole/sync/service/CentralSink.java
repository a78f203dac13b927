package io.plantconsole.sync.service;

import io.plantconsole.sync.model.OutboxEntry;
import io.plantconsole.sync.model.SyncOutcome;
import java.util.List;

/**
 * The central database as the sync worker sees it.
 *
 * <p>Blocks on network I/O: call it from the {@code sync} thread only.
 */
public interface CentralSink {

    /**
     * Writes a batch, all or nothing, and returns one outcome per entry, in the order of {@code batch}.
     * Idempotent: an entry applied before (even when the acknowledgement was lost) gives
     * {@link SyncOutcome.Result#ALREADY_APPLIED}; an entry whose version is not newer than the centre's, written
     * by another entry, gives {@link SyncOutcome.Result#CONFLICT} and changes nothing.
     *
     * @throws CentralSyncException when the batch could not be written; nothing of it was committed, or all of it
     *                              was (then a retry reports {@code ALREADY_APPLIED})
     */
    List<SyncOutcome> apply(List<OutboxEntry> batch);
}

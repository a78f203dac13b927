package io.plantconsole.sync.model;

import java.time.Instant;
import java.util.Objects;

/**
 * An outbox entry the centre refused because it already holds the same or a later version of the record,
 * written by another entry (usually another console).
 *
 * @param entry          the local entry, still pending in the outbox until resolved
 * @param centralVersion the version the centre holds
 * @param detectedAt     when the sync worker saw the conflict
 */
public record SyncConflict(OutboxEntry entry, long centralVersion, Instant detectedAt) {

    public SyncConflict {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(detectedAt, "detectedAt");
    }
}

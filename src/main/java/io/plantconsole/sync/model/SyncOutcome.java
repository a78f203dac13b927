package io.plantconsole.sync.model;

import java.util.Objects;
import java.util.UUID;

/**
 * What the centre did with one outbox entry.
 *
 * @param entryId        the outbox entry's id
 * @param result         applied, already applied earlier (a replay), or refused as a conflict
 * @param centralVersion for {@link Result#CONFLICT}: the version the centre holds; otherwise the entry's version
 */
public record SyncOutcome(UUID entryId, Result result, long centralVersion) {

    public enum Result {
        /** Written now. */
        APPLIED,
        /** This entry had been written before (a retry after a lost acknowledgement): nothing changed. */
        ALREADY_APPLIED,
        /** The centre holds the same or a later version written by another entry: nothing changed. */
        CONFLICT
    }

    public SyncOutcome {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(result, "result");
    }

    public static SyncOutcome applied(OutboxEntry e) {
        return new SyncOutcome(e.id(), Result.APPLIED, e.recordVersion());
    }

    public static SyncOutcome alreadyApplied(OutboxEntry e) {
        return new SyncOutcome(e.id(), Result.ALREADY_APPLIED, e.recordVersion());
    }

    public static SyncOutcome conflict(OutboxEntry e, long centralVersion) {
        return new SyncOutcome(e.id(), Result.CONFLICT, centralVersion);
    }
}

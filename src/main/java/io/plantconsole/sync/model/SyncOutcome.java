package io.plantconsole.sync.model;

import java.util.Objects;
import java.util.UUID;

/**
 * What the centre did with one outbox entry.
 *
 * @param entryId        the outbox entry's id
 * @param result         applied, already applied earlier (a replay), refused as a conflict, or held back behind an
 *                       earlier conflict of the same record
 * @param centralVersion for {@link Result#CONFLICT} and {@link Result#BLOCKED}: the version the centre holds (for the
 *                       record, when the conflict was judged); otherwise the entry's version
 */
public record SyncOutcome(UUID entryId, Result result, long centralVersion) {

    public enum Result {
        /** Written now. */
        APPLIED,
        /** This entry had been written before (a retry after a lost acknowledgement): nothing changed. */
        ALREADY_APPLIED,
        /**
         * The centre no longer holds the version this change was made on (another console changed the record, or the
         * centre lacks it): nothing changed. The entry stays until the user resolves the conflict.
         */
        CONFLICT,
        /**
         * An earlier entry of the same record was refused as a conflict (in this batch or before): this one was made
         * on top of the refused change, so it was not judged and nothing changed. It waits until that conflict is
         * resolved.
         */
        BLOCKED
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

    public static SyncOutcome blocked(OutboxEntry e, long centralVersion) {
        return new SyncOutcome(e.id(), Result.BLOCKED, centralVersion);
    }
}

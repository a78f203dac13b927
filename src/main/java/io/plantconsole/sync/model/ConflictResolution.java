package io.plantconsole.sync.model;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One decision on a sync conflict, as logged and as handed to the resolution hook (future audit event).
 *
 * @param action         what the user chose
 * @param actor          who chose it (until the auth module exists: the workstation's user name)
 * @param entry          the refused outbox entry (removed by the resolution)
 * @param centralVersion the version the centre held when the decision was carried out
 * @param newVersion     the local record's version afterwards: the centre's for {@link Action#TAKE_CENTRAL}; for
 *                       {@link Action#REAPPLY} the version of the last entry queued again (the refused change as
 *                       the next version after the centre's, then the later local edits of the record)
 * @param newEntryId     for {@link Action#REAPPLY}: the outbox entry that carries the change again; otherwise
 *                       {@code null}
 * @param at             when the decision was carried out
 */
public record ConflictResolution(Action action, String actor, OutboxEntry entry, long centralVersion,
                                 long newVersion, UUID newEntryId, Instant at) {

    public enum Action {
        /** Keep the centre's version: the console's copy is reloaded from the centre, its change is dropped. */
        TAKE_CENTRAL,
        /** Re-apply the console's change on top of the centre's version (as the next version). */
        REAPPLY
    }

    public ConflictResolution {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(at, "at");
        if (action == Action.REAPPLY) {
            Objects.requireNonNull(newEntryId, "newEntryId");
        }
    }
}

package io.plantconsole.sync.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The console's refused change next to the centre's current version, for the user to decide.
 *
 * @param conflict     the conflict compared
 * @param localPayload the console's payload (the refused outbox entry's JSON)
 * @param central      the centre's current record; empty when the centre no longer holds the record
 * @param fields       the top-level JSON fields, console's keys first (in its order), then keys only the centre has;
 *                     a payload that is not a JSON object gives one field named {@link #WHOLE_RECORD}
 */
public record ConflictComparison(SyncConflict conflict, String localPayload, Optional<CentralRecord> central,
                                 List<FieldDiff> fields) {
    /** The field name used when a payload is not a JSON object and is compared as a whole. */
    public static final String WHOLE_RECORD = "(whole record)";

    public ConflictComparison {
        Objects.requireNonNull(conflict, "conflict");
        Objects.requireNonNull(localPayload, "localPayload");
        Objects.requireNonNull(central, "central");
        fields = List.copyOf(fields);
    }

    /** How many fields differ. */
    public long changedCount() {
        return fields.stream().filter(FieldDiff::changed).count();
    }
}

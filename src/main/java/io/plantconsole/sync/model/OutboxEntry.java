package io.plantconsole.sync.model;

import java.util.Objects;
import java.util.UUID;

/**
 * One record waiting to reach the central database.
 *
 * @param seq             local, strictly increasing position: the order in which entries were committed
 * @param id              the entry's own UUIDv7 (idempotency key of the upload)
 * @param recordType      what kind of record, e.g. {@code "batch"} or {@code "audit_event"}
 * @param recordId        the record's UUIDv7 key, the same locally and centrally
 * @param baseVersion     the version the change was made on (0 for a new record): the centre applies the entry only
 *                        while it holds exactly this version
 * @param recordVersion   the record's version after the change
 * @param payloadJson     the record as JSON
 * @param createdAtMillis when the entry was committed, Unix milliseconds
 */
public record OutboxEntry(
        long seq, UUID id, String recordType, UUID recordId, long baseVersion, long recordVersion,
        String payloadJson, long createdAtMillis) {

    public OutboxEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(recordType, "recordType");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(payloadJson, "payloadJson");
        if (baseVersion >= recordVersion) {
            throw new IllegalArgumentException("base version " + baseVersion + " is not below the record version "
                    + recordVersion);
        }
    }

    /** An entry for a change made on the version just before {@code recordVersion} (base {@code recordVersion - 1}). */
    public OutboxEntry(long seq, UUID id, String recordType, UUID recordId, long recordVersion, String payloadJson,
            long createdAtMillis) {
        this(seq, id, recordType, recordId, recordVersion - 1, recordVersion, payloadJson, createdAtMillis);
    }

    /** Whether {@code other} is an entry of the same record (type and id). */
    public boolean sameRecord(OutboxEntry other) {
        return recordType.equals(other.recordType) && recordId.equals(other.recordId);
    }
}

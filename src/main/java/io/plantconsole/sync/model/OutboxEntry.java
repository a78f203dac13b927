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
 * @param recordVersion   the record's version, for conflict detection at the centre
 * @param payloadJson     the record as JSON
 * @param createdAtMillis when the entry was committed, Unix milliseconds
 */
public record OutboxEntry(
        long seq, UUID id, String recordType, UUID recordId, long recordVersion, String payloadJson,
        long createdAtMillis) {

    public OutboxEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(recordType, "recordType");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(payloadJson, "payloadJson");
    }
}

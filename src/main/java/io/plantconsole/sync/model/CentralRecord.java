package io.plantconsole.sync.model;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A record as the central database holds it now (one row of {@code synced_record}).
 *
 * @param recordType  what kind of record, e.g. {@code "batch"}
 * @param recordId    the record's UUIDv7 key, the same on every console
 * @param version     the version the centre holds
 * @param payloadJson the record as JSON (as the centre stores it: key order and spacing may differ from the
 *                    console's text)
 * @param origin      the console that wrote this version
 * @param syncedAt    when that version reached the centre
 */
public record CentralRecord(String recordType, UUID recordId, long version, String payloadJson, String origin,
                            Instant syncedAt) {

    public CentralRecord {
        Objects.requireNonNull(recordType, "recordType");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(payloadJson, "payloadJson");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(syncedAt, "syncedAt");
    }
}

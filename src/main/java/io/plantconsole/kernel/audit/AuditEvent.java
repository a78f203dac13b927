package io.plantconsole.kernel.audit;

import io.plantconsole.kernel.util.CanonicalJson;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One entry of the audit trail: who did what to which record, when, where, and the values before and after. Events of
 * one console form a hash chain: {@link #prevHash} is the hash of the event with {@code seq - 1} (the genesis value for
 * the first), and {@link #hash} covers every other field, {@code prevHash} included, in {@link #canonical()} form.
 *
 * @param id           the event's UUIDv7
 * @param consoleId    the console whose chain this event belongs to
 * @param seq          position in that chain, from 1, without gaps
 * @param occurredAt   UTC time from the console's clock, truncated to microseconds (what PostgreSQL keeps)
 * @param userId       who acted ({@code null} for the console itself, e.g. a demo set-up)
 * @param role         the role they acted in, or {@code null}
 * @param action       what kind of change: an {@link AuditAction} name (kept as text, so that a name changed in SQL
 *                     still reads and fails verification)
 * @param resourceType what kind of record, e.g. {@code "user_account"}
 * @param resourceId   which record, or {@code null}
 * @param oldValue     changed fields before (or {@code null}); values may be {@code null}
 * @param newValue     changed fields after (or {@code null})
 * @param reason       why, in the person's words (or {@code null})
 * @param workstation  the workstation's host name
 * @param ipHash       salted SHA-256 of the workstation's IP address, or {@code null}
 * @param prevHash     hash of the previous event of this console
 * @param hash         SHA-256 (hex) over the canonical form
 */
public record AuditEvent(UUID id, String consoleId, long seq, Instant occurredAt, String userId, String role,
        String action, String resourceType, String resourceId, Map<String, String> oldValue,
        Map<String, String> newValue, String reason, String workstation, String ipHash, String prevHash, String hash) {

    /** The {@code prevHash} of a chain's first event. */
    public static final String GENESIS = "0".repeat(64);

    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    public AuditEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(consoleId, "consoleId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(workstation, "workstation");
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
        occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
        oldValue = oldValue == null ? null : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(oldValue));
        newValue = newValue == null ? null : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(newValue));
    }

    /** The time as written in the canonical form and the payload: ISO-8601 UTC with six fraction digits. */
    public String occurredAtText() {
        return formatTime(occurredAt);
    }

    /** A time the way events write it, for range filters over the stored text. */
    public static String formatTime(Instant time) {
        return MICROS.format(time.truncatedTo(ChronoUnit.MICROS));
    }

    /** Every field except {@code hash}, as canonical JSON: the bytes the hash is computed over. */
    public String canonical() {
        return fields().toJson();
    }

    /** Every field, {@code hash} included, as canonical JSON whose keys are the central table's columns. */
    public String toPayloadJson() {
        return fields().field("hash", hash).toJson();
    }

    /** This event with another hash (the chain computes it). */
    public AuditEvent withHash(String newHash) {
        return new AuditEvent(id, consoleId, seq, occurredAt, userId, role, action, resourceType, resourceId, oldValue,
                newValue, reason, workstation, ipHash, prevHash, newHash);
    }

    private CanonicalJson fields() {
        return new CanonicalJson()
                .field("id", id.toString())
                .field("console_id", consoleId)
                .field("seq", seq)
                .field("occurred_at", occurredAtText())
                .field("user_id", userId)
                .field("role", role)
                .field("action", action)
                .field("resource_type", resourceType)
                .field("resource_id", resourceId)
                .field("old_value", oldValue)
                .field("new_value", newValue)
                .field("reason", reason)
                .field("workstation", workstation)
                .field("ip_hash", ipHash)
                .field("prev_hash", prevHash);
    }
}

package io.plantconsole.auth.model;

import io.plantconsole.kernel.identity.Role;

import io.plantconsole.kernel.util.CanonicalJson;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * A signature bound to one record: it names the record and carries the hash of the record's content when signed, so it
 * neither survives a change of the record nor applies to another one.
 *
 * @param id            UUIDv7
 * @param userId        the signer's account
 * @param userName      the signer's printed name
 * @param role          the role they signed in
 * @param meaning       approval, review or responsibility
 * @param resourceType  what kind of record was signed
 * @param resourceId    which record
 * @param recordHash    SHA-256 (hex) of the record's canonical content when signed
 * @param signedAt      UTC time, microseconds
 * @param signatureHash SHA-256 over every field above ({@link #canonical()})
 * @param auditEventId  the SIGN event that recorded it
 */
public record ElectronicSignature(UUID id, UUID userId, String userName, Role role, SignatureMeaning meaning,
        String resourceType, String resourceId, String recordHash, Instant signedAt, String signatureHash,
        UUID auditEventId) {

    public ElectronicSignature {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(meaning, "meaning");
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(recordHash, "recordHash");
        signedAt = signedAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** Every field the signature hash covers, as canonical JSON. */
    public String canonical() {
        return coveredFields().toJson();
    }

    /** Every field, the signature hash and the audit event included: the record sent to the centre. */
    public String toPayloadJson() {
        return coveredFields().field("signature_hash", signatureHash).field("audit_event", auditEventId.toString())
                .toJson();
    }

    private CanonicalJson coveredFields() {
        return new CanonicalJson().field("id", id.toString()).field("user_id", userId.toString())
                .field("user_name", userName).field("role", role.name()).field("meaning", meaning.name())
                .field("resource_type", resourceType).field("resource_id", resourceId)
                .field("record_hash", recordHash).field("signed_at", signedAt.toString());
    }

    /** The manifestation printed with the record (21 CFR 11.50): name, time, meaning. */
    public String manifestation() {
        return userName + " (" + role.displayName() + "), " + meaning.displayName() + ", "
                + signedAt.truncatedTo(ChronoUnit.SECONDS) + " UTC";
    }
}

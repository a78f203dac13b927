package io.plantconsole.kernel.audit;

import java.util.Map;
import java.util.Objects;

/**
 * What a service asks the audit trail to record; the trail adds time, place, position and hashes.
 *
 * @param userId       who acted, or {@code null} for the console itself
 * @param role         the role they acted in, or {@code null}
 * @param action       what kind of change
 * @param resourceType what kind of record
 * @param resourceId   which record, or {@code null}
 * @param oldValue     the changed fields before, or {@code null}
 * @param newValue     the changed fields after, or {@code null}
 * @param reason       why, or {@code null}
 */
public record AuditEntry(String userId, String role, AuditAction action, String resourceType, String resourceId,
        Map<String, String> oldValue, Map<String, String> newValue, String reason) {

    public AuditEntry {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resourceType, "resourceType");
    }
}

package io.plantconsole.audit.model;

import io.plantconsole.kernel.audit.AuditAction;

import java.time.Instant;

/**
 * A filter over the audit trail; {@code null} fields do not filter.
 *
 * @param from         events at or after
 * @param to           events before
 * @param userId       by this user (exact)
 * @param action       of this kind
 * @param resourceType about this kind of record
 * @param resourceId   about this record (exact)
 * @param limit        at most this many, newest first
 */
public record AuditQuery(Instant from, Instant to, String userId, AuditAction action, String resourceType,
        String resourceId, int limit) {

    public AuditQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit < 1: " + limit);
        }
    }

    public static AuditQuery latest(int limit) {
        return new AuditQuery(null, null, null, null, null, null, limit);
    }
}

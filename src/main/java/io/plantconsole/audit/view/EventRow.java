package io.plantconsole.audit.view;

import io.plantconsole.kernel.audit.AuditEvent;

/**
 * One row of the Audit table, formatted ({@link AuditRows}); {@link #event} is the source. {@code broken}: the last
 * verification found the chain broken at this event (the seq then reads "✖ n", never colour alone).
 */
public record EventRow(AuditEvent event, String seq, String time, String timeUtc, String user, String role,
        String action, String resource, String changes, String reason, String workstation, String hashShort,
        String hash, boolean broken) {
}

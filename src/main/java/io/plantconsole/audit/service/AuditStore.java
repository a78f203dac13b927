package io.plantconsole.audit.service;

import io.plantconsole.audit.model.AuditQuery;
import io.plantconsole.kernel.audit.AuditEvent;
import io.plantconsole.kernel.audit.AuditLog;
import java.util.List;

/**
 * Where the console keeps its audit events: the kernel's write side plus the reads of the audit viewer. Every method
 * blocks on disk: background threads only.
 */
public interface AuditStore extends AuditLog {

    /** The whole chain of {@code consoleId}, in {@code seq} order, as stored (for the verifier). */
    List<AuditEvent> chain(String consoleId);

    /** Events matching {@code query}, newest first. */
    List<AuditEvent> find(AuditQuery query);
}

package io.plantconsole.audit.service;

import io.plantconsole.kernel.audit.AuditEvent;
import io.plantconsole.kernel.audit.ChainVerification;
import java.nio.file.Path;
import java.util.List;

/** Writes audit events to a file a QA manager can hand to an auditor. Background threads only. */
public interface AuditExporter {

    /**
     * @param title        heading, e.g. the filter in words
     * @param events       newest first
     * @param verification the local chain's state at export time, printed with the events
     */
    void write(Path file, String title, List<AuditEvent> events, ChainVerification verification);
}

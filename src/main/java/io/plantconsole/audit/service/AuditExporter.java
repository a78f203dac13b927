package io.plantconsole.audit.service;

import io.plantconsole.kernel.audit.AuditEvent;
import io.plantconsole.kernel.audit.ChainVerification;
import io.plantconsole.kernel.util.Progress;
import java.nio.file.Path;
import java.util.List;

/** Writes audit events to a file a QA manager can hand to an auditor. Background threads only. */
public interface AuditExporter {

    /**
     * Writes the file whole or not at all: a failed or cancelled export leaves no partial file behind.
     *
     * @param title        heading, e.g. the filter in words
     * @param events       newest first
     * @param verification the local chain's state at export time, printed with the events
     * @param progress     told how many events are written; cancels between events
     */
    void write(Path file, String title, List<AuditEvent> events, ChainVerification verification, Progress progress);

    /** As {@link #write(Path, String, List, ChainVerification, Progress)}, without progress or cancel. */
    default void write(Path file, String title, List<AuditEvent> events, ChainVerification verification) {
        write(file, title, events, verification, Progress.NONE);
    }
}

package io.plantconsole.infra.export;

import io.plantconsole.kernel.audit.AuditEvent;
import io.plantconsole.kernel.audit.ChainVerification;
import io.plantconsole.audit.service.AuditExporter;
import io.plantconsole.kernel.util.CanonicalJson;
import io.plantconsole.kernel.util.CsvExport;
import io.plantconsole.kernel.util.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit log as CSV, one event per row, every field including both hashes, so an auditor can re-verify it. Old and
 * new values stay canonical JSON (not {@code AuditChanges} words): the file is for re-verifying, not for reading.
 */
public final class CsvAuditExporter implements AuditExporter {
    static final List<String> HEADER = List.of("seq", "id", "console_id", "occurred_at_utc", "user_id", "role",
            "action", "resource_type", "resource_id", "old_value", "new_value", "reason", "workstation", "ip_hash",
            "prev_hash", "hash");

    @Override
    public void write(Path file, String title, List<AuditEvent> events, ChainVerification verification,
            Progress progress) {
        List<List<String>> rows = new ArrayList<>();
        for (AuditEvent e : events) {
            progress.checkCancelled();
            progress.step("Writing event", rows.size() + 1, events.size(), 500);
            rows.add(java.util.Arrays.asList(Long.toString(e.seq()), e.id().toString(), e.consoleId(),
                    e.occurredAtText(), e.userId(), e.role(), e.action(), e.resourceType(), e.resourceId(),
                    e.oldValue() == null ? null : CanonicalJson.object(e.oldValue()),
                    e.newValue() == null ? null : CanonicalJson.object(e.newValue()), e.reason(), e.workstation(),
                    e.ipHash(), e.prevHash(), e.hash()));
        }
        try {
            CsvExport.write(new CsvExport.Table(HEADER, rows), file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }
}

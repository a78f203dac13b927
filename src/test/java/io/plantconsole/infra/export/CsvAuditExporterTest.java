package io.plantconsole.infra.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantconsole.kernel.audit.AuditEvent;
import io.plantconsole.kernel.audit.ChainVerification;
import io.plantconsole.testing.CsvReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit CSV: a header and one row per event with every field, surviving quotes, commas and line breaks. */
class CsvAuditExporterTest {
    @TempDir
    Path dir;

    @Test
    void everyFieldRoundTripsThroughQuotesCommasAndLineBreaks() throws Exception {
        UUID id = UUID.randomUUID();
        AuditEvent tricky = new AuditEvent(id, "console-test", 7, Instant.parse("2026-11-26T08:00:00.123456Z"),
                "u-1", "ADMIN", "UPDATE", "threshold", "roaster1,bean_temp",
                Map.of("note", "said \"hot\""), Map.of("note", "line one\nline two"),
                "reason with \"quotes\", a comma\r\nand a CRLF; 温度", "ws-1", "iphash", "0".repeat(64), "a".repeat(64));
        AuditEvent bare = new AuditEvent(UUID.randomUUID(), "console-test", 6, Instant.parse("2026-11-26T07:00:00Z"),
                null, null, "LOGIN", "user_account", null, null, null, null, "ws-1", null, "0".repeat(64),
                "b".repeat(64));
        Path file = dir.resolve("audit.csv");
        new CsvAuditExporter().write(file, "title", List.of(tricky, bare),
                new ChainVerification("local store", "console-test", 7, "a".repeat(64), 0, null, null, null));

        List<List<String>> rows = CsvReader.read(file);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).isEqualTo(CsvAuditExporter.HEADER);
        assertThat(rows.get(1)).containsExactly("7", id.toString(), "console-test", "2026-11-26T08:00:00.123456Z",
                "u-1", "ADMIN", "UPDATE", "threshold", "roaster1,bean_temp", "{\"note\":\"said \\\"hot\\\"\"}",
                "{\"note\":\"line one\\nline two\"}", "reason with \"quotes\", a comma\r\nand a CRLF; 温度", "ws-1",
                "iphash", "0".repeat(64), "a".repeat(64));
        assertThat(rows.get(2)).hasSize(CsvAuditExporter.HEADER.size());
        assertThat(rows.get(2).get(4)).as("no user").isEmpty();
        assertThat(rows.get(2).get(9)).as("no old value").isEmpty();
    }
}

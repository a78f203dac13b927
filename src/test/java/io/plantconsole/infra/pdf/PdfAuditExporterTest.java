package io.plantconsole.infra.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantconsole.kernel.audit.AuditEvent;
import io.plantconsole.kernel.audit.ChainVerification;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit PDF: several pages with "Page x of y", the heading, and text outside the fonts' range replaced. */
class PdfAuditExporterTest {
    @TempDir
    Path dir;

    static List<AuditEvent> events(int n) {
        List<AuditEvent> out = new ArrayList<>();
        for (int i = n; i >= 1; i--) {
            Map<String, String> old = i % 3 == 0 ? Map.of("limit", "135", "label", "温度") : null;
            Map<String, String> neu = i % 3 == 0 ? Map.of("limit", "140", "label", "温度 high") : Map.of("x", "1");
            out.add(new AuditEvent(UUID.randomUUID(), "console-test", i, Instant.parse("2026-11-26T08:00:00Z")
                    .plusSeconds(i), "user-" + (i % 7), "QA_MANAGER", i % 2 == 0 ? "UPDATE" : "LOGIN",
                    "threshold", "roaster1.bean_temp", old, neu, i % 5 == 0 ? "Kalibrierung nach Wartung — 温度"
                    : null, "ws-1", "iphash", "%064d".formatted(i - 1), "%064x".formatted(i)));
        }
        return out;
    }

    @Test
    void threeHundredEventsMakeSeveralNumberedPagesAndNonLatinTextIsReplacedNotFatal() throws Exception {
        Path file = dir.resolve("audit.pdf");
        ChainVerification ok = new ChainVerification("local store", "console-test", 300, "f".repeat(64), 0, null,
                null, null);
        new PdfAuditExporter(Clock.fixed(Instant.parse("2026-11-26T09:00:00Z"), ZoneOffset.UTC))
                .write(file, "All actions, newest 500", events(300), ok);

        try (PDDocument doc = Loader.loadPDF(file.toFile())) {
            int pages = doc.getNumberOfPages();
            assertThat(pages).isGreaterThan(3);
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("Audit log - All actions, newest 500")
                    .contains("300 events, newest first. Exported 2026-11-26 09:00:00 UTC from console console-test")
                    .contains("is intact: 300 events")
                    .contains("Page 1 of " + pages).contains("Page " + pages + " of " + pages)
                    .contains("limit: 135 -> 140")
                    .contains("label: ?? -> ?? high")
                    .contains("Reason: Kalibrierung nach Wartung - ??")
                    .doesNotContain("温度");
            PDFTextStripper last = new PDFTextStripper();
            last.setStartPage(pages);
            last.setEndPage(pages);
            assertThat(last.getText(doc)).contains("user-1").contains("LOGIN");
            assertThat(doc.getDocumentInformation().getTitle()).isEqualTo("Audit log — All actions, newest 500");
        }
    }

    @Test
    void aCancelledExportLeavesNoFileBehind() throws Exception {
        Path file = dir.resolve("cancelled.pdf");
        ChainVerification ok = new ChainVerification("local store", "console-test", 300, "f".repeat(64), 0, null,
                null, null);
        int[] written = {0};
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PdfAuditExporter(Clock.systemUTC()).write(file,
                "All actions", events(300), ok, new io.plantconsole.kernel.util.Progress() {
                    @Override
                    public void update(double fraction, String words) {
                        written[0]++;
                    }

                    @Override
                    public boolean isCancelled() {
                        return written[0] >= 2;
                    }
                })).isInstanceOf(java.util.concurrent.CancellationException.class);
        assertThat(file).doesNotExist();
        try (var left = java.nio.file.Files.list(dir)) {
            assertThat(left).as("no temporary file either").isEmpty();
        }
    }

    @Test
    void aBrokenChainAndAnEmptyFilterAreStatedOnTheFirstPage() throws Exception {
        Path file = dir.resolve("empty.pdf");
        ChainVerification broken = new ChainVerification("local store", "console-test", 1, "a".repeat(64), 2,
                ChainVerification.Problem.ALTERED, UUID.randomUUID(), "event 2's content does not match its hash");
        new PdfAuditExporter(Clock.systemUTC()).write(file, "Action SIGN", List.of(), broken);
        try (PDDocument doc = Loader.loadPDF(file.toFile())) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            assertThat(new PDFTextStripper().getText(doc)).contains("No audit events match this filter.")
                    .contains("is BROKEN at event 2 (ALTERED)").contains("Page 1 of 1");
        }
    }
}

package io.plantconsole.infra.pdf;

import io.plantconsole.audit.model.AuditChanges;
import io.plantconsole.audit.service.AuditExporter;
import io.plantconsole.kernel.audit.AuditEvent;
import io.plantconsole.kernel.audit.ChainVerification;
import io.plantconsole.kernel.util.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The audit log as a PDF for an auditor: A4 landscape, a heading with the filter, the time of export and the chain's
 * state, then one block per event (time, user, role, action, record, changed fields old → new, reason, hash), with
 * page numbers "page x of y". Text outside the standard fonts' character set is replaced, never dropped silently.
 */
public final class PdfAuditExporter implements AuditExporter {
    /** Made at the first export: PDFBox scans the system's fonts when the first standard font is created. */
    private PDType1Font regular;
    private PDType1Font bold;
    private PDType1Font mono;
    private static final float MARGIN = 40;
    private static final float SIZE = 8.5f;
    private static final float LEADING = 11.5f;
    private static final float[] COLUMNS = {0, 40, 150, 260, 330, 440, 580};
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final Clock clock;

    public PdfAuditExporter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void write(Path file, String title, List<AuditEvent> events, ChainVerification verification,
            Progress progress) {
        synchronized (this) {
            if (regular == null) {
                regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
                bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
                mono = new PDType1Font(Standard14Fonts.FontName.COURIER);
            }
        }
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".export-", ".pdf.tmp");
            try (PDDocument doc = new PDDocument()) {
                PDDocumentInformation info = doc.getDocumentInformation();
                info.setTitle("Audit log — " + title);
                info.setCreator("Plant Console");
                new Writer(doc, title, verification, events.size()).events(events, progress).finish();
                doc.save(tmp.toFile());
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Lays out pages top to bottom. */
    private final class Writer {
        private final PDDocument doc;
        private final String title;
        private final ChainVerification verification;
        private final int count;
        private final List<PDPage> pages = new ArrayList<>();
        private PDPageContentStream out;
        private float y;

        Writer(PDDocument doc, String title, ChainVerification verification, int count) throws IOException {
            this.doc = doc;
            this.title = title;
            this.verification = verification;
            this.count = count;
            newPage();
        }

        Writer events(List<AuditEvent> events, Progress progress) throws IOException {
            if (events.isEmpty()) {
                text(regular, SIZE, MARGIN, y, "No audit events match this filter.");
            }
            int n = 0;
            for (AuditEvent e : events) {
                progress.checkCancelled();
                progress.step("Writing event", ++n, events.size(), 50);
                List<String> changes = AuditChanges.lines(e);
                float height = LEADING * (2 + changes.size() + (e.reason() == null ? 0 : 1)) + 4;
                if (y - height < MARGIN + 20) {
                    newPage();
                }
                float x = MARGIN;
                text(mono, SIZE, x + COLUMNS[0], y, Long.toString(e.seq()));
                text(regular, SIZE, x + COLUMNS[1], y, e.occurredAtText().substring(0, 19).replace('T', ' '));
                text(regular, SIZE, x + COLUMNS[2], y, clip(e.userId() == null ? "(console)" : e.userId(), 20));
                text(regular, SIZE, x + COLUMNS[3], y, e.role() == null ? "" : e.role());
                text(bold, SIZE, x + COLUMNS[4], y, e.action());
                text(regular, SIZE, x + COLUMNS[5], y, clip(e.resourceType() + " " + (e.resourceId() == null ? ""
                        : e.resourceId()), 28));
                text(mono, 7, x + COLUMNS[6], y, "hash " + e.hash().substring(0, 16) + "…");
                y -= LEADING;
                for (String c : changes) {
                    text(regular, SIZE, x + COLUMNS[1], y, clip(c, 160));
                    y -= LEADING;
                }
                if (e.reason() != null) {
                    text(regular, SIZE, x + COLUMNS[1], y, clip("Reason: " + e.reason(), 160));
                    y -= LEADING;
                }
                text(regular, 7, x + COLUMNS[1], y, "at " + e.workstation() + ", event " + e.id());
                y -= LEADING + 4;
            }
            return this;
        }

        void finish() throws IOException {
            out.close();
            int n = pages.size();
            for (int i = 0; i < n; i++) {
                try (PDPageContentStream s = new PDPageContentStream(doc, pages.get(i),
                        PDPageContentStream.AppendMode.APPEND, true)) {
                    s.beginText();
                    s.setFont(regular, 8);
                    s.newLineAtOffset(pages.get(i).getMediaBox().getWidth() - MARGIN - 60, MARGIN - 20);
                    s.showText("Page " + (i + 1) + " of " + n);
                    s.endText();
                }
            }
        }

        private void newPage() throws IOException {
            if (out != null) {
                out.close();
            }
            PDPage page = new PDPage(new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth()));
            doc.addPage(page);
            pages.add(page);
            out = new PDPageContentStream(doc, page);
            y = page.getMediaBox().getHeight() - MARGIN;
            if (pages.size() == 1) {
                text(bold, 15, MARGIN, y, "Audit log — " + title);
                y -= 20;
                text(regular, 9, MARGIN, y, count + " events, newest first. Exported " + STAMP.format(clock.instant())
                        + " from console " + verification.consoleId() + ".");
                y -= 13;
                text(verification.intact() ? regular : bold, 9, MARGIN, y, verification.summary());
                y -= 20;
            }
            String[] heads = {"Seq", "Time (UTC)", "User", "Role", "Action", "Record", ""};
            for (int i = 0; i < heads.length; i++) {
                text(bold, SIZE, MARGIN + COLUMNS[i], y, heads[i]);
            }
            y -= 4;
            out.moveTo(MARGIN, y);
            out.lineTo(page.getMediaBox().getWidth() - MARGIN, y);
            out.setLineWidth(0.5f);
            out.stroke();
            y -= LEADING;
        }

        private void text(PDType1Font font, float size, float x, float yy, String s) throws IOException {
            out.beginText();
            out.setFont(font, size);
            out.newLineAtOffset(x, yy);
            out.showText(safe(font, s));
            out.endText();
        }
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** The text with what the font cannot encode replaced (→ as "->", … as "...", others as "?"). */
    static String safe(PDType1Font font, String s) {
        String t = s.replace("→", "->").replace("…", "...").replace("—", "-").replace('\n', ' ').replace('\t', ' ');
        StringBuilder b = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); ) {
            int cp = t.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            try {
                font.encode(ch);
                b.append(ch);
            } catch (IOException | IllegalArgumentException e) {
                b.append('?');
            }
            i += Character.charCount(cp);
        }
        return b.toString();
    }
}

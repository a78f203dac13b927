package io.plantconsole.kernel.util;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes a table as RFC 4180 CSV (UTF-8, comma separated, CRLF line ends, quoted where needed). A text cell that a
 * spreadsheet would run as a formula (starting with {@code = + - @}, a tab or a carriage return) is written with a
 * leading apostrophe (OWASP "CSV injection"); plain numbers such as {@code -3.5} stay numbers.
 */
public final class CsvExport {
    private CsvExport() {
    }

    /** A header row and data rows; every row should have as many cells as the header. */
    public record Table(List<String> header, List<List<String>> rows) {
        public Table {
            header = List.copyOf(header);
            rows = List.copyOf(rows);
        }
    }

    /**
     * Writes the table to {@code file} (through a temporary file moved into place). Any thread; does file I/O.
     */
    public static void write(Table table, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".export-", ".csv.tmp");
        try {
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                writeRow(out, table.header());
                for (List<String> row : table.rows()) {
                    writeRow(out, row);
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The CSV text of one row, without the line end. */
    public static String row(List<String> cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(escape(cells.get(i)));
        }
        return sb.toString();
    }

    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    /** The cell as a spreadsheet will read it as text: formula triggers neutralised, numbers left alone. */
    static String neutralised(String cell) {
        if (cell.isEmpty() || NUMBER.matcher(cell).matches()) {
            return cell;
        }
        char c = cell.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + cell : cell;
    }

    static String escape(String raw) {
        if (raw == null) {
            return "";
        }
        String cell = neutralised(raw);
        boolean quote = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
                || cell.indexOf('\r') >= 0 || !cell.isEmpty() && (cell.charAt(0) == ' ' || cell.endsWith(" "));
        return quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }

    private static void writeRow(Writer out, List<String> cells) throws IOException {
        out.write(row(cells));
        out.write("\r\n");
    }
}

package io.plantconsole.kernel.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvExportTest {

    @Test
    void quotesCellsWithSeparatorsQuotesOrLineBreaks() {
        assertThat(CsvExport.row(List.of("a", "b,c", "say \"hi\"", "two\nlines", "", "-3.5")))
                .isEqualTo("a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",,-3.5");
    }

    @Test
    void writesUtf8WithCrlfThroughATemporaryFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/out.csv");
        CsvExport.write(new CsvExport.Table(List.of("t", "unit"), List.of(List.of("1", "°C"))), file);

        assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).isEqualTo("t,unit\r\n1,°C\r\n");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void cellsASpreadsheetWouldRunAsFormulasAreNeutralisedButNumbersStayNumbers() {
        assertThat(CsvExport.row(List.of("=HYPERLINK(\"http://x\",\"y\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)",
                "\tlead", "-3.5", "+4", "1e-3", "ok")))
                .isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'+1+cmd|' /C calc'!A0,'-2+3,'@SUM(A1),'\tlead,"
                        + "-3.5,+4,1e-3,ok");
    }
}

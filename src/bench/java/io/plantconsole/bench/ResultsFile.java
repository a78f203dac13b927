package io.plantconsole.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plantconsole.infra.json.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code results.json}: a JSON list of {@code {"name","value","unit","baseline","baseline_value","ratio","notes"}}.
 * New results replace entries of the same name in place; entries of other benchmarks are kept.
 */
final class ResultsFile {
    private ResultsFile() {
    }

    static void merge(Path file, List<BenchResult> results) throws IOException {
        List<Map<String, Object>> entries = new ArrayList<>();
        if (Files.exists(file) && Files.size(file) > 0) {
            entries.addAll(new ObjectMapper().readValue(file.toFile(),
                    new TypeReference<List<LinkedHashMap<String, Object>>>() { }));
        }
        for (BenchResult r : results) {
            Map<String, Object> m = r.toMap();
            boolean replaced = false;
            for (int i = 0; i < entries.size(); i++) {
                if (r.name().equals(entries.get(i).get("name"))) {
                    entries.set(i, m);
                    replaced = true;
                    break;
                }
            }
            if (!replaced) {
                entries.add(m);
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JsonFiles.write(tmp, entries);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static String table(List<BenchResult> results) {
        String[] head = {"name", "value", "unit", "baseline", "baseline value", "ratio"};
        List<String[]> rows = new ArrayList<>();
        rows.add(head);
        for (BenchResult r : results) {
            rows.add(new String[] {r.name(), Stats.fmt(r.value()), r.unit(), shorten(r.baseline()),
                Stats.fmt(r.baselineValue()), Stats.fmt(r.ratio())});
        }
        int[] w = new int[head.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                w[i] = Math.max(w[i], row[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            for (int i = 0; i < row.length; i++) {
                boolean numeric = i == 1 || i == 4 || i == 5;
                String cell = numeric && r > 0 ? String.format(Locale.ROOT, "%" + w[i] + "s", row[i])
                        : String.format(Locale.ROOT, "%-" + w[i] + "s", row[i]);
                b.append(i == 0 ? "| " : " | ").append(cell);
            }
            b.append(" |\n");
            if (r == 0) {
                for (int i = 0; i < w.length; i++) {
                    b.append(i == 0 ? "|-" : "-|-").append("-".repeat(w[i]));
                }
                b.append("-|\n");
            }
        }
        return b.toString();
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}

package io.plantconsole.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Benchmark sizes from system properties ({@code -Dbench.ingest.messages=...}), with defaults. */
final class Props {
    private Props() {
    }

    static int integer(String name, int def) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            return count(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-D" + name + "=" + v + " is not a whole number");
        }
    }

    /** Parses a count such as {@code 100k}, {@code 1m} or {@code 250000}. */
    static int count(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT).replace("_", "");
        int mult = 1;
        if (s.endsWith("k")) {
            mult = 1000;
            s = s.substring(0, s.length() - 1);
        } else if (s.endsWith("m")) {
            mult = 1_000_000;
            s = s.substring(0, s.length() - 1);
        }
        try {
            return Math.toIntExact(Math.round(Double.parseDouble(s) * mult));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number");
        }
    }

    static double decimal(String name, double def) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + name + "=" + v + " is not a number");
        }
    }

    static boolean flag(String name, boolean def) {
        String v = System.getProperty(name);
        return v == null || v.isBlank() ? def : Boolean.parseBoolean(v.trim());
    }

    static List<String> list(String name, String def) {
        String v = System.getProperty(name);
        List<String> out = new ArrayList<>();
        for (String s : (v == null || v.isBlank() ? def : v).split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }
}

package io.plantconsole.kernel.util;

import java.util.Map;
import java.util.TreeMap;

/**
 * A small writer of canonical JSON: fields in the order written, no white space, strings escaped the one way RFC 8785
 * does (only the quote, the backslash and control characters; control characters without a short escape as six-char
 * unicode escapes in lower-case hex), maps written with their keys sorted. The same values always give the same
 * bytes, which is what a hash over a record needs.
 */
public final class CanonicalJson {
    private final StringBuilder out = new StringBuilder(256);
    private boolean first = true;

    public CanonicalJson() {
        out.append('{');
    }

    /** Adds a string field ({@code null} writes JSON null). */
    public CanonicalJson field(String name, String value) {
        name(name);
        string(out, value);
        return this;
    }

    /** Adds an integer field. */
    public CanonicalJson field(String name, long value) {
        name(name);
        out.append(value);
        return this;
    }

    /** Adds an object field with string values, keys sorted ({@code null} writes JSON null). */
    public CanonicalJson field(String name, Map<String, String> value) {
        name(name);
        object(out, value);
        return this;
    }

    /** The object so far, closed. */
    public String toJson() {
        return out + "}";
    }

    /** A map with string values as a canonical JSON object, keys sorted; {@code null} as {@code null}. */
    public static String object(Map<String, String> value) {
        StringBuilder b = new StringBuilder();
        object(b, value);
        return b.toString();
    }

    private void name(String name) {
        if (!first) {
            out.append(',');
        }
        first = false;
        string(out, name);
        out.append(':');
    }

    private static void object(StringBuilder b, Map<String, String> value) {
        if (value == null) {
            b.append("null");
            return;
        }
        b.append('{');
        boolean firstEntry = true;
        for (Map.Entry<String, String> e : new TreeMap<>(value).entrySet()) {
            if (!firstEntry) {
                b.append(',');
            }
            firstEntry = false;
            string(b, e.getKey());
            b.append(':');
            string(b, e.getValue());
        }
        b.append('}');
    }

    private static void string(StringBuilder b, String s) {
        if (s == null) {
            b.append("null");
            return;
        }
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}

package io.plantconsole.audit.model;

import io.plantconsole.kernel.audit.AuditEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * An audit event's changed fields in words, one line per field, the way every reader of the log shows them (the
 * Audit screen's table and detail pane, the PDF export): {@code field: old → new}, fields in name order. Plain Java.
 */
public final class AuditChanges {
    /** Where a field's value is {@code null}. */
    public static final String NONE = "—";
    /** Where a field is missing on one side (added or removed by the change). */
    public static final String ABSENT = "(absent)";
    /** Between the old and the new value. */
    public static final String ARROW = " → ";

    private AuditChanges() {
    }

    /** One changed field: its name and the line's value part ({@code old → new}, or only the new value). */
    public record Change(String field, String value) {
        /** {@code field: value}. */
        public String line() {
            return field + ": " + value;
        }
    }

    /**
     * The changed fields of {@code e}: {@code old → new} where the event records old values, otherwise the new value
     * only (a created record). A field missing on one side reads {@link #ABSENT}, a {@code null} value {@link #NONE}.
     */
    public static List<Change> of(AuditEvent e) {
        Map<String, String> old = e.oldValue() == null ? Map.of() : e.oldValue();
        Map<String, String> neu = e.newValue() == null ? Map.of() : e.newValue();
        TreeSet<String> keys = new TreeSet<>(old.keySet());
        keys.addAll(neu.keySet());
        List<Change> out = new ArrayList<>(keys.size());
        for (String k : keys) {
            String n = neu.containsKey(k) ? text(neu.get(k)) : ABSENT;
            if (e.oldValue() == null) {
                out.add(new Change(k, n));
            } else {
                out.add(new Change(k, (old.containsKey(k) ? text(old.get(k)) : ABSENT) + ARROW + n));
            }
        }
        return out;
    }

    /** The changes as lines, {@code field: old → new}. */
    public static List<String> lines(AuditEvent e) {
        return of(e).stream().map(Change::line).toList();
    }

    /** The changes on one line, separated by {@code "; "} (a table cell); empty when nothing changed. */
    public static String oneLine(AuditEvent e) {
        return String.join("; ", lines(e));
    }

    private static String text(String v) {
        return v == null ? NONE : v;
    }
}

package io.plantconsole.audit.view;

import io.plantconsole.audit.model.AuditQuery;
import io.plantconsole.kernel.audit.AuditAction;
import io.plantconsole.kernel.audit.AuditEvent;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Audit screen's filter: local dates and times, user, action, resource type and limit (the controller binds them
 * bidirectionally), the choices the combos offer, and the filter as an {@link AuditQuery} or the reason it is
 * invalid. FX thread.
 */
public final class AuditFilter {
    public static final String ANY_ACTION = "Any action";
    public static final String ANY_USER = "";
    public static final int DEFAULT_LIMIT = 500;
    public static final int MAX_LIMIT = 100_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm");

    private final AuditRows rows;
    private final ObjectProperty<LocalDate> fromDate = new SimpleObjectProperty<>(this, "fromDate");
    private final StringProperty fromTime = new SimpleStringProperty(this, "fromTime", "00:00");
    private final ObjectProperty<LocalDate> toDate = new SimpleObjectProperty<>(this, "toDate");
    private final StringProperty toTime = new SimpleStringProperty(this, "toTime", "23:59");
    private final StringProperty user = new SimpleStringProperty(this, "user", ANY_USER);
    private final StringProperty action = new SimpleStringProperty(this, "action", ANY_ACTION);
    private final StringProperty resourceType = new SimpleStringProperty(this, "resourceType", "");
    private final StringProperty limit = new SimpleStringProperty(this, "limit", Integer.toString(DEFAULT_LIMIT));
    private final ObservableList<String> userChoices = FXCollections.observableArrayList();
    private final ObservableList<String> actionChoices = FXCollections.observableArrayList();
    private final ObservableList<String> resourceTypeChoices = FXCollections.observableArrayList();

    AuditFilter(AuditRows rows) {
        this.rows = rows;
        actionChoices.add(ANY_ACTION);
        for (AuditAction a : AuditAction.values()) {
            actionChoices.add(a.name());
        }
    }

    public ObjectProperty<LocalDate> fromDateProperty() {
        return fromDate;
    }

    public StringProperty fromTimeProperty() {
        return fromTime;
    }

    public ObjectProperty<LocalDate> toDateProperty() {
        return toDate;
    }

    public StringProperty toTimeProperty() {
        return toTime;
    }

    /** A user id, exactly as recorded ("" for any user); the combo offers the ids of the events seen. */
    public StringProperty userProperty() {
        return user;
    }

    /** An {@link AuditAction} name or {@link #ANY_ACTION}. */
    public StringProperty actionProperty() {
        return action;
    }

    public StringProperty resourceTypeProperty() {
        return resourceType;
    }

    public StringProperty limitProperty() {
        return limit;
    }

    public ObservableList<String> userChoices() {
        return userChoices;
    }

    public ObservableList<String> actionChoices() {
        return actionChoices;
    }

    public ObservableList<String> resourceTypeChoices() {
        return resourceTypeChoices;
    }

    /** Back to everything, newest {@link #DEFAULT_LIMIT}. */
    void clear() {
        fromDate.set(null);
        fromTime.set("00:00");
        toDate.set(null);
        toTime.set("23:59");
        user.set(ANY_USER);
        action.set(ANY_ACTION);
        resourceType.set("");
        limit.set(Integer.toString(DEFAULT_LIMIT));
    }

    /**
     * The filter as a query.
     *
     * @throws IllegalArgumentException with what is wrong, in words, when a field is invalid
     */
    AuditQuery query() {
        Instant from = instant(fromDate.get(), fromTime.get(), "From", LocalTime.MIDNIGHT);
        Instant to = instant(toDate.get(), toTime.get(), "To", LocalTime.of(23, 59));
        if (to != null) {
            to = to.plusSeconds(60); // "to 12:30" includes the events of 12:30
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("\"From\" must be before \"To\".");
        }
        int max;
        try {
            max = Integer.parseInt(blankToNull(limit.get()) == null ? Integer.toString(DEFAULT_LIMIT)
                    : limit.get().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Limit must be a whole number from 1 to " + MAX_LIMIT + ".");
        }
        if (max < 1 || max > MAX_LIMIT) {
            throw new IllegalArgumentException("Limit must be a whole number from 1 to " + MAX_LIMIT + ".");
        }
        String a = blankToNull(action.get());
        AuditAction act = a == null || ANY_ACTION.equals(a) ? null : AuditAction.valueOf(a);
        return new AuditQuery(from, to, idOf(blankToNull(user.get())), act, blankToNull(resourceType.get()), null,
                max);
    }

    /** The filter of {@code q} in words: the export's title. */
    String title(AuditQuery q) {
        List<String> parts = new ArrayList<>();
        parts.add(q.action() == null ? "all actions" : "action " + q.action().name());
        if (q.userId() != null) {
            parts.add("user " + rows.name(q.userId()));
        }
        if (q.resourceType() != null) {
            parts.add("resource type " + q.resourceType());
        }
        if (q.from() != null) {
            parts.add("from " + rows.local(q.from()));
        }
        if (q.to() != null) {
            parts.add("until " + rows.local(q.to()));
        }
        if (q.from() != null || q.to() != null) {
            parts.add("(" + rows.zone().getId() + ")");
        }
        parts.add("newest " + q.limit());
        String s = String.join(", ", parts).replace(", (", " (");
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Adds the users and resource types of {@code events} to the combos' choices (never removes one). */
    void offerChoicesOf(List<AuditEvent> events) {
        TreeSet<String> ids = new TreeSet<>(userChoices.stream().filter(s -> !s.isEmpty()).toList());
        TreeSet<String> types = new TreeSet<>(resourceTypeChoices.stream().filter(s -> !s.isEmpty()).toList());
        for (AuditEvent e : events) {
            if (e.userId() != null) {
                ids.add(rows.userLabel(e.userId()));
            }
            types.add(e.resourceType());
        }
        replace(userChoices, ids);
        replace(resourceTypeChoices, types);
    }

    private static void replace(ObservableList<String> list, TreeSet<String> values) {
        List<String> next = new ArrayList<>();
        next.add("");
        next.addAll(values);
        if (!list.equals(next)) {
            list.setAll(next);
        }
    }

    private static String idOf(String shown) {
        if (shown == null) {
            return null;
        }
        // the combo shows "name (id)" where the name is known
        int open = shown.lastIndexOf(" (");
        if (open > 0 && shown.endsWith(")")) {
            return shown.substring(open + 2, shown.length() - 1);
        }
        return shown;
    }

    private Instant instant(LocalDate date, String time, String what, LocalTime dflt) {
        if (date == null) {
            return null;
        }
        LocalTime t = dflt;
        String s = blankToNull(time);
        if (s != null) {
            try {
                t = LocalTime.parse(s, TIME);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("\"" + what + "\" time must be hours:minutes, e.g. 07:30.");
            }
        }
        return date.atTime(t).atZone(rows.zone()).toInstant();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

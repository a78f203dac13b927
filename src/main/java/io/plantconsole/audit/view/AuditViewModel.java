package io.plantconsole.audit.view;

import io.plantconsole.kernel.audit.AuditAction;
import io.plantconsole.kernel.audit.AuditEvent;
import io.plantconsole.audit.model.AuditQuery;
import io.plantconsole.kernel.audit.ChainVerification;
import io.plantconsole.audit.service.AuditService;
import io.plantconsole.kernel.identity.AccessDeniedException;
import io.plantconsole.kernel.identity.Permission;
import io.plantconsole.kernel.identity.Permissions;
import io.plantconsole.kernel.identity.Role;
import io.plantconsole.kernel.identity.Session;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Audit screen's state: the filter, the events it selects, the selected event's fields, the chain's state after
 * the last verification, and the export commands.
 *
 * <p>Threading: every public method runs on the FX thread. The audit service blocks (disk, network, files), so each
 * command runs on the injected {@code background} executor and hands its result back through {@code fx}
 * ({@code Platform::runLater} in the console, direct in tests). No timer: the table reloads when the screen is shown,
 * when the filter is applied and after each verification or export (both are audited themselves).
 */
public final class AuditViewModel {
    public static final String NOT_AVAILABLE = "The audit log is not available in this view";
    public static final String ANY_ACTION = "Any action";
    public static final String ANY_USER = "";
    public static final int DEFAULT_LIMIT = 500;
    public static final int MAX_LIMIT = 100_000;
    public static final String CENTRAL_NOT_CONFIGURED = "Disabled: no central database is configured, so there is no"
            + " central copy to verify";
    public static final String BUSY_TOOLTIP = "Disabled: waiting for the audit log (loading, verifying or exporting)";
    /** Shown when a field's value is {@code null}. */
    public static final String NONE = "—";

    /** What the screen needs: the audit service and the session it acts for. */
    public record Backend(AuditService audit, Supplier<Session> session) {
        public Backend {
            Objects.requireNonNull(audit, "audit");
            Objects.requireNonNull(session, "session");
        }
    }

    /** The state of the chain after the last verification. */
    public enum ChainState { NOT_VERIFIED, INTACT, BROKEN, FAILED }

    /**
     * One row of the table, formatted; {@link #event} is the source. {@code broken}: the last verification found
     * the chain broken at this event (the seq then reads "✖ n", never colour alone).
     */
    public record EventRow(AuditEvent event, String seq, String time, String timeUtc, String user, String role,
            String action, String resource, String changes, String reason, String workstation, String hashShort,
            String hash, boolean broken) {
    }

    /** One line of the detail pane. */
    public record DetailRow(String field, String value) {
    }

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FILE_STAMP = DateTimeFormatter.ofPattern("uuuuMMdd-HHmm");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm");

    private final Optional<Backend> backend;
    private final Executor background;
    private final Executor fx;
    private final Clock clock;
    private final ZoneId zone;

    // filter inputs (the controller binds them bidirectionally)
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
    private final ObservableList<EventRow> rows = FXCollections.observableArrayList();
    private final ObservableList<DetailRow> detail = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<EventRow> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyStringWrapper detailTitle = new ReadOnlyStringWrapper(this, "detailTitle",
            "Select an event to see every field");
    private final ReadOnlyStringWrapper countText = new ReadOnlyStringWrapper(this, "countText", "");

    private final ReadOnlyObjectWrapper<ChainState> chainState = new ReadOnlyObjectWrapper<>(this, "chainState",
            ChainState.NOT_VERIFIED);
    private final ReadOnlyStringWrapper chainBadge = new ReadOnlyStringWrapper(this, "chainBadge", "? NOT VERIFIED");
    private final ReadOnlyStringWrapper chainText = new ReadOnlyStringWrapper(this, "chainText",
            "The chain has not been verified in this session. Use \"Verify local chain\".");

    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper messageError = new ReadOnlyBooleanWrapper(this, "messageError", false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(this, "available", false);

    private final Command apply = new Command(null);
    private final Command verifyLocal = new Command(Permission.VERIFY_AUDIT_CHAIN);
    private final Command verifyCentral = new Command(Permission.VERIFY_AUDIT_CHAIN);
    private final Command export = new Command(Permission.EXPORT_AUDIT_LOG);

    private boolean centralConfigured;
    private int running;
    private long generation;
    private AuditQuery shownQuery;
    private long brokenAtSeq;
    private final Map<String, String> names = new TreeMap<>();

    /**
     * @param backend           empty where the screen runs without the sign-in gate: it says so and does nothing
     * @param centralConfigured whether a central database is configured (a first guess; a verification that finds
     *                          none turns it off)
     * @param background        runs the blocking service calls
     * @param fx                hands results back to the FX thread
     */
    public AuditViewModel(Optional<Backend> backend, boolean centralConfigured, Executor background, Executor fx,
            Clock clock) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.centralConfigured = centralConfigured;
        this.background = Objects.requireNonNull(background, "background");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = clock.getZone();
        actionChoices.add(ANY_ACTION);
        for (AuditAction a : AuditAction.values()) {
            actionChoices.add(a.name());
        }
        available.set(backend.isPresent());
        if (backend.isEmpty()) {
            message.set(NOT_AVAILABLE);
            messageError.set(true);
            chainBadge.set("— UNAVAILABLE");
            chainText.set(NOT_AVAILABLE);
        }
        updateCommands();
    }

    // ---- properties -------------------------------------------------------------------------------------------

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

    /** The events the filter selects, newest first. */
    public ObservableList<EventRow> rows() {
        return rows;
    }

    /** Every field of the selected event, one per line, changed fields as "old → new". */
    public ObservableList<DetailRow> detail() {
        return detail;
    }

    public ReadOnlyObjectProperty<EventRow> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailTitleProperty() {
        return detailTitle.getReadOnlyProperty();
    }

    /** "123 events (newest first, at most 500)". */
    public ReadOnlyStringProperty countTextProperty() {
        return countText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ChainState> chainStateProperty() {
        return chainState.getReadOnlyProperty();
    }

    /** The banner's badge: a symbol and a word, so the state never depends on colour. */
    public ReadOnlyStringProperty chainBadgeProperty() {
        return chainBadge.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty chainTextProperty() {
        return chainText.getReadOnlyProperty();
    }

    /** The outcome of the last command, or why it failed, in words. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty messageErrorProperty() {
        return messageError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    public Command applyCommand() {
        return apply;
    }

    public Command verifyLocalCommand() {
        return verifyLocal;
    }

    public Command verifyCentralCommand() {
        return verifyCentral;
    }

    public Command exportCommand() {
        return export;
    }

    /** A command's enabled state and the reason it is disabled, for binding a button and its tooltip. */
    public static final class Command {
        private final Permission permission;
        private final ReadOnlyBooleanWrapper disabled = new ReadOnlyBooleanWrapper(true);
        private final ReadOnlyStringWrapper tooltip = new ReadOnlyStringWrapper("");

        Command(Permission permission) {
            this.permission = permission;
        }

        public ReadOnlyBooleanProperty disabledProperty() {
            return disabled.getReadOnlyProperty();
        }

        public ReadOnlyStringProperty tooltipProperty() {
            return tooltip.getReadOnlyProperty();
        }

        void set(String whyNot, String enabledTip) {
            disabled.set(whyNot != null);
            tooltip.set(whyNot != null ? whyNot : enabledTip);
        }
    }

    // ---- commands ---------------------------------------------------------------------------------------------

    /** Reloads the table with the current filter (on show and on "Apply"). */
    public void refresh() {
        if (backend.isEmpty()) {
            return;
        }
        Optional<AuditQuery> q = query();
        if (q.isEmpty()) {
            return;
        }
        AuditQuery query = q.get();
        long gen = ++generation;
        run(b -> b.audit().find(query), events -> {
            if (gen == generation) {
                show(query, events);
            }
        }, null);
    }

    /** Resets the filter to everything, newest {@link #DEFAULT_LIMIT}, and reloads. */
    public void clearFilter() {
        fromDate.set(null);
        fromTime.set("00:00");
        toDate.set(null);
        toTime.set("23:59");
        user.set(ANY_USER);
        action.set(ANY_ACTION);
        resourceType.set("");
        limit.set(Integer.toString(DEFAULT_LIMIT));
        refresh();
    }

    public void verifyLocal() {
        run(b -> Optional.of(b.audit().verifyLocal()), v -> showVerification(v.get(), "local"), "local");
    }

    public void verifyCentral() {
        run(b -> b.audit().verifyCentral(), v -> {
            if (v.isEmpty()) {
                centralConfigured = false;
                updateCommands();
                say("There is no central database configured, so there is no central copy to verify.", true);
            } else {
                showVerification(v.get(), "central");
            }
        }, "central");
    }

    /** Exports what the table shows (the last applied filter) to {@code file}; csv or pdf by the extension. */
    public void export(Path file) {
        Objects.requireNonNull(file, "file");
        AuditQuery query = shownQuery != null ? shownQuery : query().orElse(null);
        if (query == null) {
            return;
        }
        String title = filterTitle(query);
        run(b -> b.audit().export(query, title, file), n -> {
            say("Exported " + n + (n == 1 ? " event" : " events") + " to " + file.toAbsolutePath(), false);
            refresh();
        }, null);
    }

    /** The default file name of an export: {@code audit-yyyyMMdd-HHmm.<ext>} in local time. */
    public String defaultFileName(String extension) {
        return "audit-" + FILE_STAMP.format(clock.instant().atZone(zone)) + "." + extension;
    }

    /** Shows the fields of {@code row} in the detail pane ({@code null} clears it). */
    public void select(EventRow row) {
        selected.set(row);
        detail.clear();
        if (row == null) {
            detailTitle.set("Select an event to see every field");
            return;
        }
        AuditEvent e = row.event();
        detailTitle.set("Event " + e.seq() + ": " + e.action() + " " + row.resource());
        add("seq", Long.toString(e.seq()));
        add("id", e.id().toString());
        add("console", e.consoleId());
        add("time (local)", row.time() + " " + zone.getId());
        add("time (UTC)", row.timeUtc());
        add("user", row.user());
        add("user id", e.userId());
        add("role", e.role() == null ? null : roleName(e.role()) + " (" + e.role() + ")");
        add("action", e.action());
        add("resource type", e.resourceType());
        add("resource id", e.resourceId());
        List<String> changes = changeLines(e);
        if (changes.isEmpty()) {
            add("changes", NONE);
        }
        for (String c : changes) {
            int colon = c.indexOf(": ");
            add("change: " + c.substring(0, colon), c.substring(colon + 2));
        }
        add("reason", e.reason());
        add("workstation", e.workstation());
        add("IP (salted hash)", e.ipHash());
        add("prev_hash", e.prevHash());
        add("hash", e.hash());
    }

    /** The filter of {@code q} in words: the export's title. */
    public String filterTitle(AuditQuery q) {
        List<String> parts = new ArrayList<>();
        parts.add(q.action() == null ? "all actions" : "action " + q.action().name());
        if (q.userId() != null) {
            parts.add("user " + names.getOrDefault(q.userId(), q.userId()));
        }
        if (q.resourceType() != null) {
            parts.add("resource type " + q.resourceType());
        }
        if (q.from() != null) {
            parts.add("from " + LOCAL.format(q.from().atZone(zone)));
        }
        if (q.to() != null) {
            parts.add("until " + LOCAL.format(q.to().atZone(zone)));
        }
        if (q.from() != null || q.to() != null) {
            parts.add("(" + zone.getId() + ")");
        }
        parts.add("newest " + q.limit());
        String s = String.join(", ", parts).replace(", (", " (");
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    // ---- internals --------------------------------------------------------------------------------------------

    /** The filter as a query, or empty (with the reason in the message) when a field is invalid. */
    Optional<AuditQuery> query() {
        try {
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
            return Optional.of(new AuditQuery(from, to, idOf(blankToNull(user.get())), act,
                    blankToNull(resourceType.get()), null, max));
        } catch (IllegalArgumentException e) {
            say("Filter not applied: " + e.getMessage(), true);
            return Optional.empty();
        }
    }

    private String idOf(String shown) {
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
        return date.atTime(t).atZone(zone).toInstant();
    }

    private void show(AuditQuery query, List<AuditEvent> events) {
        shownQuery = query;
        learnNames(events);
        EventRow keep = selected.get();
        List<EventRow> out = new ArrayList<>(events.size());
        for (AuditEvent e : events) {
            out.add(row(e));
        }
        rows.setAll(out);
        countText.set(events.size() + (events.size() == 1 ? " event" : " events") + " (newest first, at most "
                + query.limit() + ")");
        TreeSet<String> ids = new TreeSet<>(userChoices.stream().filter(s -> !s.isEmpty()).toList());
        TreeSet<String> types = new TreeSet<>(resourceTypeChoices.stream().filter(s -> !s.isEmpty()).toList());
        for (AuditEvent e : events) {
            if (e.userId() != null) {
                ids.add(userLabel(e.userId()));
            }
            types.add(e.resourceType());
        }
        replace(userChoices, ids);
        replace(resourceTypeChoices, types);
        EventRow again = keep == null ? null
                : out.stream().filter(r -> r.event().id().equals(keep.event().id())).findFirst().orElse(null);
        select(again);
    }

    private static void replace(ObservableList<String> list, TreeSet<String> values) {
        List<String> next = new ArrayList<>();
        next.add("");
        next.addAll(values);
        if (!list.equals(next)) {
            list.setAll(next);
        }
    }

    /** Usernames from the account events seen (the audit log records user ids; QA may not list accounts). */
    private void learnNames(List<AuditEvent> events) {
        for (AuditEvent e : events) {
            if ("user_account".equals(e.resourceType()) && e.resourceId() != null && e.newValue() != null
                    && e.newValue().get("username") != null) {
                names.putIfAbsent(e.resourceId(), e.newValue().get("username"));
            }
        }
    }

    private String userLabel(String userId) {
        String name = names.get(userId);
        return name == null ? userId : name + " (" + userId + ")";
    }

    EventRow row(AuditEvent e) {
        String user = e.userId() == null ? "(console)" : names.getOrDefault(e.userId(), e.userId());
        String resource = e.resourceType() + (e.resourceId() == null ? "" : " " + e.resourceId());
        boolean broken = brokenAtSeq > 0 && e.seq() == brokenAtSeq;
        return new EventRow(e, (broken ? "✖ " : "") + e.seq(), LOCAL.format(e.occurredAt().atZone(zone)),
                UTC.format(e.occurredAt()), user, roleName(e.role()), e.action(), resource,
                String.join("; ", changeLines(e)), e.reason() == null ? "" : e.reason(), e.workstation(),
                e.hash().substring(0, Math.min(12, e.hash().length())), e.hash(), broken);
    }

    /** "QA Manager" for {@code QA_MANAGER}; a name that is no role (changed in SQL) as recorded. */
    static String roleName(String role) {
        if (role == null) {
            return "";
        }
        for (Role r : Role.values()) {
            if (r.name().equals(role)) {
                return r.displayName();
            }
        }
        return role;
    }

    /** One line per changed field: "field: old → new" (only the new value when nothing was there before). */
    static List<String> changeLines(AuditEvent e) {
        Map<String, String> old = e.oldValue() == null ? Map.of() : e.oldValue();
        Map<String, String> neu = e.newValue() == null ? Map.of() : e.newValue();
        TreeSet<String> keys = new TreeSet<>(old.keySet());
        keys.addAll(neu.keySet());
        List<String> lines = new ArrayList<>();
        for (String k : keys) {
            String n = neu.containsKey(k) ? valueText(neu.get(k)) : "(absent)";
            if (e.oldValue() == null) {
                lines.add(k + ": " + n);
            } else {
                String o = old.containsKey(k) ? valueText(old.get(k)) : "(absent)";
                lines.add(k + ": " + o + " → " + n);
            }
        }
        return lines;
    }

    private static String valueText(String v) {
        return v == null ? NONE : v;
    }

    private void add(String field, String value) {
        detail.add(new DetailRow(field, value == null ? NONE : value));
    }

    private void showVerification(ChainVerification v, String where) {
        brokenAtSeq = v.intact() ? 0 : v.brokenAtSeq();
        if (v.intact()) {
            chainState.set(ChainState.INTACT);
            chainBadge.set("✔ INTACT");
            chainText.set("Chain intact: " + v.checked() + " events (" + where + "). Console " + v.consoleId()
                    + ", head " + v.headHash().substring(0, 12) + "…, verified " + LOCAL.format(clock.instant()
                    .atZone(zone)) + "." + (v.detail() == null ? "" : " " + v.detail() + "."));
            say("Verified the " + where + " chain: intact.", false);
        } else {
            chainState.set(ChainState.BROKEN);
            chainBadge.set("✖ BROKEN");
            chainText.set("Chain BROKEN at event " + v.brokenAtSeq() + " (" + v.problem() + "): " + v.detail()
                    + " [" + where + "; " + v.checked() + (v.checked() == 1 ? " event" : " events")
                    + " checked before the break]");
            say("Verified the " + where + " chain: BROKEN at event " + v.brokenAtSeq() + ".", true);
        }
        refresh();
    }

    /**
     * Runs a blocking call on the background executor and hands the result (or the failure, in words) back.
     *
     * @param verifying "local" or "central" when the call is a verification whose failure the banner shows
     */
    private <T> void run(Function<Backend, T> call, java.util.function.Consumer<T> done, String verifying) {
        if (backend.isEmpty()) {
            say(NOT_AVAILABLE, true);
            return;
        }
        Backend b = backend.get();
        running++;
        busy.set(true);
        updateCommands();
        try {
            background.execute(() -> {
                T result;
                try {
                    result = call.apply(b);
                } catch (RuntimeException e) {
                    fx.execute(() -> {
                        finished();
                        failed(e, verifying);
                    });
                    return;
                }
                fx.execute(() -> {
                    finished();
                    done.accept(result);
                });
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            finished();
            say("The audit log is closing; nothing was done.", true);
        }
    }

    private void finished() {
        running--;
        busy.set(running > 0);
        updateCommands();
    }

    private void failed(RuntimeException e, String verifying) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof AccessDeniedException) {
            say("Access denied: " + why, true);
            return;
        }
        if (verifying != null) {
            chainState.set(ChainState.FAILED);
            chainBadge.set("! NOT VERIFIED");
            chainText.set("Could not verify the " + verifying + " chain: " + why);
            say("Verification of the " + verifying + " chain failed: " + why, true);
        } else {
            say("Failed: " + why, true);
        }
    }

    private void say(String text, boolean error) {
        message.set(text);
        messageError.set(error);
    }

    /** Recomputes what may run: by role (the same table the services check), availability and busy state. */
    public void updateCommands() {
        if (backend.isEmpty()) {
            for (Command c : List.of(apply, verifyLocal, verifyCentral, export)) {
                c.set("Disabled: " + NOT_AVAILABLE + ".", "");
            }
            return;
        }
        Session s = backend.get().session().get();
        Role role = s == null ? null : s.role();
        String busyWhy = busy.get() ? BUSY_TOOLTIP : null;
        apply.set(first(why(role, Permission.VIEW_AUDIT_LOG)), "Load the events the filter selects");
        verifyLocal.set(first(why(role, Permission.VERIFY_AUDIT_CHAIN), busyWhy),
                "Recompute every hash of this console's chain in the local store");
        verifyCentral.set(first(why(role, Permission.VERIFY_AUDIT_CHAIN),
                centralConfigured ? null : CENTRAL_NOT_CONFIGURED, busyWhy),
                "Check that the central database's copy of this console's chain is intact and agrees with the local"
                        + " chain, hash for hash, and that the centre refused nothing of this console");
        export.set(first(why(role, Permission.EXPORT_AUDIT_LOG), busyWhy),
                "Write the events shown to a file, with the chain's state");
    }

    private static String why(Role role, Permission p) {
        return Permissions.whyNot(role, p).map(w -> "Disabled: " + w).orElse(null);
    }

    private static String first(String... reasons) {
        for (String r : reasons) {
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

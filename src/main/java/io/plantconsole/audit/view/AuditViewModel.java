package io.plantconsole.audit.view;

import io.plantconsole.audit.model.AuditQuery;
import io.plantconsole.audit.service.AuditService;
import io.plantconsole.kernel.audit.AuditEvent;
import io.plantconsole.kernel.audit.ChainVerification;
import io.plantconsole.kernel.identity.AccessDeniedException;
import io.plantconsole.kernel.identity.Permission;
import io.plantconsole.kernel.identity.Permissions;
import io.plantconsole.kernel.identity.Role;
import io.plantconsole.kernel.identity.Session;
import io.plantconsole.ui.task.BackgroundTasks;
import io.plantconsole.ui.task.TaskFailure;
import io.plantconsole.ui.task.TaskLane;
import io.plantconsole.ui.task.TaskProgress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Audit screen's state: the filter ({@link AuditFilter}), the events it selects ({@link AuditRows}), the selected
 * event's fields, the chain's state after the last verification ({@link ChainBanner}), and the commands.
 *
 * <p>Threading: every public method runs on the FX thread. The audit service blocks (disk, network, files), so each
 * command runs as a named task on the screen's task lane ({@code audit} in the console), one after another;
 * verifications and exports report how far they are and can be cancelled from the task list. No timer: the table
 * reloads when the screen is shown, when the filter is applied and after each verification or export (both are
 * audited themselves).
 */
public final class AuditViewModel {
    public static final String NOT_AVAILABLE = "The audit log is not available in this view";
    public static final String CENTRAL_NOT_CONFIGURED = "Disabled: no central database is configured, so there is no"
            + " central copy to verify";
    public static final String BUSY_TOOLTIP = "Disabled: waiting for the audit log (loading, verifying or exporting)";
    public static final String CLOSING = "The audit log is closing; nothing was done.";
    private static final DateTimeFormatter FILE_STAMP = DateTimeFormatter.ofPattern("uuuuMMdd-HHmm");

    /** What the screen needs: the audit service and the session it acts for. */
    public record Backend(AuditService audit, Supplier<Session> session) {
        public Backend {
            Objects.requireNonNull(audit, "audit");
            Objects.requireNonNull(session, "session");
        }
    }

    private final Optional<Backend> backend;
    private final TaskLane lane;
    private final Clock clock;
    private final AuditRows format;
    private final AuditFilter filter;
    private final ChainBanner chain = new ChainBanner();
    private final ObservableList<EventRow> rows = FXCollections.observableArrayList();
    private final ObservableList<DetailRow> detail = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<EventRow> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyStringWrapper detailTitle = new ReadOnlyStringWrapper(this, "detailTitle",
            "Select an event to see every field");
    private final ReadOnlyStringWrapper countText = new ReadOnlyStringWrapper(this, "countText", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper messageError = new ReadOnlyBooleanWrapper(this, "messageError", false);
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(this, "available", false);
    private final AuditCommand apply = new AuditCommand();
    private final AuditCommand verifyLocal = new AuditCommand();
    private final AuditCommand verifyCentral = new AuditCommand();
    private final AuditCommand export = new AuditCommand();
    private boolean centralConfigured;
    private long generation;
    private AuditQuery shownQuery;

    /**
     * @param backend           empty where the screen runs without the sign-in gate: it says so and does nothing
     * @param centralConfigured whether a central database is configured (a first guess; a verification that finds
     *                          none turns it off)
     * @param lane              runs the blocking service calls, one after another
     */
    public AuditViewModel(Optional<Backend> backend, boolean centralConfigured, TaskLane lane, Clock clock) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.centralConfigured = centralConfigured;
        this.lane = Objects.requireNonNull(lane, "lane");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.format = new AuditRows(clock.getZone());
        this.filter = new AuditFilter(format);
        available.set(backend.isPresent());
        if (backend.isEmpty()) {
            say(NOT_AVAILABLE, true);
            chain.unavailable(NOT_AVAILABLE);
        }
        lane.busyProperty().addListener(o -> updateCommands());
        updateCommands();
    }

    // ---- state ------------------------------------------------------------------------------------------------

    /** The filter inputs and the combos' choices. */
    public AuditFilter filter() {
        return filter;
    }

    /** The chain banner: state, badge and sentence after the last verification. */
    public ChainBanner chain() {
        return chain;
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

    /** The outcome of the last command, or why it failed, in words. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty messageErrorProperty() {
        return messageError.getReadOnlyProperty();
    }

    /** Whether a load, verification or export is queued or running (the lane's busy flag). */
    public ReadOnlyBooleanProperty busyProperty() {
        return lane.busyProperty();
    }

    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    public AuditCommand applyCommand() {
        return apply;
    }

    public AuditCommand verifyLocalCommand() {
        return verifyLocal;
    }

    public AuditCommand verifyCentralCommand() {
        return verifyCentral;
    }

    public AuditCommand exportCommand() {
        return export;
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
        run("Load audit events", (b, p) -> b.audit().find(query), events -> {
            if (gen == generation) {
                show(query, events);
            }
        }, null, "Loading the audit log was cancelled.");
    }

    /** Resets the filter to everything, newest {@link AuditFilter#DEFAULT_LIMIT}, and reloads. */
    public void clearFilter() {
        filter.clear();
        refresh();
    }

    /** Recomputes every hash of this console's chain in the local store; reports each event; cancellable. */
    public void verifyLocal() {
        run("Verify local audit chain", (b, p) -> b.audit().verifyLocal(p), v -> showVerification(v, "local"),
                "local", "Verification of the local chain was cancelled; nothing was recorded.");
    }

    /** As {@link #verifyLocal()} for this console's chain in the central database. */
    public void verifyCentral() {
        run("Verify central audit chain", (b, p) -> b.audit().verifyCentral(p), v -> {
            if (v.isEmpty()) {
                centralConfigured = false;
                updateCommands();
                say("There is no central database configured, so there is no central copy to verify.", true);
            } else {
                showVerification(v.get(), "central");
            }
        }, "central", "Verification of the central chain was cancelled; nothing was recorded.");
    }

    /** Exports what the table shows (the last applied filter) to {@code file}; csv or pdf by the extension. */
    public void export(Path file) {
        Objects.requireNonNull(file, "file");
        AuditQuery query = shownQuery != null ? shownQuery : query().orElse(null);
        if (query == null) {
            return;
        }
        String title = filterTitle(query);
        String name = file.getFileName().toString();
        String kind = name.substring(name.lastIndexOf('.') + 1).toUpperCase(Locale.ROOT);
        run("Export audit log to " + kind, (b, p) -> b.audit().export(query, title, file, p), n -> {
            say("Exported " + n + (n == 1 ? " event" : " events") + " to " + file.toAbsolutePath(), false);
            refresh();
        }, null, "The export was cancelled; no file was written.");
    }

    /** The default file name of an export: {@code audit-yyyyMMdd-HHmm.<ext>} in local time. */
    public String defaultFileName(String extension) {
        return "audit-" + FILE_STAMP.format(clock.instant().atZone(format.zone())) + "." + extension;
    }

    /** Shows the fields of {@code row} in the detail pane ({@code null} clears it). */
    public void select(EventRow row) {
        selected.set(row);
        if (row == null) {
            detail.clear();
            detailTitle.set("Select an event to see every field");
            return;
        }
        detailTitle.set(AuditRows.title(row));
        detail.setAll(format.details(row));
    }

    /** The filter of {@code q} in words: the export's title. */
    public String filterTitle(AuditQuery q) {
        return filter.title(q);
    }

    /** Recomputes what may run: by role (the same table the services check), availability and busy state. */
    public void updateCommands() {
        if (backend.isEmpty()) {
            for (AuditCommand c : List.of(apply, verifyLocal, verifyCentral, export)) {
                c.set("Disabled: " + NOT_AVAILABLE + ".", "");
            }
            return;
        }
        Session s = backend.get().session().get();
        Role role = s == null ? null : s.role();
        String busyWhy = lane.isBusy() ? BUSY_TOOLTIP : null;
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

    // ---- internals --------------------------------------------------------------------------------------------

    /** The filter as a query, or empty (with the reason in the message) when a field is invalid. */
    Optional<AuditQuery> query() {
        try {
            return Optional.of(filter.query());
        } catch (IllegalArgumentException e) {
            say("Filter not applied: " + e.getMessage(), true);
            return Optional.empty();
        }
    }

    private void show(AuditQuery query, List<AuditEvent> events) {
        shownQuery = query;
        format.learnNames(events);
        EventRow keep = selected.get();
        List<EventRow> out = events.stream().map(e -> format.row(e, chain.brokenAtSeq())).toList();
        rows.setAll(out);
        countText.set(events.size() + (events.size() == 1 ? " event" : " events") + " (newest first, at most "
                + query.limit() + ")");
        filter.offerChoicesOf(events);
        EventRow again = keep == null ? null
                : out.stream().filter(r -> r.event().id().equals(keep.event().id())).findFirst().orElse(null);
        select(again);
    }

    private void showVerification(ChainVerification v, String where) {
        String said = chain.show(v, where, format.local(clock.instant()));
        say(said, !v.intact());
        refresh();
    }

    /**
     * Runs a blocking call as a task on the lane and hands the result (or the failure, in words) back.
     *
     * @param verifying "local" or "central" when the call is a verification whose failure the banner shows
     * @param cancelled what the screen says when the task was cancelled from the task list
     */
    private <T> void run(String name, BiFunction<Backend, TaskProgress, T> call, Consumer<T> done, String verifying,
            String cancelled) {
        if (backend.isEmpty()) {
            say(NOT_AVAILABLE, true);
            return;
        }
        Backend b = backend.get();
        lane.submit(name, p -> call.apply(b, p), done, f -> failed(f, verifying, cancelled));
    }

    private void failed(TaskFailure f, String verifying, String cancelled) {
        if (f.cancelled()) {
            say(BackgroundTasks.CLOSING.equals(f.words()) ? CLOSING : cancelled, true);
            return;
        }
        Throwable e = f.cause();
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof AccessDeniedException) {
            say("Access denied: " + why, true);
            return;
        }
        if (verifying != null) {
            chain.failed(verifying, why);
            say("Verification of the " + verifying + " chain failed: " + why, true);
        } else {
            say("Failed: " + why, true);
        }
    }

    private void say(String text, boolean error) {
        message.set(text);
        messageError.set(error);
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
}

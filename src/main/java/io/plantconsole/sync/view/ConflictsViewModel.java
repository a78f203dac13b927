package io.plantconsole.sync.view;

import io.plantconsole.sync.model.CentralRecord;
import io.plantconsole.sync.model.ConflictComparison;
import io.plantconsole.sync.model.ConflictResolution;
import io.plantconsole.sync.model.FieldDiff;
import io.plantconsole.sync.model.SyncConflict;
import io.plantconsole.sync.view.SyncViewModel.ConflictRow;
import io.plantconsole.kernel.util.Progress;
import io.plantconsole.ui.dialog.Confirmation;
import io.plantconsole.ui.task.TaskFailure;
import io.plantconsole.ui.task.TaskLane;
import io.plantconsole.ui.task.TaskWork;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The conflicts part of the Sync screen: the table of conflicts, the comparison of the selected one (console vs
 * centre, field by field) and the two resolutions, "Keep central version" and "Re-apply my change". The words come
 * from {@link ConflictTexts}.
 *
 * <p>Threading: every public method runs on the FX thread. Reading the centre and resolving block, so they run as
 * named tasks on the screen's task lane ({@code sync} in the console), one after another; the lane's busy flag is
 * this view's. The table is fed by {@link SyncViewModel#refresh} (1 Hz); the comparison loads when a conflict is
 * selected.
 */
public final class ConflictsViewModel {
    public static final String NO_SELECTION_TITLE = "Select a conflict above to compare this console's change with"
            + " the centre's version";
    public static final String NOT_CONFIGURED_TOOLTIP = "Disabled: no central database is configured";
    public static final String NO_SELECTION_TOOLTIP = "Disabled: select a conflict in the table first";
    public static final String BUSY_TOOLTIP = "Disabled: waiting for the central database (loading or resolving)";
    public static final String NO_CENTRAL_TOOLTIP = "Disabled: the centre no longer holds this record, so there is no"
            + " central version to keep";

    private final Optional<Resolver> resolver;
    private final TaskLane lane;
    private final Clock clock;
    private final ObservableList<ConflictRow> rows = FXCollections.observableArrayList();
    private final ObservableList<FieldRow> fields = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ConflictRow> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyStringWrapper compareTitle = new ReadOnlyStringWrapper(this, "compareTitle",
            NO_SELECTION_TITLE);
    private final ReadOnlyStringWrapper compareDetail = new ReadOnlyStringWrapper(this, "compareDetail", "");
    private final ReadOnlyStringWrapper localHeader = new ReadOnlyStringWrapper(this, "localHeader", "This console");
    private final ReadOnlyStringWrapper centralHeader = new ReadOnlyStringWrapper(this, "centralHeader", "Centre");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper messageError = new ReadOnlyBooleanWrapper(this, "messageError", false);
    private final ReadOnlyBooleanWrapper takeCentralDisabled = new ReadOnlyBooleanWrapper(this, "takeCentralDisabled",
            true);
    private final ReadOnlyBooleanWrapper reapplyDisabled = new ReadOnlyBooleanWrapper(this, "reapplyDisabled", true);
    private final ReadOnlyStringWrapper takeCentralTooltip = new ReadOnlyStringWrapper(this, "takeCentralTooltip", "");
    private final ReadOnlyStringWrapper reapplyTooltip = new ReadOnlyStringWrapper(this, "reapplyTooltip", "");

    private List<SyncConflict> conflicts = List.of();
    private final Map<UUID, String> origins = new HashMap<>();
    private ConflictComparison comparison; // of the selected conflict, null while loading or after a failure
    private boolean comparing; // the selected conflict's comparison is being read
    private long generation; // the selection's; results for an older one are dropped
    private boolean replacingRows;
    private ZoneId zone;
    private Instant now;
    private Runnable onResolved = () -> { };

    /**
     * @param resolver empty without a central database (both resolutions disabled, with a reason)
     * @param lane     runs the blocking reads and resolutions, one after another
     */
    public ConflictsViewModel(Optional<Resolver> resolver, TaskLane lane, Clock clock) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.lane = Objects.requireNonNull(lane, "lane");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = clock.getZone();
        this.now = clock.instant();
        lane.busyProperty().addListener(o -> updateCommands());
        updateCommands();
    }

    /** Called after a resolution succeeded (the Sync screen refreshes its counts and table). FX thread. */
    void setOnResolved(Runnable r) {
        onResolved = Objects.requireNonNull(r);
    }

    public ObservableList<ConflictRow> rows() {
        return rows;
    }

    /** The selected conflict's fields, console's first; empty while nothing is selected or loading. */
    public ObservableList<FieldRow> fields() {
        return fields;
    }

    public ReadOnlyObjectProperty<ConflictRow> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty compareTitleProperty() {
        return compareTitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty compareDetailProperty() {
        return compareDetail.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty localHeaderProperty() {
        return localHeader.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty centralHeaderProperty() {
        return centralHeader.getReadOnlyProperty();
    }

    /** Whether the centre is being read or a resolution runs (the lane's busy flag). */
    public ReadOnlyBooleanProperty busyProperty() {
        return lane.busyProperty();
    }

    /** The outcome of the last resolution, or why loading or resolving failed, in words. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty messageErrorProperty() {
        return messageError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty takeCentralDisabledProperty() {
        return takeCentralDisabled.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty reapplyDisabledProperty() {
        return reapplyDisabled.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty takeCentralTooltipProperty() {
        return takeCentralTooltip.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty reapplyTooltipProperty() {
        return reapplyTooltip.getReadOnlyProperty();
    }

    /** The worker's current conflicts (from {@link SyncViewModel#refresh}); reads who wrote them at the centre. */
    void update(List<SyncConflict> list, Instant at, ZoneId in) {
        this.now = at;
        this.zone = in;
        if (list.equals(conflicts)) {
            return;
        }
        conflicts = List.copyOf(list);
        origins.keySet().retainAll(conflicts.stream().map(c -> c.entry().id()).toList());
        showRows();
        List<SyncConflict> missing = conflicts.stream().filter(c -> !origins.containsKey(c.entry().id())).toList();
        if (resolver.isPresent() && !missing.isEmpty()) {
            Resolver r = resolver.get();
            lane.submit("Read who wrote " + missing.size() + (missing.size() == 1 ? " conflicting record"
                    : " conflicting records") + " at the centre", p -> origins(r, missing, p), found -> {
                        origins.putAll(found);
                        showRows();
                    });
        }
    }

    /** Who wrote each conflict's central version; a conflict whose centre cannot be read says so. Lane thread. */
    private static Map<UUID, String> origins(Resolver r, List<SyncConflict> missing, Progress p) {
        Map<UUID, String> found = new HashMap<>();
        for (SyncConflict c : missing) {
            p.checkCancelled();
            try {
                found.put(c.entry().id(), r.compare(c).central().map(CentralRecord::origin)
                        .orElse(ConflictTexts.NOT_AT_CENTRE));
            } catch (RuntimeException e) {
                found.put(c.entry().id(), ConflictTexts.ORIGIN_UNKNOWN);
            }
            p.step("Read conflict", found.size(), missing.size(), 1);
        }
        return found;
    }

    private void showRows() {
        List<ConflictRow> list = new ArrayList<>(conflicts.size());
        for (SyncConflict c : conflicts) {
            String origin = origins.getOrDefault(c.entry().id(),
                    resolver.isPresent() ? ConflictTexts.LOADING : SyncViewModel.NONE);
            list.add(ConflictTexts.row(c, origin, now, zone));
        }
        ConflictRow sel = selected.get();
        replacingRows = true;
        try {
            rows.setAll(list);
        } finally {
            replacingRows = false;
        }
        if (sel != null) {
            Optional<ConflictRow> same = list.stream().filter(r -> r.entryId().equals(sel.entryId())).findFirst();
            if (same.isPresent()) {
                selected.set(same.get());
            } else {
                clearSelection();
            }
        }
    }

    /** The user selected a row ({@code null}: none). Loads the comparison in the background. FX thread. */
    public void select(ConflictRow row) {
        if (replacingRows) {
            return;
        }
        ConflictRow sel = selected.get();
        if (row == null) {
            if (sel != null) {
                clearSelection();
            }
            return;
        }
        if (sel != null && sel.entryId().equals(row.entryId()) && (comparison != null || comparing)) {
            return;
        }
        selected.set(row);
        message.set("");
        messageError.set(false);
        loadComparison();
    }

    private void clearSelection() {
        generation++;
        selected.set(null);
        comparison = null;
        comparing = false;
        fields.clear();
        compareTitle.set(NO_SELECTION_TITLE);
        compareDetail.set("");
        localHeader.set("This console");
        centralHeader.set("Centre");
        updateCommands();
    }

    private Optional<SyncConflict> selectedConflict() {
        ConflictRow row = selected.get();
        return row == null ? Optional.empty()
                : conflicts.stream().filter(c -> c.entry().id().equals(row.entryId())).findFirst();
    }

    private void loadComparison() {
        Optional<SyncConflict> c = selectedConflict();
        comparison = null;
        fields.clear();
        if (c.isEmpty()) {
            return;
        }
        SyncConflict conflict = c.get();
        compareTitle.set(ConflictTexts.title(conflict));
        localHeader.set(ConflictTexts.localHeader(conflict));
        centralHeader.set(ConflictTexts.centralHeader(conflict));
        if (resolver.isEmpty()) {
            compareDetail.set("No central database is configured: the centre's version cannot be read");
            fields.setAll(ConflictTexts.fields(List.of(new FieldDiff(ConflictComparison.WHOLE_RECORD,
                    conflict.entry().payloadJson(), null, true))));
            updateCommands();
            return;
        }
        compareDetail.set("Reading the centre's version…");
        comparing = true;
        run("Compare " + ConflictTexts.record(conflict) + " with the centre", r -> r.compare(conflict), cmp -> {
            comparing = false;
            showComparison(cmp);
        }, why -> {
            comparing = false;
            compareDetail.set("The centre's version could not be read");
            error("Could not read the centre's version: " + why);
        });
    }

    private void showComparison(ConflictComparison cmp) {
        comparison = cmp;
        centralHeader.set(cmp.central().map(ConflictTexts::centralHeader).orElse("Centre (no version)"));
        compareDetail.set(ConflictTexts.summary(cmp, clock.instant(), zone));
        fields.setAll(ConflictTexts.fields(cmp.fields()));
    }

    /** What the dialog before "Keep central version" says; empty when nothing is selected. */
    public Optional<Confirmation> takeCentralConfirmation() {
        return selectedConflict().map(c -> ConflictTexts.takeCentral(c, centralVersion(c)));
    }

    /** What the dialog before "Re-apply my change" says; empty when nothing is selected. */
    public Optional<Confirmation> reapplyConfirmation() {
        return selectedConflict().map(c -> ConflictTexts.reapply(c, centralVersion(c),
                comparison == null ? -1 : comparison.changedCount()));
    }

    /** Keeps the centre's version of the selected conflict (after the user confirmed). FX thread. */
    public void takeCentral() {
        resolve("Keep the centre's version of ", Resolver::takeCentral);
    }

    /** Re-applies this console's change of the selected conflict (after the user confirmed). FX thread. */
    public void reapply() {
        resolve("Re-apply my change to ", Resolver::reapply);
    }

    private void resolve(String what, BiFunction<Resolver, SyncConflict, ConflictResolution> action) {
        Optional<SyncConflict> c = selectedConflict();
        if (c.isEmpty() || resolver.isEmpty() || lane.isBusy()) {
            return;
        }
        SyncConflict conflict = c.get();
        message.set("");
        messageError.set(false);
        run(what + ConflictTexts.record(conflict), r -> action.apply(r, conflict), done -> {
            clearSelection();
            message.set(ConflictTexts.describe(done));
            messageError.set(false);
            onResolved.run();
        }, why -> error("The conflict was not resolved, nothing was changed: " + why));
    }

    /** Runs {@code work} as a task; its outcome is dropped when the selection changed meanwhile. */
    private <T> void run(String name, Function<Resolver, T> work, Consumer<T> onDone, Consumer<String> onError) {
        long gen = ++generation;
        Resolver r = resolver.orElseThrow();
        TaskWork<T> task = p -> work.apply(r);
        lane.submit(name, task, result -> {
            if (gen == generation) {
                onDone.accept(result);
                updateCommands();
            }
        }, failure -> {
            if (gen == generation) {
                onError.accept(words(failure));
                updateCommands();
            }
        });
    }

    private void error(String text) {
        message.set(text);
        messageError.set(true);
    }

    private long centralVersion(SyncConflict c) {
        return comparison != null && comparison.central().isPresent() ? comparison.central().get().version()
                : c.centralVersion();
    }

    private void updateCommands() {
        String take;
        String again;
        if (resolver.isEmpty()) {
            take = NOT_CONFIGURED_TOOLTIP;
            again = NOT_CONFIGURED_TOOLTIP;
        } else if (selected.get() == null) {
            take = NO_SELECTION_TOOLTIP;
            again = NO_SELECTION_TOOLTIP;
        } else if (lane.isBusy()) {
            take = BUSY_TOOLTIP;
            again = BUSY_TOOLTIP;
        } else {
            SyncConflict c = selectedConflict().orElse(null);
            long cv = c == null ? 0 : centralVersion(c);
            take = comparison != null && comparison.central().isEmpty() ? NO_CENTRAL_TOOLTIP
                    : ConflictTexts.takeCentralTooltip(cv);
            again = ConflictTexts.reapplyTooltip(cv);
        }
        takeCentralTooltip.set(take);
        reapplyTooltip.set(again);
        takeCentralDisabled.set(take.startsWith("Disabled"));
        reapplyDisabled.set(again.startsWith("Disabled"));
    }

    private static String words(TaskFailure f) {
        if (f.cancelled()) {
            return f.words();
        }
        String m = f.cause().getMessage();
        return m == null || m.isBlank() ? f.cause().getClass().getSimpleName() : m.strip();
    }
}

package io.plantconsole.sync.view;

import io.plantconsole.sync.model.CentralRecord;
import io.plantconsole.sync.model.ConflictComparison;
import io.plantconsole.sync.model.ConflictResolution;
import io.plantconsole.sync.model.FieldDiff;
import io.plantconsole.sync.model.SyncConflict;
import io.plantconsole.sync.service.ConflictResolver;
import io.plantconsole.sync.view.SyncViewModel.ConflictRow;
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
import java.util.concurrent.Executor;
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
 * centre, field by field) and the two resolutions, "Keep central version" and "Re-apply my change".
 *
 * <p>Threading: every public method runs on the FX thread. Reading the centre and resolving block, so they run on
 * the injected {@code background} executor and their results come back through the {@code fx} executor
 * ({@code Platform::runLater} in the console, direct in tests). The table is fed by {@link SyncViewModel#refresh}
 * (1 Hz); the comparison loads when a conflict is selected.
 */
public final class ConflictsViewModel {
    /** Marker shown next to a changed field (never colour alone). */
    public static final String CHANGED_MARKER = "≠ changed";
    public static final String SAME_MARKER = "same";
    /** Shown for a field absent on one side. */
    public static final String ABSENT = "(absent)";
    public static final String LOADING = "…";
    public static final String NO_SELECTION_TITLE = "Select a conflict above to compare this console's change with"
            + " the centre's version";
    public static final String NOT_CONFIGURED_TOOLTIP = "Disabled: no central database is configured";
    public static final String NO_SELECTION_TOOLTIP = "Disabled: select a conflict in the table first";
    public static final String BUSY_TOOLTIP = "Disabled: waiting for the central database (loading or resolving)";
    public static final String NO_CENTRAL_TOOLTIP = "Disabled: the centre no longer holds this record, so there is no"
            + " central version to keep";

    /** What this view needs for resolving; {@link ConflictResolver} in the console. Every method blocks. */
    public interface Resolver {
        ConflictComparison compare(SyncConflict conflict);

        ConflictResolution takeCentral(SyncConflict conflict);

        ConflictResolution reapply(SyncConflict conflict);

        static Resolver of(ConflictResolver r) {
            Objects.requireNonNull(r, "resolver");
            return new Resolver() {
                @Override
                public ConflictComparison compare(SyncConflict conflict) {
                    return r.compare(conflict);
                }

                @Override
                public ConflictResolution takeCentral(SyncConflict conflict) {
                    return r.takeCentral(conflict);
                }

                @Override
                public ConflictResolution reapply(SyncConflict conflict) {
                    return r.reapply(conflict);
                }
            };
        }
    }

    /** One line of the comparison. Values are JSON text, {@link #ABSENT} when a side lacks the field. */
    public record FieldRow(String key, String marker, String localValue, String centralValue, boolean changed) {
    }

    /** What a confirmation dialog says before a resolution runs. */
    public record Confirmation(String title, String header, String body, String confirmText) {
    }

    private final Optional<Resolver> resolver;
    private final Executor background;
    private final Executor fx;
    private final Clock clock;
    private final ObservableList<ConflictRow> rows = FXCollections.observableArrayList();
    private final ObservableList<FieldRow> fields = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ConflictRow> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyStringWrapper compareTitle = new ReadOnlyStringWrapper(this, "compareTitle",
            NO_SELECTION_TITLE);
    private final ReadOnlyStringWrapper compareDetail = new ReadOnlyStringWrapper(this, "compareDetail", "");
    private final ReadOnlyStringWrapper localHeader = new ReadOnlyStringWrapper(this, "localHeader", "This console");
    private final ReadOnlyStringWrapper centralHeader = new ReadOnlyStringWrapper(this, "centralHeader", "Centre");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
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
    private long generation; // the selection's; results for an older one are dropped
    private boolean replacingRows;
    private ZoneId zone;
    private Instant now;
    private Runnable onResolved = () -> { };

    /**
     * @param resolver   empty without a central database (both resolutions disabled, with a reason)
     * @param background runs the blocking reads and resolutions
     * @param fx         hands results back to the FX thread
     */
    public ConflictsViewModel(Optional<Resolver> resolver, Executor background, Executor fx, Clock clock) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.background = Objects.requireNonNull(background, "background");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = clock.getZone();
        this.now = clock.instant();
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

    /** Whether the comparison is loading or a resolution runs. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
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

    /** The worker's current conflicts (from {@link SyncViewModel#refresh}). FX thread. */
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
            background.execute(() -> {
                Map<UUID, String> found = new HashMap<>();
                for (SyncConflict c : missing) {
                    try {
                        found.put(c.entry().id(), r.compare(c).central().map(CentralRecord::origin)
                                .orElse("(not at the centre)"));
                    } catch (RuntimeException e) {
                        found.put(c.entry().id(), "unknown (centre not readable)");
                    }
                }
                fx.execute(() -> {
                    origins.putAll(found);
                    showRows();
                });
            });
        }
    }

    private void showRows() {
        List<ConflictRow> list = new ArrayList<>(conflicts.size());
        for (SyncConflict c : conflicts) {
            String origin = origins.getOrDefault(c.entry().id(), resolver.isPresent() ? LOADING : SyncViewModel.NONE);
            list.add(new ConflictRow(c.entry().id(), c.entry().recordType(), c.entry().recordId().toString(),
                    Long.toString(c.entry().recordVersion()), Long.toString(c.centralVersion()),
                    SyncViewModel.localTime(c.detectedAt(), now, zone), origin));
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
        if (sel != null && sel.entryId().equals(row.entryId()) && (comparison != null || busy.get())) {
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
        fields.clear();
        compareTitle.set(NO_SELECTION_TITLE);
        compareDetail.set("");
        localHeader.set("This console");
        centralHeader.set("Centre");
        busy.set(false);
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
        compareTitle.set(title(conflict));
        localHeader.set("This console (version " + conflict.entry().recordVersion() + ")");
        centralHeader.set("Centre (version " + conflict.centralVersion() + ")");
        if (resolver.isEmpty()) {
            compareDetail.set("No central database is configured: the centre's version cannot be read");
            showFields(List.of(new FieldDiff(ConflictComparison.WHOLE_RECORD, conflict.entry().payloadJson(), null,
                    true)));
            updateCommands();
            return;
        }
        compareDetail.set("Reading the centre's version…");
        run(r -> r.compare(conflict), this::showComparison, e -> {
            compareDetail.set("The centre's version could not be read");
            error("Could not read the centre's version: " + words(e));
        });
    }

    private void showComparison(ConflictComparison cmp) {
        comparison = cmp;
        SyncConflict c = cmp.conflict();
        if (cmp.central().isPresent()) {
            CentralRecord central = cmp.central().get();
            centralHeader.set("Centre (version " + central.version() + ", by " + central.origin() + ")");
            compareDetail.set(cmp.changedCount() + " of " + cmp.fields().size() + " fields differ. The centre's"
                    + " version " + central.version() + " was written by " + central.origin() + " at "
                    + SyncViewModel.localTime(central.syncedAt(), clock.instant(), zone) + "; this console's"
                    + " change is version " + c.entry().recordVersion() + ".");
        } else {
            centralHeader.set("Centre (no version)");
            compareDetail.set("The centre no longer holds this record; only re-applying your change is possible.");
        }
        List<FieldRow> list = new ArrayList<>();
        for (FieldDiff f : cmp.fields()) {
            list.add(new FieldRow(f.key(), f.changed() ? CHANGED_MARKER : SAME_MARKER,
                    f.localValue() == null ? ABSENT : f.localValue(),
                    f.centralValue() == null ? ABSENT : f.centralValue(), f.changed()));
        }
        fields.setAll(list);
    }

    private void showFields(List<FieldDiff> diffs) {
        fields.setAll(diffs.stream().map(f -> new FieldRow(f.key(), f.changed() ? CHANGED_MARKER : SAME_MARKER,
                f.localValue() == null ? ABSENT : f.localValue(), f.centralValue() == null ? ABSENT
                        : f.centralValue(), f.changed())).toList());
    }

    /** What the dialog before "Keep central version" says; empty when nothing is selected. */
    public Optional<Confirmation> takeCentralConfirmation() {
        return selectedConflict().map(c -> {
            long cv = comparison != null && comparison.central().isPresent() ? comparison.central().get().version()
                    : c.centralVersion();
            return new Confirmation("Keep central version", "Keep the centre's version " + cv + " of "
                    + c.entry().recordType() + " " + c.entry().recordId() + "?",
                    "This console's copy is replaced by the centre's version " + cv + " (read again now), and your"
                    + " change (version " + c.entry().recordVersion() + ") is dropped from the outbox. The centre is"
                    + " not changed. This cannot be undone.", "Yes, keep the centre's version");
        });
    }

    /** What the dialog before "Re-apply my change" says; empty when nothing is selected. */
    public Optional<Confirmation> reapplyConfirmation() {
        return selectedConflict().map(c -> {
            long cv = comparison != null && comparison.central().isPresent() ? comparison.central().get().version()
                    : c.centralVersion();
            String changed = comparison == null ? "" : " It overwrites " + comparison.changedCount()
                    + " field(s) that differ at the centre.";
            return new Confirmation("Re-apply my change", "Send your change again as version " + (cv + 1) + " of "
                    + c.entry().recordType() + " " + c.entry().recordId() + "?",
                    "Your change (version " + c.entry().recordVersion() + ") is queued again as version " + (cv + 1)
                    + ", on top of the centre's version " + cv + ", and sent now: the centre then holds your values"
                    + " and the other console's edit is replaced." + changed, "Yes, re-apply my change");
        });
    }

    /** Keeps the centre's version of the selected conflict (after the user confirmed). FX thread. */
    public void takeCentral() {
        resolve(Resolver::takeCentral);
    }

    /** Re-applies this console's change of the selected conflict (after the user confirmed). FX thread. */
    public void reapply() {
        resolve(Resolver::reapply);
    }

    private void resolve(java.util.function.BiFunction<Resolver, SyncConflict, ConflictResolution> action) {
        Optional<SyncConflict> c = selectedConflict();
        if (c.isEmpty() || resolver.isEmpty() || busy.get()) {
            return;
        }
        SyncConflict conflict = c.get();
        message.set("");
        messageError.set(false);
        run(r -> action.apply(r, conflict), done -> {
            clearSelection();
            message.set(describe(done));
            messageError.set(false);
            onResolved.run();
        }, e -> error("The conflict was not resolved, nothing was changed: " + words(e)));
    }

    private <T> void run(Function<Resolver, T> work, java.util.function.Consumer<T> onDone,
            java.util.function.Consumer<RuntimeException> onError) {
        long gen = ++generation;
        busy.set(true);
        updateCommands();
        Resolver r = resolver.orElseThrow();
        background.execute(() -> {
            T result;
            try {
                result = work.apply(r);
            } catch (RuntimeException e) {
                fx.execute(() -> {
                    if (gen == generation) {
                        busy.set(false);
                        onError.accept(e);
                        updateCommands();
                    }
                });
                return;
            }
            fx.execute(() -> {
                if (gen == generation) {
                    busy.set(false);
                    onDone.accept(result);
                    updateCommands();
                }
            });
        });
    }

    private void error(String text) {
        message.set(text);
        messageError.set(true);
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
        } else if (busy.get()) {
            take = BUSY_TOOLTIP;
            again = BUSY_TOOLTIP;
        } else {
            SyncConflict c = selectedConflict().orElse(null);
            long cv = comparison != null && comparison.central().isPresent() ? comparison.central().get().version()
                    : c == null ? 0 : c.centralVersion();
            take = comparison != null && comparison.central().isEmpty() ? NO_CENTRAL_TOOLTIP
                    : "Reload the centre's version " + cv + " into this console and drop your change";
            again = "Send your change again as version " + (cv + 1) + ", on top of the centre's version " + cv;
        }
        takeCentralTooltip.set(take);
        reapplyTooltip.set(again);
        takeCentralDisabled.set(take.startsWith("Disabled"));
        reapplyDisabled.set(again.startsWith("Disabled"));
    }

    static String describe(ConflictResolution r) {
        String what = r.entry().recordType() + " " + r.entry().recordId();
        return switch (r.action()) {
            case TAKE_CENTRAL -> "Kept the centre's version " + r.centralVersion() + " of " + what
                    + "; your change (version " + r.entry().recordVersion() + ") was dropped.";
            case REAPPLY -> "Re-applied your change to " + what + " as version " + r.newVersion()
                    + " (over the centre's version " + r.centralVersion() + "); it is being sent now.";
        };
    }

    private static String title(SyncConflict c) {
        return c.entry().recordType() + " " + c.entry().recordId() + ": this console's version "
                + c.entry().recordVersion() + " vs the centre's version " + c.centralVersion();
    }

    private static String words(RuntimeException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip();
    }
}

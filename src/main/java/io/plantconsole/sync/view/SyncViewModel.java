package io.plantconsole.sync.view;

import io.plantconsole.sync.model.SyncConflict;
import io.plantconsole.sync.model.SyncStatus;
import io.plantconsole.sync.service.SyncEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import io.plantconsole.ui.task.BackgroundTasks;
import io.plantconsole.ui.task.TaskLane;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;

/**
 * State of the Sync screen: the sync worker's state as a text badge, the outbox backlog, the last success and
 * failure, and the conflicts waiting for a decision. Reads only {@link SyncEngine#status()} and
 * {@link SyncEngine#conflicts()}, which never block; the outbox itself (disk I/O) is never read here.
 *
 * <p>Threading: FX thread. Refresh: {@code FxPulse.DIAGNOSTICS_HZ} (1 Hz) while the screen is shown. The backlog
 * figures are the worker's latest snapshot (it publishes after every attempt and every idle poll).
 */
public final class SyncViewModel {
    /** What the badge says; the text is always shown, the colour only adds to it. */
    public enum Badge {
        CONNECTED("CONNECTED"), OFFLINE("OFFLINE"), ERROR("ERROR"), NOT_CONFIGURED("NOT CONFIGURED");

        private final String text;

        Badge(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** Shown wherever a figure does not apply (nothing pending, no sync configured). */
    public static final String NONE = "—";
    public static final String NOT_CONFIGURED_TEXT = "No central database configured";
    public static final String SYNC_NOW_TOOLTIP = "Try to reach the central database now, without waiting for the"
            + " next retry";
    public static final String SYNC_NOW_DISABLED_TOOLTIP = "Disabled: no central database is configured, so"
            + " there is nothing to sync to";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /**
     * One conflict: the local entry the centre refused, the version the centre holds, and the console that wrote
     * it ({@code …} while it is being read, {@link #NONE} without a central database).
     */
    public record ConflictRow(UUID entryId, String recordType, String recordId, String localVersion,
                              String centralVersion, String detectedAt, String centralOrigin) {
    }

    /** What this view reads from the sync worker; none of it may block. {@link SyncEngine} in the console. */
    interface Source {
        SyncStatus status();

        List<SyncConflict> conflicts();

        void syncNow();
    }

    private final Optional<Source> sync;
    private final Clock clock;
    private final ReadOnlyObjectWrapper<Badge> badge = new ReadOnlyObjectWrapper<>(this, "badge", Badge.NOT_CONFIGURED);
    private final ReadOnlyStringWrapper badgeText = new ReadOnlyStringWrapper(this, "badgeText", "");
    private final ReadOnlyStringWrapper stateDetail = new ReadOnlyStringWrapper(this, "stateDetail", "");
    private final ReadOnlyStringWrapper pending = new ReadOnlyStringWrapper(this, "pending", NONE);
    private final ReadOnlyStringWrapper oldestPendingAge = new ReadOnlyStringWrapper(this, "oldestPendingAge", NONE);
    private final ReadOnlyStringWrapper lastSuccess = new ReadOnlyStringWrapper(this, "lastSuccess", NONE);
    private final ReadOnlyStringWrapper lastError = new ReadOnlyStringWrapper(this, "lastError", NONE);
    private final ReadOnlyStringWrapper failures = new ReadOnlyStringWrapper(this, "failures", NONE);
    private final ReadOnlyBooleanWrapper failing = new ReadOnlyBooleanWrapper(this, "failing", false);
    private final ReadOnlyBooleanWrapper syncNowDisabled = new ReadOnlyBooleanWrapper(this, "syncNowDisabled", true);
    private final ReadOnlyStringWrapper syncNowTooltip = new ReadOnlyStringWrapper(this, "syncNowTooltip", "");
    private final ReadOnlyStringWrapper updatedAt = new ReadOnlyStringWrapper(this, "updatedAt", "");
    private final ConflictsViewModel conflicts;

    /** Without conflict resolution (both resolutions disabled, with a reason). */
    public SyncViewModel(Optional<SyncEngine> sync, Clock clock) {
        this(clock, Objects.requireNonNull(sync, "sync").map(SyncViewModel::source), withoutResolver(clock));
    }

    /**
     * @param resolver resolves conflicts; empty without a central database
     * @param lane     runs the centre reads and resolutions (blocking) off the FX thread, one after another
     */
    public SyncViewModel(Optional<SyncEngine> sync, Optional<Resolver> resolver, TaskLane lane, Clock clock) {
        this(clock, Objects.requireNonNull(sync, "sync").map(SyncViewModel::source),
                new ConflictsViewModel(resolver, lane, clock));
    }

    /** A view model over any source (tests). */
    static SyncViewModel over(Optional<Source> sync, Clock clock) {
        return new SyncViewModel(clock, sync, withoutResolver(clock));
    }

    /** Conflicts without a resolver submit no task: a lane of their own that runs nothing. */
    private static ConflictsViewModel withoutResolver(Clock clock) {
        return new ConflictsViewModel(Optional.empty(), BackgroundTasks.synchronous().lane("sync"), clock);
    }

    /** A view model over any source and resolver (tests). */
    static SyncViewModel over(Optional<Source> sync, ConflictsViewModel conflicts, Clock clock) {
        return new SyncViewModel(clock, sync, conflicts);
    }

    private SyncViewModel(Clock clock, Optional<Source> sync, ConflictsViewModel conflicts) {
        this.sync = Objects.requireNonNull(sync, "sync");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.conflicts = Objects.requireNonNull(conflicts, "conflicts");
        conflicts.setOnResolved(this::refresh);
        syncNowDisabled.set(sync.isEmpty());
        syncNowTooltip.set(sync.isEmpty() ? SYNC_NOW_DISABLED_TOOLTIP : SYNC_NOW_TOOLTIP);
        refresh();
    }

    public ReadOnlyObjectProperty<Badge> badgeProperty() {
        return badge.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty badgeTextProperty() {
        return badgeText.getReadOnlyProperty();
    }

    /** One sentence under the badge, for example {@code No central database configured}. */
    public ReadOnlyStringProperty stateDetailProperty() {
        return stateDetail.getReadOnlyProperty();
    }

    /** Entries waiting in the outbox (conflicts included). */
    public ReadOnlyStringProperty pendingProperty() {
        return pending.getReadOnlyProperty();
    }

    /** Age of the oldest pending entry, for example {@code 3 min 12 s}; {@link #NONE} when nothing is pending. */
    public ReadOnlyStringProperty oldestPendingAgeProperty() {
        return oldestPendingAge.getReadOnlyProperty();
    }

    /** Local time of the last batch that reached the centre; {@code Never} before the first. */
    public ReadOnlyStringProperty lastSuccessProperty() {
        return lastSuccess.getReadOnlyProperty();
    }

    /** The last failure with its cause; {@code None} before the first. */
    public ReadOnlyStringProperty lastErrorProperty() {
        return lastError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty consecutiveFailuresProperty() {
        return failures.getReadOnlyProperty();
    }

    /** Whether the last attempt failed (the failure counter is then shown as abnormal). */
    public ReadOnlyBooleanProperty failingProperty() {
        return failing.getReadOnlyProperty();
    }

    /** True when there is no central database to sync to. */
    public ReadOnlyBooleanProperty syncNowDisabledProperty() {
        return syncNowDisabled.getReadOnlyProperty();
    }

    /** What the button does, or why it is disabled. */
    public ReadOnlyStringProperty syncNowTooltipProperty() {
        return syncNowTooltip.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty updatedAtProperty() {
        return updatedAt.getReadOnlyProperty();
    }

    /** Conflicts waiting for a decision, oldest outbox entry first. */
    public ObservableList<ConflictRow> conflicts() {
        return conflicts.rows();
    }

    /** The conflicts table, the comparison of the selected one and the resolutions. */
    public ConflictsViewModel conflictsViewModel() {
        return conflicts;
    }

    /** Wakes the sync worker; does nothing without a central database. Never blocks. */
    public void syncNow() {
        sync.ifPresent(Source::syncNow);
    }

    /** Reads the worker's latest snapshot and conflicts. FX thread. */
    public void refresh() {
        ZoneId zone = clock.getZone();
        Instant now = clock.instant();
        updatedAt.set("Updated " + TIME.format(now.atZone(zone)));
        if (sync.isEmpty()) {
            show(badge, Badge.NOT_CONFIGURED);
            set(stateDetail, NOT_CONFIGURED_TEXT);
            set(pending, NONE);
            set(oldestPendingAge, NONE);
            set(lastSuccess, NONE);
            set(lastError, NONE);
            set(failures, NONE);
            failing.set(false);
            return;
        }
        SyncStatus s = sync.get().status();
        show(badge, badge(s));
        set(stateDetail, detail(s));
        set(pending, Long.toString(s.pendingCount()));
        set(oldestPendingAge, s.pendingCount() == 0 ? NONE : age(s.oldestPendingAge()));
        set(lastSuccess, s.lastSuccess() == null ? "Never" : localTime(s.lastSuccess(), now, zone));
        set(lastError, lastErrorText(s));
        set(failures, Integer.toString(s.consecutiveFailures()));
        failing.set(s.consecutiveFailures() > 0);
        conflicts.update(sync.get().conflicts(), now, zone);
    }

    /**
     * The last failure in words. While CONNECTED with no failure since, it happened before the last success: say so,
     * so that an old cause does not read as a current one.
     */
    static String lastErrorText(SyncStatus s) {
        if (s.lastError() == null || s.lastError().isBlank()) {
            return "None";
        }
        String text = s.lastError().strip();
        return s.state() == SyncStatus.State.CONNECTED && s.consecutiveFailures() == 0
                ? text + " (resolved: the centre has taken batches since)" : text;
    }

    private static Source source(SyncEngine engine) {
        return new Source() {
            @Override
            public SyncStatus status() {
                return engine.status();
            }

            @Override
            public List<SyncConflict> conflicts() {
                return engine.conflicts();
            }

            @Override
            public void syncNow() {
                engine.syncNow();
            }
        };
    }

    private void show(ReadOnlyObjectWrapper<Badge> p, Badge b) {
        p.set(b);
        set(badgeText, b.text());
    }

    /** The badge for a worker snapshot. */
    public static Badge badge(SyncStatus s) {
        return switch (s.state()) {
            case CONNECTED -> Badge.CONNECTED;
            case OFFLINE -> Badge.OFFLINE;
            case ERROR -> Badge.ERROR;
        };
    }

    static String detail(SyncStatus s) {
        if (s.state() == SyncStatus.State.OFFLINE && s.consecutiveFailures() == 0 && s.lastSuccess() == null) {
            return "Not contacted yet: the centre is contacted when there is something to send";
        }
        return switch (s.state()) {
            case CONNECTED -> "The central database took the last batch";
            case OFFLINE -> "The central database is unreachable; entries wait in the outbox and are retried";
            case ERROR -> "Sync is failing; entries wait in the outbox and are retried (see the last error)";
        };
    }

    /**
     * The status bar's sync segment: {@code Sync: not configured}, {@code Sync: offline}, {@code Sync: error},
     * {@code Sync: 12 pending} or {@code Sync: up to date}.
     */
    public static String statusBarText(Optional<SyncStatus> status) {
        if (status.isEmpty()) {
            return "Sync: not configured";
        }
        SyncStatus s = status.get();
        if (s.consecutiveFailures() > 0) {
            return s.state() == SyncStatus.State.ERROR ? "Sync: error" : "Sync: offline";
        }
        return s.pendingCount() > 0 ? "Sync: " + s.pendingCount() + " pending" : "Sync: up to date";
    }

    /** Whether the status bar's sync segment shows a problem (failing attempts). */
    public static boolean statusBarAbnormal(Optional<SyncStatus> status) {
        return status.isPresent() && status.get().consecutiveFailures() > 0;
    }

    /** An age in words: {@code 42 s}, {@code 3 min 12 s}, {@code 2 h 05 min}, {@code 3 d 4 h}. */
    public static String age(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        if (s < 86_400) {
            return (s / 3600) + " h " + String.format("%02d", (s % 3600) / 60) + " min";
        }
        return (s / 86_400) + " d " + ((s % 86_400) / 3600) + " h";
    }

    /** {@code HH:mm:ss} today, with the date on another day. */
    static String localTime(Instant at, Instant now, ZoneId zone) {
        ZonedDateTime t = at.atZone(zone);
        return LocalDate.ofInstant(now, zone).equals(t.toLocalDate()) ? TIME.format(t) : DATE_TIME.format(t);
    }

    private static void set(ReadOnlyStringWrapper p, String v) {
        if (!v.equals(p.get())) {
            p.set(v);
        }
    }
}

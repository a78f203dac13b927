package io.plantconsole.sync.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantconsole.sync.model.OutboxEntry;
import io.plantconsole.sync.model.SyncConflict;
import io.plantconsole.sync.model.SyncStatus;
import io.plantconsole.sync.model.SyncStatus.State;
import io.plantconsole.sync.view.SyncViewModel.Badge;
import io.plantconsole.telemetry.view.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The Sync screen's state and formatting, without the toolkit. */
class SyncViewModelTest {
    /** 2026-11-26 10:00:00 UTC. */
    private static final long NOW = Instant.parse("2026-11-26T10:00:00Z").toEpochMilli();
    private final TestClock clock = new TestClock(NOW, ZoneOffset.UTC);

    private static final class FakeSource implements SyncViewModel.Source {
        SyncStatus status = SyncStatus.initial();
        List<SyncConflict> conflicts = List.of();
        int wakes;

        @Override
        public SyncStatus status() {
            return status;
        }

        @Override
        public List<SyncConflict> conflicts() {
            return conflicts;
        }

        @Override
        public void syncNow() {
            wakes++;
        }
    }

    private final FakeSource source = new FakeSource();

    private SyncViewModel configured() {
        return SyncViewModel.over(Optional.of(source), clock);
    }

    @Test
    void withoutACentralDatabaseTheScreenSaysNotConfiguredAndSyncNowIsDisabledWithAReason() {
        SyncViewModel vm = new SyncViewModel(Optional.empty(), clock);
        assertThat(vm.badgeProperty().get()).isEqualTo(Badge.NOT_CONFIGURED);
        assertThat(vm.badgeTextProperty().get()).isEqualTo("NOT CONFIGURED");
        assertThat(vm.stateDetailProperty().get()).isEqualTo("No central database configured");
        assertThat(vm.pendingProperty().get()).isEqualTo(SyncViewModel.NONE);
        assertThat(vm.syncNowDisabledProperty().get()).isTrue();
        assertThat(vm.syncNowTooltipProperty().get()).contains("no central database is configured");
        vm.syncNow(); // no engine: nothing happens, nothing throws
        assertThat(SyncViewModel.statusBarText(Optional.empty())).isEqualTo("Sync: not configured");
    }

    @Test
    void aConnectedWorkerShowsItsBacklogLastSuccessAndEnablesSyncNow() {
        source.status = new SyncStatus(State.CONNECTED, 12, Duration.ofSeconds(192),
                Instant.parse("2026-11-26T09:58:07Z"), null, 0, 0);
        SyncViewModel vm = configured();
        assertThat(vm.badgeTextProperty().get()).isEqualTo("CONNECTED");
        assertThat(vm.pendingProperty().get()).isEqualTo("12");
        assertThat(vm.oldestPendingAgeProperty().get()).isEqualTo("3 min 12 s");
        assertThat(vm.lastSuccessProperty().get()).isEqualTo("09:58:07");
        assertThat(vm.lastErrorProperty().get()).isEqualTo("None");
        assertThat(vm.consecutiveFailuresProperty().get()).isEqualTo("0");
        assertThat(vm.failingProperty().get()).isFalse();
        assertThat(vm.syncNowDisabledProperty().get()).isFalse();
        assertThat(vm.syncNowTooltipProperty().get()).isEqualTo(SyncViewModel.SYNC_NOW_TOOLTIP);
        vm.syncNow();
        assertThat(source.wakes).isEqualTo(1);
        assertThat(SyncViewModel.statusBarText(Optional.of(source.status))).isEqualTo("Sync: 12 pending");
    }

    @Test
    void anUnreachableCentreShowsOfflineWithTheErrorAndItsCause() {
        source.status = new SyncStatus(State.OFFLINE, 3, Duration.ofSeconds(42), null,
                "the central database is unreachable (cause: Connection refused)", 0, 4);
        SyncViewModel vm = configured();
        assertThat(vm.badgeProperty().get()).isEqualTo(Badge.OFFLINE);
        assertThat(vm.stateDetailProperty().get()).contains("unreachable");
        assertThat(vm.lastSuccessProperty().get()).isEqualTo("Never");
        assertThat(vm.lastErrorProperty().get()).contains("Connection refused");
        assertThat(vm.consecutiveFailuresProperty().get()).isEqualTo("4");
        assertThat(vm.failingProperty().get()).isTrue();
        assertThat(SyncViewModel.statusBarText(Optional.of(source.status))).isEqualTo("Sync: offline");
        assertThat(SyncViewModel.statusBarAbnormal(Optional.of(source.status))).isTrue();
    }

    @Test
    void anyOtherFailureShowsError() {
        source.status = new SyncStatus(State.ERROR, 1, Duration.ofHours(2).plusMinutes(5), null,
                "central schema version 9 is newer than this console (3): update the console", 0, 1);
        SyncViewModel vm = configured();
        assertThat(vm.badgeTextProperty().get()).isEqualTo("ERROR");
        assertThat(vm.oldestPendingAgeProperty().get()).isEqualTo("2 h 05 min");
        assertThat(SyncViewModel.statusBarText(Optional.of(source.status))).isEqualTo("Sync: error");
    }

    @Test
    void beforeTheFirstAttemptTheWorkerIsNotCalledOfflineInTheStatusBar() {
        SyncViewModel vm = configured();
        assertThat(vm.stateDetailProperty().get()).startsWith("Not contacted yet");
        assertThat(vm.oldestPendingAgeProperty().get()).isEqualTo(SyncViewModel.NONE);
        assertThat(SyncViewModel.statusBarText(Optional.of(SyncStatus.initial()))).isEqualTo("Sync: up to date");
        assertThat(SyncViewModel.statusBarAbnormal(Optional.of(SyncStatus.initial()))).isFalse();
    }

    @Test
    void agesAreWrittenInTheLargestUsefulUnits() {
        assertThat(SyncViewModel.age(Duration.ZERO)).isEqualTo("0 s");
        assertThat(SyncViewModel.age(Duration.ofSeconds(59))).isEqualTo("59 s");
        assertThat(SyncViewModel.age(Duration.ofSeconds(60))).isEqualTo("1 min 0 s");
        assertThat(SyncViewModel.age(Duration.ofMinutes(61))).isEqualTo("1 h 01 min");
        assertThat(SyncViewModel.age(Duration.ofHours(27))).isEqualTo("1 d 3 h");
        assertThat(SyncViewModel.age(Duration.ofSeconds(-5))).isEqualTo("0 s");
    }

    @Test
    void aLastSuccessOnAnotherDayShowsItsDate() {
        source.status = new SyncStatus(State.CONNECTED, 0, Duration.ZERO, Instant.parse("2026-11-25T23:10:00Z"),
                null, 0, 0);
        assertThat(configured().lastSuccessProperty().get()).isEqualTo("2026-11-25 23:10:00");
    }

    @Test
    void conflictsAreListedWithBothVersionsAndAreReplacedOnlyWhenTheyChange() {
        UUID recordId = UUID.fromString("0190f1a2-0000-7000-8000-000000000001");
        OutboxEntry entry = new OutboxEntry(7, UUID.randomUUID(), "batch", recordId, 3, "{}", NOW - 60_000);
        source.conflicts = List.of(new SyncConflict(entry, 5, Instant.parse("2026-11-26T09:59:30Z")));
        SyncViewModel vm = configured();
        assertThat(vm.conflicts()).singleElement().satisfies(r -> {
            assertThat(r.recordType()).isEqualTo("batch");
            assertThat(r.recordId()).isEqualTo(recordId.toString());
            assertThat(r.localVersion()).isEqualTo("3");
            assertThat(r.centralVersion()).isEqualTo("5");
            assertThat(r.detectedAt()).isEqualTo("09:59:30");
        });
        List<Object> changes = new ArrayList<>();
        vm.conflicts().addListener((javafx.collections.ListChangeListener<SyncViewModel.ConflictRow>) changes::add);
        vm.refresh();
        assertThat(changes).isEmpty();
        source.conflicts = List.of();
        vm.refresh();
        assertThat(vm.conflicts()).isEmpty();
    }

    @Test
    void anOldErrorIsMarkedResolvedOnceTheCentreTakesBatchesAgain() {
        java.time.Instant now = java.time.Instant.parse("2026-11-26T08:00:00Z");
        SyncStatus failing = new SyncStatus(SyncStatus.State.OFFLINE, 3, java.time.Duration.ofSeconds(5), null,
                "central database unreachable", 0, 2);
        SyncStatus recovered = new SyncStatus(SyncStatus.State.CONNECTED, 0, java.time.Duration.ZERO, now,
                "central database unreachable", 0, 0);
        assertThat(SyncViewModel.lastErrorText(failing)).isEqualTo("central database unreachable");
        assertThat(SyncViewModel.lastErrorText(recovered))
                .isEqualTo("central database unreachable (resolved: the centre has taken batches since)");
        assertThat(SyncViewModel.lastErrorText(SyncStatus.initial())).isEqualTo("None");
    }
}

package io.plantconsole.audit.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantconsole.audit.model.AuditQuery;
import io.plantconsole.audit.service.AuditService;
import io.plantconsole.kernel.identity.Role;
import io.plantconsole.infra.export.CsvAuditExporter;
import io.plantconsole.infra.pdf.PdfAuditExporter;
import io.plantconsole.testing.AuthFixture;
import io.plantconsole.testing.CsvReader;
import io.plantconsole.ui.task.BackgroundTask;
import io.plantconsole.ui.task.BackgroundTasks;
import io.plantconsole.ui.task.TaskLane;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Audit screen's view model over the real audit service and a real local store; tasks run synchronously. */
class AuditViewModelTest {
    @TempDir
    Path dir;
    private AuthFixture f;
    private AuditService service;
    private final BackgroundTasks tasks = BackgroundTasks.synchronous();
    private final TaskLane lane = tasks.lane("audit");

    @BeforeEach
    void setUp() {
        f = new AuthFixture(dir.resolve("db"));
        service = new AuditService(f.store, f.auditStore, f.audit, Optional.empty(),
                Map.of("csv", new CsvAuditExporter(), "pdf", new PdfAuditExporter(f.clock)), f.login::current);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private AuditViewModel vm(Clock clock) {
        return new AuditViewModel(Optional.of(new AuditViewModel.Backend(service, f.login::current)), false, lane,
                clock);
    }

    private AuditViewModel vm() {
        return vm(f.clock);
    }

    @Test
    void aQaManagerSeesTheEventsNewestFirstWithUsernamesAndChanges() {
        f.signedIn("quinn", Role.QA_MANAGER);
        AuditViewModel vm = vm();
        vm.refresh();

        assertThat(vm.rows()).extracting(EventRow::action).containsExactly("PASSWORD_CHANGED", "LOGIN", "CREATE");
        assertThat(vm.rows()).extracting(r -> r.event().seq()).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        EventRow login = vm.rows().get(1);
        assertThat(login.user()).isEqualTo("quinn");
        assertThat(login.role()).isEqualTo("QA Manager");
        EventRow create = vm.rows().get(2);
        assertThat(create.changes()).contains("username: quinn").contains("role: QA_MANAGER");
        assertThat(create.hashShort()).hasSize(12).isEqualTo(create.hash().substring(0, 12));
        assertThat(vm.countTextProperty().get()).isEqualTo("3 events (newest first, at most 500)");
        assertThat(vm.filter().userChoices()).anyMatch(s -> s.startsWith("quinn ("));
        assertThat(vm.filter().resourceTypeChoices()).contains("user_account");
        assertThat(vm.messageErrorProperty().get()).isFalse();
    }

    @Test
    void filteringByActionOrUserNarrowsTheTable() {
        f.signedIn("quinn", Role.QA_MANAGER);
        AuditViewModel vm = vm();
        vm.refresh();
        vm.filter().actionProperty().set("LOGIN");
        vm.refresh();
        assertThat(vm.rows()).extracting(EventRow::action).containsExactly("LOGIN");

        vm.filter().actionProperty().set(AuditFilter.ANY_ACTION);
        String quinn = vm.filter().userChoices().stream().filter(s -> s.startsWith("quinn (")).findFirst().orElseThrow();
        vm.filter().userProperty().set(quinn);
        vm.refresh();
        assertThat(vm.rows()).extracting(EventRow::action).containsExactly("PASSWORD_CHANGED", "LOGIN");

        vm.clearFilter();
        assertThat(vm.rows()).hasSize(3);
    }

    @Test
    void selectingAnEventShowsEveryFieldWithOldAndNewValuesAndBothHashes() {
        f.signedIn("quinn", Role.QA_MANAGER);
        AuditViewModel vm = vm();
        vm.refresh();
        EventRow create = vm.rows().get(2);
        vm.select(create);
        assertThat(vm.detailTitleProperty().get()).startsWith("Event 1: CREATE user_account");
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        vm.detail().forEach(d -> fields.put(d.field(), d.value()));
        assertThat(fields).containsEntry("seq", "1").containsEntry("change: username", "quinn")
                .containsEntry("prev_hash", create.event().prevHash()).containsEntry("hash", create.hash())
                .containsKeys("time (UTC)", "time (local)", "workstation", "reason", "IP (salted hash)");
        assertThat(fields.get("reason")).isEqualTo(AuditRows.NONE);
    }

    @Test
    void changesReadFieldOldArrowNewInTheTableAndTheDetailPane() {
        var e = new io.plantconsole.kernel.audit.AuditEvent(java.util.UUID.randomUUID(), "c", 5, Instant.EPOCH, "u",
                "ADMIN", "UPDATE", "user_account", "x", Map.of("role", "OPERATOR"), Map.of("role", "SUPERVISOR",
                "status", "ACTIVE"), "promoted", "ws", null, "0".repeat(64), "a".repeat(64));
        AuditRows rows = new AuditRows(ZoneId.of("UTC"));
        EventRow row = rows.row(e, 0);
        assertThat(row.changes()).isEqualTo("role: OPERATOR → SUPERVISOR; status: (absent) → ACTIVE");
        assertThat(rows.details(row)).contains(new DetailRow("change: role", "OPERATOR → SUPERVISOR"),
                new DetailRow("change: status", "(absent) → ACTIVE"));
    }

    @Test
    void verifyingTheLocalChainShowsIntactThenBrokenAfterTamperingInSql() throws Exception {
        f.signedIn("quinn", Role.QA_MANAGER);
        AuditViewModel vm = vm();
        vm.refresh();
        assertThat(vm.chain().stateProperty().get()).isEqualTo(ChainState.NOT_VERIFIED);

        vm.verifyLocal();
        assertThat(vm.chain().stateProperty().get()).isEqualTo(ChainState.INTACT);
        assertThat(vm.chain().badgeProperty().get()).contains("INTACT");
        assertThat(vm.chain().textProperty().get()).startsWith("Chain intact: 3 events (local)");
        assertThat(vm.rows()).extracting(EventRow::action).first().as("verifying is audited").isEqualTo("VERIFY");

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f.store.file());
             Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE audit_event SET reason = 'x' WHERE seq = 2");
        }
        vm.verifyLocal();
        assertThat(vm.chain().stateProperty().get()).isEqualTo(ChainState.BROKEN);
        assertThat(vm.chain().badgeProperty().get()).contains("BROKEN");
        assertThat(vm.chain().textProperty().get()).startsWith("Chain BROKEN at event 2 (ALTERED): ");
        assertThat(vm.messageErrorProperty().get()).isTrue();
        assertThat(vm.rows()).filteredOn(EventRow::broken).singleElement()
                .satisfies(r -> assertThat(r.seq()).isEqualTo("✖ 2"));
    }

    @Test
    void verifyingTheCentralCopyWithoutACentralDatabaseIsDisabledAndSaysSo() {
        f.signedIn("quinn", Role.QA_MANAGER);
        AuditViewModel vm = vm();
        assertThat(vm.verifyCentralCommand().disabledProperty().get()).isTrue();
        assertThat(vm.verifyCentralCommand().tooltipProperty().get()).isEqualTo(AuditViewModel.CENTRAL_NOT_CONFIGURED);
        assertThat(vm.verifyLocalCommand().disabledProperty().get()).isFalse();

        AuditViewModel guessing = new AuditViewModel(Optional.of(new AuditViewModel.Backend(service,
                f.login::current)), true, lane, f.clock);
        assertThat(guessing.verifyCentralCommand().disabledProperty().get()).isFalse();
        guessing.verifyCentral();
        assertThat(guessing.messageProperty().get()).contains("no central database configured");
        assertThat(guessing.verifyCentralCommand().disabledProperty().get()).isTrue();
    }

    @Test
    void anUnreachableCentreIsShownInWordsAndTheChainIsNotClaimedIntact() {
        f.signedIn("quinn", Role.QA_MANAGER);
        AuditService withCentre = new AuditService(f.store, f.auditStore, f.audit, Optional.of(console -> {
            throw new IllegalStateException("The central database is unreachable (connection refused)");
        }), Map.of(), f.login::current);
        AuditViewModel vm = new AuditViewModel(Optional.of(new AuditViewModel.Backend(withCentre, f.login::current)),
                true, lane, f.clock);
        vm.verifyCentral();
        assertThat(vm.chain().stateProperty().get()).isEqualTo(ChainState.FAILED);
        assertThat(vm.chain().badgeProperty().get()).contains("NOT VERIFIED");
        assertThat(vm.chain().textProperty().get())
                .isEqualTo("Could not verify the central chain: The central database is unreachable (connection"
                        + " refused)");
        assertThat(vm.messageErrorProperty().get()).isTrue();
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void aClosedTaskSeamIsReportedNotSwallowed() {
        f.signedIn("quinn", Role.QA_MANAGER);
        AuditViewModel vm = vm();
        tasks.close();
        vm.verifyLocal();
        assertThat(vm.messageProperty().get()).isEqualTo("The audit log is closing; nothing was done.");
        assertThat(vm.messageErrorProperty().get()).isTrue();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.chain().stateProperty().get()).isEqualTo(ChainState.NOT_VERIFIED);
    }

    @Test
    void verifyingAndExportingRunAsNamedTasksThatReportHowFarTheyAre() {
        f.signedIn("quinn", Role.QA_MANAGER);
        AuditViewModel vm = vm();
        vm.refresh();
        vm.verifyLocal();
        vm.export(dir.resolve("out/audit.pdf"));
        List<BackgroundTask> ran = tasks.recent();
        assertThat(ran).extracting(BackgroundTask::name).contains("Load audit events", "Verify local audit chain",
                "Export audit log to PDF");
        assertThat(ran).allSatisfy(t -> assertThat(t.lane()).isEqualTo("audit"));
        BackgroundTask verify = ran.stream().filter(t -> t.name().equals("Verify local audit chain")).findFirst()
                .orElseThrow();
        assertThat(verify.messageProperty().get()).isEqualTo("Verifying event 3 of 3");
        BackgroundTask export = ran.stream().filter(t -> t.name().startsWith("Export")).findFirst().orElseThrow();
        assertThat(export.messageProperty().get()).startsWith("Writing event ");
        assertThat(export.progressProperty().get()).isEqualTo(1.0);
    }

    @Test
    void aCancelledVerificationRecordsNothingAndLeavesTheBannerAsItWas() throws Exception {
        f.signedIn("quinn", Role.QA_MANAGER);
        io.plantconsole.testing.ManualFx fx = new io.plantconsole.testing.ManualFx();
        BackgroundTasks threaded = BackgroundTasks.threaded(fx, f.clock);
        TaskLane audit = threaded.lane("audit");
        java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
        try {
            audit.submit("hold the lane", p -> {
                hold.await();
                return null;
            }, r -> { });
            AuditViewModel vm = new AuditViewModel(Optional.of(new AuditViewModel.Backend(service,
                    f.login::current)), false, audit, f.clock);
            int before = f.auditStore.find(AuditQuery.latest(50)).size();
            vm.verifyLocal();
            assertThat(vm.verifyLocalCommand().disabledProperty().get()).isTrue();
            assertThat(vm.verifyLocalCommand().tooltipProperty().get()).isEqualTo(AuditViewModel.BUSY_TOOLTIP);
            BackgroundTask verify = threaded.recent().get(0);
            assertThat(verify.name()).isEqualTo("Verify local audit chain");
            verify.cancel();
            hold.countDown();
            fx.runUntil(() -> verify.state().ended() && !vm.busyProperty().get());
            assertThat(verify.state()).isEqualTo(io.plantconsole.ui.task.TaskState.CANCELLED);
            assertThat(vm.messageProperty().get()).isEqualTo("Verification of the local chain was cancelled;"
                    + " nothing was recorded.");
            assertThat(vm.chain().stateProperty().get()).isEqualTo(ChainState.NOT_VERIFIED);
            assertThat(f.auditStore.find(AuditQuery.latest(50))).hasSize(before);
            assertThat(vm.verifyLocalCommand().disabledProperty().get()).isFalse();
        } finally {
            hold.countDown();
            threaded.close();
        }
    }

    @Test
    void exportingWritesWhatTheTableShowsAndSaysHowMany() throws Exception {
        f.signedIn("quinn", Role.QA_MANAGER);
        AuditViewModel vm = vm();
        vm.refresh();
        int shown = vm.rows().size();
        Path csv = dir.resolve("out/audit.csv");
        vm.export(csv);
        assertThat(vm.messageProperty().get()).isEqualTo("Exported " + shown + " events to " + csv.toAbsolutePath());
        List<List<String>> rows = CsvReader.read(csv);
        assertThat(rows).hasSize(1 + shown);
        assertThat(rows.get(0).get(0)).isEqualTo("seq");
        assertThat(vm.rows()).extracting(EventRow::action).first().as("exporting is audited").isEqualTo("EXPORT");
    }

    @Test
    void anOperatorIsRefusedByTheServiceAndTheScreenSaysWhyInWords() {
        f.signedIn("otto", Role.OPERATOR);
        AuditViewModel vm = vm();
        vm.refresh();
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.messageProperty().get())
                .isEqualTo("Access denied: An Operator may not view the audit log: this needs the role QA Manager"
                        + " or Admin.");
        assertThat(vm.messageErrorProperty().get()).isTrue();
        assertThat(vm.exportCommand().disabledProperty().get()).isTrue();
        assertThat(vm.exportCommand().tooltipProperty().get()).startsWith("Disabled: An Operator may not export");
        assertThat(vm.verifyLocalCommand().tooltipProperty().get()).startsWith("Disabled: An Operator may not verify");
        vm.verifyLocal();
        assertThat(vm.messageProperty().get()).startsWith("Access denied: An Operator may not verify");
    }

    @Test
    void withoutIdentityServicesTheScreenSaysTheLogIsNotAvailable() {
        AuditViewModel vm = new AuditViewModel(Optional.empty(), false, lane, f.clock);
        vm.refresh();
        assertThat(vm.messageProperty().get()).isEqualTo(AuditViewModel.NOT_AVAILABLE);
        assertThat(vm.availableProperty().get()).isFalse();
        assertThat(vm.verifyLocalCommand().disabledProperty().get()).isTrue();
        assertThat(vm.exportCommand().tooltipProperty().get()).contains(AuditViewModel.NOT_AVAILABLE);
    }

    @Test
    void localDatesAndTimesBecomeUtcInstantsAndTheTitleSaysTheFilterInWords() {
        f.signedIn("quinn", Role.QA_MANAGER);
        ZoneId amsterdam = ZoneId.of("Europe/Amsterdam");
        AuditViewModel vm = vm(Clock.fixed(Instant.parse("2026-07-01T10:15:00Z"), amsterdam));
        vm.filter().fromDateProperty().set(LocalDate.of(2026, 7, 1));
        vm.filter().fromTimeProperty().set("7:30");
        vm.filter().toDateProperty().set(LocalDate.of(2026, 7, 1));
        vm.filter().toTimeProperty().set("12:00");
        vm.filter().actionProperty().set("LOGIN");
        vm.filter().limitProperty().set("50");
        AuditQuery q = vm.query().orElseThrow();
        assertThat(q.from()).isEqualTo(Instant.parse("2026-07-01T05:30:00Z"));
        assertThat(q.to()).as("the 'to' minute is included").isEqualTo(Instant.parse("2026-07-01T10:01:00Z"));
        assertThat(q.action()).hasToString("LOGIN");
        assertThat(q.limit()).isEqualTo(50);
        assertThat(vm.filterTitle(q)).isEqualTo("Action LOGIN, from 2026-07-01 07:30:00, until 2026-07-01 12:01:00"
                + " (Europe/Amsterdam), newest 50");
        assertThat(vm.defaultFileName("pdf")).isEqualTo("audit-20260701-1215.pdf");
    }

    @Test
    void anInvalidFilterIsRefusedInWordsWithoutQuerying() {
        f.signedIn("quinn", Role.QA_MANAGER);
        AuditViewModel vm = vm();
        vm.filter().limitProperty().set("lots");
        vm.refresh();
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.messageProperty().get()).startsWith("Filter not applied: Limit must be a whole number");
        vm.filter().limitProperty().set("10");
        vm.filter().fromDateProperty().set(LocalDate.of(2026, 1, 2));
        vm.filter().fromTimeProperty().set("25:99");
        vm.refresh();
        assertThat(vm.messageProperty().get()).contains("\"From\" time must be hours:minutes");
    }
    private AuditViewModel withCentre(List<io.plantconsole.kernel.audit.AuditEvent> central) {
        AuditService withCentre = new AuditService(f.store, f.auditStore, f.audit, Optional.of(console -> central),
                Map.of(), f.login::current);
        return new AuditViewModel(Optional.of(new AuditViewModel.Backend(withCentre, f.login::current)), true,
                lane, f.clock);
    }

    @Test
    void verifyingTheCentralCopyChecksItAgainstTheLocalChainAndShowsTheUnsyncedTail() {
        f.signedIn("quinn", Role.QA_MANAGER);
        var synced = List.copyOf(f.auditStore.chain(AuthFixture.CONSOLE).subList(0, 2));
        AuditViewModel vm = withCentre(synced);
        vm.verifyCentral();
        assertThat(vm.chain().stateProperty().get()).isEqualTo(ChainState.INTACT);
        assertThat(vm.chain().textProperty().get()).startsWith("Chain intact: 3 events (central).")
                .contains("Anchored: the centre's copy (2 events, the last received (arrival time not recorded))"
                        + " matches the local chain hash for hash; 1 event after it not yet synced.");
    }

    @Test
    void aLocalChainRewrittenAndRehashedIsShownBrokenAgainstTheCentralCopy() throws Exception {
        f.signedIn("quinn", Role.QA_MANAGER);
        var central = List.copyOf(f.auditStore.chain(AuthFixture.CONSOLE));
        // change event 2 and recompute its hash and the one after it: the local chain is consistent again
        String prev = central.get(0).hash();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f.store.file());
             java.sql.PreparedStatement ps = c.prepareStatement(
                     "UPDATE audit_event SET reason = ?, prev_hash = ?, hash = ? WHERE seq = ?")) {
            for (var e : central.subList(1, central.size())) {
                var r = io.plantconsole.kernel.audit.AuditChain.sealed(new io.plantconsole.kernel.audit.AuditEvent(
                        e.id(), e.consoleId(), e.seq(), e.occurredAt(), e.userId(), e.role(), e.action(),
                        e.resourceType(), e.resourceId(), e.oldValue(), e.newValue(),
                        e.seq() == 2 ? "nothing happened" : e.reason(), e.workstation(), e.ipHash(), prev, "-"));
                ps.setString(1, r.reason());
                ps.setString(2, r.prevHash());
                ps.setString(3, r.hash());
                ps.setLong(4, r.seq());
                ps.executeUpdate();
                prev = r.hash();
            }
        }
        AuditViewModel vm = withCentre(central);
        vm.verifyLocal();
        assertThat(vm.chain().stateProperty().get()).as("consistent with itself").isEqualTo(ChainState.INTACT);

        vm.verifyCentral();
        assertThat(vm.chain().stateProperty().get()).isEqualTo(ChainState.BROKEN);
        assertThat(vm.chain().textProperty().get()).startsWith("Chain BROKEN at event 2 (DIVERGED): local event 2 differs"
                + " from the copy the centre received (arrival time not recorded): reason 'nothing happened' here,"
                + " (none) at the centre");
        assertThat(vm.rows()).filteredOn(EventRow::broken).singleElement()
                .satisfies(r -> assertThat(r.seq()).isEqualTo("✖ 2"));
    }
}

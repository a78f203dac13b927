package io.plantconsole.sync.service;

import io.plantconsole.kernel.audit.AuditAction;
import io.plantconsole.kernel.audit.AuditEvent;
import io.plantconsole.kernel.audit.AuditLog;
import io.plantconsole.kernel.audit.AuditTrail;
import io.plantconsole.kernel.identity.AccessDeniedException;
import io.plantconsole.kernel.identity.Role;
import io.plantconsole.kernel.identity.Session;
import io.plantconsole.kernel.util.UuidV7;
import io.plantconsole.kernel.tx.LocalTransactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantconsole.infra.json.JacksonJsonFields;
import io.plantconsole.sync.model.CentralRecord;
import io.plantconsole.sync.model.ConflictComparison;
import io.plantconsole.sync.model.ConflictResolution;
import io.plantconsole.sync.model.FieldDiff;
import io.plantconsole.sync.model.OutboxEntry;
import io.plantconsole.sync.model.SyncConflict;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Conflict comparison and resolution, with fakes for the local store, the centre and the worker. */
class ConflictResolverTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
    private static final UUID RECORD = UUID.fromString("0192f0c8-0000-7000-8000-000000000001");

    private final FakeLocal local = new FakeLocal();
    private CentralRecord central = new CentralRecord("note", RECORD, 4, "{\"text\": \"theirs\", \"n\": 1.50}",
            "console-a", Instant.parse("2026-11-26T09:59:00Z"));
    private final List<UUID> forgotten = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final List<AuditEvent> audited = new ArrayList<>();
    private final AuditTrail trail = new AuditTrail(new AuditLog() {
        @Override
        public Optional<AuditEvent> head(LocalTransactions.LocalTx tx, String consoleId) {
            return audited.isEmpty() ? Optional.empty() : Optional.of(audited.get(audited.size() - 1));
        }

        @Override
        public void append(LocalTransactions.LocalTx tx, AuditEvent event) {
            audited.add(event);
        }
    }, CLOCK, new UuidV7(CLOCK, new java.security.SecureRandom()), "console-test", "ws", null);
    private Session session = new Session(UUID.randomUUID(), "ana", "Ana", Role.SUPERVISOR, Session.Method.PASSWORD,
            CLOCK.instant());
    private final ConflictResolver resolver = new ConflictResolver(local, local, (t, id) -> Optional.ofNullable(central),
            new JacksonJsonFields(), (ConflictResolver.Worker) forgotten::add, () -> session, trail, CLOCK);

    /** The outbox entries of the test's records (audit events travel in the same outbox). */
    private List<OutboxEntry> notes() {
        return local.entries.stream().filter(e -> e.recordType().equals("note")).toList();
    }

    private SyncConflict conflict() {
        OutboxEntry e = local.add("note", RECORD, 3, "{\"n\":1.5,\"text\":\"mine\",\"extra\":true}");
        return new SyncConflict(e, 3, CLOCK.instant());
    }

    @Test
    void diffListsTheConsolesKeysFirstThenCentralOnlyKeysAndMarksOnlyRealDifferences() {
        List<FieldDiff> d = ConflictResolver.diff(new JacksonJsonFields(),
                "{\"b\":1.0,\"a\":{\"y\":1,\"x\":2},\"only\":\"l\",\"nul\":null}",
                "{\"a\": {\"x\": 2, \"y\": 1}, \"b\": 1, \"c\": [1, 2], \"nul\": null}");
        assertThat(d).containsExactly(
                new FieldDiff("b", "1", "1", false),
                new FieldDiff("a", "{\"x\":2,\"y\":1}", "{\"x\":2,\"y\":1}", false),
                new FieldDiff("only", "\"l\"", null, true),
                new FieldDiff("nul", "null", "null", false),
                new FieldDiff("c", null, "[1,2]", true));
    }

    @Test
    void aPayloadThatIsNotAnObjectIsComparedAsAWhole() {
        assertThat(ConflictResolver.diff(new JacksonJsonFields(), "[1, 2]", "{\"a\":1}")).singleElement()
                .isEqualTo(new FieldDiff(ConflictComparison.WHOLE_RECORD, "[1,2]", "{\"a\":1}", true));
    }

    @Test
    void compareShowsTheLocalPayloadTheCentralRecordAndTheChangedFields() {
        ConflictComparison c = resolver.compare(conflict());
        assertThat(c.central()).contains(central);
        assertThat(c.fields()).extracting(FieldDiff::key).containsExactly("n", "text", "extra");
        assertThat(c.fields()).extracting(FieldDiff::changed).containsExactly(false, true, true);
        assertThat(c.changedCount()).isEqualTo(2);
    }

    @Test
    void takeCentralReloadsTheLocalCopyAndDropsTheEntryInOneTransactionThenTellsTheWorker() {
        SyncConflict c = conflict();
        resolver.register(reconciler());
        resolver.addListener((tx, r) -> log.add("audit " + r.action() + " by " + r.actor()));
        ConflictResolution r = resolver.takeCentral(c);
        assertThat(notes()).isEmpty();
        assertThat(local.transactions).isEqualTo(1);
        assertThat(log).containsExactly("take " + central.version() + " " + central.payloadJson(),
                "audit TAKE_CENTRAL by ana");
        assertThat(r.newVersion()).isEqualTo(4);
        assertThat(forgotten).containsExactly(c.entry().id());
    }

    @Test
    void takeCentralWithoutAReconcilerOnlyDropsTheEntry() {
        SyncConflict c = conflict();
        resolver.takeCentral(c);
        assertThat(notes()).isEmpty();
        assertThat(forgotten).containsExactly(c.entry().id());
    }

    @Test
    void reapplyReplacesTheEntryWithTheSamePayloadAtTheCentralVersionPlusOne() {
        SyncConflict c = conflict();
        central = new CentralRecord("note", RECORD, 7, "{}", "console-a", CLOCK.instant()); // moved on since
        resolver.register(reconciler());
        ConflictResolution r = resolver.reapply(c);
        assertThat(notes()).singleElement().satisfies(e -> {
            assertThat(e.recordVersion()).isEqualTo(8);
            assertThat(e.payloadJson()).isEqualTo(c.entry().payloadJson());
            assertThat(e.id()).isEqualTo(r.newEntryId()).isNotEqualTo(c.entry().id());
        });
        assertThat(log).containsExactly("reapplied 8");
        assertThat(r.centralVersion()).isEqualTo(7);
        assertThat(forgotten).containsExactly(c.entry().id());
    }

    @Test
    void reapplyCarriesTheCentralVersionAsTheBaseOfTheReplacedEntry() {
        SyncConflict c = conflict();
        central = new CentralRecord("note", RECORD, 7, "{}", "console-a", CLOCK.instant());
        ConflictResolution r = resolver.reapply(c);
        assertThat(notes()).singleElement().satisfies(e -> {
            assertThat(e.baseVersion()).isEqualTo(7);
            assertThat(e.recordVersion()).isEqualTo(8);
        });
        assertThat(r.newVersion()).isEqualTo(8);
    }

    @Test
    void reapplyQueuesTheLaterEditsOfTheRecordAgainEachOnTheVersionBeforeItAndLeavesOtherRecordsAlone() {
        SyncConflict c = conflict(); // local v3 made on v2; the centre holds 4
        OutboxEntry other = local.add("note", UUID.randomUUID(), 1, "{\"other\":1}");
        local.add("note", RECORD, 3, 4, "{\"text\":\"mine again\"}");
        local.add("note", RECORD, 4, 5, "{\"text\":\"mine, third\"}");
        resolver.register(reconciler());

        ConflictResolution r = resolver.reapply(c);

        List<OutboxEntry> mine = notes().stream().filter(e -> e.recordId().equals(RECORD)).toList();
        assertThat(mine).extracting(OutboxEntry::baseVersion).containsExactly(4L, 5L, 6L);
        assertThat(mine).extracting(OutboxEntry::recordVersion).containsExactly(5L, 6L, 7L);
        assertThat(mine).extracting(OutboxEntry::payloadJson).containsExactly(c.entry().payloadJson(),
                "{\"text\":\"mine again\"}", "{\"text\":\"mine, third\"}");
        assertThat(mine.get(0).id()).isEqualTo(r.newEntryId());
        assertThat(notes()).contains(other);
        assertThat(r.newVersion()).isEqualTo(7);
        assertThat(log).containsExactly("reapplied 7");
        assertThat(audited).singleElement().satisfies(e -> assertThat(e.newValue())
                .containsEntry("later_entries", "2").containsEntry("new_version", "7"));
    }

    @Test
    void takeCentralAlsoDropsTheLaterEditsOfTheRecordMadeOnTheRefusedChange() {
        SyncConflict c = conflict();
        OutboxEntry other = local.add("note", UUID.randomUUID(), 1, "{\"other\":1}");
        local.add("note", RECORD, 3, 4, "{\"text\":\"mine again\"}");
        resolver.takeCentral(c);
        assertThat(notes()).containsExactly(other);
        assertThat(audited).singleElement().satisfies(e -> assertThat(e.newValue())
                .containsEntry("later_entries", "1"));
    }

    @Test
    void reapplyWhenTheCentreLacksTheRecordMakesTheChangeOnVersionZero() {
        SyncConflict c = conflict();
        central = null;
        resolver.reapply(c);
        assertThat(notes()).singleElement().satisfies(e -> {
            assertThat(e.baseVersion()).isZero();
            assertThat(e.recordVersion()).isEqualTo(4);
        });
    }

    @Test
    void aFailingHookRollsTheWholeResolutionBack() {
        SyncConflict c = conflict();
        resolver.addListener((tx, r) -> {
            throw new IllegalStateException("audit store full");
        });
        assertThatThrownBy(() -> resolver.reapply(c)).hasMessage("audit store full");
        assertThat(local.entries).containsExactly(c.entry());
        assertThat(forgotten).isEmpty();
    }

    @Test
    void eachResolutionIsAuditedInItsOwnTransactionWithTheDecisionAndVersions() {
        SyncConflict c = conflict();
        central = new CentralRecord("note", RECORD, 7, "{}", "console-a", CLOCK.instant());
        resolver.reapply(c);
        assertThat(local.transactions).isEqualTo(1);
        assertThat(audited).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.SYNC_CONFLICT_RESOLVED.name());
            assertThat(e.userId()).isEqualTo(session.userId().toString());
            assertThat(e.role()).isEqualTo("SUPERVISOR");
            assertThat(e.resourceType()).isEqualTo("note");
            assertThat(e.resourceId()).isEqualTo(RECORD.toString());
            assertThat(e.newValue()).containsEntry("decision", "REAPPLY").containsEntry("central_version", "7")
                    .containsEntry("new_version", "8").containsEntry("outbox_entry", c.entry().id().toString());
        });
        assertThat(local.entries).filteredOn(e -> e.recordType().equals(AuditTrail.RECORD_TYPE)).hasSize(1);
    }

    @Test
    void anOperatorOrNobodyIsRefusedInTheServiceAndNothingIsReadChangedOrAudited() {
        SyncConflict c = conflict();
        session = new Session(UUID.randomUUID(), "olga", "Olga", Role.OPERATOR, Session.Method.PASSWORD,
                CLOCK.instant());
        assertThatThrownBy(() -> resolver.takeCentral(c)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> resolver.reapply(c)).isInstanceOf(AccessDeniedException.class);
        session = null;
        assertThatThrownBy(() -> resolver.reapply(c)).isInstanceOf(AccessDeniedException.class);
        assertThat(local.entries).containsExactly(c.entry());
        assertThat(local.transactions).isZero();
        assertThat(audited).isEmpty();
        assertThat(forgotten).isEmpty();
    }

    @Test
    void anEntryResolvedAlreadyIsRefusedInWords() {
        SyncConflict c = conflict();
        resolver.takeCentral(c);
        assertThatThrownBy(() -> resolver.takeCentral(c)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already resolved");
    }

    @Test
    void keepingCentralIsRefusedWhenTheCentreNoLongerHoldsTheRecord() {
        SyncConflict c = conflict();
        central = null;
        assertThatThrownBy(() -> resolver.takeCentral(c)).hasMessageContaining("no longer holds");
        assertThat(local.entries).hasSize(1);
        assertThat(audited).isEmpty();
    }

    private RecordReconciler reconciler() {
        return new RecordReconciler() {
            @Override
            public String recordType() {
                return "note";
            }

            @Override
            public void takeCentral(LocalTransactions.LocalTx tx, CentralRecord c) {
                log.add("take " + c.version() + " " + c.payloadJson());
            }

            @Override
            public void reapplied(LocalTransactions.LocalTx tx, UUID recordId, long newVersion) {
                log.add("reapplied " + newVersion);
            }
        };
    }

    /** An outbox in memory whose transactions roll back on an exception. */
    static final class FakeLocal implements LocalTransactions, Outbox {
        List<OutboxEntry> entries = new ArrayList<>();
        int transactions;
        private long seq;

        OutboxEntry add(String type, UUID record, long version, String json) {
            return add(type, record, version - 1, version, json);
        }

        OutboxEntry add(String type, UUID record, long base, long version, String json) {
            OutboxEntry e = new OutboxEntry(++seq, UUID.randomUUID(), type, record, base, version, json, 0);
            entries.add(e);
            return e;
        }

        @Override
        public <T> T inTransaction(Function<LocalTx, T> work) {
            List<OutboxEntry> before = new ArrayList<>(entries);
            try {
                T t = work.apply(new LocalTx() {
                    @Override
                    public int update(String sql, Object... params) {
                        return 0;
                    }

                    @Override
                    public UUID enqueue(String type, UUID id, long base, long version, String json) {
                        return add(type, id, base, version, json).id();
                    }

                    @Override
                    public <U> U unwrap(Class<U> type) {
                        throw new IllegalArgumentException();
                    }
                });
                transactions++;
                return t;
            } catch (RuntimeException e) {
                entries = before;
                throw e;
            }
        }

        @Override
        public boolean remove(LocalTx tx, UUID entryId) {
            return entries.removeIf(e -> e.id().equals(entryId));
        }

        @Override
        public List<OutboxEntry> pending(int max) {
            return entries.stream().limit(max).toList();
        }

        @Override
        public List<OutboxEntry> pendingOf(LocalTx tx, String type, UUID id) {
            return entries.stream().filter(e -> e.recordType().equals(type) && e.recordId().equals(id)).toList();
        }

        @Override
        public void markSynced(Collection<UUID> ids) {
            entries.removeIf(e -> ids.contains(e.id()));
        }

        @Override
        public long pendingCount() {
            return entries.size();
        }

        @Override
        public OptionalLong oldestPendingMillis() {
            return OptionalLong.empty();
        }
    }
}

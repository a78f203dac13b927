package io.plantconsole.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantconsole.kernel.audit.AuditChain;
import io.plantconsole.kernel.audit.AuditEvent;
import io.plantconsole.sync.model.OutboxEntry;
import io.plantconsole.sync.model.SyncOutcome;
import io.plantconsole.sync.model.SyncOutcome.Result;
import io.plantconsole.sync.service.CentralSyncException;
import io.plantconsole.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outbox entries of type audit_event land in the append-only audit_event table, once; an event that does not continue
 * its chain as the centre holds it (a fork, a rewritten prefix, a gap, a chain not from 1, a new chain for a client id
 * that has one, another console's chain) stops the batch and is flagged; the registry follows each chain (ADR 0018).
 */
class AuditEventSyncIT {
    private static final String APP_LOGIN = "audit_sync_login";
    private static final String APP_PASSWORD = "audit-sync-pw-" + UUID.randomUUID();
    private static final AtomicLong SEQ = new AtomicLong();

    @TempDir
    static Path dir;
    static PostgresServer server;
    static CentralDatabase db;

    @BeforeAll
    static void startAndMigrate() throws SQLException {
        PostgresServer.assumeInstalled();
        server = PostgresServer.start(dir.resolve("pg"));
        db = CentralDatabase.open(new CentralDatabase.Settings(server.jdbcUrl(), server.user(), server.password(), 2,
                Duration.ofSeconds(5)));
        db.migrate();
        try (Connection c = superuser(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + APP_LOGIN + " LOGIN PASSWORD '" + APP_PASSWORD + "'");
            s.execute("GRANT plant_console_app TO " + APP_LOGIN);
        }
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static Connection superuser() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.user(), new String(server.password()));
    }

    /**
     * An outbox entry carrying audit event {@code eventId} of {@code console} at {@code seq}, with JSON values a real
     * event never has (numbers, arrays), linked to {@code prevHash}.
     */
    private static OutboxEntry audit(UUID eventId, String console, long seq, String prevHash) {
        String json = String.format(Locale.ROOT, "{\"id\":\"%s\",\"console_id\":\"%s\",\"seq\":%d,"
                + "\"occurred_at\":\"2026-11-26T08:15:30.123Z\",\"user_id\":\"op1\",\"role\":\"operator\","
                + "\"action\":\"setpoint.change\",\"resource_type\":\"tag\",\"resource_id\":\"FIC-101\","
                + "\"old_value\":{\"sp\":1.5},\"new_value\":[1,\"two\",null],\"reason\":\"tab\\there\\nand \\\\ back\","
                + "\"workstation\":\"ws-1\",\"ip_hash\":\"ab12\",\"prev_hash\":\"%s\",\"hash\":\"h-%d\"}",
                eventId, console, seq, prevHash, seq);
        return new OutboxEntry(SEQ.incrementAndGet(), UUID.randomUUID(), PostgresCentralSink.AUDIT_TYPE, eventId, 1,
                json, System.currentTimeMillis());
    }

    /** One console's chain as its trail writes it: sealed events, each linked to the one before. */
    static final class Chain {
        final String console;
        final String workstation;
        final List<AuditEvent> events = new ArrayList<>();

        Chain(String console, String workstation) {
            this.console = console;
            this.workstation = workstation;
        }

        Chain(String console) {
            this(console, "ws-" + console);
        }

        /** The next event, linked to the last one, with {@code reason}. */
        AuditEvent next(String reason) {
            AuditEvent e = event(events.size() + 1, head(), reason);
            events.add(e);
            return e;
        }

        String head() {
            return events.isEmpty() ? AuditEvent.GENESIS : events.get(events.size() - 1).hash();
        }

        AuditEvent event(long seq, String prevHash, String reason) {
            return AuditChain.sealed(new AuditEvent(UUID.randomUUID(), console, seq,
                    Instant.parse("2026-11-26T08:00:00Z").plusSeconds(seq), "op1", "OPERATOR", "LOGIN",
                    "user_account", "op1", null, Map.of("n", Long.toString(seq)), reason, workstation, null, prevHash,
                    "-"));
        }

        /** The next {@code n} events, as outbox entries. */
        List<OutboxEntry> append(int n) {
            List<OutboxEntry> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(entry(next("event " + (events.size() + 1))));
            }
            return out;
        }
    }

    static OutboxEntry entry(AuditEvent e) {
        return new OutboxEntry(SEQ.incrementAndGet(), UUID.randomUUID(), PostgresCentralSink.AUDIT_TYPE, e.id(), 1,
                e.toPayloadJson(), System.currentTimeMillis());
    }

    private static List<Result> results(PostgresCentralSink sink, List<OutboxEntry> batch) {
        return sink.apply(batch).stream().map(SyncOutcome::result).toList();
    }

    private static OutboxEntry record(UUID recordId, long version) {
        return new OutboxEntry(SEQ.incrementAndGet(), UUID.randomUUID(), "lot", recordId, version,
                "{\"v\":" + version + "}", System.currentTimeMillis());
    }

    private static long count(String sql, Object... params) throws SQLException {
        try (Connection c = superuser(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A sink for the console with client id {@code origin}. */
    private static PostgresCentralSink sink(String origin) {
        return new PostgresCentralSink(db, origin);
    }

    private static String text(String sql, Object... params) throws SQLException {
        try (Connection c = superuser(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Test
    void anAuditEntryIsInsertedIntoAuditEventAndNotIntoSyncedRecord() throws SQLException {
        UUID event = UUID.randomUUID();
        OutboxEntry e = audit(event, "console-ins", 1, AuditEvent.GENESIS);

        assertThat(sink("console-ins").apply(List.of(e))).singleElement().extracting(SyncOutcome::result)
                .isEqualTo(Result.APPLIED);

        try (Connection c = superuser(); PreparedStatement ps = c.prepareStatement("SELECT console_id, seq,"
                + " occurred_at, old_value, new_value, reason, prev_hash, hash, received_at FROM audit_event"
                + " WHERE id = ?")) {
            ps.setObject(1, event);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("console-ins");
                assertThat(rs.getLong(2)).isEqualTo(1);
                assertThat(rs.getTimestamp(3).toInstant()).isEqualTo(Instant.parse("2026-11-26T08:15:30.123Z"));
                assertThat(rs.getString(4)).isEqualTo("{\"sp\": 1.5}");
                assertThat(rs.getString(5)).isEqualTo("[1, \"two\", null]");
                assertThat(rs.getString(6)).isEqualTo("tab\there\nand \\ back");
                assertThat(rs.getString(7)).isEqualTo(AuditEvent.GENESIS);
                assertThat(rs.getString(8)).isEqualTo("h-1");
                assertThat(rs.getTimestamp(9)).as("received_at").isNotNull();
            }
        }
        assertThat(count("SELECT count(*) FROM synced_record WHERE record_id = ?", event)).isZero();
        assertThat(count("SELECT count(*) FROM applied_outbox WHERE outbox_id = ?", e.id())).isEqualTo(1);
    }

    @Test
    void aReplayedAuditEntryIsAlreadyAppliedAndWrittenOnce() throws SQLException {
        Chain chain = new Chain("console-replay");
        OutboxEntry e = entry(chain.next("first"));
        PostgresCentralSink sink = sink("console-replay");
        assertThat(results(sink, List.of(e))).containsExactly(Result.APPLIED);

        // the same outbox entry again (lost acknowledgement)
        assertThat(results(sink, List.of(e))).containsExactly(Result.ALREADY_APPLIED);
        // the same event in another outbox entry (re-enqueued after a local restore): still only once
        OutboxEntry again = entry(chain.events.get(0));
        assertThat(results(sink, List.of(again))).containsExactly(Result.ALREADY_APPLIED);

        assertThat(count("SELECT count(*) FROM audit_event WHERE id = ?", e.recordId())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM applied_outbox WHERE outbox_id = ?", again.id())).isEqualTo(1);
    }

    @Test
    void aMixedBatchRoutesAuditEventsAndRecordsInOneTransaction() throws SQLException {
        Chain chain = new Chain("console-mix");
        UUID lot = UUID.randomUUID();
        AuditEvent a1 = chain.next("one");
        AuditEvent a2 = chain.next("two");
        List<OutboxEntry> batch = List.of(record(lot, 1), entry(a1), record(lot, 2), entry(a2), record(lot, 2));
        PostgresCentralSink sink = sink("console-mix");

        assertThat(results(sink, batch)).containsExactly(Result.APPLIED, Result.APPLIED, Result.APPLIED,
                Result.APPLIED, Result.CONFLICT);

        assertThat(count("SELECT count(*) FROM audit_event WHERE console_id = 'console-mix'")).isEqualTo(2);
        assertThat(count("SELECT version FROM synced_record WHERE record_id = ?", lot)).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM synced_record WHERE record_id IN (?, ?)", a1.id(), a2.id())).isZero();

        // replaying the applied ones changes nothing
        assertThat(results(sink, batch.subList(0, 4))).containsOnly(Result.ALREADY_APPLIED);
        assertThat(count("SELECT count(*) FROM audit_event WHERE console_id = 'console-mix'")).isEqualTo(2);
    }

    @Test
    void aSecondEventForTheSameConsoleAndSeqIsAForkAndFailsTheWholeBatch() throws SQLException {
        Chain chain = new Chain("console-fork");
        PostgresCentralSink sink = sink("console-fork");
        List<OutboxEntry> first = chain.append(7);
        assertThat(results(sink, first)).containsOnly(Result.APPLIED);

        // the console's store was rewound to event 6 and wrote another event 7
        UUID lot = UUID.randomUUID();
        AuditEvent other = chain.event(7, chain.events.get(5).hash(), "another seventh");
        List<OutboxEntry> batch = List.of(record(lot, 1), entry(other));
        assertThatThrownBy(() -> sink.apply(batch))
                .isInstanceOfSatisfying(CentralSyncException.class,
                        e -> assertThat(e.kind()).isEqualTo(CentralSyncException.Kind.ERROR))
                .hasMessageContaining("forked audit chain")
                .hasMessageContaining("console console-fork seq 7")
                .hasMessageContaining(chain.events.get(6).id().toString())
                .hasMessageContaining(other.id().toString())
                .hasMessageContaining("the console's chain was rewound");

        assertThat(count("SELECT count(*) FROM synced_record WHERE record_id = ?", lot)).isZero();
        assertThat(count("SELECT count(*) FROM audit_event WHERE id = ?", other.id())).isZero();
        assertThat(count("SELECT count(*) FROM applied_outbox WHERE outbox_id = ANY (?::uuid[])",
                (Object) new String[] {batch.get(0).id().toString(), batch.get(1).id().toString()})).isZero();
        assertThat(text("SELECT kind FROM audit_console_flag WHERE event_id = ?", other.id())).isEqualTo("FORK");
    }

    @Test
    void twoEventsForTheSameSeqInOneBatchAreAFork() {
        Chain chain = new Chain("console-fork2");
        List<OutboxEntry> batch = new ArrayList<>(chain.append(3));
        batch.add(entry(chain.event(3, chain.events.get(1).hash(), "a second third")));
        assertThatThrownBy(() -> sink("console-fork2").apply(batch)).isInstanceOf(CentralSyncException.class)
                .hasMessageContaining("console console-fork2 seq 3");
    }

    @Test
    void anAuditEntryWhoseRecordIdIsNotTheEventIdIsRefused() throws SQLException {
        OutboxEntry good = entry(new Chain("console-bad").next("x"));
        OutboxEntry bad = new OutboxEntry(good.seq(), good.id(), good.recordType(), UUID.randomUUID(), 1,
                good.payloadJson(), good.createdAtMillis());
        assertThatThrownBy(() -> sink("console-bad").apply(List.of(bad))).isInstanceOf(CentralSyncException.class)
                .hasMessageContaining("is not the event id");
        assertThat(count("SELECT count(*) FROM audit_event WHERE console_id = 'console-bad'")).isZero();
    }

    @Test
    void theApplicationRoleCanSyncAuditEventsAndRecordsAndKeepTheRegistry() throws SQLException {
        try (CentralDatabase app = CentralDatabase.open(new CentralDatabase.Settings(server.jdbcUrl(), APP_LOGIN,
                APP_PASSWORD.toCharArray(), 2, Duration.ofSeconds(5)))) {
            PostgresCentralSink appSink = new PostgresCentralSink(app, "console-app");
            Chain chain = new Chain("console-app");
            List<OutboxEntry> batch = List.of(entry(chain.next("one")), record(UUID.randomUUID(), 1));
            assertThat(results(appSink, batch)).containsExactly(Result.APPLIED, Result.APPLIED);
            assertThat(results(appSink, batch)).containsExactly(Result.ALREADY_APPLIED, Result.ALREADY_APPLIED);
            assertThat(results(appSink, List.of(entry(chain.next("two"))))).containsExactly(Result.APPLIED);

            // a refusal is flagged by the same role
            AuditEvent unlinked = chain.event(3, "f".repeat(64), "three");
            assertThatThrownBy(() -> appSink.apply(List.of(entry(unlinked)))).isInstanceOf(CentralSyncException.class);
        }
        assertThat(count("SELECT count(*) FROM audit_event WHERE console_id = 'console-app'")).isEqualTo(2);
        assertThat(count("SELECT head_seq FROM audit_console WHERE console_id = 'console-app'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM audit_console_flag WHERE origin = 'console-app'")).isEqualTo(1);
    }

    @Test
    void theRegistryKnowsEachChainItsClientIdStartHeadAndWhenItWasSeen() throws SQLException {
        Chain chain = new Chain("chain-reg", "ws-reg");
        PostgresCentralSink sink = sink("client-reg");
        sink.apply(chain.append(3));
        sink.apply(chain.append(2));

        try (Connection c = superuser(); PreparedStatement ps = c.prepareStatement("SELECT origin, workstation,"
                + " chain_start, head_seq, head_hash, first_seen <= last_seen, retired_at FROM audit_console"
                + " WHERE console_id = 'chain-reg'")) {
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("client-reg");
                assertThat(rs.getString(2)).isEqualTo("ws-reg");
                assertThat(rs.getTimestamp(3).toInstant()).isEqualTo(chain.events.get(0).occurredAt());
                assertThat(rs.getLong(4)).isEqualTo(5);
                assertThat(rs.getString(5)).isEqualTo(chain.head());
                assertThat(rs.getBoolean(6)).isTrue();
                assertThat(rs.getTimestamp(7)).isNull();
            }
        }
    }

    @Test
    void anEventWhosePrevHashDoesNotLinkToTheCentresPreviousEventIsRefusedAndFlagged() throws SQLException {
        Chain chain = new Chain("console-link");
        PostgresCentralSink sink = sink("console-link");
        sink.apply(chain.append(3));

        // event 3 rewritten and rehashed locally (the centre has the original), then event 4 linked to the rewrite
        AuditEvent rewritten3 = chain.event(3, chain.events.get(1).hash(), "nothing happened");
        AuditEvent four = chain.event(4, rewritten3.hash(), "after the rewrite");
        assertThatThrownBy(() -> sink.apply(List.of(entry(four))))
                .isInstanceOfSatisfying(CentralSyncException.class,
                        e -> assertThat(e.kind()).isEqualTo(CentralSyncException.Kind.ERROR))
                .hasMessageContaining("broken audit chain: console console-link event 4 does not link to the"
                        + " centre's event 3 (received on 20")
                .hasMessageContaining("was rewritten")
                .hasMessageContaining("the sync of this console stops here");
        assertThat(count("SELECT count(*) FROM audit_event WHERE id = ?", four.id())).isZero();
        assertThat(text("SELECT kind FROM audit_console_flag WHERE event_id = ?", four.id())).isEqualTo("BROKEN_LINK");

        // the console retries: still refused, counted, not written
        assertThatThrownBy(() -> sink.apply(List.of(entry(four)))).isInstanceOf(CentralSyncException.class);
        assertThat(count("SELECT attempts FROM audit_console_flag WHERE event_id = ?", four.id())).isEqualTo(2);

        // the rewritten event itself, sent again under its old id, is refused as rewritten
        AuditEvent sameIdRewritten = AuditChain.sealed(new AuditEvent(chain.events.get(2).id(), "console-link", 3,
                rewritten3.occurredAt(), "op1", "OPERATOR", "LOGIN", "user_account", "op1", null, Map.of("n", "3"),
                "nothing happened", chain.workstation, null, chain.events.get(1).hash(), "-"));
        assertThatThrownBy(() -> sink.apply(List.of(entry(sameIdRewritten))))
                .hasMessageContaining("rewritten audit event: console console-link sent event 3");
        assertThat(count("SELECT head_seq FROM audit_console WHERE console_id = 'console-link'")).isEqualTo(3);
    }

    @Test
    void aLinkBrokenInsideTheBatchIsRefusedToo() {
        Chain chain = new Chain("console-link2");
        List<OutboxEntry> batch = new ArrayList<>(chain.append(2));
        batch.add(entry(chain.event(3, "e".repeat(64), "not linked to event 2 of the batch")));
        assertThatThrownBy(() -> sink("console-link2").apply(batch))
                .hasMessageContaining("console console-link2 event 3 does not link to event 2 of the same batch");
    }

    @Test
    void theFirstEventOfAChainTheCentreHasNotSeenIsAcceptedOnlyAtSeqOne() throws SQLException {
        Chain chain = new Chain("console-late");
        AuditEvent five = chain.event(5, "a".repeat(64), "a chain that starts in the middle");
        assertThatThrownBy(() -> sink("console-late").apply(List.of(entry(five))))
                .hasMessageContaining("the centre has never seen console console-late; a new chain must start at"
                        + " event 1, not 5");
        AuditEvent notGenesis = chain.event(1, "a".repeat(64), "a first event that follows something");
        assertThatThrownBy(() -> sink("console-late").apply(List.of(entry(notGenesis))))
                .hasMessageContaining("event 1 does not start from the genesis hash");
        assertThat(count("SELECT count(*) FROM audit_event WHERE console_id = 'console-late'")).isZero();
        assertThat(count("SELECT count(*) FROM audit_console WHERE console_id = 'console-late'")).isZero();
    }

    @Test
    void aGapBeforeAnEventIsRefused() {
        Chain chain = new Chain("console-gap");
        PostgresCentralSink sink = sink("console-gap");
        sink.apply(chain.append(2));
        chain.next("three, never sent");
        assertThatThrownBy(() -> sink.apply(List.of(entry(chain.next("four")))))
                .hasMessageContaining("gap in the audit chain: console console-gap sent event 4 but the centre lacks"
                        + " event 3");
    }

    @Test
    void aNewChainFromAClientIdThatHasOneIsRefusedUntilAnAdministratorReRegistersIt() throws SQLException {
        PostgresCentralSink sink = sink("client-new");
        Chain old = new Chain("chain-old", "ws-new");
        sink.apply(old.append(4));

        // the console's store was deleted: a new chain id, from event 1, from the same client id
        Chain fresh = new Chain("chain-fresh", "ws-new");
        List<OutboxEntry> batch = fresh.append(2);
        assertThatThrownBy(() -> sink.apply(batch))
                .isInstanceOfSatisfying(CentralSyncException.class,
                        e -> assertThat(e.kind()).isEqualTo(CentralSyncException.Kind.ERROR))
                .hasMessageContaining("new audit chain refused: this console (client id client-new) sent the first"
                        + " event of chain chain-fresh, but the centre holds chain chain-old for this client id (4"
                        + " events")
                .hasMessageContaining("local store was deleted or replaced")
                .hasMessageContaining("audit_console_reregister('client-new'");
        assertThat(count("SELECT count(*) FROM audit_event WHERE console_id = 'chain-fresh'")).isZero();
        assertThat(text("SELECT kind FROM audit_console_flag WHERE origin = 'client-new' AND resolved_at IS NULL"))
                .isEqualTo("NEW_CHAIN");

        try (Connection c = superuser(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT audit_console_reregister('client-new', 'disk replaced')")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("chain-old");
        }
        assertThat(results(sink, batch)).containsOnly(Result.APPLIED);
        assertThat(text("SELECT retire_reason FROM audit_console WHERE console_id = 'chain-old'"))
                .isEqualTo("disk replaced");
        assertThat(text("SELECT origin FROM audit_console WHERE console_id = 'chain-fresh' AND retired_at IS NULL"))
                .isEqualTo("client-new");
        assertThat(count("SELECT count(*) FROM audit_console_flag WHERE origin = 'client-new'"
                + " AND resolved_at IS NULL")).isZero();
        // the retired chain takes no more events
        assertThatThrownBy(() -> sink.apply(List.of(entry(old.next("late")))))
                .hasMessageContaining("retired audit chain: chain chain-old was retired at the centre");
    }

    @Test
    void anotherConsoleCannotWriteIntoAChainEvenWithTheNextSeqCorrectlyLinked() throws SQLException {
        Chain victim = new Chain("chain-victim", "ws-victim");
        sink("client-victim").apply(victim.append(3));

        // a second console reads the victim's head at the centre and forges its next event
        AuditEvent forged = victim.event(4, victim.head(), "forged by another console");
        assertThatThrownBy(() -> sink("client-forger").apply(List.of(entry(forged))))
                .hasMessageContaining("foreign audit chain: chain chain-victim belongs to the console with client id"
                        + " client-victim")
                .hasMessageContaining("this console (client id client-forger) may not write event 4 into it");
        assertThat(count("SELECT count(*) FROM audit_event WHERE id = ?", forged.id())).isZero();
        assertThat(text("SELECT kind FROM audit_console_flag WHERE origin = 'client-forger' AND console_id ="
                + " 'chain-victim'")).isEqualTo("FOREIGN");

        // the victim goes on undisturbed
        assertThat(results(sink("client-victim"), List.of(entry(victim.next("four"))))).containsOnly(Result.APPLIED);
    }

    @Test
    void aNewChainOnAWorkstationThatHoldsAnotherClientIdsChainIsAcceptedButFlagged() throws SQLException {
        sink("client-ws-a").apply(new Chain("chain-ws-a", "ws-shared").append(1));
        Chain b = new Chain("chain-ws-b", "ws-shared");
        assertThat(results(sink("client-ws-b"), b.append(1))).containsOnly(Result.APPLIED);
        assertThat(text("SELECT detail FROM audit_console_flag WHERE origin = 'client-ws-b' AND kind ="
                + " 'SAME_WORKSTATION'")).contains("ws-shared").contains("chain-ws-a");
    }
    @Test
    void longBatchesAreCheckedSetBasedAgainstTheBatchAndTheCentre() throws SQLException {
        Chain chain = new Chain("console-long");
        PostgresCentralSink sink = sink("console-long");
        for (int round = 0; round < 3; round++) {
            List<OutboxEntry> batch = chain.append(2000);
            long t0 = System.nanoTime();
            assertThat(results(sink, batch)).hasSize(2000).containsOnly(Result.APPLIED);
            System.out.printf(Locale.ROOT, "audit batch of 2000 (round %d): %.0f ms%n", round,
                    (System.nanoTime() - t0) / 1e6);
        }
        assertThat(count("SELECT head_seq FROM audit_console WHERE console_id = 'console-long'")).isEqualTo(6000);
        assertThat(text("SELECT head_hash FROM audit_console WHERE console_id = 'console-long'"))
                .isEqualTo(chain.head());
    }
}

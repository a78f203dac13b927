package io.plantconsole.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outbox entries of type audit_event land in the append-only audit_event table, once, and a forked chain stops. */
class AuditEventSyncIT {
    private static final String APP_LOGIN = "audit_sync_login";
    private static final String APP_PASSWORD = "audit-sync-pw-" + UUID.randomUUID();
    private static final AtomicLong SEQ = new AtomicLong();

    @TempDir
    static Path dir;
    static PostgresServer server;
    static CentralDatabase db;
    static PostgresCentralSink sink;

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
        sink = new PostgresCentralSink(db, "console-audit-it");
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

    /** An outbox entry carrying audit event {@code eventId} of {@code console} at {@code seq}. */
    private static OutboxEntry audit(UUID eventId, String console, long seq) {
        String json = String.format(Locale.ROOT, "{\"id\":\"%s\",\"console_id\":\"%s\",\"seq\":%d,"
                + "\"occurred_at\":\"2026-11-26T08:15:30.123Z\",\"user_id\":\"op1\",\"role\":\"operator\","
                + "\"action\":\"setpoint.change\",\"resource_type\":\"tag\",\"resource_id\":\"FIC-101\","
                + "\"old_value\":{\"sp\":1.5},\"new_value\":[1,\"two\",null],\"reason\":\"tab\\there\\nand \\\\ back\","
                + "\"workstation\":\"ws-1\",\"ip_hash\":\"ab12\",\"prev_hash\":null,\"hash\":\"h-%d\"}",
                eventId, console, seq, seq);
        return new OutboxEntry(SEQ.incrementAndGet(), UUID.randomUUID(), PostgresCentralSink.AUDIT_TYPE, eventId, 1,
                json, System.currentTimeMillis());
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

    @Test
    void anAuditEntryIsInsertedIntoAuditEventAndNotIntoSyncedRecord() throws SQLException {
        UUID event = UUID.randomUUID();
        OutboxEntry e = audit(event, "console-ins", 1);

        assertThat(sink.apply(List.of(e))).singleElement().extracting(SyncOutcome::result).isEqualTo(Result.APPLIED);

        try (Connection c = superuser(); PreparedStatement ps = c.prepareStatement("SELECT console_id, seq,"
                + " occurred_at, old_value, new_value, reason, prev_hash, hash FROM audit_event WHERE id = ?")) {
            ps.setObject(1, event);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("console-ins");
                assertThat(rs.getLong(2)).isEqualTo(1);
                assertThat(rs.getTimestamp(3).toInstant()).isEqualTo(Instant.parse("2026-11-26T08:15:30.123Z"));
                assertThat(rs.getString(4)).isEqualTo("{\"sp\": 1.5}");
                assertThat(rs.getString(5)).isEqualTo("[1, \"two\", null]");
                assertThat(rs.getString(6)).isEqualTo("tab\there\nand \\ back");
                assertThat(rs.getString(7)).isNull();
                assertThat(rs.getString(8)).isEqualTo("h-1");
            }
        }
        assertThat(count("SELECT count(*) FROM synced_record WHERE record_id = ?", event)).isZero();
        assertThat(count("SELECT count(*) FROM applied_outbox WHERE outbox_id = ?", e.id())).isEqualTo(1);
    }

    @Test
    void aReplayedAuditEntryIsAlreadyAppliedAndWrittenOnce() throws SQLException {
        UUID event = UUID.randomUUID();
        OutboxEntry e = audit(event, "console-replay", 1);
        assertThat(sink.apply(List.of(e))).extracting(SyncOutcome::result).containsExactly(Result.APPLIED);

        // the same outbox entry again (lost acknowledgement)
        assertThat(sink.apply(List.of(e))).extracting(SyncOutcome::result).containsExactly(Result.ALREADY_APPLIED);
        // the same event in another outbox entry (re-enqueued after a local restore): still only once
        OutboxEntry again = audit(event, "console-replay", 1);
        assertThat(sink.apply(List.of(again))).extracting(SyncOutcome::result)
                .containsExactly(Result.ALREADY_APPLIED);

        assertThat(count("SELECT count(*) FROM audit_event WHERE id = ?", event)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM applied_outbox WHERE outbox_id = ?", again.id())).isEqualTo(1);
    }

    @Test
    void aMixedBatchRoutesAuditEventsAndRecordsInOneTransaction() throws SQLException {
        UUID lot = UUID.randomUUID();
        UUID a1 = UUID.randomUUID();
        UUID a2 = UUID.randomUUID();
        List<OutboxEntry> batch = List.of(record(lot, 1), audit(a1, "console-mix", 1), record(lot, 2),
                audit(a2, "console-mix", 2), record(lot, 2));

        assertThat(sink.apply(batch)).extracting(SyncOutcome::result).containsExactly(Result.APPLIED,
                Result.APPLIED, Result.APPLIED, Result.APPLIED, Result.CONFLICT);

        assertThat(count("SELECT count(*) FROM audit_event WHERE console_id = 'console-mix'")).isEqualTo(2);
        assertThat(count("SELECT version FROM synced_record WHERE record_id = ?", lot)).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM synced_record WHERE record_id IN (?, ?)", a1, a2)).isZero();

        // replaying the applied ones changes nothing
        assertThat(sink.apply(batch.subList(0, 4))).extracting(SyncOutcome::result)
                .containsOnly(Result.ALREADY_APPLIED);
        assertThat(count("SELECT count(*) FROM audit_event WHERE console_id = 'console-mix'")).isEqualTo(2);
    }

    @Test
    void aSecondEventForTheSameConsoleAndSeqIsAForkAndFailsTheWholeBatch() throws SQLException {
        UUID first = UUID.randomUUID();
        assertThat(sink.apply(List.of(audit(first, "console-fork", 7)))).extracting(SyncOutcome::result)
                .containsExactly(Result.APPLIED);

        UUID lot = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        List<OutboxEntry> batch = List.of(record(lot, 1), audit(other, "console-fork", 7));
        assertThatThrownBy(() -> sink.apply(batch))
                .isInstanceOfSatisfying(CentralSyncException.class,
                        e -> assertThat(e.kind()).isEqualTo(CentralSyncException.Kind.ERROR))
                .hasMessageContaining("forked audit chain")
                .hasMessageContaining("console console-fork seq 7")
                .hasMessageContaining(first.toString())
                .hasMessageContaining(other.toString());

        assertThat(count("SELECT count(*) FROM synced_record WHERE record_id = ?", lot)).isZero();
        assertThat(count("SELECT count(*) FROM audit_event WHERE id = ?", other)).isZero();
        assertThat(count("SELECT count(*) FROM applied_outbox WHERE outbox_id = ANY (?::uuid[])",
                (Object) new String[] {batch.get(0).id().toString(), batch.get(1).id().toString()})).isZero();
    }

    @Test
    void twoEventsForTheSameSeqInOneBatchAreAFork() {
        List<OutboxEntry> batch = List.of(audit(UUID.randomUUID(), "console-fork2", 3),
                audit(UUID.randomUUID(), "console-fork2", 3));
        assertThatThrownBy(() -> sink.apply(batch)).isInstanceOf(CentralSyncException.class)
                .hasMessageContaining("console console-fork2 seq 3");
    }

    @Test
    void anAuditEntryWhoseRecordIdIsNotTheEventIdIsRefused() throws SQLException {
        OutboxEntry good = audit(UUID.randomUUID(), "console-bad", 1);
        OutboxEntry bad = new OutboxEntry(good.seq(), good.id(), good.recordType(), UUID.randomUUID(), 1,
                good.payloadJson(), good.createdAtMillis());
        assertThatThrownBy(() -> sink.apply(List.of(bad))).isInstanceOf(CentralSyncException.class)
                .hasMessageContaining("is not the event id");
        assertThat(count("SELECT count(*) FROM audit_event WHERE console_id = 'console-bad'")).isZero();
    }

    @Test
    void theApplicationRoleCanSyncAuditEventsAndRecords() throws SQLException {
        try (CentralDatabase app = CentralDatabase.open(new CentralDatabase.Settings(server.jdbcUrl(), APP_LOGIN,
                APP_PASSWORD.toCharArray(), 2, Duration.ofSeconds(5)))) {
            PostgresCentralSink appSink = new PostgresCentralSink(app, "console-app");
            UUID event = UUID.randomUUID();
            List<OutboxEntry> batch = List.of(audit(event, "console-app", 1), record(UUID.randomUUID(), 1));
            assertThat(appSink.apply(batch)).extracting(SyncOutcome::result)
                    .containsExactly(Result.APPLIED, Result.APPLIED);
            assertThat(appSink.apply(batch)).extracting(SyncOutcome::result)
                    .containsExactly(Result.ALREADY_APPLIED, Result.ALREADY_APPLIED);
        }
        assertThat(count("SELECT count(*) FROM audit_event WHERE console_id = 'console-app'")).isEqualTo(1);
    }
}

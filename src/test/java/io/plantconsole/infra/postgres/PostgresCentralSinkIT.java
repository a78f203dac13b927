package io.plantconsole.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.plantconsole.sync.model.OutboxEntry;
import io.plantconsole.sync.model.SyncOutcome;
import io.plantconsole.sync.model.SyncOutcome.Result;
import io.plantconsole.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The COPY staging sink: a batch judged set-based equals applying its entries one by one; payloads arrive intact. */
class PostgresCentralSinkIT {
    @TempDir
    static Path dir;
    static PostgresServer server;
    static CentralDatabase db;

    @BeforeAll
    static void startAndMigrate() {
        PostgresServer.assumeInstalled();
        server = PostgresServer.start(dir.resolve("pg"));
        db = CentralDatabase.open(new CentralDatabase.Settings(server.jdbcUrl(), server.user(), server.password(), 2,
                Duration.ofSeconds(5)));
        db.migrate();
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

    private static OutboxEntry entry(UUID recordId, long version, String payload) {
        return new OutboxEntry(version, UUID.randomUUID(), "lot", recordId, version, payload, 0);
    }

    private static Connection superuser() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.user(), new String(server.password()));
    }

    /** An entry of {@code recordId}: a change made on {@code base} that wrote {@code version}. */
    private static OutboxEntry entry(UUID recordId, long base, long version, String payload) {
        return new OutboxEntry(version, UUID.randomUUID(), "lot", recordId, base, version, payload, 0);
    }

    @Test
    void severalEntriesOfOneRecordInABatchAreJudgedInOrderAgainstTheVersionTheyWereMadeOn() throws SQLException {
        UUID r = UUID.randomUUID();
        UUID s = UUID.randomUUID();
        UUID u = UUID.randomUUID();
        PostgresCentralSink other = new PostgresCentralSink(db, "other");
        assertThat(other.apply(List.of(entry(r, 0, 1, "{\"v\":1}"), entry(r, 1, 2, "{\"v\":2}"),
                entry(r, 2, 3, "{\"v\":3}"), entry(u, 0, 1, "{\"u\":1}")))).extracting(SyncOutcome::result)
                .containsOnly(Result.APPLIED);

        PostgresCentralSink sink = new PostgresCentralSink(db, "me");
        OutboxEntry s2 = entry(s, 1, 2, "{\"s\":2}");
        OutboxEntry u3 = entry(u, 2, 3, "{\"u\":3}");
        List<OutboxEntry> batch = List.of(
                entry(r, 2, 3, "{\"v\":\"mine\"}"), // made on 2, the centre holds the other console's 3
                entry(r, 3, 4, "{\"v\":\"mine again\"}"), // made on my refused 3: behind it, though 3 == 3
                entry(s, 0, 1, "{\"s\":1}"), s2, entry(s, 1, 2, "{\"s\":\"2b\"}"), // the centre holds s2 by then
                entry(u, 1, 2, "{\"u\":2}"), u3);
        List<SyncOutcome> outcomes = sink.apply(batch);

        assertThat(outcomes).extracting(SyncOutcome::entryId).containsExactlyElementsOf(
                batch.stream().map(OutboxEntry::id).toList());
        assertThat(outcomes).extracting(SyncOutcome::result).containsExactly(Result.CONFLICT, Result.BLOCKED,
                Result.APPLIED, Result.APPLIED, Result.CONFLICT, Result.APPLIED, Result.APPLIED);
        assertThat(outcomes).extracting(SyncOutcome::centralVersion).containsExactly(3L, 3L, 1L, 2L, 2L, 2L, 3L);

        assertCentral(r, 3, "{\"v\": 3}", "other");
        assertCentral(s, 2, "{\"s\": 2}", "me");
        assertCentral(u, 3, "{\"u\": 3}", "me");
        // applied ones are remembered, conflicts are not (and what was blocked stays blocked)
        assertThat(sink.apply(batch)).extracting(SyncOutcome::result).containsExactly(Result.CONFLICT,
                Result.BLOCKED, Result.ALREADY_APPLIED, Result.ALREADY_APPLIED, Result.CONFLICT,
                Result.ALREADY_APPLIED, Result.ALREADY_APPLIED);
    }

    @Test
    void aChangeMadeOnAVersionTheCentreDoesNotHoldIsAConflictEvenWhenItsVersionIsHigher() throws SQLException {
        UUID r = UUID.randomUUID();
        UUID missing = UUID.randomUUID();
        PostgresCentralSink other = new PostgresCentralSink(db, "other");
        other.apply(List.of(entry(r, 0, 1, "{\"v\":1}"), entry(r, 1, 2, "{\"v\":2}")));

        PostgresCentralSink sink = new PostgresCentralSink(db, "me");
        // made on version 1 (replaced since by the other console's 2): version 5 must not win
        assertThat(sink.apply(List.of(entry(r, 1, 5, "{\"v\":5}"), entry(missing, 2, 3, "{\"m\":3}"))))
                .extracting(SyncOutcome::result, SyncOutcome::centralVersion)
                .containsExactly(tuple(Result.CONFLICT, 2L), tuple(Result.CONFLICT, 0L));
        assertCentral(r, 2, "{\"v\": 2}", "other");
        try (Connection c = superuser(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM synced_record WHERE record_id = ?")) {
            ps.setObject(1, missing);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
        }
    }

    @Test
    void newRecordsGoStraightIntoSyncedRecordAndAReplayOfTheBatchIsRecognised() throws SQLException {
        PostgresCentralSink sink = new PostgresCentralSink(db, "me");
        List<OutboxEntry> batch = List.of(entry(UUID.randomUUID(), 0, 1, "{\"n\":1}"),
                entry(UUID.randomUUID(), 0, 1, "{\"n\":2}"), entry(UUID.randomUUID(), 0, 1, "{\"n\":3}"));
        assertThat(sink.apply(batch)).extracting(SyncOutcome::result).containsOnly(Result.APPLIED);
        assertThat(count("SELECT count(*) FROM applied_outbox WHERE outbox_id = ANY (?)", batch)).isZero();
        assertThat(count("SELECT count(*) FROM applied_entry WHERE outbox_id = ANY (?)", batch)).isEqualTo(3);

        // the acknowledgement was lost: the same batch again, plus a new record
        List<OutboxEntry> again = new java.util.ArrayList<>(batch);
        again.add(entry(UUID.randomUUID(), 0, 1, "{\"n\":4}"));
        assertThat(sink.apply(again)).extracting(SyncOutcome::result).containsExactly(Result.ALREADY_APPLIED,
                Result.ALREADY_APPLIED, Result.ALREADY_APPLIED, Result.APPLIED);
        assertThat(count("SELECT count(*) FROM applied_entry WHERE outbox_id = ANY (?)", again)).isEqualTo(4);
        assertCentral(again.get(3).recordId(), 1, "{\"n\": 4}", "me");
    }

    @Test
    void anEntryWhoseVersionAnotherConsoleReplacedSinceIsStillRecognisedWhenReplayed() throws SQLException {
        UUID r = UUID.randomUUID();
        PostgresCentralSink mine = new PostgresCentralSink(db, "me");
        PostgresCentralSink other = new PostgresCentralSink(db, "other");
        OutboxEntry created = entry(r, 0, 1, "{\"v\":1}");
        assertThat(mine.apply(List.of(created))).extracting(SyncOutcome::result).containsExactly(Result.APPLIED);
        OutboxEntry changed = entry(r, 1, 2, "{\"v\":2}");
        assertThat(other.apply(List.of(changed))).extracting(SyncOutcome::result).containsExactly(Result.APPLIED);

        // my acknowledgement of v1 was lost: the replay must not become a conflict with the other console's v2
        assertThat(mine.apply(List.of(created))).extracting(SyncOutcome::result)
                .containsExactly(Result.ALREADY_APPLIED);
        assertThat(count("SELECT count(*) FROM applied_outbox WHERE outbox_id = ANY (?)", List.of(created)))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM applied_entry WHERE outbox_id = ANY (?)", List.of(created, changed)))
                .isEqualTo(2);
        assertCentral(r, 2, "{\"v\": 2}", "other");
    }

    @Test
    void aBatchMixingNewRecordsUpdatesAndConflictsKeepsItsOrderOfOutcomes() throws SQLException {
        UUID r = UUID.randomUUID();
        PostgresCentralSink other = new PostgresCentralSink(db, "other");
        other.apply(List.of(entry(r, 0, 1, "{\"v\":1}")));
        UUID mineNew = UUID.randomUUID();
        PostgresCentralSink sink = new PostgresCentralSink(db, "me");
        List<OutboxEntry> batch = List.of(entry(mineNew, 0, 1, "{\"m\":1}"), entry(r, 1, 2, "{\"v\":2}"),
                entry(r, 1, 2, "{\"v\":\"2b\"}"), entry(UUID.randomUUID(), 0, 1, "{\"m\":2}"));
        assertThat(sink.apply(batch)).extracting(SyncOutcome::result).containsExactly(Result.APPLIED,
                Result.APPLIED, Result.CONFLICT, Result.APPLIED);
        assertCentral(r, 2, "{\"v\": 2}", "me");
        assertCentral(mineNew, 1, "{\"m\": 1}", "me");
        assertThat(count("SELECT count(*) FROM applied_entry WHERE record_id = ANY (SELECT record_id FROM"
                + " synced_record WHERE outbox_id = ANY (?))", batch)).isEqualTo(4); // r: v1 and v2; two new ones
    }

    /** {@code sql} with one parameter, the ids of {@code entries} as a uuid[]: its count. */
    private static long count(String sql, List<OutboxEntry> entries) throws SQLException {
        try (Connection c = superuser(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("uuid", entries.stream().map(OutboxEntry::id).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void assertCentral(UUID record, long version, String payload, String origin) throws SQLException {
        try (Connection c = superuser(); PreparedStatement ps = c.prepareStatement(
                "SELECT version, payload::text, origin FROM synced_record WHERE record_id = ?")) {
            ps.setObject(1, record);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(version);
                assertThat(rs.getString(2)).isEqualTo(payload);
                assertThat(rs.getString(3)).isEqualTo(origin);
            }
        }
    }

    @Test
    void payloadsWithBackslashesTabsNewlinesAndUnicodeArriveIntact() throws SQLException {
        String json = "{\r\n\t\"path\": \"C:\\\\plant\\\\line 1\",\n\t\"quote\": \"say \\\"hi\\\"\\t\\n\","
                + " \"unicode\": \"\u00e9\u4e2d\ud83d\ude00 \\u00e9\", \"empty\": \"\\\\.\"\n}";
        UUID id = UUID.randomUUID();
        PostgresCentralSink sink = new PostgresCentralSink(db, "me");
        assertThat(sink.apply(List.of(entry(id, 1, json)))).extracting(SyncOutcome::result)
                .containsExactly(Result.APPLIED);
        try (Connection c = superuser(); PreparedStatement ps = c.prepareStatement(
                "SELECT payload = ?::jsonb, payload->>'path', payload->>'quote' FROM synced_record"
                        + " WHERE record_id = ?")) {
            ps.setString(1, json);
            ps.setObject(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1)).isTrue();
                assertThat(rs.getString(2)).isEqualTo("C:\\plant\\line 1");
                assertThat(rs.getString(3)).isEqualTo("say \"hi\"\t\n");
            }
        }
    }

    @Test
    void theStagingTableIsRecreatedWhenTheSessionLostIt() throws SQLException {
        PostgresCentralSink sink = new PostgresCentralSink(db, "me");
        assertThat(sink.apply(List.of(entry(UUID.randomUUID(), 1, "{}")))).hasSize(1);
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("DISCARD TEMP");
        }
        // the pool may hand out the same session: the first batch fails at worst, the retry works
        for (int i = 0; i < 2; i++) {
            try {
                sink.apply(List.of(entry(UUID.randomUUID(), 1, "{}")));
            } catch (RuntimeException e) {
                assertThat(i).isZero();
            }
        }
        assertThat(sink.apply(List.of(entry(UUID.randomUUID(), 1, "{}")))).extracting(SyncOutcome::result)
                .containsExactly(Result.APPLIED);
    }
}

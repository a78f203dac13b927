package io.plantconsole.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Test
    void severalVersionsOfOneRecordInABatchAreJudgedInOrderAgainstTheCentre() throws SQLException {
        UUID r = UUID.randomUUID();
        UUID s = UUID.randomUUID();
        PostgresCentralSink other = new PostgresCentralSink(db, "other");
        assertThat(other.apply(List.of(entry(r, 3, "{\"v\":3}")))).extracting(SyncOutcome::result)
                .containsExactly(Result.APPLIED);

        PostgresCentralSink sink = new PostgresCentralSink(db, "me");
        OutboxEntry r5 = entry(r, 5, "{\"v\":5}");
        List<OutboxEntry> batch = List.of(entry(r, 2, "{\"v\":2}"), entry(r, 4, "{\"v\":4}"),
                entry(r, 4, "{\"v\":\"4b\"}"), r5, entry(s, 1, "{\"s\":1}"), entry(s, 1, "{\"s\":\"1b\"}"),
                entry(r, 5, "{\"v\":\"5b\"}"));
        List<SyncOutcome> outcomes = sink.apply(batch);

        assertThat(outcomes).extracting(SyncOutcome::entryId).containsExactlyElementsOf(
                batch.stream().map(OutboxEntry::id).toList());
        assertThat(outcomes).extracting(SyncOutcome::result).containsExactly(Result.CONFLICT, Result.APPLIED,
                Result.CONFLICT, Result.APPLIED, Result.APPLIED, Result.CONFLICT, Result.CONFLICT);
        assertThat(outcomes).extracting(SyncOutcome::centralVersion).containsExactly(3L, 4L, 4L, 5L, 1L, 1L, 5L);

        try (Connection c = superuser(); PreparedStatement ps = c.prepareStatement(
                "SELECT version, payload::text, outbox_id, origin FROM synced_record WHERE record_id = ?")) {
            ps.setObject(1, r);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(5);
                assertThat(rs.getString(2)).isEqualTo("{\"v\": 5}");
                assertThat(rs.getObject(3, UUID.class)).isEqualTo(r5.id());
                assertThat(rs.getString(4)).isEqualTo("me");
            }
        }
        // applied ones are remembered, conflicts are not
        assertThat(sink.apply(batch)).extracting(SyncOutcome::result).containsExactly(Result.CONFLICT,
                Result.ALREADY_APPLIED, Result.CONFLICT, Result.ALREADY_APPLIED, Result.ALREADY_APPLIED,
                Result.CONFLICT, Result.CONFLICT);
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

package io.plantconsole.sync.service;

import io.plantconsole.infra.db.SqliteAuditStore;
import io.plantconsole.kernel.audit.AuditTrail;
import io.plantconsole.kernel.identity.Role;
import io.plantconsole.kernel.identity.Session;
import io.plantconsole.kernel.util.UuidV7;
import io.plantconsole.kernel.tx.LocalTransactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plantconsole.infra.db.LocalStore;
import io.plantconsole.infra.json.JacksonJsonFields;
import io.plantconsole.infra.postgres.CentralDatabase;
import io.plantconsole.infra.postgres.PostgresCentralRecords;
import io.plantconsole.infra.postgres.PostgresCentralSink;
import io.plantconsole.sync.model.CentralRecord;
import io.plantconsole.sync.model.ConflictComparison;
import io.plantconsole.sync.model.ConflictResolution;
import io.plantconsole.sync.model.SyncConflict;
import io.plantconsole.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two consoles (two local stores) edit the same record against one real PostgreSQL: console B's stale edit is a
 * conflict, resolved by keeping the centre's version or by re-applying B's change.
 */
class SyncConflictResolutionIT {
    private static final Session SUPERVISOR = new Session(UUID.randomUUID(), "it-user", "IT User", Role.SUPERVISOR,
            Session.Method.PASSWORD, java.time.Instant.now());
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** A console: its store with a tiny "note" table, its worker and its resolver. */
    private static final class Console implements AutoCloseable {
        final LocalStore store;
        final SyncEngine engine;
        final ConflictResolver resolver;
        final List<ConflictResolution> audited = new ArrayList<>();

        Console(Path dir, CentralDatabase db, String origin) {
            store = LocalStore.open(dir);
            store.inTransaction(tx -> tx.update("CREATE TABLE IF NOT EXISTS note (id TEXT PRIMARY KEY,"
                    + " version INTEGER NOT NULL, text TEXT NOT NULL)"));
            engine = new SyncEngine(store, new PostgresCentralSink(db, origin), new SyncEngine.Settings(50,
                    Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofMillis(100)), Clock.systemUTC(),
                    new SplittableRandom(3));
            resolver = new ConflictResolver(store, store, new PostgresCentralRecords(db), new JacksonJsonFields(),
                    engine, () -> SUPERVISOR, new AuditTrail(new SqliteAuditStore(store), Clock.systemUTC(),
                    UuidV7.systemDefault(), origin, "ws-" + origin, null), Clock.systemUTC());
            resolver.register(new NoteReconciler());
            resolver.addListener((tx, r) -> audited.add(r));
            engine.start();
        }

        void write(UUID id, long version, String text) {
            String payload = "{\"text\":\"" + text + "\",\"version\":" + version + "}";
            store.inTransaction(tx -> {
                tx.update("INSERT INTO note (id, version, text) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                        + " version = excluded.version, text = excluded.text", id, version, text);
                return tx.enqueue("note", id, version, payload);
            });
            engine.syncNow();
        }

        String[] note(UUID id) {
            return store.inTransaction(tx -> {
                try (PreparedStatement ps = tx.unwrap(Connection.class).prepareStatement(
                        "SELECT version, text FROM note WHERE id = ?")) {
                    ps.setString(1, id.toString());
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : null;
                    }
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        @Override
        public void close() {
            engine.close();
            store.close();
        }
    }

    /** The "note" feature's reconciler: keeps the local table in step. */
    private static final class NoteReconciler implements RecordReconciler {
        @Override
        public String recordType() {
            return "note";
        }

        @Override
        public void takeCentral(LocalTransactions.LocalTx tx, CentralRecord central) {
            try {
                JsonNode n = JSON.readTree(central.payloadJson());
                tx.update("INSERT INTO note (id, version, text) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                        + " version = excluded.version, text = excluded.text", central.recordId(), central.version(),
                        n.get("text").asText());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void reapplied(LocalTransactions.LocalTx tx, UUID recordId, long newVersion) {
            tx.update("UPDATE note SET version = ? WHERE id = ?", newVersion, recordId);
        }
    }

    @Test
    void keepingTheCentralVersionReloadsConsoleBAndLeavesTheCentreUnchanged() throws Exception {
        PostgresServer.assumeInstalled();
        try (PostgresServer server = PostgresServer.start(dir.resolve("pg"));
                CentralDatabase db = open(server)) {
            db.migrate();
            UUID id = UUID.randomUUID();
            try (Console a = new Console(dir.resolve("a"), db, "console-a");
                    Console b = new Console(dir.resolve("b"), db, "console-b")) {
                SyncConflict conflict = conflictOnB(a, b, id);

                ConflictComparison cmp = b.resolver.compare(conflict);
                assertThat(cmp.central()).hasValueSatisfying(c -> {
                    assertThat(c.version()).isEqualTo(2);
                    assertThat(c.origin()).isEqualTo("console-a");
                });
                assertThat(cmp.fields()).anySatisfy(f -> {
                    assertThat(f.key()).isEqualTo("text");
                    assertThat(f.changed()).isTrue();
                    assertThat(f.localValue()).isEqualTo("\"from B\"");
                    assertThat(f.centralValue()).isEqualTo("\"from A v2\"");
                });

                ConflictResolution r = b.resolver.takeCentral(conflict);
                assertThat(r.action()).isEqualTo(ConflictResolution.Action.TAKE_CENTRAL);
                assertThat(b.note(id)).containsExactly("2", "from A v2");
                // at most the resolution's audit event is still on its way (the worker may have sent it already)
                assertThat(b.store.pending(10)).allSatisfy(e -> assertThat(e.recordType())
                        .isEqualTo(AuditTrail.RECORD_TYPE));
                await().atMost(Duration.ofSeconds(10)).until(() -> b.engine.conflicts().isEmpty()
                        && b.engine.status().conflictCount() == 0 && b.engine.status().pendingCount() == 0);
                assertThat(b.audited).singleElement().extracting(ConflictResolution::actor)
                        .isEqualTo("it-user");
            }
            assertCentral(db, id, 2, "from A v2", "console-a");
            assertAppliedOncePerEntry(db, 2);
        }
    }

    @Test
    void reapplyingPutsConsoleBsChangeAtTheCentreAsTheNextVersion() throws Exception {
        PostgresServer.assumeInstalled();
        try (PostgresServer server = PostgresServer.start(dir.resolve("pg"));
                CentralDatabase db = open(server)) {
            db.migrate();
            UUID id = UUID.randomUUID();
            try (Console a = new Console(dir.resolve("a"), db, "console-a");
                    Console b = new Console(dir.resolve("b"), db, "console-b")) {
                SyncConflict conflict = conflictOnB(a, b, id);
                ConflictResolution r = b.resolver.reapply(conflict);
                assertThat(r.newVersion()).isEqualTo(3);
                assertThat(b.note(id)).containsExactly("3", "from B");
                await().atMost(Duration.ofSeconds(20)).until(() -> b.store.pendingCount() == 0);
                assertThat(b.engine.conflicts()).isEmpty();
                ConflictResolution again = r;
                assertThat(again.newEntryId()).isNotEqualTo(conflict.entry().id());
                assertCentral(db, id, 3, "from B", "console-b");
                try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                        "SELECT outbox_id FROM synced_record WHERE record_id = ?")) {
                    ps.setObject(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getObject(1, UUID.class)).isEqualTo(r.newEntryId());
                    }
                }
            }
            // A v1, A v2 and B's re-applied v3; B's refused entry never reached the centre
            assertAppliedOncePerEntry(db, 3);
        }
    }

    @Test
    void twoConsolesEditingTheSameRecordThreeTimesEachOverwriteNothingOfTheOther() throws Exception {
        PostgresServer.assumeInstalled();
        try (PostgresServer server = PostgresServer.start(dir.resolve("pg"));
                CentralDatabase db = open(server)) {
            db.migrate();
            UUID id = UUID.randomUUID();
            try (Console a = new Console(dir.resolve("a"), db, "console-a");
                    Console b = new Console(dir.resolve("b"), db, "console-b")) {
                a.write(id, 1, "A1");
                await().atMost(Duration.ofSeconds(20)).until(() -> a.store.pendingCount() == 0);
                b.store.inTransaction(tx -> tx.update("INSERT INTO note (id, version, text) VALUES (?, 1, 'A1')", id));
                a.write(id, 2, "A2");
                await().atMost(Duration.ofSeconds(20)).until(() -> a.store.pendingCount() == 0);

                // B edits its v1 three times, offline from A's v2: v2 on 1, v3 on 2, v4 on 3
                b.write(id, 2, "B1");
                b.write(id, 3, "B2");
                b.write(id, 4, "B3");
                await().atMost(Duration.ofSeconds(20)).until(() -> b.engine.status().conflictCount() == 1);
                b.engine.syncNow();
                await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> true);
                assertThat(b.engine.conflicts()).singleElement().satisfies(c -> {
                    assertThat(c.entry().recordVersion()).isEqualTo(2);
                    assertThat(c.centralVersion()).isEqualTo(2);
                });
                assertThat(b.store.pendingCount()).isEqualTo(3); // B2 and B3 wait behind B1
                assertCentral(db, id, 2, "A2", "console-a"); // not B's v3 "made on 2", not B's v4

                a.write(id, 3, "A3");
                await().atMost(Duration.ofSeconds(20)).until(() -> a.store.pendingCount() == 0);
                assertThat(a.engine.conflicts()).isEmpty();
                assertCentral(db, id, 3, "A3", "console-a");
                assertThat(applied(db, id)).containsExactly("1 on 0 by console-a", "2 on 1 by console-a",
                        "3 on 2 by console-a");

                // B decides: its edits go on top of A3, in order
                ConflictResolution r = b.resolver.reapply(b.engine.conflicts().get(0));
                assertThat(r.centralVersion()).isEqualTo(3);
                assertThat(r.newVersion()).isEqualTo(6);
                await().atMost(Duration.ofSeconds(20)).until(() -> b.store.pendingCount() == 0);
                assertThat(b.engine.conflicts()).isEmpty();
                assertThat(b.note(id)).containsExactly("6", "B3");
                assertCentral(db, id, 6, "B3", "console-b");
                assertThat(applied(db, id)).containsExactly("1 on 0 by console-a", "2 on 1 by console-a",
                        "3 on 2 by console-a", "4 on 3 by console-b", "5 on 4 by console-b", "6 on 5 by console-b");

                // and A, still on its v3, cannot overwrite B's change either
                a.write(id, 4, "A4");
                await().atMost(Duration.ofSeconds(20)).until(() -> a.engine.status().conflictCount() == 1);
                assertThat(a.engine.conflicts().get(0).centralVersion()).isEqualTo(6);
                assertCentral(db, id, 6, "B3", "console-b");
            }
        }
    }

    /** The record's entries applied at the centre as "version on base by origin", in version order. */
    private static List<String> applied(CentralDatabase db, UUID id) throws Exception {
        List<String> applied = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT version, base_version, origin FROM applied_entry WHERE record_id = ? ORDER BY version")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    applied.add(rs.getLong(1) + " on " + rs.getLong(2) + " by " + rs.getString(3));
                }
            }
        }
        return applied;
    }

    /** A writes v1 and syncs; B takes v1 (as if it had synced down); A writes v2; B edits v2 too: a conflict. */
    private static SyncConflict conflictOnB(Console a, Console b, UUID id) {
        a.write(id, 1, "from A v1");
        await().atMost(Duration.ofSeconds(20)).until(() -> a.store.pendingCount() == 0);
        b.store.inTransaction(tx -> tx.update("INSERT INTO note (id, version, text) VALUES (?, 1, 'from A v1')", id));
        a.write(id, 2, "from A v2");
        await().atMost(Duration.ofSeconds(20)).until(() -> a.store.pendingCount() == 0);
        b.write(id, 2, "from B");
        await().atMost(Duration.ofSeconds(20)).until(() -> !b.engine.conflicts().isEmpty());
        SyncConflict conflict = b.engine.conflicts().get(0);
        assertThat(conflict.entry().recordId()).isEqualTo(id);
        assertThat(conflict.centralVersion()).isEqualTo(2);
        assertThat(b.store.pendingCount()).isEqualTo(1);
        return conflict;
    }

    private static CentralDatabase open(PostgresServer server) {
        return CentralDatabase.open(new CentralDatabase.Settings(server.jdbcUrl(), server.user(), server.password(), 2,
                Duration.ofSeconds(2)));
    }

    private static void assertCentral(CentralDatabase db, UUID id, long version, String text, String origin)
            throws Exception {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT version, payload->>'text', origin, count(*) OVER () FROM synced_record"
                        + " WHERE record_type = 'note' AND record_id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(version);
                assertThat(rs.getString(2)).isEqualTo(text);
                assertThat(rs.getString(3)).isEqualTo(origin);
                assertThat(rs.getLong(4)).isEqualTo(1);
            }
        }
    }

    private static void assertAppliedOncePerEntry(CentralDatabase db, long entries) throws Exception {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*), count(DISTINCT outbox_id) FROM applied_entry WHERE record_type = 'note'");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(entries);
            assertThat(rs.getLong(2)).isEqualTo(entries);
        }
    }
}

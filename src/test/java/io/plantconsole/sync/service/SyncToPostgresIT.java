package io.plantconsole.sync.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantconsole.infra.db.LocalStore;
import io.plantconsole.infra.postgres.CentralDatabase;
import io.plantconsole.infra.postgres.PostgresCentralSink;
import io.plantconsole.sync.model.OutboxEntry;
import io.plantconsole.sync.model.SyncOutcome;
import io.plantconsole.sync.model.SyncStatus;
import io.plantconsole.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sync worker against a real local store and a real PostgreSQL that crashes in the middle. */
class SyncToPostgresIT {
    private static final int RECORDS = 2_000;

    @TempDir
    Path dir;

    @Test
    void everyRecordArrivesExactlyOnceAcrossACentralCrash() throws Exception {
        PostgresServer.assumeInstalled();
        try (PostgresServer server = PostgresServer.start(dir.resolve("pg"));
                LocalStore store = LocalStore.open(dir.resolve("local"));
                CentralDatabase db = CentralDatabase.open(new CentralDatabase.Settings(server.jdbcUrl(),
                        server.user(), server.password(), 2, Duration.ofSeconds(2)))) {
            db.migrate();
            PostgresCentralSink real = new PostgresCentralSink(db, "console-it");

            // 1. plain run
            write(store, RECORDS);
            try (SyncEngine engine = engine(store, real, 200)) {
                engine.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> store.pendingCount() == 0);
            }
            assertExactlyOnce(db, RECORDS);

            // 2. the centre dies (-m immediate) in the middle of the sync and comes back
            write(store, RECORDS);
            AtomicInteger batches = new AtomicInteger();
            AtomicBoolean killed = new AtomicBoolean();
            CentralSink crashing = batch -> {
                if (batches.incrementAndGet() == 10 && killed.compareAndSet(false, true)) {
                    Thread killer = new Thread(server::stopImmediately, "pg-killer");
                    killer.start(); // races with this batch's transaction
                }
                return real.apply(batch);
            };
            List<SyncStatus> statuses = new CopyOnWriteArrayList<>();
            try (SyncEngine engine = engine(store, crashing, 20)) {
                engine.addListener(statuses::add);
                engine.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> statuses.stream().anyMatch(
                        s -> s.state() != SyncStatus.State.CONNECTED && s.lastError() != null));
                await().atMost(Duration.ofSeconds(30)).until(() -> !server.running());
                long pendingWhileDown = store.pendingCount();
                assertThat(pendingWhileDown).isBetween(1L, (long) RECORDS - 1);
                server.start();
                engine.syncNow();
                await().atMost(Duration.ofSeconds(90)).until(() -> store.pendingCount() == 0);
                await().atMost(Duration.ofSeconds(10)).until(
                        () -> engine.status().state() == SyncStatus.State.CONNECTED);
            }
            assertThat(statuses).anySatisfy(s -> {
                assertThat(s.state()).isIn(SyncStatus.State.OFFLINE, SyncStatus.State.ERROR);
                assertThat(s.lastError()).contains("central database");
            });
            assertExactlyOnce(db, 2 * RECORDS);
            assertThat(store.pendingCount()).isZero();
        }
    }

    @Test
    void aStaleVersionFromAnotherOriginIsAConflict() throws Exception {
        PostgresServer.assumeInstalled();
        try (PostgresServer server = PostgresServer.start(dir.resolve("pg"));
                CentralDatabase db = CentralDatabase.open(new CentralDatabase.Settings(server.jdbcUrl(),
                        server.user(), server.password(), 2, Duration.ofSeconds(2)))) {
            db.migrate();
            PostgresCentralSink a = new PostgresCentralSink(db, "console-a");
            PostgresCentralSink b = new PostgresCentralSink(db, "console-b");
            UUID record = UUID.randomUUID();
            OutboxEntry a1 = entry(1, record, 1);
            OutboxEntry a2 = entry(2, record, 2);
            OutboxEntry b2 = entry(1, record, 2);
            assertThat(a.apply(List.of(a1, a2))).extracting(SyncOutcome::result)
                    .containsExactly(SyncOutcome.Result.APPLIED, SyncOutcome.Result.APPLIED);
            // a replay of both (acknowledgement lost) changes nothing
            assertThat(a.apply(List.of(a1, a2))).extracting(SyncOutcome::result)
                    .containsExactly(SyncOutcome.Result.ALREADY_APPLIED, SyncOutcome.Result.ALREADY_APPLIED);
            assertThat(b.apply(List.of(b2))).singleElement().satisfies(o -> {
                assertThat(o.result()).isEqualTo(SyncOutcome.Result.CONFLICT);
                assertThat(o.centralVersion()).isEqualTo(2);
            });
            try (Connection c = db.connection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT version, origin, outbox_id FROM synced_record")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(2);
                assertThat(rs.getString(2)).isEqualTo("console-a");
                assertThat(rs.getObject(3, UUID.class)).isEqualTo(a2.id());
                assertThat(rs.next()).isFalse();
            }
        }
    }

    private static OutboxEntry entry(long seq, UUID record, long version) {
        return new OutboxEntry(seq, UUID.randomUUID(), "batch", record, version,
                "{\"v\":" + version + ",\"note\":\"quote \\\" and \\\\ backslash\"}", System.currentTimeMillis());
    }

    private static SyncEngine engine(Outbox outbox, CentralSink sink, int batchSize) {
        return new SyncEngine(outbox, sink, new SyncEngine.Settings(batchSize, Duration.ofMillis(50),
                Duration.ofMillis(500), Duration.ofMillis(100)), Clock.systemUTC(), new SplittableRandom(7));
    }

    private static void write(LocalStore store, int n) {
        for (int chunk = 0; chunk < n; chunk += 500) {
            int size = Math.min(500, n - chunk);
            store.inTransaction(tx -> {
                for (int i = 0; i < size; i++) {
                    tx.enqueue("batch", UUID.randomUUID(), 1, "{\"i\":" + i + "}");
                }
                return null;
            });
        }
    }

    private static void assertExactlyOnce(CentralDatabase db, int expected) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT outbox_id), count(DISTINCT record_id),"
                        + " (SELECT count(*) FROM applied_entry) FROM synced_record")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(expected);
            assertThat(rs.getLong(2)).isEqualTo(expected);
            assertThat(rs.getLong(3)).isEqualTo(expected);
            assertThat(rs.getLong(4)).isEqualTo(expected);
        }
    }
}

package io.plantconsole.sync.service;

import io.plantconsole.kernel.tx.LocalStoreException;
import io.plantconsole.kernel.tx.LocalTransactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.plantconsole.infra.db.LocalStore;
import io.plantconsole.infra.postgres.CentralDatabase;
import io.plantconsole.infra.postgres.PostgresCentralSink;
import io.plantconsole.sync.model.OutboxEntry;
import io.plantconsole.sync.model.SyncOutcome;
import io.plantconsole.sync.model.SyncStatus;
import io.plantconsole.testing.PostgresServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local disk is full or read-only while the console writes and syncs, against a real PostgreSQL.
 *
 * <p>Two ways to make the fault: a real, small tmpfs mounted by the test (needs root with CAP_SYS_ADMIN; skipped
 * with the reason otherwise): filled to the last block, or remounted read-only; and, always, SQLite's own limits on
 * the store's connection ({@code max_page_count} caps the file as a full disk does, {@code query_only} refuses
 * writes with SQLITE_READONLY as a read-only file does). Root ignores {@code chmod}, so a read-only file made with
 * permissions cannot be tested here.
 */
class LocalDiskFaultIT {
    private static final String TABLE = "disk_fault_item";

    @TempDir
    static Path shared;
    static PostgresServer server;
    static CentralDatabase db;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCentre() {
        PostgresServer.assumeInstalled();
        server = PostgresServer.start(shared.resolve("pg"));
        db = CentralDatabase.open(new CentralDatabase.Settings(server.jdbcUrl(), server.user(), server.password(), 2,
                Duration.ofSeconds(2)));
        db.migrate();
    }

    @AfterAll
    static void stopCentre() {
        if (db != null) {
            db.close();
        }
        if (server != null) {
            server.close();
        }
    }

    // ---- a real full disk (tmpfs) -------------------------------------------------------------------------------

    @Test
    void aFullDiskFailsWritesInWordsAndTheDeleteAfterACentralCommitIsRetriedAsAlreadyApplied() throws Exception {
        Path disk = Tmpfs.mountOrSkip(dir.resolve("disk"), "8m");
        try {
            String type = "full-tmpfs";
            List<SyncOutcome> outcomes = new CopyOnWriteArrayList<>();
            try (LocalStore store = LocalStore.open(disk)) {
                createTable(store);
                List<UUID> kept = write(store, type, 40);

                truncateWal(store.file());
                Path filler = fill(disk);

                // (a) a write on the full disk fails in words, naming the file; nothing of it is kept
                assertThatThrownBy(() -> write(store, type, 1))
                        .isInstanceOf(LocalStoreException.class)
                        .hasMessageContaining(store.file().toString())
                        .hasMessageContaining("the disk is full");
                assertThat(store.pending(100)).extracting(OutboxEntry::id).containsExactlyElementsOf(kept);
                assertThat(localRows(store)).isEqualTo(40);

                // (b) the centre takes the batch, the local delete fails on the full disk
                try (SyncEngine engine = engine(store, outcomes)) {
                    engine.start();
                    await().atMost(Duration.ofSeconds(30)).until(() -> engine.status().state()
                            == SyncStatus.State.ERROR && engine.status().lastError() != null);
                    SyncStatus failed = engine.status();
                    assertThat(failed.lastError()).contains(store.file().toString()).contains("the disk is full");
                    assertThat(centralCount(type)).as("the centre took the batch").isEqualTo(40);
                    assertThat(store.pendingCount()).as("the entries stay pending").isEqualTo(40);

                    // space returns: the batch is re-sent, the centre says ALREADY_APPLIED, the outbox empties
                    Files.delete(filler);
                    engine.syncNow();
                    await().atMost(Duration.ofSeconds(30)).until(() -> store.pendingCount() == 0);
                    await().atMost(Duration.ofSeconds(10)).until(
                            () -> engine.status().state() == SyncStatus.State.CONNECTED);
                }
                assertThat(outcomes).filteredOn(o -> kept.contains(o.entryId()))
                        .extracting(SyncOutcome::result)
                        .contains(SyncOutcome.Result.APPLIED, SyncOutcome.Result.ALREADY_APPLIED);
                assertThat(outcomes).filteredOn(o -> o.result() == SyncOutcome.Result.ALREADY_APPLIED)
                        .extracting(SyncOutcome::entryId).containsAll(kept);
                assertExactlyOnce(type, Set.copyOf(kept));

                // and the store writes again
                write(store, type, 1);
            }
        } finally {
            Tmpfs.unmount(disk);
        }
    }

    @Test
    void aReadOnlyDiskRefusesToOpenInWordsAndTheRecordsSyncOnceItIsWritableAgain() throws Exception {
        Path disk = Tmpfs.mountOrSkip(dir.resolve("disk"), "8m");
        try {
            String type = "ro-tmpfs";
            List<UUID> kept;
            try (LocalStore store = LocalStore.open(disk)) {
                createTable(store);
                kept = write(store, type, 25);
            }
            // A mount with files open for writing cannot become read-only (EBUSY): the console was closed, the disk
            // went read-only (e.g. errors=remount-ro), and the console starts again.
            Tmpfs.remount(disk, "ro");
            assertThatThrownBy(() -> Files.createFile(disk.resolve("probe"))).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> LocalStore.open(disk).close())
                    .isInstanceOf(LocalStoreException.class)
                    .hasMessageContaining(disk.resolve(LocalStore.FILE_NAME).toString())
                    .hasMessageContaining("read-only");

            Tmpfs.remount(disk, "rw");
            List<SyncOutcome> outcomes = new CopyOnWriteArrayList<>();
            try (LocalStore store = LocalStore.open(disk)) {
                assertThat(store.pending(100)).extracting(OutboxEntry::id).containsExactlyElementsOf(kept);
                try (SyncEngine engine = engine(store, outcomes)) {
                    engine.start();
                    await().atMost(Duration.ofSeconds(30)).until(() -> store.pendingCount() == 0);
                }
            }
            assertExactlyOnce(type, Set.copyOf(kept));
        } finally {
            Tmpfs.unmount(disk);
        }
    }

    // ---- SQLite's own limits: run everywhere ---------------------------------------------------------------------

    @Test
    void aFileCappedAtItsSizeFailsWritesAsAFullDiskAndTheEarlierRecordsSyncOnceSpaceReturns() throws Exception {
        String type = "full-pragma";
        try (LocalStore store = LocalStore.open(dir.resolve("local"))) {
            createTable(store);
            List<UUID> kept = write(store, type, 30);
            String pages = pragma(store, "page_count");
            store.inTransaction(tx -> tx.update("PRAGMA max_page_count = " + pages));

            assertThatThrownBy(() -> store.inTransaction(tx -> tx.enqueue(type, UUID.randomUUID(), 1,
                    "{\"photo\":\"" + "x".repeat(256 * 1024) + "\"}")))
                    .isInstanceOf(LocalStoreException.class)
                    .hasMessageContaining(store.file().toString())
                    .hasMessageContaining("the disk is full");
            assertThat(store.pending(100)).extracting(OutboxEntry::id).containsExactlyElementsOf(kept);

            store.inTransaction(tx -> tx.update("PRAGMA max_page_count = 1073741823"));
            List<SyncOutcome> outcomes = new CopyOnWriteArrayList<>();
            try (SyncEngine engine = engine(store, outcomes)) {
                engine.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> store.pendingCount() == 0);
            }
            assertExactlyOnce(type, Set.copyOf(kept));
        }
    }

    @Test
    void aReadOnlyStoreFailsWritesAndTheDeleteAfterACentralCommitThenTheBatchIsAlreadyApplied() throws Exception {
        String type = "ro-pragma";
        try (LocalStore store = LocalStore.open(dir.resolve("local"))) {
            createTable(store);
            List<UUID> kept = write(store, type, 30);

            // Under query_only even BEGIN IMMEDIATE fails, so the store cannot lift it through a transaction: the
            // test keeps the raw connection and lifts it there, when the store is otherwise idle.
            Connection raw = store.inTransaction(tx -> tx.unwrap(Connection.class));

            // (a) writes on a read-only store fail in words; what was committed stays
            store.inTransaction(tx -> tx.update("PRAGMA query_only = 1"));
            assertThatThrownBy(() -> write(store, type, 1))
                    .isInstanceOf(LocalStoreException.class)
                    .hasMessageContaining(store.file().toString())
                    .hasMessageContaining("read-only");
            assertThat(store.pending(100)).extracting(OutboxEntry::id).containsExactlyElementsOf(kept);
            assertThat(localRows(raw)).isEqualTo(30);
            writable(raw);

            // (b) the store turns read-only right after the centre committed the batch: the delete fails
            List<SyncOutcome> outcomes = new CopyOnWriteArrayList<>();
            PostgresCentralSink real = new PostgresCentralSink(db, "disk-fault-it");
            java.util.concurrent.atomic.AtomicBoolean armed = new java.util.concurrent.atomic.AtomicBoolean(true);
            java.util.concurrent.atomic.AtomicBoolean recover = new java.util.concurrent.atomic.AtomicBoolean();
            CentralSink sink = batch -> {
                if (recover.getAndSet(false)) {
                    writable(raw); // on the sync thread, outside any store transaction: the disk is back
                }
                List<SyncOutcome> r = real.apply(batch);
                outcomes.addAll(r);
                if (armed.getAndSet(false)) {
                    store.inTransaction(tx -> tx.update("PRAGMA query_only = 1"));
                }
                return r;
            };
            try (SyncEngine engine = new SyncEngine(store, sink, settings(), Clock.systemUTC(),
                    new SplittableRandom(5))) {
                engine.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> engine.status().state()
                        == SyncStatus.State.ERROR && engine.status().lastError() != null);
                assertThat(engine.status().lastError()).contains(store.file().toString()).contains("read-only");
                assertThat(centralCount(type)).as("the centre took the batch").isEqualTo(30);
                assertThat(store.pendingCount()).as("the entries stay pending").isEqualTo(30);

                recover.set(true);
                engine.syncNow();
                await().atMost(Duration.ofSeconds(30)).until(() -> store.pendingCount() == 0);
                await().atMost(Duration.ofSeconds(10)).until(
                        () -> engine.status().state() == SyncStatus.State.CONNECTED);
            }
            assertThat(outcomes).filteredOn(o -> o.result() == SyncOutcome.Result.ALREADY_APPLIED)
                    .extracting(SyncOutcome::entryId).containsAll(kept);
            assertExactlyOnce(type, Set.copyOf(kept));
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static SyncEngine.Settings settings() {
        return new SyncEngine.Settings(100, Duration.ofMillis(50), Duration.ofMillis(300), Duration.ofMillis(100));
    }

    private static SyncEngine engine(LocalStore store, List<SyncOutcome> outcomes) {
        PostgresCentralSink real = new PostgresCentralSink(db, "disk-fault-it");
        CentralSink recording = batch -> {
            List<SyncOutcome> r = real.apply(batch);
            outcomes.addAll(r);
            return r;
        };
        return new SyncEngine(store, recording, settings(), Clock.systemUTC(), new SplittableRandom(5));
    }

    private static void createTable(LocalStore store) {
        store.inTransaction(tx -> tx.update("CREATE TABLE IF NOT EXISTS " + TABLE
                + " (id TEXT PRIMARY KEY, payload TEXT NOT NULL)"));
    }

    /** {@code n} feature rows, each with its outbox entry in one transaction; the entry ids in commit order. */
    private static List<UUID> write(LocalStore store, String type, int n) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            UUID record = UUID.randomUUID();
            String payload = "{\"i\":" + i + ",\"pad\":\"" + "p".repeat(2_000) + "\"}";
            ids.add(store.inTransaction(tx -> {
                tx.update("INSERT INTO " + TABLE + " (id, payload) VALUES (?, ?)", record, payload);
                return tx.enqueue(type, record, 1, payload);
            }));
        }
        return ids;
    }

    private static long localRows(LocalStore store) {
        return Long.parseLong(store.inTransaction(tx -> query(tx, "SELECT count(*) FROM " + TABLE)));
    }

    private static long localRows(Connection raw) throws SQLException {
        try (Statement st = raw.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + TABLE)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void writable(Connection raw) {
        try (Statement st = raw.createStatement()) {
            st.execute("PRAGMA query_only = 0");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pragma(LocalStore store, String name) {
        return store.inTransaction(tx -> query(tx, "PRAGMA " + name));
    }

    private static String query(LocalTransactions.LocalTx tx, String sql) {
        try (Statement st = tx.unwrap(Connection.class).createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Empties the WAL file (a second connection, as another tool would), so that the next commit must grow it: on a
     * full disk, a commit into an already-allocated WAL would still succeed.
     */
    private static void truncateWal(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            rs.next();
            assertThat(rs.getInt(1)).as("checkpoint not blocked").isZero();
        }
    }

    /** Writes a filler file until the disk has no block left. */
    private static Path fill(Path disk) throws IOException {
        Path filler = disk.resolve("filler.bin");
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException expected) {
            assertThat(expected.getMessage()).containsIgnoringCase("space");
        }
        // the tail of a partial block: fill byte by byte
        try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
            while (true) {
                out.write(0);
                out.flush();
            }
        } catch (IOException expected) {
            // full to the last byte
        }
        return filler;
    }

    private static long centralCount(String type) throws SQLException {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM applied_entry WHERE record_type = ?")) {
            ps.setString(1, type);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The centre holds each of {@code entries} exactly once, and nothing else of this type. */
    private static void assertExactlyOnce(String type, Set<UUID> entries) throws SQLException {
        try (Connection c = db.connection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*), count(DISTINCT outbox_id),"
                    + " count(DISTINCT record_id) FROM synced_record WHERE record_type = ?")) {
                ps.setString(1, type);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(entries.size());
                    assertThat(rs.getLong(2)).isEqualTo(entries.size());
                    assertThat(rs.getLong(3)).isEqualTo(entries.size());
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT outbox_id FROM applied_entry WHERE record_type = ?")) {
                ps.setString(1, type);
                try (ResultSet rs = ps.executeQuery()) {
                    List<UUID> applied = new ArrayList<>();
                    while (rs.next()) {
                        applied.add(rs.getObject(1, UUID.class));
                    }
                    assertThat(applied).doesNotHaveDuplicates();
                    assertThat(applied.stream().collect(Collectors.toSet())).isEqualTo(entries);
                }
            }
        }
    }

    /** A small tmpfs mounted by the test, or the test is skipped with the reason. */
    static final class Tmpfs {
        private Tmpfs() {
        }

        static Path mountOrSkip(Path mountPoint, String size) throws IOException, InterruptedException {
            Files.createDirectories(mountPoint);
            String out = run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0755", "tmpfs",
                    mountPoint.toString());
            assumeTrue(out == null, "cannot mount a small tmpfs to fill or make read-only (needs root with"
                    + " CAP_SYS_ADMIN): " + out + "; the SQLite-limit tests in this class cover the same paths");
            return mountPoint;
        }

        static void remount(Path mountPoint, String mode) throws IOException, InterruptedException {
            String out = run("mount", "-o", "remount," + mode, mountPoint.toString());
            assertThat(out).as("remount %s", mode).isNull();
        }

        static void unmount(Path mountPoint) throws IOException, InterruptedException {
            run("umount", "-l", mountPoint.toString());
        }

        /** Null on success, else the command's output. */
        private static String run(String... command) throws IOException, InterruptedException {
            Process p;
            try {
                p = new ProcessBuilder(command).redirectErrorStream(true).start();
            } catch (IOException e) {
                return e.getMessage();
            }
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "timed out";
            }
            return p.exitValue() == 0 ? null : out.strip() + " (exit " + p.exitValue() + ")";
        }
    }
}

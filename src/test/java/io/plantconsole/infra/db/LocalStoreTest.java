package io.plantconsole.infra.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.plantconsole.kernel.util.UuidV7;
import io.plantconsole.sync.model.OutboxEntry;
import io.plantconsole.kernel.tx.LocalStoreException;
import io.plantconsole.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStoreTest {
    private static final long T0 = 1_760_000_000_000L;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private final UuidV7 ids = new UuidV7(clock, new SecureRandom());
    private final List<LocalStore> opened = new ArrayList<>();

    @AfterEach
    void closeStores() {
        opened.forEach(LocalStore::close);
    }

    private LocalStore open(Path dataDir) {
        LocalStore store = LocalStore.open(dataDir, clock, ids);
        opened.add(store);
        return store;
    }

    private static UUID enqueueOne(LocalStore store, int n) {
        return store.inTransaction(tx -> tx.enqueue("batch", UUID.randomUUID(), n, "{\"n\":" + n + "}"));
    }

    private static String query(LocalStore store, String sql) {
        return store.inTransaction(tx -> {
            try (Statement st = tx.unwrap(Connection.class).createStatement(); ResultSet rs = st.executeQuery(sql)) {
                return rs.next() ? rs.getString(1) : null;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void opening_a_fresh_folder_creates_and_migrates_the_file() {
        Path dataDir = dir.resolve("not/yet/there");

        LocalStore store = open(dataDir);

        assertThat(store.file()).isEqualTo(dataDir.toAbsolutePath().resolve("plant-console.db")).exists();
        assertThat(query(store, "SELECT version FROM flyway_schema_history WHERE success = 1 ORDER BY installed_rank"
                + " DESC LIMIT 1")).isEqualTo("3");
        assertThat(query(store, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN"
                + " ('outbox', 'user_account', 'audit_event', 'e_signature', 'console_setting')")).isEqualTo("5");
        assertThat(store.pendingCount()).isZero();
        assertThat(store.oldestPendingMillis()).isEmpty();
    }

    @Test
    void the_folder_and_the_store_with_its_wal_and_shm_are_readable_by_their_owner_only() throws IOException {
        Path dataDir = dir.resolve("private");
        Files.createDirectories(dataDir);
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x")); // as a umask leaves it
        LocalStore store = open(dataDir);
        enqueueOne(store, 1); // the write-ahead log and shared memory files exist now

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        for (String name : List.of("plant-console.db", "plant-console.db-wal", "plant-console.db-shm")) {
            Path f = dataDir.resolve(name);
            assertThat(f).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(name)
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void the_file_is_in_wal_mode_with_full_synchronous_commits_and_foreign_keys() {
        LocalStore store = open(dir);

        assertThat(query(store, "PRAGMA journal_mode")).isEqualTo("wal");
        assertThat(query(store, "PRAGMA synchronous")).isEqualTo("2"); // FULL
        assertThat(query(store, "PRAGMA foreign_keys")).isEqualTo("1");
        assertThat(query(store, "PRAGMA busy_timeout")).isEqualTo(String.valueOf(LocalStore.BUSY_TIMEOUT_MS));
    }

    @Test
    void a_transaction_that_throws_leaves_neither_the_feature_row_nor_the_outbox_row() {
        LocalStore store = open(dir);
        store.inTransaction(tx -> tx.update("CREATE TABLE lot (id TEXT PRIMARY KEY, version INTEGER NOT NULL)"));
        UUID lot = UUID.randomUUID();

        assertThatThrownBy(() -> store.inTransaction(tx -> {
            tx.update("INSERT INTO lot (id, version) VALUES (?, ?)", lot, 1);
            tx.enqueue("lot", lot, 1, "{}");
            throw new IllegalArgumentException("validation failed after both writes");
        })).isInstanceOf(IllegalArgumentException.class);

        assertThat(query(store, "SELECT count(*) FROM lot")).isEqualTo("0");
        assertThat(store.pendingCount()).isZero();
    }

    @Test
    void a_committed_transaction_keeps_the_feature_row_and_its_outbox_row_together() {
        LocalStore store = open(dir);
        store.inTransaction(tx -> tx.update("CREATE TABLE lot (id TEXT PRIMARY KEY, version INTEGER NOT NULL)"));
        UUID lot = UUID.randomUUID();

        UUID entry = store.inTransaction(tx -> {
            tx.update("INSERT INTO lot (id, version) VALUES (?, ?)", lot, 3);
            return tx.enqueue("lot", lot, 3, "{\"grade\":\"I\"}");
        });

        assertThat(query(store, "SELECT version FROM lot")).isEqualTo("3");
        assertThat(store.pending(10)).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(entry);
            assertThat(e.recordType()).isEqualTo("lot");
            assertThat(e.recordId()).isEqualTo(lot);
            assertThat(e.recordVersion()).isEqualTo(3);
            assertThat(e.payloadJson()).isEqualTo("{\"grade\":\"I\"}");
            assertThat(e.createdAtMillis()).isEqualTo(T0);
            assertThat(UuidV7.timestampMillis(e.id())).isEqualTo(T0);
        });
    }

    @Test
    void an_entry_keeps_the_base_version_its_change_was_made_on_and_the_short_form_takes_the_version_before() {
        LocalStore store = open(dir);
        UUID record = UUID.randomUUID();
        store.inTransaction(tx -> {
            tx.enqueue("lot", record, 1, "{}");
            tx.enqueue("lot", record, 4, 9, "{}"); // a version that does not follow the one it was made on
            return null;
        });

        assertThat(store.pending(10)).extracting(OutboxEntry::baseVersion, OutboxEntry::recordVersion)
                .containsExactly(tuple(0L, 1L), tuple(4L, 9L));
    }

    @Test
    void an_entry_whose_base_version_is_not_below_its_version_is_refused_and_nothing_is_written() {
        LocalStore store = open(dir);
        UUID record = UUID.randomUUID();

        assertThatThrownBy(() -> store.inTransaction(tx -> tx.enqueue("lot", record, 3, 3, "{}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base 3, version 3");
        assertThatThrownBy(() -> store.inTransaction(tx -> tx.enqueue("lot", record, -1, 1, "{}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.inTransaction(tx -> tx.enqueue("lot", record, 0, "{}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.pendingCount()).isZero();
    }

    @Test
    void entries_queued_before_base_versions_existed_are_migrated_as_made_on_the_version_before() throws Exception {
        Path file = dir.resolve(LocalStore.FILE_NAME);
        org.sqlite.SQLiteDataSource ds = new org.sqlite.SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + file);
        org.flywaydb.core.Flyway.configure().dataSource(ds).locations("classpath:db/local").target("2").load()
                .migrate();
        UUID record = UUID.randomUUID();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (int v = 1; v <= 3; v++) {
                st.execute("INSERT INTO outbox (id, record_type, record_id, record_version, payload, created_at)"
                        + " VALUES ('" + UUID.randomUUID() + "', 'lot', '" + record + "', " + v + ", '{}', 0)");
            }
        }

        LocalStore store = open(dir);

        assertThat(store.pending(10)).extracting(OutboxEntry::baseVersion).containsExactly(0L, 1L, 2L);
    }

    @Test
    void pending_after_reads_the_next_page_and_pending_of_reads_one_record_inside_a_transaction() {
        LocalStore store = open(dir);
        UUID record = UUID.randomUUID();
        List<UUID> mine = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            int v = i;
            mine.addAll(store.inTransaction(tx -> List.of(tx.enqueue("lot", record, v, "{}"),
                    tx.enqueue("lot", UUID.randomUUID(), 1, "{}"))).subList(0, 1));
        }
        List<OutboxEntry> first = store.pending(4);

        assertThat(store.pendingAfter(first.get(3).seq(), 3)).extracting(OutboxEntry::seq)
                .containsExactly(first.get(3).seq() + 1, first.get(3).seq() + 2, first.get(3).seq() + 3);
        List<OutboxEntry> ofRecord = store.inTransaction(tx -> store.pendingOf(tx, "lot", record));
        assertThat(ofRecord).extracting(OutboxEntry::id).containsExactlyElementsOf(mine);
        assertThatThrownBy(() -> store.pendingOf(null, "lot", record)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void pending_returns_entries_in_commit_order_and_mark_synced_removes_exactly_those() {
        LocalStore store = open(dir);
        List<UUID> written = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            clock.advance(java.time.Duration.ofMillis(5));
            written.add(enqueueOne(store, i + 1));
        }

        List<OutboxEntry> firstFour = store.pending(4);
        assertThat(firstFour).extracting(OutboxEntry::id).containsExactlyElementsOf(written.subList(0, 4));
        assertThat(firstFour).extracting(OutboxEntry::seq).isSorted().doesNotHaveDuplicates();

        store.markSynced(List.of(written.get(0), written.get(2), UUID.randomUUID()));

        assertThat(store.pendingCount()).isEqualTo(8);
        assertThat(store.pending(100)).extracting(OutboxEntry::id)
                .containsExactly(written.get(1), written.get(3), written.get(4), written.get(5), written.get(6),
                        written.get(7), written.get(8), written.get(9));
        assertThat(store.oldestPendingMillis()).hasValue(T0 + 10);
    }

    @Test
    void removing_synced_entries_leaves_later_commits_durable() {
        LocalStore store = open(dir);
        UUID a = enqueueOne(store, 1);
        enqueueOne(store, 2);

        store.markSynced(List.of(a));

        assertThat(query(store, "PRAGMA synchronous")).isEqualTo("2"); // FULL again
        assertThat(store.pendingCount()).isEqualTo(1);
    }

    @Test
    void mark_synced_handles_more_ids_than_one_statement_takes() {
        LocalStore store = open(dir);
        List<UUID> written = store.inTransaction(tx -> {
            List<UUID> list = new ArrayList<>();
            for (int i = 0; i < 1_234; i++) {
                list.add(tx.enqueue("audit_event", UUID.randomUUID(), 1, "{}"));
            }
            return list;
        });

        store.markSynced(written.subList(0, 1_200));

        assertThat(store.pending(1_000)).extracting(OutboxEntry::id).containsExactlyElementsOf(written.subList(1_200,
                1_234));
    }

    @Test
    void reopening_the_store_keeps_pending_entries_and_continues_the_sequence() {
        LocalStore first = open(dir);
        UUID a = enqueueOne(first, 1);
        UUID b = enqueueOne(first, 2);
        first.markSynced(List.of(b)); // the newest is gone: its seq must not be reused
        first.close();

        LocalStore second = open(dir);
        UUID c = enqueueOne(second, 3);

        List<OutboxEntry> pending = second.pending(10);
        assertThat(pending).extracting(OutboxEntry::id).containsExactly(a, c);
        assertThat(pending.get(1).seq()).isEqualTo(3);
    }

    @Test
    void nested_transactions_and_a_transaction_used_after_it_ended_are_rejected() {
        LocalStore store = open(dir);
        List<io.plantconsole.kernel.tx.LocalTransactions.LocalTx> leaked = new ArrayList<>();

        assertThatThrownBy(() -> store.inTransaction(tx -> store.inTransaction(inner -> 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("nested");
        store.inTransaction(tx -> leaked.add(tx));
        assertThatThrownBy(() -> leaked.get(0).enqueue("batch", UUID.randomUUID(), 1, "{}"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("over");
        assertThat(store.pendingCount()).isZero();
    }

    @Test
    void a_data_folder_that_cannot_be_created_gives_a_message_naming_the_file_and_the_cause() throws IOException {
        Path regularFile = Files.writeString(dir.resolve("not-a-folder"), "x");

        assertThatThrownBy(() -> open(regularFile.resolve("data")))
                .isInstanceOf(LocalStoreException.class)
                .hasMessageContaining(regularFile.resolve("data").resolve("plant-console.db").toString())
                .hasMessageContaining("does not exist and cannot be created");
        assertThatThrownBy(() -> open(regularFile))
                .isInstanceOf(LocalStoreException.class)
                .hasMessageContaining("is a file, not a folder");
    }

    @Test
    void a_read_only_data_folder_gives_a_message_naming_the_file_and_the_cause() throws IOException {
        Path readOnly = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            boolean permissionsApply;
            try {
                Files.delete(Files.createFile(readOnly.resolve("probe")));
                permissionsApply = false;
            } catch (IOException expected) {
                permissionsApply = true;
            }
            assumeThat(permissionsApply)
                    .as("running as root (or with CAP_DAC_OVERRIDE): chmod 0555 does not stop writes here, so a"
                            + " read-only folder cannot be made without a read-only mount")
                    .isTrue();

            assertThatThrownBy(() -> open(readOnly))
                    .isInstanceOf(LocalStoreException.class)
                    .hasMessageContaining(readOnly.resolve("plant-console.db").toString())
                    .hasMessageContaining("read-only");
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void a_corrupt_file_gives_a_clear_message_and_is_left_untouched() throws IOException {
        byte[] garbage = new byte[8192];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 31 + 7);
        }
        Path file = Files.write(dir.resolve("plant-console.db"), garbage);

        assertThatThrownBy(() -> open(dir))
                .isInstanceOf(LocalStoreException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("corrupt or is not a Plant Console database");
        assertThat(Files.readAllBytes(file)).isEqualTo(garbage);
    }

    @Test
    void a_full_disk_gives_a_clear_message_and_keeps_what_was_committed_before() {
        LocalStore store = open(dir);
        UUID kept = enqueueOne(store, 1);
        // Cap the file at its current size (in pages): the next growth fails with SQLITE_FULL, as on a full disk.
        String pages = query(store, "PRAGMA page_count");
        store.inTransaction(tx -> tx.update("PRAGMA max_page_count = " + pages));
        String big = "x".repeat(64 * 1024);

        assertThatThrownBy(() -> store.inTransaction(tx -> tx.enqueue("photo", UUID.randomUUID(), 1, big)))
                .isInstanceOf(LocalStoreException.class)
                .hasMessageContaining(store.file().toString())
                .hasMessageContaining("the disk is full");

        assertThat(store.pending(10)).extracting(OutboxEntry::id).containsExactly(kept);
        store.close();
        assertThat(open(dir).pending(10)).extracting(OutboxEntry::id).containsExactly(kept);
    }
}

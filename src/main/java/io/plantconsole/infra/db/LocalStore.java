package io.plantconsole.infra.db;

import io.plantconsole.kernel.util.UuidV7;
import io.plantconsole.sync.model.OutboxEntry;
import io.plantconsole.kernel.tx.LocalStoreException;
import io.plantconsole.kernel.tx.LocalTransactions;
import io.plantconsole.sync.service.Outbox;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The console's durable local database: {@code <dataDir>/plant-console.db}, SQLite in WAL mode with
 * {@code synchronous=FULL} (a returned commit survives a power cut; only {@link #markSynced} commits without waiting
 * for the disk), foreign keys on, migrated by Flyway from
 * {@code classpath:db/local} when opened. Implements {@link LocalTransactions} for feature repositories and
 * {@link Outbox} for the sync worker.
 *
 * <p><b>Threads.</b> Any background thread may call any method; never call from the FX thread (a commit waits
 * for the disk). The store has one connection, guarded by a fair lock: transactions and reads from different
 * threads run one after another, each waiting for the lock. Inside {@link #inTransaction} keep the work short,
 * do not wait for another thread that uses this store (deadlock), and do not call {@link #inTransaction}
 * again (nested transactions are rejected). Statements run through {@link LocalTx#update} and
 * {@link LocalTx#enqueue} are prepared once and kept per SQL text (least recently used beyond 32 are closed);
 * they are closed with the store. Only one process may use a data folder at a time; a second one
 * waits up to {@link #BUSY_TIMEOUT_MS} for the file lock and then fails with a clear message.
 *
 * <p><b>Errors.</b> Every failure to open or commit is a {@link LocalStoreException} whose message names the
 * file and the cause in words (folder missing or read-only, disk full, corrupt file, locked, I/O error). A
 * failed transaction is rolled back as a whole; what was committed before is never touched.
 */
public final class LocalStore implements LocalTransactions, Outbox, AutoCloseable {
    /** Name of the database file inside the data folder. */
    public static final String FILE_NAME = "plant-console.db";
    /** How long a write waits for a file lock held by another connection or process. */
    public static final int BUSY_TIMEOUT_MS = 5_000;

    private static final Logger LOG = LoggerFactory.getLogger(LocalStore.class);
    /** Most prepared statements kept open per connection (markSynced makes one per chunk size). */
    private static final int STATEMENT_CACHE_SIZE = 32;

    private final Path file;
    private final Clock clock;
    private final UuidV7 ids;
    private final ReentrantLock lock = new ReentrantLock(true);
    private Connection connection; // guarded by lock; null once closed
    private boolean inTransaction; // guarded by lock
    /** Prepared statements of {@link Tx#update} by SQL; guarded by lock. */
    private final StatementCache statements = new StatementCache(STATEMENT_CACHE_SIZE);

    private LocalStore(Path file, Connection connection, Clock clock, UuidV7 ids) {
        this.file = file;
        this.connection = connection;
        this.clock = clock;
        this.ids = ids;
    }

    /** Opens (creating and migrating when needed) the store in {@code dataDir} on the system clock. */
    public static LocalStore open(Path dataDir) {
        return open(dataDir, Clock.systemUTC(), UuidV7.systemDefault());
    }

    /**
     * Opens the store in {@code dataDir}, creating the folder and the file when missing, and migrates it.
     * Blocks on disk I/O: call from a background thread (or at start, before the UI shows).
     *
     * @param clock stamps outbox entries ({@code created_at})
     * @param ids   makes outbox entry ids
     * @throws LocalStoreException when the folder or file cannot be used; the message says why
     */
    public static LocalStore open(Path dataDir, Clock clock, UuidV7 ids) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ids, "ids");
        Path dir = dataDir.toAbsolutePath().normalize();
        Path file = dir.resolve(FILE_NAME);
        prepareFolder(dir, file);

        SQLiteDataSource dataSource = new SQLiteDataSource(config());
        dataSource.setUrl("jdbc:sqlite:" + file);
        try {
            MigrateResult result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/local")
                    .cleanDisabled(true)
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            LOG.info("Local store {}: schema version {}, {} migration(s) applied", file,
                    result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
                    result.migrationsExecuted);
        } catch (FlywayException e) {
            throw LocalStoreErrors.failure(file, "migrate", e);
        }

        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            String journal = pragma(connection, "journal_mode");
            String synchronous = pragma(connection, "synchronous");
            if (!"wal".equalsIgnoreCase(journal) || !"2".equals(synchronous)) {
                throw new LocalStoreException(file, "Local store " + file + " is not durable: journal_mode="
                        + journal + ", synchronous=" + synchronous + " (expected wal and 2 = FULL); "
                        + "the file system may not support WAL (network share?)", null);
            }
            return new LocalStore(file, connection, clock, ids);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw LocalStoreErrors.failure(file, "open", e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Starts with {@code BEGIN IMMEDIATE} (takes the write lock up front), commits durably. Any thread but
     * the FX thread; blocks while another thread's transaction runs.
     */
    @Override
    public <T> T inTransaction(Function<LocalTx, T> work) {
        Objects.requireNonNull(work, "work");
        lock.lock();
        try {
            if (inTransaction) {
                throw new IllegalStateException("nested inTransaction on " + file + " is not supported");
            }
            Connection c = openConnection();
            inTransaction = true;
            Tx tx = new Tx(c);
            try {
                exec(c, "BEGIN IMMEDIATE");
                T result = work.apply(tx);
                tx.close();
                exec(c, "COMMIT");
                return result;
            } catch (SQLException e) {
                rollback(c, e);
                throw LocalStoreErrors.failure(file, "commit", e);
            } catch (RuntimeException | Error e) {
                rollback(c, e);
                throw e;
            } finally {
                tx.close();
                inTransaction = false;
            }
        } finally {
            lock.unlock();
        }
    }

    /** {@inheritDoc} Any thread but the FX thread. */
    @Override
    public List<OutboxEntry> pending(int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("max must be positive: " + max);
        }
        return pendingAfter(Long.MIN_VALUE, max);
    }

    /** {@inheritDoc} Any thread but the FX thread. */
    @Override
    public List<OutboxEntry> pendingAfter(long afterSeq, int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("max must be positive: " + max);
        }
        return read("read the outbox", c -> OutboxQueries.pending(c, afterSeq, max));
    }

    /** {@inheritDoc} Any thread but the FX thread (normally {@code sync}). */
    @Override
    public void markSynced(Collection<UUID> entryIds) {
        List<UUID> all = List.copyOf(entryIds);
        if (all.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            if (inTransaction) {
                throw new IllegalStateException("nested inTransaction on " + file + " is not supported");
            }
            Connection c = openConnection();
            // Removing synced entries need not wait for the disk: if a power cut loses the removal, the entries are
            // sent again and the centre answers ALREADY_APPLIED. The next durable commit syncs the WAL, this too.
            exec(c, "PRAGMA synchronous = NORMAL");
            try {
                inTransaction(tx -> {
                    OutboxQueries.delete(tx, all);
                    return null;
                });
            } finally {
                restoreFullSync(c);
            }
        } catch (SQLException e) {
            throw LocalStoreErrors.failure(file, "mark entries synced", e);
        } finally {
            lock.unlock();
        }
    }

    /** Back to durable commits after {@link #markSynced}; a store that cannot go back is closed. Caller holds the lock. */
    private void restoreFullSync(Connection c) throws SQLException {
        try {
            exec(c, "PRAGMA synchronous = FULL");
            if ("2".equals(pragma(c, "synchronous"))) {
                return;
            }
        } catch (SQLException e) {
            close();
            throw e;
        }
        close();
        throw new LocalStoreException(file, "Local store " + file + ": could not return to synchronous=FULL after"
                + " removing synced entries; the store was closed", null);
    }

    /** {@inheritDoc} Any thread but the FX thread. */
    @Override
    public long pendingCount() {
        return read("count the outbox", OutboxQueries::count);
    }

    /** {@inheritDoc} Any thread but the FX thread. */
    @Override
    public OptionalLong oldestPendingMillis() {
        return read("read the outbox", OutboxQueries::oldestMillis);
    }

    /** Closes the connection; later calls fail with {@link IllegalStateException}. Any thread; idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (connection != null) {
                statements.closeAll();
                try {
                    connection.close();
                } catch (SQLException e) {
                    LOG.warn("Local store {}: close failed: {}", file, e.getMessage());
                } finally {
                    connection = null;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- internals ------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(String action, SqlWork<T> work) {
        lock.lock();
        try {
            if (inTransaction) {
                throw new IllegalStateException("read the outbox through the open transaction, not the store");
            }
            return work.run(openConnection());
        } catch (SQLException e) {
            throw LocalStoreErrors.failure(file, action, e);
        } finally {
            lock.unlock();
        }
    }

    private Connection openConnection() {
        if (connection == null) {
            throw new IllegalStateException("local store " + file + " is closed");
        }
        return connection;
    }

    private static SQLiteConfig config() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        return config;
    }

    /** Creates the folder and checks it can be written before SQLite gives a vaguer answer. */
    private static void prepareFolder(Path dir, Path file) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new LocalStoreException(file, "Local store " + file + ": the data folder " + dir
                    + " is a file, not a folder", null);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new LocalStoreException(file, "Local store " + file + ": the data folder " + dir
                    + " does not exist and cannot be created (" + LocalStoreErrors.describe(e) + ")", e);
        }
        try {
            // SQLite needs to create plant-console.db-wal and -shm next to the file: probe the folder.
            Path probe = Files.createTempFile(dir, ".write-probe-", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new LocalStoreException(file, "Local store " + file + ": the data folder " + dir
                    + " is read-only or not writable by this user (" + LocalStoreErrors.describe(e) + ")", e);
        }
        if (Files.exists(file) && (!Files.isRegularFile(file) || !Files.isWritable(file))) {
            throw new LocalStoreException(file, "Local store " + file + ": the file is read-only or is not a"
                    + " regular file", null);
        }
        ownerOnly(dir, file);
    }

    /**
     * The folder 0700 and the store 0600 (SQLite gives its -wal and -shm files the store's permissions), so other
     * users of the workstation read neither accounts nor the audit trail. Where the file system has no POSIX
     * permissions, or they cannot be set, the console says so in the log and goes on.
     */
    private static void ownerOnly(Path dir, Path file) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                        "rw-------")));
            }
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Path f = file.resolveSibling(file.getFileName() + suffix);
                if (Files.exists(f)) {
                    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("Could not make {} readable by its owner only: {}", dir, e.toString());
        }
    }

    private static String pragma(Connection c, String name) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private void rollback(Connection c, Throwable cause) {
        try {
            exec(c, "ROLLBACK");
        } catch (SQLException e) {
            // SQLite already rolled back by itself (e.g. after SQLITE_FULL): nothing of it was committed.
            LOG.debug("Local store {}: rollback: {}", file, e.getMessage());
        }
        LOG.warn("Local store {}: transaction rolled back: {}", file, cause.toString());
    }

    private static void closeQuietly(AutoCloseable c) {
        StatementCache.closeQuietly(c);
    }

    /** The transaction handed to feature code; valid only inside {@link #inTransaction}, on its thread. */
    private final class Tx implements LocalTx {
        private final Connection c;
        private final Thread owner = Thread.currentThread();
        private boolean closed;

        Tx(Connection c) {
            this.c = c;
        }

        @Override
        public int update(String sql, Object... params) {
            check();
            try {
                PreparedStatement ps = statements.statement(c, sql);
                for (int i = 0; i < params.length; i++) {
                    Object p = params[i];
                    ps.setObject(i + 1, p instanceof UUID ? p.toString() : p);
                }
                if (ps.execute()) {
                    ps.getResultSet().close(); // a query: nothing to count; do not keep it open in the cache
                    return 0;
                }
                return Math.max(0, ps.getUpdateCount());
            } catch (SQLException e) {
                statements.forget(sql);
                throw LocalStoreErrors.failure(file, "write", e);
            }
        }

        @Override
        public UUID enqueue(String recordType, UUID recordId, long baseVersion, long recordVersion,
                String payloadJson) {
            Objects.requireNonNull(recordType, "recordType");
            Objects.requireNonNull(recordId, "recordId");
            Objects.requireNonNull(payloadJson, "payloadJson");
            if (baseVersion < 0 || baseVersion >= recordVersion) {
                throw new IllegalArgumentException("outbox entry for " + recordType + " " + recordId + ": need 0 <="
                        + " base version < record version, got base " + baseVersion + ", version " + recordVersion);
            }
            UUID id = ids.next();
            update(OutboxQueries.INSERT, id, recordType, recordId, baseVersion, recordVersion, payloadJson,
                    clock.millis());
            return id;
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            check();
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            throw new IllegalArgumentException("the local transaction is not a " + type.getName());
        }

        void close() {
            closed = true;
        }

        private void check() {
            if (closed) {
                throw new IllegalStateException("the local transaction is over");
            }
            if (Thread.currentThread() != owner) {
                throw new IllegalStateException("the local transaction belongs to thread " + owner.getName());
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code tx} must be a transaction of this store (handed out by {@link #inTransaction}).
     */
    @Override
    public boolean remove(LocalTx tx, UUID entryId) {
        Objects.requireNonNull(entryId, "entryId");
        checkOwn(tx);
        return OutboxQueries.delete(tx, entryId);
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code tx} must be a transaction of this store (handed out by {@link #inTransaction}).
     */
    @Override
    public List<OutboxEntry> pendingOf(LocalTx tx, String recordType, UUID recordId) {
        Objects.requireNonNull(recordType, "recordType");
        Objects.requireNonNull(recordId, "recordId");
        Connection c = checkOwn(tx);
        try {
            return OutboxQueries.ofRecord(c, recordType, recordId);
        } catch (SQLException e) {
            throw LocalStoreErrors.failure(file, "read the outbox", e);
        }
    }

    private Connection checkOwn(LocalTx tx) {
        Objects.requireNonNull(tx, "tx");
        // inside the transaction this thread holds the lock, so reading the connection is safe
        if (!(tx instanceof Tx) || !lock.isHeldByCurrentThread() || tx.unwrap(Connection.class) != connection) {
            throw new IllegalArgumentException("not a transaction of the local store " + file);
        }
        return connection;
    }
}

package io.plantconsole.bench;

import io.plantconsole.infra.db.LocalStore;
import io.plantconsole.infra.postgres.CentralDatabase;
import io.plantconsole.infra.postgres.PostgresCentralSink;
import io.plantconsole.kernel.util.UuidV7;
import io.plantconsole.sync.model.OutboxEntry;
import io.plantconsole.sync.model.SyncStatus;
import io.plantconsole.sync.service.SyncEngine;
import io.plantconsole.testing.PostgresServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.sqlite.SQLiteConfig;

/**
 * Issue 3 benchmarks ({@code -Dbench=sync}):
 * <ul>
 *   <li>{@code sync-throughput}: a {@link LocalStore} holding N outbox entries drained by {@link SyncEngine} +
 *       {@link PostgresCentralSink} into PostgreSQL 15 vs a plain {@code COPY synced_record FROM STDIN} of the same
 *       rows ({@link CopyManager}) in the same run; one unmeasured warm-up round of each first, then repetitions that
 *       alternate which side goes first; medians.</li>
 *   <li>{@code sync-backlog}: seconds to drain a backlog after the centre comes back (server stopped, engine
 *       running and OFFLINE, server started and the engine woken at once, time until the outbox is empty) vs COPY of
 *       the same rows, alternating which goes first. The engine's backoff is seeded and the wait it was in when the
 *       server came back is cut short ({@code syncNow}), so no random wait is measured.</li>
 *   <li>{@code local-write-single}, {@code local-write-batched}: durable feature row + outbox row transactions
 *       through {@link io.plantconsole.kernel.tx.LocalTransactions} vs raw sqlite-jdbc with the same pragmas
 *       (WAL, synchronous=FULL, foreign keys, busy timeout) and batching.</li>
 * </ul>
 * Sizes: {@code bench.sync.records} (50k), {@code bench.sync.reps} (3), {@code bench.sync.warmup} (10k records per side,
 * unmeasured), {@code bench.sync.seed} (the engine's backoff jitter, 42), {@code bench.sync.backlog} (100k),
 * {@code bench.sync.backlogReps} (3), {@code bench.sync.offlineSeconds} (3), {@code bench.sync.batch} (the
 * engine's default, 500), {@code bench.local.single} (1000 commits), {@code bench.local.batched} (50k rows),
 * {@code bench.local.batchSize} (500), {@code bench.local.reps} (3).
 */
final class SyncBenchmark {
    private static final String TYPE = "batch";
    private static final String FEATURE_DDL = "CREATE TABLE IF NOT EXISTS bench_feature (id TEXT PRIMARY KEY,"
            + " version INTEGER NOT NULL, payload TEXT NOT NULL, updated_at INTEGER NOT NULL)";
    private static final String FEATURE_INSERT =
            "INSERT INTO bench_feature (id, version, payload, updated_at) VALUES (?, ?, ?, ?)";
    private static final String OUTBOX_INSERT = "INSERT INTO outbox (id, record_type, record_id, base_version,"
            + " record_version, payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
    /** The console's local migrations, so the raw side has the same schema. */
    private static final List<String> LOCAL_MIGRATIONS = List.of("V1__outbox.sql", "V2__auth_and_audit.sql",
            "V3__outbox_base_version.sql");

    private final int records = Props.integer("bench.sync.records", 50_000);
    private final int reps = Props.integer("bench.sync.reps", 3);
    private final int warmup = Props.integer("bench.sync.warmup", 10_000);
    private final long seed = Props.integer("bench.sync.seed", 42);
    private final int backlog = Props.integer("bench.sync.backlog", 100_000);
    private final int backlogReps = Props.integer("bench.sync.backlogReps", 3);
    private final double offlineSeconds = Props.decimal("bench.sync.offlineSeconds", 3);
    private final int engineBatch = Props.integer("bench.sync.batch", SyncEngine.Settings.defaults().batchSize());
    private final int singleCommits = Props.integer("bench.local.single", 1000);
    private final int batchedRows = Props.integer("bench.local.batched", 50_000);
    private final int localBatch = Props.integer("bench.local.batchSize", 500);
    private final int localReps = Props.integer("bench.local.reps", 3);

    private final UuidV7 ids = UuidV7.systemDefault();
    private Path work;

    List<BenchResult> run() throws Exception {
        work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "bench-sync-");
        List<BenchResult> results = new ArrayList<>();
        try {
            results.addAll(localWrites());
            if (!PostgresServer.installed()) {
                throw new IllegalStateException("PostgreSQL 15 is not installed (" + PostgresServer.BIN
                        + "); apt-get install postgresql");
            }
            try (PostgresServer server = PostgresServer.start(work.resolve("pg"))) {
                results.add(throughput(server));
                results.add(backlog(server));
            }
        } finally {
            BenchmarkMain.deleteTree(work);
        }
        return results;
    }

    // ---- sync-throughput ----------------------------------------------------------------------------------

    private BenchResult throughput(PostgresServer server) throws Exception {
        double[] sync = new double[reps];
        double[] copy = new double[reps];
        try (CentralDatabase db = central(server)) {
            db.migrate();
            if (warmup > 0) {
                Path dir = work.resolve("tp-warmup");
                try (LocalStore store = LocalStore.open(dir)) {
                    fillOutbox(store, warmup);
                    List<OutboxEntry> rows = store.pending(warmup);
                    truncate(server);
                    double s = drain(store, db, null, warmup, server).seconds;
                    truncate(server);
                    double c = copy(server, rows);
                    System.out.printf(Locale.ROOT, "[sync] throughput warm-up (not counted): sync %.0f rec/s, COPY %.0f"
                            + " rec/s%n", warmup / s, warmup / c);
                }
                BenchmarkMain.deleteTree(dir);
            }
            for (int r = 0; r < reps; r++) {
                Path dir = work.resolve("tp-" + r);
                boolean syncFirst = r % 2 == 0;
                try (LocalStore store = LocalStore.open(dir)) {
                    fillOutbox(store, records);
                    List<OutboxEntry> rows = store.pending(records);
                    double c = 0;
                    if (!syncFirst) {
                        truncate(server);
                        c = copy(server, rows);
                    }
                    truncate(server);
                    double s = drain(store, db, null, records, server).seconds;
                    long central = countRows(server);
                    if (syncFirst) {
                        truncate(server);
                        c = copy(server, rows);
                    }
                    sync[r] = records / s;
                    copy[r] = records / c;
                    System.out.printf(Locale.ROOT, "[sync] throughput rep %d (%s first): sync %.0f rec/s (%.2f s, %d"
                            + " rows at centre), COPY %.0f rec/s (%.2f s), ratio %.3f%n", r + 1, syncFirst ? "sync"
                            : "COPY", sync[r], s, central, copy[r], c, sync[r] / copy[r]);
                    if (central != records) {
                        throw new IllegalStateException("sync delivered " + central + " rows, expected " + records);
                    }
                }
                BenchmarkMain.deleteTree(dir);
            }
        }
        double v = Stats.median(sync);
        double b = Stats.median(copy);
        double ratio = Stats.ratio(v, b);
        double[] ratios = new double[reps];
        for (int i = 0; i < reps; i++) {
            ratios[i] = sync[i] / copy[i];
        }
        String notes = String.format(Locale.ROOT, "%s. %d outbox entries (record_type %s, version 1, ~%d B JSON"
                        + " payload) drained by SyncEngine (batch %d) + PostgresCentralSink into PostgreSQL 15 on"
                        + " 127.0.0.1 (PostgresServer: fsync=off); timed from engine start to outbox empty (includes"
                        + " the local deletes and status counts). Baseline: COPY synced_record (record_type, record_id,"
                        + " version, payload, origin, outbox_id) FROM STDIN of the same rows, one transaction, after"
                        + " TRUNCATE. One unmeasured warm-up round of each side (%d records), then %d reps alternating"
                        + " which side goes first (sync first in odd reps), medians; per-rep sync %s rec/s, COPY %s"
                        + " rec/s, ratio %s. Target ratio >= 0.5: %s.",
                BenchmarkMain.machineTag(), records, TYPE, payload(0).length(), engineBatch, warmup, reps,
                Stats.list(sync), Stats.list(copy), Stats.list(ratios), ratio >= 0.5 ? "met" : "MISSED");
        return new BenchResult("sync-throughput", v, "records/s", "PostgreSQL COPY of the same rows", b, ratio,
                notes);
    }

    // ---- sync-backlog -------------------------------------------------------------------------------------

    private BenchResult backlog(PostgresServer server) throws Exception {
        double[] drainS = new double[backlogReps];
        double[] firstS = new double[backlogReps];
        double[] pgStartS = new double[backlogReps];
        double[] copyS = new double[backlogReps];
        int[] failures = new int[backlogReps];
        try (CentralDatabase db = central(server)) {
            db.migrate();
            for (int r = 0; r < backlogReps; r++) {
                Path dir = work.resolve("bl-" + r);
                boolean syncFirst = r % 2 == 0;
                try (LocalStore store = LocalStore.open(dir)) {
                    fillOutbox(store, backlog);
                    List<OutboxEntry> rows = store.pending(backlog);
                    if (!syncFirst) {
                        truncate(server);
                        copyS[r] = copy(server, rows);
                    }
                    truncate(server);
                    Drain d = drain(store, db, () -> {
                        server.stopImmediately();
                    }, backlog, server);
                    drainS[r] = d.seconds;
                    firstS[r] = d.firstSuccess;
                    pgStartS[r] = d.serverStart;
                    failures[r] = d.failuresBefore;
                    long central = countRows(server);
                    if (syncFirst) {
                        truncate(server);
                        copyS[r] = copy(server, rows);
                    }
                    System.out.printf(Locale.ROOT, "[sync] backlog rep %d: drained %d in %.2f s after the centre was"
                                    + " back (pg_ctl start took %.2f s, first batch after %.2f s, %d failed tries"
                                    + " while offline; %d rows at centre), COPY %.2f s%n", r + 1, backlog, drainS[r],
                            pgStartS[r], firstS[r], failures[r], central, copyS[r]);
                    if (central != backlog) {
                        throw new IllegalStateException("backlog delivered " + central + " rows, expected " + backlog);
                    }
                }
                BenchmarkMain.deleteTree(dir);
            }
        }
        double v = Stats.median(drainS);
        double b = Stats.median(copyS);
        double[] ratios = new double[backlogReps];
        double[] fails = new double[backlogReps];
        for (int i = 0; i < backlogReps; i++) {
            ratios[i] = drainS[i] / copyS[i];
            fails[i] = failures[i];
        }
        String notes = String.format(Locale.ROOT, "%s. %d pending entries; server stopped (pg_ctl -m immediate),"
                        + " engine started with default backoff (base %d ms, cap %d s, full jitter seeded with %d) and"
                        + " left OFFLINE for %.1f s, then pg_ctl start -w and the engine woken at once (syncNow: the"
                        + " backoff wait it was in is not measured); value = seconds from pg_ctl start returning to"
                        + " outbox empty (includes reconnecting the pool). Sync and COPY alternate which goes first."
                        + " Per-rep drain %s s, first batch after %s s, pg_ctl start %s s, failed tries %s; COPY of the"
                        + " same rows %s s; ratio %s. Lower is better; ratio = backlog/COPY. No target given (issue 3).",
                BenchmarkMain.machineTag(), backlog, SyncEngine.Settings.defaults().backoffBase().toMillis(),
                SyncEngine.Settings.defaults().backoffCap().toSeconds(), seed, offlineSeconds, Stats.list(drainS),
                Stats.list(firstS), Stats.list(pgStartS), Stats.list(fails), Stats.list(copyS), Stats.list(ratios));
        return new BenchResult("sync-backlog", v, "s", "PostgreSQL COPY of the same rows (s)", b, Stats.ratio(v, b),
                notes);
    }

    // ---- draining -----------------------------------------------------------------------------------------

    private record Drain(double seconds, double firstSuccess, double serverStart, int failuresBefore) {
    }

    @FunctionalInterface
    private interface Outage {
        void begin() throws Exception;
    }

    /**
     * Runs an engine over {@code store} until the outbox is empty. With an {@code outage}, the outage begins
     * before the engine starts, the engine runs OFFLINE for {@code offlineSeconds}, the server is started and the
     * clock starts when {@code pg_ctl start} returns.
     */
    private Drain drain(LocalStore store, CentralDatabase db, Outage outage, int expected, PostgresServer server)
            throws Exception {
        SyncEngine.Settings defaults = SyncEngine.Settings.defaults();
        SyncEngine.Settings settings = new SyncEngine.Settings(engineBatch, defaults.backoffBase(),
                defaults.backoffCap(), defaults.idlePoll());
        CountDownLatch empty = new CountDownLatch(1);
        CountDownLatch offline = new CountDownLatch(1);
        AtomicLong firstSuccessNanos = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        PostgresCentralSink sink = new PostgresCentralSink(db, "bench-console");
        try (SyncEngine engine = new SyncEngine(store, sink, settings, Clock.systemUTC(),
                new SplittableRandom(seed))) {
            engine.addListener(s -> {
                if (s.state() != SyncStatus.State.CONNECTED && s.consecutiveFailures() > 0) {
                    failures.set(s.consecutiveFailures());
                    offline.countDown();
                }
                if (s.lastSuccess() != null) {
                    firstSuccessNanos.compareAndSet(0, System.nanoTime());
                }
                if (s.pendingCount() == 0) {
                    empty.countDown();
                }
            });
            double serverStart = 0;
            long t0;
            if (outage != null) {
                outage.begin();
                engine.start();
                if (!offline.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the engine never reported OFFLINE: " + engine.status());
                }
                Thread.sleep(Math.round(offlineSeconds * 1000));
                long s0 = System.nanoTime();
                server.start();
                t0 = System.nanoTime();
                engine.syncNow(); // the centre is back: no backoff wait belongs to the measured drain
                serverStart = (t0 - s0) / 1e9;
            } else {
                t0 = System.nanoTime();
                engine.start();
            }
            if (!empty.await(600, TimeUnit.SECONDS)) {
                throw new IllegalStateException("outbox not drained in 600 s: " + engine.status());
            }
            long t1 = System.nanoTime();
            SyncStatus st = engine.status();
            if (st.conflictCount() != 0) {
                throw new IllegalStateException("unexpected conflicts: " + st);
            }
            long first = firstSuccessNanos.get();
            return new Drain((t1 - t0) / 1e9, first == 0 ? Double.NaN : (first - t0) / 1e9, serverStart,
                    (int) failures.get());
        }
    }

    private CentralDatabase central(PostgresServer server) {
        return CentralDatabase.open(new CentralDatabase.Settings(server.jdbcUrl(), server.user(), server.password()));
    }

    private Connection plain(PostgresServer server) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", server.user());
        p.setProperty("password", new String(server.password()));
        return DriverManager.getConnection(server.jdbcUrl(), p);
    }

    private void truncate(PostgresServer server) throws SQLException {
        try (Connection c = plain(server); Statement st = c.createStatement()) {
            st.execute("TRUNCATE synced_record, applied_outbox");
        }
    }

    private long countRows(PostgresServer server) throws SQLException {
        try (Connection c = plain(server); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM synced_record")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** COPY of {@code rows} into synced_record (text format built inside the timed region); returns seconds. */
    private double copy(PostgresServer server, List<OutboxEntry> rows) throws Exception {
        try (Connection c = plain(server)) {
            CopyManager cm = c.unwrap(PGConnection.class).getCopyAPI();
            long t0 = System.nanoTime();
            StringBuilder b = new StringBuilder(rows.size() * 300);
            for (OutboxEntry e : rows) {
                b.append(escape(e.recordType())).append('\t').append(e.recordId()).append('\t')
                        .append(e.recordVersion()).append('\t').append(escape(e.payloadJson())).append('\t')
                        .append("bench-console").append('\t').append(e.id()).append('\n');
            }
            long n = cm.copyIn("COPY synced_record (record_type, record_id, version, payload, origin, outbox_id)"
                    + " FROM STDIN", new StringReader(b.toString()));
            double s = (System.nanoTime() - t0) / 1e9;
            if (n != rows.size()) {
                throw new IllegalStateException("COPY wrote " + n + " rows, expected " + rows.size());
            }
            return s;
        }
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    /** Writes {@code n} feature-less outbox entries in transactions of 1000 (not timed). */
    private void fillOutbox(LocalStore store, int n) {
        int chunk = 1000;
        for (int from = 0; from < n; from += chunk) {
            int start = from;
            int to = Math.min(n, from + chunk);
            store.inTransaction(tx -> {
                for (int i = start; i < to; i++) {
                    tx.enqueue(TYPE, ids.next(), 1, payload(i));
                }
                return null;
            });
        }
    }

    static String payload(int i) {
        return String.format(Locale.ROOT, "{\"batch\":\"B-%07d\",\"recipe\":\"R-%d\",\"line\":\"L%d\",\"quantity\":%d.5,"
                        + "\"unit\":\"kg\",\"operator\":\"op-%02d\",\"state\":\"COMPLETED\",\"started\":1700000000000,"
                        + "\"ended\":1700000360000,\"notes\":\"benchmark record %d\"}", i, i % 17, i % 4, 1000 + i % 900,
                i % 40, i);
    }

    // ---- local writes -------------------------------------------------------------------------------------

    private List<BenchResult> localWrites() throws Exception {
        double[] single = new double[localReps];
        double[] singleRaw = new double[localReps];
        double[] batched = new double[localReps];
        double[] batchedRaw = new double[localReps];
        for (int r = 0; r < localReps; r++) {
            single[r] = consoleWrites(work.resolve("lc-s-" + r), singleCommits, 1);
            singleRaw[r] = rawWrites(work.resolve("lr-s-" + r), singleCommits, 1);
            batched[r] = consoleWrites(work.resolve("lc-b-" + r), batchedRows, localBatch);
            batchedRaw[r] = rawWrites(work.resolve("lr-b-" + r), batchedRows, localBatch);
            System.out.printf(Locale.ROOT, "[local] rep %d: single %.0f commits/s (raw %.0f), batched %.0f rows/s"
                    + " (raw %.0f)%n", r + 1, single[r], singleRaw[r], batched[r] * localBatch, batchedRaw[r]
                    * localBatch);
        }
        for (int r = 0; r < localReps; r++) {
            batched[r] *= localBatch;
            batchedRaw[r] *= localBatch;
        }
        List<BenchResult> out = new ArrayList<>();
        String fs = fileSystem(work);
        out.add(local("local-write-single", "commits/s", single, singleRaw, String.format(Locale.ROOT,
                "%d durable transactions, each one feature row (bench_feature) + one outbox row via"
                        + " LocalTransactions.inTransaction (BEGIN IMMEDIATE, WAL, synchronous=FULL)", singleCommits),
                fs));
        out.add(local("local-write-batched", "rows/s", batched, batchedRaw, String.format(Locale.ROOT,
                "%d rows in transactions of %d; a row = one feature row + one outbox row (enqueue)", batchedRows,
                localBatch), fs));
        return out;
    }

    private BenchResult local(String name, String unit, double[] console, double[] raw, String what, String fs) {
        double v = Stats.median(console);
        double b = Stats.median(raw);
        double[] ratios = new double[console.length];
        for (int i = 0; i < console.length; i++) {
            ratios[i] = console[i] / raw[i];
        }
        String notes = String.format(Locale.ROOT, "%s. %s; database files on %s (fresh files per rep). Baseline:"
                        + " raw sqlite-jdbc, same pragmas (journal_mode=WAL, synchronous=FULL, foreign_keys=ON,"
                        + " busy_timeout=%d), same schema and batching, reused PreparedStatements, BEGIN IMMEDIATE/COMMIT."
                        + " %d reps alternating console/raw, medians; per-rep console %s, raw %s, ratio %s. No numeric"
                        + " target in issue 3 (ratio console/raw near 1 expected: both wait for the same fsync).",
                BenchmarkMain.machineTag(), what, fs, LocalStore.BUSY_TIMEOUT_MS, console.length, Stats.list(console),
                Stats.list(raw), Stats.list(ratios));
        return new BenchResult(name, v, unit, "raw sqlite-jdbc, same pragmas and batching", b, Stats.ratio(v, b), notes);
    }

    /** Returns transactions per second. */
    private double consoleWrites(Path dir, int rows, int perTx) {
        try (LocalStore store = LocalStore.open(dir)) {
            store.inTransaction(tx -> tx.update(FEATURE_DDL));
            long t0 = System.nanoTime();
            int txs = 0;
            for (int from = 0; from < rows; from += perTx) {
                int start = from;
                int to = Math.min(rows, from + perTx);
                store.inTransaction(tx -> {
                    for (int i = start; i < to; i++) {
                        UUID id = ids.next();
                        String p = payload(i);
                        tx.update(FEATURE_INSERT, id, 1, p, System.currentTimeMillis());
                        tx.enqueue(TYPE, id, 1, p);
                    }
                    return null;
                });
                txs++;
            }
            double s = (System.nanoTime() - t0) / 1e9;
            check(store.pendingCount(), rows);
            return txs / s;
        } finally {
            BenchmarkMain.deleteTree(dir);
        }
    }

    /** Returns transactions per second. */
    private double rawWrites(Path dir, int rows, int perTx) throws Exception {
        Files.createDirectories(dir);
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(LocalStore.BUSY_TIMEOUT_MS);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("raw.db"), config.toProperties())) {
            try (Statement st = c.createStatement()) {
                for (String ddl : localSchema()) {
                    st.execute(ddl);
                }
                st.execute(FEATURE_DDL);
            }
            long t0 = System.nanoTime();
            int txs = 0;
            try (Statement st = c.createStatement(); PreparedStatement f = c.prepareStatement(FEATURE_INSERT);
                    PreparedStatement o = c.prepareStatement(OUTBOX_INSERT)) {
                for (int from = 0; from < rows; from += perTx) {
                    int to = Math.min(rows, from + perTx);
                    st.execute("BEGIN IMMEDIATE");
                    for (int i = from; i < to; i++) {
                        String id = ids.next().toString();
                        String p = payload(i);
                        f.setString(1, id);
                        f.setLong(2, 1);
                        f.setString(3, p);
                        f.setLong(4, System.currentTimeMillis());
                        f.executeUpdate();
                        o.setString(1, ids.next().toString());
                        o.setString(2, TYPE);
                        o.setString(3, id);
                        o.setLong(4, 0);
                        o.setLong(5, 1);
                        o.setString(6, p);
                        o.setLong(7, System.currentTimeMillis());
                        o.executeUpdate();
                    }
                    st.execute("COMMIT");
                    txs++;
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM outbox")) {
                rs.next();
                check(rs.getLong(1), rows);
            }
            return txs / s;
        } finally {
            BenchmarkMain.deleteTree(dir);
        }
    }

    private static void check(long actual, int expected) {
        if (actual != expected) {
            throw new IllegalStateException("wrote " + actual + " outbox rows, expected " + expected);
        }
    }

    /** The statements of the console's local migrations (db/local), so the raw side has the same schema. */
    private static List<String> localSchema() throws IOException {
        List<String> out = new ArrayList<>();
        for (String name : LOCAL_MIGRATIONS) {
            try (InputStream in = SyncBenchmark.class.getResourceAsStream("/db/local/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("db/local/" + name + " not on the classpath");
                }
                StringBuilder b = new StringBuilder();
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.strip().startsWith("--")) {
                        b.append(line).append('\n');
                    }
                }
                for (String st : b.toString().split(";")) {
                    if (!st.isBlank()) {
                        out.add(st.strip());
                    }
                }
            }
        }
        return out;
    }

    private static String fileSystem(Path p) {
        try {
            java.nio.file.FileStore s = Files.getFileStore(p);
            return s.type() + " (" + s.name() + ")";
        } catch (IOException e) {
            return "unknown file system";
        }
    }
}

package io.plantconsole.sync.service;

import io.plantconsole.kernel.util.UuidV7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantconsole.infra.db.LocalStore;
import io.plantconsole.infra.postgres.CentralDatabase;
import io.plantconsole.infra.postgres.PostgresCentralSink;
import io.plantconsole.sync.model.OutboxEntry;
import io.plantconsole.sync.model.SyncOutcome;
import io.plantconsole.sync.model.SyncStatus;
import io.plantconsole.testing.PostgresServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console is killed with SIGKILL ({@link Process#destroyForcibly()}) between writing and syncing, and restarted:
 * whatever it committed locally reaches the real PostgreSQL exactly once, in commit order.
 *
 * <p>Ground truth is the child's local feature table {@value ConsoleKillChildMain#TABLE}: each of its rows was written
 * in the same transaction as one outbox entry per version, so the centre must hold exactly
 * {@code {(record, 1..version)}} in {@code applied_entry} and {@code (record, version)} in {@code synced_record}.
 */
class ConsoleKillDuringSyncIT {
    private static final int BATCH = 20;

    @TempDir
    Path dir;

    /** The centre is down while the console writes; the console dies twice; a restarted console drains it all. */
    @Test
    void killedWhileTheCentreIsDownEverythingCommittedArrivesOnceAfterRestart() throws Exception {
        PostgresServer.assumeInstalled();
        Path local = dir.resolve("local");
        try (PostgresServer server = PostgresServer.start(dir.resolve("pg"))) {
            try (CentralDatabase db = open(server)) {
                db.migrate();
            }
            server.stopImmediately();

            List<Child.Line> printed = new ArrayList<>();
            List<List<Child.Line>> rounds = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                Child child = Child.start(local, server, 0);
                try {
                    await().atMost(Duration.ofSeconds(90)).until(() -> child.committed.size() >= 300
                            && child.statuses.stream().anyMatch(Child::offlineAfterAnAttempt)
                            || !child.process.isAlive());
                    assertThat(child.process.isAlive()).as("child still running when killed").isTrue();
                } finally {
                    child.kill();
                }
                assertThat(child.statuses).as("the child's worker saw the centre down")
                        .anyMatch(Child::offlineAfterAnAttempt);
                printed.addAll(child.committed);
                rounds.add(List.copyOf(child.committed));
            }

            try (LocalStore store = LocalStore.open(local)) {
                assertThat(store.pendingCount()).as("nothing reached the centre before the restart")
                        .isGreaterThanOrEqualTo(printed.size());
            }

            server.start();
            Restarted r = restartAndDrain(local, server);
            assertThat(r.alreadyApplied).as("the centre never saw any of it before").isEmpty();
            assertExactlyOnceInOrder(local, server, printed, rounds);
        }
    }

    /**
     * The console syncs while it writes and dies right after the centre committed a batch, before the local delete
     * (the lost acknowledgement), with more entries pending; the restarted console re-sends that batch, the centre
     * answers ALREADY_APPLIED, and everything else arrives once.
     */
    @Test
    void killedMidSyncAfterTheCentreTookABatchTheRestartResumesExactlyOnce() throws Exception {
        PostgresServer.assumeInstalled();
        Path local = dir.resolve("local");
        try (PostgresServer server = PostgresServer.start(dir.resolve("pg"))) {
            try (CentralDatabase db = open(server)) {
                db.migrate();
            }
            int stallAfter = 5;
            Child child = Child.start(local, server, stallAfter);
            List<UUID> stalled;
            try {
                await().atMost(Duration.ofSeconds(90)).until(() -> child.stalled != null || !child.process.isAlive());
                assertThat(child.process.isAlive()).as("child still running at the stall").isTrue();
                int committedAtStall = child.committed.size();
                // the writer keeps going while the sync thread hangs after its central commit
                await().atMost(Duration.ofSeconds(60)).until(
                        () -> child.committed.size() >= committedAtStall + 200 || !child.process.isAlive());
                assertThat(child.process.isAlive()).isTrue();
            } finally {
                child.kill();
            }
            stalled = child.stalled;
            assertThat(stalled).isNotEmpty().hasSizeLessThanOrEqualTo(BATCH);

            try (CentralDatabase db = open(server)) {
                assertThat(count(db, "SELECT count(*) FROM applied_entry"))
                        .as("the %d batches the child reported were applied before the kill", stallAfter)
                        .isEqualTo(child.centralEntries.get());
                assertThat(appliedIds(db)).containsAll(stalled);
            }
            try (LocalStore store = LocalStore.open(local)) {
                List<OutboxEntry> pending = store.pending(Integer.MAX_VALUE);
                assertThat(pending).as("more entries were pending at the kill").hasSizeGreaterThan(stalled.size() + 100);
                assertThat(pending.subList(0, stalled.size())).extracting(OutboxEntry::id)
                        .as("the batch the centre took is still the head of the outbox")
                        .containsExactlyElementsOf(stalled);
            }

            Restarted r = restartAndDrain(local, server);
            assertThat(r.alreadyApplied).as("exactly the batch whose acknowledgement was lost is a replay")
                    .containsExactlyInAnyOrderElementsOf(stalled);
            assertExactlyOnceInOrder(local, server, child.committed, List.of(List.copyOf(child.committed)));
        }
    }

    // ---- restart and assertions ---------------------------------------------------------------------------------

    private record Restarted(List<UUID> alreadyApplied) {
    }

    private static Restarted restartAndDrain(Path local, PostgresServer server) {
        List<UUID> already = new CopyOnWriteArrayList<>();
        try (LocalStore store = LocalStore.open(local); CentralDatabase db = open(server)) {
            PostgresCentralSink real = new PostgresCentralSink(db, "console-kill-it");
            CentralSink counting = batch -> {
                List<SyncOutcome> outcomes = real.apply(batch);
                outcomes.stream().filter(o -> o.result() == SyncOutcome.Result.ALREADY_APPLIED)
                        .forEach(o -> already.add(o.entryId()));
                return outcomes;
            };
            try (SyncEngine engine = new SyncEngine(store, counting, new SyncEngine.Settings(BATCH * 10,
                    Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofMillis(100)), Clock.systemUTC(),
                    new SplittableRandom(3))) {
                engine.start();
                await().atMost(Duration.ofSeconds(120)).until(() -> store.pendingCount() == 0);
                await().atMost(Duration.ofSeconds(10)).until(
                        () -> engine.status().state() == SyncStatus.State.CONNECTED);
                assertThat(engine.conflicts()).as("versions arrived in order: no conflicts").isEmpty();
            }
            assertThat(store.pendingCount()).isZero();
        }
        return new Restarted(List.copyOf(already));
    }

    /**
     * The centre holds exactly what the child committed: every printed entry; an unprinted commit only where the
     * protocol allows one (after the last line a child printed before it was killed, before the next child's first:
     * the child commits, then prints, so only the commits at the end of a killed run can lack their line; how many
     * depends on how much of the child's output reached the pipe before SIGKILL, not on the product),
     * no duplicates, the latest version of every record, and entries applied in commit (seq, hence UUIDv7) order.
     */
    private static void assertExactlyOnceInOrder(Path local, PostgresServer server, List<Child.Line> printed,
            List<List<Child.Line>> rounds) throws SQLException {
        Map<UUID, Long> localVersions = new HashMap<>();
        try (LocalStore store = LocalStore.open(local)) {
            store.inTransaction(tx -> {
                try (Statement st = tx.unwrap(Connection.class).createStatement();
                        ResultSet rs = st.executeQuery("SELECT id, version FROM " + ConsoleKillChildMain.TABLE)) {
                    while (rs.next()) {
                        localVersions.put(UUID.fromString(rs.getString(1)), rs.getLong(2));
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                return null;
            });
        }
        Set<String> expectedApplied = new HashSet<>();
        localVersions.forEach((id, v) -> {
            for (long i = 1; i <= v; i++) {
                expectedApplied.add(id + "/" + i);
            }
        });

        try (CentralDatabase db = open(server); Connection c = db.connection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT outbox_id),"
                    + " count(DISTINCT (record_id, version)) FROM applied_entry")) {
                rs.next();
                assertThat(rs.getLong(1)).as("applied entries = local commits").isEqualTo(expectedApplied.size());
                assertThat(rs.getLong(2)).as("no entry twice").isEqualTo(rs.getLong(1));
                assertThat(rs.getLong(3)).as("no record version twice").isEqualTo(rs.getLong(1));
            }

            Set<String> applied = new HashSet<>();
            List<UUID> appliedInOrder = new ArrayList<>();
            Map<UUID, Long> lastVersionSeen = new HashMap<>();
            Timestamp previous = null;
            try (ResultSet rs = s.executeQuery("SELECT outbox_id, record_id, version, applied_at FROM applied_entry"
                    + " ORDER BY outbox_id")) { // UUIDv7 order = the child's commit (seq) order
                while (rs.next()) {
                    UUID entry = rs.getObject(1, UUID.class);
                    UUID record = rs.getObject(2, UUID.class);
                    long version = rs.getLong(3);
                    Timestamp at = rs.getTimestamp(4);
                    applied.add(record + "/" + version);
                    appliedInOrder.add(entry);
                    if (previous != null) {
                        assertThat(at).as("entry %s applied no earlier than the one committed before it", entry)
                                .isAfterOrEqualTo(previous);
                    }
                    previous = at;
                    Long last = lastVersionSeen.put(record, version);
                    assertThat(version).as("versions of %s follow commit order", record)
                            .isEqualTo(last == null ? 1 : last + 1);
                }
            }
            assertThat(applied).as("applied entries = every local commit").isEqualTo(expectedApplied);

            List<UUID> printedIds = printed.stream().map(Child.Line::entry).toList();
            assertThat(appliedInOrder).as("every entry printed as committed arrived").containsAll(printedIds);
            assertThat(appliedInOrder).as("printed entries keep their commit order")
                    .filteredOn(new HashSet<>(printedIds)::contains).containsExactlyElementsOf(printedIds);
            java.util.Set<UUID> printedSet = new HashSet<>(printedIds);
            for (UUID unprinted : appliedInOrder.stream().filter(id -> !printedSet.contains(id)).toList()) {
                boolean atTheEndOfARun = false;
                for (int i = 0; i < rounds.size(); i++) {
                    List<Child.Line> round = rounds.get(i);
                    UUID lastOfRun = round.isEmpty() ? null : round.get(round.size() - 1).entry();
                    UUID firstOfNext = i + 1 < rounds.size() && !rounds.get(i + 1).isEmpty()
                            ? rounds.get(i + 1).get(0).entry() : null;
                    atTheEndOfARun |= (lastOfRun == null || UuidV7.compareUnsigned(unprinted, lastOfRun) > 0)
                            && (firstOfNext == null || UuidV7.compareUnsigned(unprinted, firstOfNext) < 0);
                }
                assertThat(atTheEndOfARun).as("unprinted commit %s lies after the last line of a killed run", unprinted)
                        .isTrue();
            }

            Map<UUID, Long> central = new HashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT r.record_id, r.version, a.version FROM synced_record r"
                    + " JOIN applied_entry a ON a.outbox_id = r.outbox_id")) {
                while (rs.next()) {
                    central.put(rs.getObject(1, UUID.class), rs.getLong(2));
                    assertThat(rs.getLong(3)).as("synced_record names the entry of its version")
                            .isEqualTo(rs.getLong(2));
                }
            }
            assertThat(central).as("synced_record = the local feature table").isEqualTo(localVersions);
            assertThat(count(db, "SELECT count(*) FROM synced_record")).isEqualTo(localVersions.size());
        }
    }

    private static CentralDatabase open(PostgresServer server) {
        return CentralDatabase.open(new CentralDatabase.Settings(server.jdbcUrl(), server.user(), server.password(), 2,
                Duration.ofSeconds(2)));
    }

    private static long count(CentralDatabase db, String sql) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Set<UUID> appliedIds(CentralDatabase db) throws SQLException {
        Set<UUID> ids = new HashSet<>();
        try (Connection c = db.connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT outbox_id FROM applied_entry")) {
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
        }
        return ids;
    }

    /** A child console JVM on the test classpath, and what it printed. */
    private static final class Child {
        record Line(UUID entry, UUID record, long version) {
        }

        final Process process;
        final List<Line> committed = Collections.synchronizedList(new ArrayList<>());
        final List<String> statuses = new CopyOnWriteArrayList<>();
        volatile List<UUID> stalled;
        final AtomicInteger centralEntries = new AtomicInteger();
        private final Thread reader;
        private final AtomicInteger lines = new AtomicInteger();

        private Child(Process process) {
            this.process = process;
            this.reader = new Thread(this::read, "kill-it-reader");
            reader.start();
        }

        static Child start(Path local, PostgresServer server, int stallAfter) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    ConsoleKillChildMain.class.getName(), local.toString(), server.jdbcUrl(), server.user(),
                    Integer.toString(BATCH), Integer.toString(stallAfter))
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put(ConsoleKillChildMain.PASSWORD_ENV, new String(server.password()));
            return new Child(pb.start());
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.incrementAndGet();
                    if (!line.endsWith(ConsoleKillChildMain.LINE_END)) {
                        continue; // cut short by the kill: the child died while printing it
                    }
                    line = line.substring(0, line.length() - ConsoleKillChildMain.LINE_END.length());
                    if (line.startsWith(ConsoleKillChildMain.COMMITTED)) {
                        String[] p = line.substring(ConsoleKillChildMain.COMMITTED.length()).trim().split(" ");
                        committed.add(new Line(UUID.fromString(p[0]), UUID.fromString(p[1]), Long.parseLong(p[2])));
                    } else if (line.startsWith(ConsoleKillChildMain.STALLED)) {
                        stalled = List.of(line.substring(ConsoleKillChildMain.STALLED.length()).trim().split(","))
                                .stream().map(UUID::fromString).toList();
                    } else if (line.startsWith(ConsoleKillChildMain.BATCH)) {
                        centralEntries.addAndGet(Integer.parseInt(line.substring(ConsoleKillChildMain.BATCH.length())
                                .trim()));
                    } else if (line.startsWith(ConsoleKillChildMain.STATUS)) {
                        statuses.add(line.substring(ConsoleKillChildMain.STATUS.length()));
                    }
                }
            } catch (IOException ignored) {
                // the pipe breaks when the child is killed
            }
        }

        /** A status line "OFFLINE n" with n > 0 failed attempts: the worker tried the centre and found it down. */
        static boolean offlineAfterAnAttempt(String status) {
            return status.startsWith("OFFLINE ") && !status.equals("OFFLINE 0");
        }

        /**
         * SIGKILL: no shutdown hooks, no close(); then reads the pipe to its end. Every line the child wrote before it
         * died is in the pipe, so the bookkeeping does not depend on how fast this machine is: the test waits for the
         * reader to reach the end of the pipe (it always does once the process is gone) instead of a fixed time.
         */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("child ended").isTrue();
            reader.join(TimeUnit.MINUTES.toMillis(2));
            assertThat(reader.isAlive()).as("the child's output was read to its end").isFalse();
        }
    }
}

package io.plantconsole.sync.service;

import io.plantconsole.infra.db.LocalStore;
import io.plantconsole.infra.postgres.CentralDatabase;
import io.plantconsole.infra.postgres.PostgresCentralSink;
import io.plantconsole.kernel.util.UuidV7;
import io.plantconsole.sync.model.OutboxEntry;
import io.plantconsole.sync.model.SyncOutcome;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Child console of {@link ConsoleKillDuringSyncIT}, killed with SIGKILL by the test. Opens the local store in
 * {@code args[0]}, starts a sync worker against the PostgreSQL at {@code args[1]} (user {@code args[2]}, password in
 * the environment variable {@value #PASSWORD_ENV}, batches of {@code args[3]}), and writes feature rows, each with
 * its outbox entry in one local transaction, printing {@code COMMITTED <entry id> <record id> <version>} after each
 * commit returns.
 *
 * <p>With {@code args[4] = n > 0}, the worker's sink stalls for good right after the centre committed the n-th
 * batch, before the worker deletes it locally, and prints {@code STALLED <entry ids, comma separated>}: the test
 * kills the console in the window where the centre has a batch and the outbox still holds it.
 */
public final class ConsoleKillChildMain {
    static final String PASSWORD_ENV = "PLANTCONSOLE_IT_PG_PASSWORD";
    static final String READY = "READY";
    static final String COMMITTED = "COMMITTED ";
    /** Ends every line, so the parent can tell a whole line from one the kill cut short. */
    static final String LINE_END = " .";
    static final String STALLED = "STALLED ";
    static final String STATUS = "STATUS ";
    static final String BATCH = "BATCH ";
    static final String TABLE = "kill_test_item";

    private ConsoleKillChildMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        String url = args[1];
        String user = args[2];
        int batchSize = Integer.parseInt(args[3]);
        int stallAfter = Integer.parseInt(args[4]);
        char[] password = System.getenv(PASSWORD_ENV).toCharArray();

        LocalStore store = LocalStore.open(dataDir);
        createTable(store);
        List<UUID> ids = new ArrayList<>();
        List<Long> versions = new ArrayList<>();
        store.inTransaction(tx -> {
            try (Statement st = tx.unwrap(Connection.class).createStatement();
                    ResultSet rs = st.executeQuery("SELECT id, version FROM " + TABLE + " ORDER BY rowid")) {
                while (rs.next()) {
                    ids.add(UUID.fromString(rs.getString(1)));
                    versions.add(rs.getLong(2));
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });

        CentralDatabase db = CentralDatabase.open(new CentralDatabase.Settings(url, user, password, 2,
                Duration.ofSeconds(2)));
        PostgresCentralSink real = new PostgresCentralSink(db, "console-kill-it");
        AtomicInteger batches = new AtomicInteger();
        CentralSink sink = batch -> {
            List<SyncOutcome> outcomes = real.apply(batch);
            System.out.println(BATCH + batch.size() + LINE_END);
            System.out.flush();
            if (batches.incrementAndGet() == stallAfter) {
                System.out.println(STALLED + batch.stream().map(OutboxEntry::id).map(UUID::toString)
                        .collect(Collectors.joining(",")) + LINE_END);
                System.out.flush();
                try {
                    Thread.sleep(Long.MAX_VALUE); // the centre committed; the local delete never comes
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return outcomes;
        };
        SyncEngine engine = new SyncEngine(store, sink, new SyncEngine.Settings(batchSize, Duration.ofMillis(20),
                Duration.ofMillis(200), Duration.ofMillis(50)), Clock.systemUTC(), new SplittableRandom(11));
        engine.addListener(s -> {
            System.out.println(STATUS + s.state() + " " + s.consecutiveFailures() + LINE_END);
            System.out.flush();
        });
        engine.start();
        System.out.println(READY + LINE_END);
        System.out.flush();

        SplittableRandom random = new SplittableRandom(42);
        UuidV7 recordIds = UuidV7.systemDefault();
        for (long n = 0; n < 10_000_000; n++) {
            boolean update = !ids.isEmpty() && random.nextInt(4) == 0;
            int index = update ? random.nextInt(ids.size()) : ids.size();
            UUID record = update ? ids.get(index) : recordIds.next();
            long version = update ? versions.get(index) + 1 : 1;
            String payload = "{\"n\":" + n + ",\"v\":" + version + "}";
            UUID entry = store.inTransaction(tx -> {
                if (version == 1) {
                    tx.update("INSERT INTO " + TABLE + " (id, version, payload) VALUES (?, ?, ?)", record, version,
                            payload);
                } else {
                    tx.update("UPDATE " + TABLE + " SET version = ?, payload = ? WHERE id = ?", version, payload,
                            record);
                }
                return tx.enqueue(TABLE, record, version, payload);
            });
            if (update) {
                versions.set(index, version);
            } else {
                ids.add(record);
                versions.add(version);
            }
            System.out.println(COMMITTED + entry + " " + record + " " + version + LINE_END);
            System.out.flush();
        }
    }

    static void createTable(LocalStore store) {
        store.inTransaction(tx -> tx.update("CREATE TABLE IF NOT EXISTS " + TABLE
                + " (id TEXT PRIMARY KEY, version INTEGER NOT NULL, payload TEXT NOT NULL)"));
    }

}

package io.plantconsole.audit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.plantconsole.audit.model.AnchorVerification;
import io.plantconsole.infra.postgres.CentralDatabase;
import io.plantconsole.infra.postgres.PostgresAuditChain;
import io.plantconsole.infra.postgres.PostgresCentralSink;
import io.plantconsole.kernel.audit.AuditAction;
import io.plantconsole.kernel.audit.AuditChain;
import io.plantconsole.kernel.audit.AuditEntry;
import io.plantconsole.kernel.audit.AuditEvent;
import io.plantconsole.kernel.audit.AuditTrail;
import io.plantconsole.kernel.audit.ChainVerification;
import io.plantconsole.kernel.audit.ChainVerification.Problem;
import io.plantconsole.kernel.identity.Role;
import io.plantconsole.sync.model.OutboxEntry;
import io.plantconsole.sync.model.SyncStatus;
import io.plantconsole.sync.service.CentralSyncException;
import io.plantconsole.sync.service.SyncEngine;
import io.plantconsole.testing.AuthFixture;
import io.plantconsole.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local chain against its anchor, the centre's copy (ADR 0018), with the real services, the real SQLite store, the
 * real sink and PostgreSQL: each way of making a local chain consistent with itself again after changing it (rewrite
 * and rehash one event, or a whole tail; delete the store; rewind it to a backup; a second console writing into the
 * first one's chain) is found, by the verification and by the sink.
 */
class AuditAnchorIT {
    private static final String ORIGIN = "client-a";

    @TempDir
    Path dir;
    PostgresServer server;
    CentralDatabase db;
    AuthFixture f;
    final List<AuthFixture> others = new ArrayList<>();

    @BeforeEach
    void setUp() {
        PostgresServer.assumeInstalled();
        server = PostgresServer.start(dir.resolve("pg"));
        db = CentralDatabase.open(new CentralDatabase.Settings(server.jdbcUrl(), server.user(), server.password(), 2,
                Duration.ofSeconds(5)));
        db.migrate();
        f = new AuthFixture(dir.resolve("console"));
        f.signedIn("quinn", Role.QA_MANAGER);
        for (int i = 0; i < 3; i++) {
            write(f, "before sync " + i);
        }
        sync(f, ORIGIN);
    }

    @AfterEach
    void tearDown() {
        others.forEach(AuthFixture::close);
        if (f != null) {
            f.close();
        }
        if (db != null) {
            db.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private AuditService service(AuthFixture fixture, String origin) {
        return new AuditService(fixture.store, fixture.auditStore, fixture.audit,
                Optional.of(new PostgresAuditChain(db, origin)), Map.of(), fixture.login::current);
    }

    private static void write(AuthFixture fixture, String reason) {
        fixture.store.inTransaction(tx -> fixture.audit.record(tx, new AuditEntry(null, null, AuditAction.UPDATE,
                "test_record", "r1", null, Map.of("step", reason), reason)));
    }

    /** Drains the outbox through the real sink, as the sync worker does; a refusal comes out as its exception. */
    private void sync(AuthFixture fixture, String origin) {
        PostgresCentralSink sink = new PostgresCentralSink(db, origin);
        while (true) {
            List<OutboxEntry> batch = fixture.store.pending(100);
            if (batch.isEmpty()) {
                return;
            }
            sink.apply(batch);
            fixture.store.markSynced(batch.stream().map(OutboxEntry::id).toList());
        }
    }

    /**
     * What someone with the data folder can do with a short script: change event {@code seq}'s reason and recompute
     * its hash and every hash after it (the hash rule is in the code).
     */
    private static void rewriteAndRehash(AuthFixture fixture, long seq, String reason) throws SQLException {
        List<AuditEvent> chain = fixture.auditStore.chain(fixture.audit.consoleId());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + fixture.store.file());
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE audit_event SET reason = ?, prev_hash = ?, hash = ? WHERE seq = ?")) {
            String prev = chain.get((int) seq - 2).hash();
            for (AuditEvent e : chain.subList((int) seq - 1, chain.size())) {
                AuditEvent changed = AuditChain.sealed(new AuditEvent(e.id(), e.consoleId(), e.seq(), e.occurredAt(),
                        e.userId(), e.role(), e.action(), e.resourceType(), e.resourceId(), e.oldValue(), e.newValue(),
                        e.seq() == seq ? reason : e.reason(), e.workstation(), e.ipHash(), prev, "-"));
                ps.setString(1, changed.reason());
                ps.setString(2, changed.prevHash());
                ps.setString(3, changed.hash());
                ps.setLong(4, changed.seq());
                ps.executeUpdate();
                prev = changed.hash();
            }
        }
    }

    private long events(AuthFixture fixture) {
        return fixture.auditStore.chain(fixture.audit.consoleId()).size();
    }

    private long flags(String where) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM audit_console_flag WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void theSyncedChainIsAnchoredAndTheUnsyncedTailIsCounted() {
        AuditService audit = service(f, ORIGIN);
        AnchorVerification a = audit.checkAnchor().orElseThrow();
        assertThat(a.anchored()).as(a.summary()).isTrue();
        assertThat(a.anchoredEvents()).isEqualTo(events(f));
        assertThat(a.unsyncedEvents()).isZero();
        assertThat(a.summary()).contains("Anchored: the centre's copy (" + events(f) + " events, the last received on ")
                .contains("every local event is synced");

        write(f, "not yet synced");
        write(f, "nor this");
        a = audit.checkAnchor().orElseThrow();
        assertThat(a.anchored()).isTrue();
        assertThat(a.unsyncedEvents()).isEqualTo(2);
        assertThat(a.summary()).contains("2 events after it not yet synced");
    }

    @Test
    void rewritingAndRehashingTheNewestSyncedEventIsFoundAgainstTheCentre() throws SQLException {
        long newest = events(f);
        rewriteAndRehash(f, newest, "nothing happened");
        AuditService audit = service(f, ORIGIN);
        assertThat(audit.checkLocal().intact()).as("consistent with itself again").isTrue();
        assertThat(audit.checkCentral().orElseThrow().intact()).isTrue();

        f.signedIn("quinn2", Role.QA_MANAGER);
        ChainVerification screen = audit.verifyCentral().orElseThrow();
        assertThat(screen.intact()).as(screen.summary()).isFalse();
        assertThat(screen.problem()).isEqualTo(Problem.DIVERGED);
        assertThat(screen.brokenAtSeq()).isEqualTo(newest);
        assertThat(screen.detail()).startsWith("local event " + newest + " differs from the copy the centre received"
                + " on 20").contains("reason 'nothing happened' here, 'before sync 2' at the centre");
    }

    @Test
    void rewritingAndRehashingAWholeTailIsFoundAndTheSinkRefusesWhatFollowsIt() throws SQLException {
        rewriteAndRehash(f, 4, "nothing happened");
        write(f, "after the rewrite");
        AuditService audit = service(f, ORIGIN);
        assertThat(audit.checkLocal().intact()).isTrue();

        AnchorVerification a = audit.checkAnchor().orElseThrow();
        assertThat(a.anchored()).isFalse();
        assertThat(a.verdict().problem()).isEqualTo(Problem.DIVERGED);
        assertThat(a.verdict().brokenAtSeq()).isEqualTo(4);
        assertThat(a.summary()).contains("BROKEN at event 4 (DIVERGED): local event 4 differs from the copy the"
                + " centre received on ");

        // the sync worker stops at the next event with the reason in words (what the Sync screen shows)
        try (SyncEngine engine = new SyncEngine(f.store, new PostgresCentralSink(db, ORIGIN),
                new SyncEngine.Settings(100, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(50)),
                f.clock, new SplittableRandom(1))) {
            engine.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> engine.status().state() == SyncStatus.State.ERROR);
            SyncStatus s = engine.status();
            assertThat(s.lastError()).contains("broken audit chain: console " + AuthFixture.CONSOLE + " event "
                    + events(f) + " does not link to the centre's event " + (events(f) - 1));
            assertThat(s.pendingCount()).isEqualTo(1);
        }
        assertThat(flags("kind = 'BROKEN_LINK' AND origin = '" + ORIGIN + "'")).isEqualTo(1);
    }

    @Test
    void deletingTheStoreStartsANewChainThatTheCentreRefusesUntilReRegistered() throws SQLException {
        long oldEvents = events(f);
        f.close();
        f = null;
        // the data folder is gone: a new store, a new chain id, the same client id (from the site config)
        AuthFixture fresh = new AuthFixture(dir.resolve("console-again"), "console-new");
        others.add(fresh);
        write(fresh, "first of a new life");
        write(fresh, "second");
        AuditService audit = service(fresh, ORIGIN);
        assertThat(audit.checkLocal().intact()).isTrue();

        assertThatThrownBy(() -> sync(fresh, ORIGIN)).isInstanceOf(CentralSyncException.class)
                .hasMessageContaining("new audit chain refused: this console (client id " + ORIGIN + ")");
        assertThat(new PostgresAuditChain(db).chain("console-new")).isEmpty();

        AnchorVerification a = audit.checkAnchor().orElseThrow();
        assertThat(a.verdict().problem()).as(a.summary()).isEqualTo(Problem.RESTARTED);
        assertThat(a.summary()).contains("this console's audit chain restarted: the centre holds chain "
                + AuthFixture.CONSOLE + " for its client id " + ORIGIN + " (" + oldEvents + " events")
                .contains("the local store was deleted or replaced");

        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute("SELECT audit_console_reregister('" + ORIGIN + "', 'workstation disk replaced')");
        }
        sync(fresh, ORIGIN);
        a = audit.checkAnchor().orElseThrow();
        assertThat(a.anchored()).as(a.summary()).isTrue();
        assertThat(a.notes()).singleElement().asString().contains("client id " + ORIGIN + " held chain "
                + AuthFixture.CONSOLE).contains("workstation disk replaced");
    }

    @Test
    void rewindingTheStoreToABackupIsFoundAndItsNextEventIsRefusedAsAFork() throws Exception {
        Path backup = dir.resolve("backup.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f.store.file());
                Statement s = c.createStatement()) {
            s.execute("VACUUM INTO '" + backup + "'");
        }
        long atBackup = events(f);
        write(f, "after the backup 1");
        write(f, "after the backup 2");
        sync(f, ORIGIN);
        long synced = events(f);

        Path file = f.store.file();
        f.close();
        Files.deleteIfExists(Path.of(file + "-wal"));
        Files.deleteIfExists(Path.of(file + "-shm"));
        Files.copy(backup, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        f = new AuthFixture(file.getParent());
        AuditService audit = service(f, ORIGIN);
        assertThat(audit.checkLocal().intact()).isTrue();
        assertThat(events(f)).isEqualTo(atBackup);

        AnchorVerification a = audit.checkAnchor().orElseThrow();
        assertThat(a.verdict().problem()).as(a.summary()).isEqualTo(Problem.TRUNCATED);
        assertThat(a.verdict().brokenAtSeq()).isEqualTo(atBackup + 1);
        assertThat(a.summary()).contains("the centre received events " + (atBackup + 1) + " to " + synced)
                .contains("the local chain was rewound");

        write(f, "written after the rewind");
        assertThatThrownBy(() -> sync(f, ORIGIN)).isInstanceOf(CentralSyncException.class)
                .hasMessageContaining("forked audit chain: console " + AuthFixture.CONSOLE + " seq " + (atBackup + 1))
                .hasMessageContaining("the console's chain was rewound");
    }

    @Test
    void aSecondConsoleForgingTheFirstConsolesNextEventIsRefusedAndTheFirstConsoleIsTold() throws SQLException {
        List<AuditEvent> central = new PostgresAuditChain(db).chain(AuthFixture.CONSOLE);
        AuditEvent head = central.get(central.size() - 1);
        AuthFixture forger = new AuthFixture(dir.resolve("forger"), "console-b");
        others.add(forger);
        // console B reads A's head at the centre and writes A's next event, correctly linked and hashed
        AuditEvent forged = AuditChain.sealed(new AuditEvent(forger.ids.next(), AuthFixture.CONSOLE, head.seq() + 1,
                forger.clock.instant(), null, null, "UPDATE", "test_record", "r1", null, Map.of("step", "forged"),
                "forged", head.workstation(), head.ipHash(), head.hash(), "-"));
        forger.store.inTransaction(tx -> tx.enqueue(AuditTrail.RECORD_TYPE, forged.id(), 1, forged.toPayloadJson()));

        assertThatThrownBy(() -> sync(forger, "client-b")).isInstanceOf(CentralSyncException.class)
                .hasMessageContaining("foreign audit chain: chain " + AuthFixture.CONSOLE + " belongs to the console"
                        + " with client id " + ORIGIN);
        assertThat(new PostgresAuditChain(db).chain(AuthFixture.CONSOLE)).hasSameSizeAs(central);

        // A is told, and goes on
        AnchorVerification a = service(f, ORIGIN).checkAnchor().orElseThrow();
        assertThat(a.anchored()).as(a.summary()).isTrue();
        assertThat(a.notes()).singleElement().asString().contains("another console (client id client-b) tried to"
                + " write event " + (head.seq() + 1) + " of this chain");
        write(f, "A's own next event");
        sync(f, ORIGIN);
        assertThat(service(f, ORIGIN).checkAnchor().orElseThrow().anchored()).isTrue();
        assertThat(flags("kind = 'FOREIGN'")).isEqualTo(1);
    }

    @Test
    void aChainTheCentreRefusedIsNotAnchoredEvenWhileItsPrefixAgrees() {
        // a second store of the same chain id writes another event at the centre's next position (a copied store)
        AuthFixture copy = new AuthFixture(dir.resolve("copy"), AuthFixture.CONSOLE);
        others.add(copy);
        write(f, "A's next");
        sync(f, ORIGIN);
        write(copy, "the copy's first");
        assertThatThrownBy(() -> sync(copy, ORIGIN)).isInstanceOf(CentralSyncException.class)
                .hasMessageContaining("forked audit chain");

        write(f, "A's own, unsynced");
        AnchorVerification a = service(f, ORIGIN).checkAnchor().orElseThrow();
        assertThat(a.verdict().problem()).as(a.summary()).isEqualTo(Problem.REFUSED);
        assertThat(a.summary()).contains("the centre refused event 1 of this console (FORK");
    }
}

package io.plantconsole.audit.service;

import io.plantconsole.kernel.audit.AuditChain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantconsole.kernel.audit.AuditEvent;
import io.plantconsole.kernel.audit.ChainVerification;
import io.plantconsole.kernel.audit.ChainVerification.Problem;
import io.plantconsole.kernel.identity.Role;
import io.plantconsole.infra.postgres.CentralDatabase;
import io.plantconsole.infra.postgres.PostgresAuditChain;
import io.plantconsole.infra.postgres.PostgresCentralSink;
import io.plantconsole.sync.service.SyncEngine;
import io.plantconsole.testing.AuthFixture;
import io.plantconsole.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The audit chain is written by the real services into the local SQLite store, synced through the real sink into
 * PostgreSQL, then tampered with directly in SQL, locally and centrally, each way; the verifier names the first broken
 * link and the kind of tampering.
 */
class AuditTamperIT {
    @TempDir
    Path dir;
    PostgresServer server;
    CentralDatabase db;
    AuthFixture f;
    AuditService audit;

    enum Tampering { ALTER, DELETE, INSERT, REORDER }

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
            f.login.lock("test " + i);
            f.login.unlock(AuthFixture.PASSWORD.toCharArray());
        }
        audit = new AuditService(f.store, f.auditStore, f.audit, Optional.of(new PostgresAuditChain(db)), java.util.Map.of(),
                f.login::current);
        try (SyncEngine engine = new SyncEngine(f.store, new PostgresCentralSink(db, "console-test"),
                SyncEngine.Settings.defaults(), f.clock, new SplittableRandom(1))) {
            engine.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> f.store.pendingCount() == 0);
        }
    }

    @AfterEach
    void tearDown() {
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

    @Test
    void theSyncedChainIsIntactAtBothEndsAndEndsInTheSameEvent() {
        List<AuditEvent> local = f.auditStore.chain(AuthFixture.CONSOLE);
        List<AuditEvent> central = new PostgresAuditChain(db).chain(AuthFixture.CONSOLE);
        assertThat(local).hasSizeGreaterThan(8);
        assertThat(central).isEqualTo(local);
        ChainVerification l = audit.checkLocal();
        ChainVerification c = audit.checkCentral().orElseThrow();
        assertThat(l.intact()).isTrue();
        assertThat(c.intact()).isTrue();
        assertThat(c.headHash()).isEqualTo(l.headHash());
    }

    @ParameterizedTest
    @EnumSource(Tampering.class)
    void tamperingInTheLocalStoreIsFound(Tampering t) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f.store.file());
                Statement s = c.createStatement()) {
            tamper(t, c, s::execute, false);
        }
        ChainVerification v = audit.checkLocal();
        assertFound(t, v);
        assertThat(audit.checkCentral().orElseThrow().intact()).as("the central copy is untouched").isTrue();
    }

    @ParameterizedTest
    @EnumSource(Tampering.class)
    void tamperingInThePostgresCopyIsFound(Tampering t) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(),
                new String(server.password())); Statement s = c.createStatement()) {
            // the append-only trigger must be switched off first: only the table's owner or a superuser can
            s.execute("ALTER TABLE audit_event DISABLE TRIGGER USER");
            tamper(t, c, s::execute, true);
            s.execute("ALTER TABLE audit_event ENABLE TRIGGER USER");
        }
        ChainVerification v = audit.checkCentral().orElseThrow();
        assertFound(t, v);
        assertThat(audit.checkLocal().intact()).as("the local chain is untouched").isTrue();
    }

    private interface Sql {
        void run(String sql) throws SQLException;
    }

    /** Tampers with events 4 and 5 the way someone with SQL access would. */
    private void tamper(Tampering t, Connection c, Sql sql, boolean postgres) throws SQLException {
        switch (t) {
            case ALTER -> sql.run("UPDATE audit_event SET reason = 'nothing happened' WHERE seq = 4");
            case DELETE -> sql.run("DELETE FROM audit_event WHERE seq = 4");
            case INSERT -> {
                // a forged event at position 4, correctly hashed and linked to event 3; later events moved up by one
                AuditEvent third = f.auditStore.chain(AuthFixture.CONSOLE).get(2);
                AuditEvent forged = AuditChain.sealed(new AuditEvent(new java.util.UUID(0x7000, 1),
                        AuthFixture.CONSOLE, 4, third.occurredAt(), third.userId(), third.role(), "LOGIN",
                        "user_account", third.userId(), null, null, "forged", "ws-test", null, third.hash(), "-"));
                sql.run("UPDATE audit_event SET seq = seq + 1000 WHERE seq >= 4");
                sql.run("UPDATE audit_event SET seq = seq - 999 WHERE seq >= 1000");
                try (java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO audit_event (id, console_id, seq,"
                        + " occurred_at, user_id, role, action, resource_type, resource_id, reason, workstation,"
                        + " prev_hash, hash) VALUES (" + (postgres ? "?::uuid" : "?") + ", ?, ?, "
                        + (postgres ? "?::timestamptz" : "?") + ", ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    Object[] values = {forged.id().toString(), forged.consoleId(), forged.seq(),
                        forged.occurredAtText(), forged.userId(), forged.role(), forged.action(),
                        forged.resourceType(), forged.resourceId(), forged.reason(), forged.workstation(),
                        forged.prevHash(), forged.hash()};
                    for (int i = 0; i < values.length; i++) {
                        ps.setObject(i + 1, values[i]);
                    }
                    ps.executeUpdate();
                }
            }
            case REORDER -> {
                sql.run("UPDATE audit_event SET seq = -1 WHERE seq = 4");
                sql.run("UPDATE audit_event SET seq = 4 WHERE seq = 5");
                sql.run("UPDATE audit_event SET seq = 5 WHERE seq = -1");
            }
        }
    }

    private static void assertFound(Tampering t, ChainVerification v) {
        assertThat(v.intact()).as(v.summary()).isFalse();
        // a well-forged insertion is itself consistent: the break shows at the event after it, which names it
        long at = t == Tampering.INSERT ? 5 : 4;
        assertThat(v.brokenAtSeq()).as(v.summary()).isEqualTo(at);
        Problem expected = switch (t) {
            case ALTER -> Problem.ALTERED;
            case DELETE -> Problem.MISSING;
            case INSERT -> Problem.INSERTED;
            case REORDER -> Problem.REORDERED;
        };
        assertThat(v.problem()).as(v.summary()).isEqualTo(expected);
        assertThat(v.summary()).contains("BROKEN at event " + at);
        if (t == Tampering.INSERT) {
            assertThat(v.detail()).contains("event 4 was put in");
        }
    }
}

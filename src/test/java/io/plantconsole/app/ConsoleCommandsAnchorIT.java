package io.plantconsole.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantconsole.infra.db.ConsoleIdentity;
import io.plantconsole.infra.db.LocalStore;
import io.plantconsole.infra.db.SqliteAuditStore;
import io.plantconsole.infra.postgres.CentralDatabase;
import io.plantconsole.infra.postgres.PostgresCentralSink;
import io.plantconsole.kernel.audit.AuditAction;
import io.plantconsole.kernel.audit.AuditChain;
import io.plantconsole.kernel.audit.AuditEntry;
import io.plantconsole.kernel.audit.AuditEvent;
import io.plantconsole.kernel.audit.AuditTrail;
import io.plantconsole.kernel.util.UuidV7;
import io.plantconsole.sync.model.OutboxEntry;
import io.plantconsole.testing.PostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --verify-audit --site-config} against a real central PostgreSQL: the local chain must agree with the centre's
 * copy (ADR 0018), so a chain rewritten and rehashed locally, or started afresh in a new data folder, is reported
 * broken even though it is consistent with itself.
 */
class ConsoleCommandsAnchorIT {
    private static final String CLIENT_ID = "console-cmd-it";

    @TempDir
    Path dir;
    PostgresServer server;
    CentralDatabase db;
    Path site;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws Exception {
        PostgresServer.assumeInstalled();
        server = PostgresServer.start(dir.resolve("pg"));
        db = CentralDatabase.open(new CentralDatabase.Settings(server.jdbcUrl(), server.user(), server.password(), 2,
                Duration.ofSeconds(5)));
        db.migrate();
        Path folder = Files.createDirectories(dir.resolve("site"));
        Files.writeString(folder.resolve("central-password.txt"), new String(server.password()) + "\n");
        site = folder.resolve("site.json");
        Files.writeString(site, "{\"broker\": {\"uri\": \"tcp://127.0.0.1:1883\", \"clientId\": \"" + CLIENT_ID
                + "\"}, \"catalogue\": \"channels.json\", \"central\": {\"url\": \"" + server.jdbcUrl()
                + "\", \"user\": \"" + server.user() + "\", \"passwordFile\": \"central-password.txt\"}}");
    }

    @AfterEach
    void tearDown() {
        if (db != null) {
            db.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private int run(Path data, String... args) {
        out.reset();
        err.reset();
        return ConsoleCommands.run(ConsoleOptions.parse(args), data, Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    /** The console's sync worker, in short: its outbox through the real sink under its client id. */
    private void sync(Path data) {
        try (LocalStore store = LocalStore.open(data)) {
            PostgresCentralSink sink = new PostgresCentralSink(db, CLIENT_ID);
            List<OutboxEntry> batch = store.pending(100);
            sink.apply(batch);
            store.markSynced(batch.stream().map(OutboxEntry::id).toList());
        }
    }

    /** One more event in the console's chain, as any command of the console writes one. */
    private static void record(Path data, String reason) {
        try (LocalStore store = LocalStore.open(data)) {
            ConsoleIdentity id = ConsoleIdentity.load(store);
            AuditTrail trail = new AuditTrail(new SqliteAuditStore(store), Clock.systemUTC(),
                    UuidV7.systemDefault(), id.consoleId(), "ws-it", null);
            store.inTransaction(tx -> trail.record(tx, new AuditEntry(null, null, AuditAction.UPDATE, "test_record",
                    null, null, Map.of("reason", reason), reason)));
        }
    }

    @Test
    void aSyncedChainVerifiesAsAnchoredWithItsUnsyncedTail() {
        Path data = dir.resolve("data");
        assertThat(run(data, "--create-admin", "alice")).isZero();
        sync(data);
        record(data, "not yet synced");

        assertThat(run(data, "--verify-audit", "--site-config", site.toString())).as(out()).isEqualTo(ConsoleCommands.OK);
        assertThat(out()).contains("in the local store is intact: 2 events")
                .contains("in the central database is intact: 1 events")
                .contains("Anchored: the centre's copy (1 event, the last received on ")
                .contains("1 event after it not yet synced");
    }

    @Test
    void aChainRewrittenAndRehashedLocallyIsBrokenAgainstTheCentre() throws Exception {
        Path data = dir.resolve("data");
        assertThat(run(data, "--create-admin", "alice", "--name", "Alice Example")).isZero();
        sync(data);
        // the short script of the issue: change event 1, recompute its hash; then the console writes on
        try (LocalStore store = LocalStore.open(data)) {
            AuditEvent e = new SqliteAuditStore(store).chain(ConsoleIdentity.load(store).consoleId()).get(0);
            AuditEvent rewritten = AuditChain.sealed(new AuditEvent(e.id(), e.consoleId(), e.seq(), e.occurredAt(),
                    e.userId(), e.role(), e.action(), e.resourceType(), e.resourceId(), e.oldValue(), e.newValue(),
                    "created by someone else", e.workstation(), e.ipHash(), e.prevHash(), "-"));
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.file());
                    PreparedStatement ps = c.prepareStatement("UPDATE audit_event SET reason = ?, hash = ?"
                            + " WHERE seq = 1")) {
                ps.setString(1, rewritten.reason());
                ps.setString(2, rewritten.hash());
                ps.executeUpdate();
            }
        }
        record(data, "after the rewrite");

        assertThat(run(data, "--verify-audit", "--site-config", site.toString())).as(out())
                .isEqualTo(ConsoleCommands.BROKEN);
        assertThat(out()).contains("in the local store is intact: 2 events")
                .contains("BROKEN at event 1 (DIVERGED): local event 1 differs from the copy the centre received on ")
                .contains("reason 'created by someone else' here, 'first Admin (command line)' at the centre");
    }

    @Test
    void aNewChainInAFreshDataFolderIsBrokenAgainstTheCentre() {
        Path data = dir.resolve("data");
        assertThat(run(data, "--create-admin", "alice")).isZero();
        sync(data);

        Path fresh = dir.resolve("data-after-the-disk-died");
        assertThat(run(fresh, "--create-admin", "alice")).isZero();
        assertThat(run(fresh, "--verify-audit", "--site-config", site.toString())).as(out())
                .isEqualTo(ConsoleCommands.BROKEN);
        assertThat(out()).contains("BROKEN at event 1 (RESTARTED): this console's audit chain restarted")
                .contains("for its client id " + CLIENT_ID);
    }
}

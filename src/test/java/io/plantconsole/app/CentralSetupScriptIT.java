package io.plantconsole.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantconsole.infra.postgres.CentralDatabase;
import io.plantconsole.infra.postgres.PostgresCentralSink;
import io.plantconsole.infra.postgres.SchemaCheckingCentralSink;
import io.plantconsole.sync.model.OutboxEntry;
import io.plantconsole.sync.model.SyncOutcome;
import io.plantconsole.testing.PostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DBA's path, by hand as the README tells it: {@code installer/central-setup.sql} through psql as the superuser
 * (owner, database, plant_console_app, one console login), {@code --migrate-central} as the owner, then a console
 * syncs as its own login, which owns nothing and cannot change the audit trail.
 */
class CentralSetupScriptIT {
    static final Path SCRIPT = Path.of("installer/central-setup.sql");
    static final String OWNER_PW = "Owner-Pw-41c9";
    static final String CONSOLE_PW = "Console-Pw-88d2";
    @TempDir
    static Path dir;
    static PostgresServer server;

    @BeforeAll
    static void startServer() {
        PostgresServer.assumeInstalled();
        server = PostgresServer.start(dir.resolve("pg"));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    static String psql(String... variables) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(PostgresServer.BIN.resolve("psql").toString(), "-X", "-h",
                "127.0.0.1", "-p", Integer.toString(server.port()), "-U", server.user(), "-d", "postgres"));
        for (String v : variables) {
            cmd.add("-v");
            cmd.add(v);
        }
        cmd.add("-f");
        cmd.add(SCRIPT.toAbsolutePath().toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", new String(server.password()));
        pb.environment().put("PGSSLMODE", "disable");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static Connection as(String user, String password) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("plantconsole"), user, password);
    }

    @Test
    void scriptThenMigrateCentralAsTheOwnerThenAConsoleSyncsAsItsOwnLogin() throws Exception {
        psql("owner=pc_owner", "owner_password=" + OWNER_PW, "database=plantconsole");
        psql("owner=pc_owner", "database=plantconsole", "console_login=pc_roaster_1",
                "console_password=" + CONSOLE_PW);
        // again: idempotent
        String again = psql("owner=pc_owner", "database=plantconsole", "console_login=pc_roaster_1");
        assertThat(again).contains("pc_roaster_1 is a member of plant_console_app only");

        // the console's login cannot migrate: it may not create anything
        try (Connection c = as("pc_roaster_1", CONSOLE_PW); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("CREATE TABLE synced_record (x int)"))
                    .hasMessageContaining("permission denied for schema public");
        }

        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("channels.json"), "{\"channels\": []}");
        Files.writeString(site.resolve("central-password.txt"), CONSOLE_PW + "\n");
        Path siteJson = site.resolve("site.json");
        Files.writeString(siteJson, "{\n"
                + "  \"broker\": {\"uri\": \"tcp://127.0.0.1:1883\", \"clientId\": \"roaster-1\", \"qos\": 1},\n"
                + "  \"catalogue\": \"channels.json\",\n"
                + "  \"central\": {\"url\": \"" + server.plainJdbcUrl("plantconsole") + "\", \"user\":"
                + " \"pc_roaster_1\", \"passwordFile\": \"central-password.txt\", \"sslMode\": \"disable\"}\n"
                + "}\n");
        Path ownerPw = dir.resolve("owner.pw");
        Files.writeString(ownerPw, OWNER_PW + "\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = ConsoleCommands.migrateCentral(ConsoleOptions.parse("--site-config", siteJson.toString(),
                "--migrate-central", "pc_owner", "--owner-password-file", ownerPw.toString()), p -> null,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(rc).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ConsoleCommands.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("migrated as pc_owner: version 10");

        try (CentralDatabase db = CentralDatabase.open(new CentralDatabase.Settings(server.jdbcUrl("plantconsole"),
                "pc_roaster_1", CONSOLE_PW.toCharArray(), 2, Duration.ofSeconds(5)))) {
            SchemaCheckingCentralSink sink = SchemaCheckingCentralSink.checking(db,
                    new PostgresCentralSink(db, "roaster-1"));
            List<SyncOutcome> outcomes = sink.apply(List.of(new OutboxEntry(1, UUID.randomUUID(), "lot",
                    UUID.randomUUID(), 1, "{\"lot\":\"L-1\"}", System.currentTimeMillis())));
            assertThat(outcomes).extracting(SyncOutcome::result).containsOnly(SyncOutcome.Result.APPLIED);
        }
        try (Connection c = as("pc_roaster_1", CONSOLE_PW); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM synced_record WHERE origin = 'roaster-1'")) {
                r.next();
                assertThat(r.getLong(1)).isEqualTo(1);
            }
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
                    + " AND tableowner <> 'pc_owner'")) {
                r.next();
                assertThat(r.getLong(1)).as("the owner owns every central table").isZero();
            }
            assertThatThrownBy(() -> s.execute("DELETE FROM audit_event"))
                    .hasMessageContaining("permission denied for table audit_event");
            assertThatThrownBy(() -> s.execute("TRUNCATE audit_event"))
                    .hasMessageContaining("permission denied for table audit_event");
        }
    }
}

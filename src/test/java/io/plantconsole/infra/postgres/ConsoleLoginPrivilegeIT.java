package io.plantconsole.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantconsole.sync.model.OutboxEntry;
import io.plantconsole.sync.model.SyncOutcome;
import io.plantconsole.sync.service.CentralSyncException;
import io.plantconsole.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Least privilege checked, not assumed: before its first batch the console checks its own login and refuses, as an
 * ERROR in words, a superuser, a table owner, and a login that may UPDATE, DELETE or TRUNCATE the audit trail.
 */
class ConsoleLoginPrivilegeIT {
    static final String PW = "Login-Pw-2d7c";
    @TempDir
    static Path dir;
    static PostgresServer server;

    @BeforeAll
    static void startServer() throws Exception {
        PostgresServer.assumeInstalled();
        server = PostgresServer.start(dir.resolve("pg"));
        try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE centre");
        }
        try (CentralDatabase owner = CentralDatabase.open(new CentralDatabase.Settings(server.jdbcUrl("centre"),
                server.user(), server.password(), 2, Duration.ofSeconds(5)))) {
            owner.migrate();
        }
        try (Connection c = superuser("centre"); Statement s = c.createStatement()) {
            s.execute("GRANT CONNECT, TEMPORARY ON DATABASE centre TO plant_console_app");
            for (String login : List.of("pc_good", "pc_owns", "pc_update", "pc_delete", "pc_truncate")) {
                s.execute("CREATE ROLE " + login + " LOGIN PASSWORD '" + PW + "' IN ROLE plant_console_app");
            }
            s.execute("CREATE ROLE pc_super LOGIN SUPERUSER PASSWORD '" + PW + "'");
            s.execute("GRANT CREATE ON SCHEMA public TO pc_owns");
            s.execute("SET ROLE pc_owns");
            s.execute("CREATE TABLE console_notes (id int)");
            s.execute("RESET ROLE");
            s.execute("GRANT UPDATE (reason) ON audit_event TO pc_update");
            s.execute("GRANT DELETE ON audit_event TO pc_delete");
            s.execute("GRANT TRUNCATE ON audit_event TO pc_truncate");
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    static Connection superuser(String database) throws Exception {
        return DriverManager.getConnection(server.jdbcUrl(database), server.user(), new String(server.password()));
    }

    private static CentralDatabase as(String login) {
        return CentralDatabase.open(new CentralDatabase.Settings(server.jdbcUrl("centre"), login, PW.toCharArray(), 2,
                Duration.ofSeconds(5)));
    }

    private static OutboxEntry entry() {
        return new OutboxEntry(1, UUID.randomUUID(), "lot", UUID.randomUUID(), 1, "{}", System.currentTimeMillis());
    }

    private static long rowsFrom(String origin) throws Exception {
        try (Connection c = superuser("centre"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM synced_record WHERE origin = '" + origin + "'")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static void refused(String login, String... words) throws Exception {
        try (CentralDatabase db = as(login)) {
            SchemaCheckingCentralSink sink = SchemaCheckingCentralSink.checking(db, new PostgresCentralSink(db, login));
            assertThatThrownBy(() -> sink.apply(List.of(entry())))
                    .isInstanceOfSatisfying(CentralSyncException.class, e -> {
                        assertThat(e.kind()).isEqualTo(CentralSyncException.Kind.ERROR);
                        assertThat(e.getMessage()).contains("the console's central login " + login)
                                .contains("The console will not sync as it").contains(words);
                    });
        }
        assertThat(rowsFrom(login)).as("nothing was synced as " + login).isZero();
    }

    @Test
    void aSuperuserIsRefused() throws Exception {
        refused("pc_super", "it is a superuser");
    }

    @Test
    void theOwnerOfACentralTableIsRefused() throws Exception {
        refused("pc_owns", "it owns console_notes");
    }

    @Test
    void aLoginThatMayUpdateDeleteOrTruncateTheAuditTrailIsRefused() throws Exception {
        refused("pc_update", "it holds UPDATE on audit_event");
        refused("pc_delete", "it holds DELETE on audit_event");
        refused("pc_truncate", "it holds TRUNCATE on audit_event");
    }

    @Test
    void aLoginGrantedPlantConsoleAppOnlySyncs() throws Exception {
        try (CentralDatabase db = as("pc_good")) {
            db.verifyLeastPrivilege();
            SchemaCheckingCentralSink sink = SchemaCheckingCentralSink.checking(db,
                    new PostgresCentralSink(db, "pc_good"));
            assertThat(sink.apply(List.of(entry()))).extracting(SyncOutcome::result)
                    .containsOnly(SyncOutcome.Result.APPLIED);
        }
        assertThat(rowsFrom("pc_good")).isEqualTo(1);
    }
}

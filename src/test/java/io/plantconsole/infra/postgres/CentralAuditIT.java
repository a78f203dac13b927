package io.plantconsole.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantconsole.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The central audit table is append-only: for the superuser by its trigger, for the application role by privileges. */
class CentralAuditIT {
    private static final String APP_LOGIN = "console_login";
    private static final String APP_PASSWORD = "app-login-pw-" + UUID.randomUUID();

    @TempDir
    static Path dir;
    static PostgresServer server;

    @BeforeAll
    static void startAndMigrate() throws SQLException {
        PostgresServer.assumeInstalled();
        server = PostgresServer.start(dir.resolve("pg"));
        try (CentralDatabase db = CentralDatabase.open(new CentralDatabase.Settings(server.jdbcUrl(), server.user(),
                server.password(), 2, Duration.ofSeconds(5)))) {
            assertThat(db.migrate()).isEqualTo("4");
        }
        try (Connection c = superuser(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + APP_LOGIN + " LOGIN PASSWORD '" + APP_PASSWORD + "'");
            s.execute("GRANT plant_console_app TO " + APP_LOGIN);
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static Connection superuser() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.user(), new String(server.password()));
    }

    private static Connection appLogin() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", APP_LOGIN);
        p.setProperty("password", APP_PASSWORD);
        return DriverManager.getConnection(server.jdbcUrl(), p);
    }

    private static UUID insert(Connection c, String consoleId, long seq) throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_event (id, console_id, seq, occurred_at,"
                + " user_id, role, action, resource_type, resource_id, old_value, new_value, reason, workstation,"
                + " ip_hash, prev_hash, hash) VALUES (?, ?, ?, now(), 'op1', 'operator', 'setpoint.change', 'tag',"
                + " 'FIC-101', '{\"sp\":1}'::jsonb, '{\"sp\":2}'::jsonb, 'test', 'ws-1', 'ab12', NULL, ?)")) {
            ps.setObject(1, id);
            ps.setString(2, consoleId);
            ps.setLong(3, seq);
            ps.setString(4, "hash-" + seq);
            ps.executeUpdate();
        }
        return id;
    }

    private static long count(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM audit_event WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void superuserInsertsButTheTriggerRejectsUpdateDeleteTruncate() throws SQLException {
        try (Connection c = superuser()) {
            UUID id = insert(c, "console-su", 1);
            assertThat(count(c, id)).isEqualTo(1);

            assertThatThrownBy(() -> execute(c, "UPDATE audit_event SET reason = 'edited' WHERE id = '" + id + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("audit_event is append-only: UPDATE");
            assertThatThrownBy(() -> execute(c, "DELETE FROM audit_event WHERE id = '" + id + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("audit_event is append-only: DELETE");
            assertThatThrownBy(() -> execute(c, "TRUNCATE audit_event"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("audit_event is append-only: TRUNCATE");
            assertThat(count(c, id)).isEqualTo(1);
        }
    }

    @Test
    void applicationRoleInsertsButHasNoUpdateDeleteTruncate() throws SQLException {
        try (Connection c = appLogin()) {
            UUID id = insert(c, "console-app", 1);
            assertThat(count(c, id)).isEqualTo(1);

            for (String sql : new String[] {"UPDATE audit_event SET reason = 'edited' WHERE id = '" + id + "'",
                    "DELETE FROM audit_event WHERE id = '" + id + "'", "TRUNCATE audit_event"}) {
                assertThatThrownBy(() -> execute(c, sql)).as(sql)
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"))
                        .hasMessageContaining("permission denied for table audit_event");
            }
            assertThat(count(c, id)).isEqualTo(1);

            // the sync tables stay writable for the same role
            execute(c, "UPDATE synced_record SET version = version WHERE false");
        }
    }

    @Test
    void duplicateSequenceOfOneConsoleIsRejected() throws SQLException {
        try (Connection c = superuser()) {
            insert(c, "console-dup", 7);
            assertThatThrownBy(() -> insert(c, "console-dup", 7))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
        }
    }
}

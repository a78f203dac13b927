package io.plantconsole.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo central database ({@link DemoCentralServer}) on zonky's embedded PostgreSQL, in a temporary data folder.
 *
 * <p>PostgreSQL refuses to run as root. As root (CI runs {@code mvn verify} as root) only
 * {@link #asRootTheStartFailsWithTheClearMessage} runs and the happy path is skipped by an assumption. CI still
 * exercises the happy path for real: {@code .ci/run} runs the end-to-end {@code --self-test} as the normal user
 * {@code plantci}, and the self-test fails unless the demo's sync reaches CONNECTED against this server. To run these
 * checks locally as a normal user: {@code runuser -u plantci -- mvn -o verify -Dit.test=DemoCentralServerIT ...}
 * (see the ADR 0010).
 */
class DemoCentralServerIT {

    @TempDir
    Path dataDir;

    @Test
    void asRootTheStartFailsWithTheClearMessage() {
        assumeTrue(DemoCentralServer.runningAsRoot(), "runs as root only");
        assertThatThrownBy(() -> DemoCentralServer.start(dataDir))
                .isInstanceOfSatisfying(DemoCentralServer.StartException.class,
                        e -> assertThat(e.failure()).isEqualTo(DemoCentralServer.Failure.ROOT))
                .hasMessage("The demo central database cannot run as root (PostgreSQL refuses); run the console as a"
                        + " normal user");
    }

    @Test
    void theServerIsPrivateDurableAndKeepsItsDataAcrossRestarts() throws Exception {
        assumeFalse(DemoCentralServer.runningAsRoot(), "PostgreSQL refuses to run as root: run as a normal user");
        Properties credentials;
        int firstPort;
        String marker = "kept-" + UUID.randomUUID();
        try (DemoCentralServer server = DemoCentralServer.start(dataDir)) {
            assertThat(server.created()).isTrue();
            firstPort = server.port();
            credentials = credentials(server);

            Path file = server.credentialsFile();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server.folder())))
                    .isEqualTo("rwx------");

            // The console's login works with the generated password, and not without it or with a wrong one.
            try (Connection c = console(server, credentials.getProperty("console.password"));
                    Statement s = c.createStatement()) {
                assertThat(single(s, "SHOW fsync")).isEqualTo("on");
                assertThat(single(s, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
                assertThat(single(s, "SHOW password_encryption")).isEqualTo("scram-sha-256");
                assertThat(single(s, "SELECT current_database()")).isEqualTo(DemoCentralServer.DATABASE);
                assertThat(single(s, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user"))
                        .isEqualTo("false");
            }
            assertThatThrownBy(() -> console(server, "wrong-" + UUID.randomUUID())).isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            assertThatThrownBy(() -> console(server, null)).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> login(server, DemoCentralServer.SUPERUSER, "", "postgres"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> new Socket(InetAddress.getByName(nonLoopbackAddress()), server.port()).close())
                    .as("nothing listens outside 127.0.0.1").isInstanceOf(java.io.IOException.class);

            // The schema as the console sees it in demo mode: the superuser migrates, the console only appends audit.
            try (CentralDatabase owner = CentralDatabase.open(server.ownerSettings())) {
                assertThat(owner.migrate()).isEqualTo("4");
            }
            try (Connection c = console(server, credentials.getProperty("console.password"));
                    Statement s = c.createStatement()) {
                s.execute("INSERT INTO audit_event (id, console_id, seq, occurred_at, hash) VALUES ('"
                        + UUID.randomUUID() + "', '" + marker + "', 1, now(), 'h1')");
                assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_event SET reason = 'changed'"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
                assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_event"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
                assertThatThrownBy(() -> s.execute("DROP TABLE audit_event"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("must be owner");
            }
        }

        try (DemoCentralServer again = DemoCentralServer.start(dataDir)) {
            assertThat(again.created()).isFalse();
            assertThat(credentials(again)).as("the same passwords").isEqualTo(credentials);
            try (Connection c = console(again, credentials.getProperty("console.password"));
                    Statement s = c.createStatement()) {
                assertThat(single(s, "SELECT count(*)::text FROM audit_event WHERE console_id = '" + marker + "'"))
                        .as("the row written before the restart").isEqualTo("1");
                assertThat(single(s, "SHOW fsync")).isEqualTo("on");
            }
            assertThat(again.port()).isPositive();
            assertThat(firstPort).isPositive();
        }
    }

    private static Properties credentials(DemoCentralServer server) throws Exception {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(server.credentialsFile())) {
            p.load(in);
        }
        return p;
    }

    private static Connection console(DemoCentralServer server, String password) throws SQLException {
        return login(server, DemoCentralServer.CONSOLE_ROLE, password, DemoCentralServer.DATABASE);
    }

    private static Connection login(DemoCentralServer server, String user, String password, String database)
            throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("connectTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/" + database, p);
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    /** An address of this machine that is not loopback, or a loopback alias (127.0.0.2) when it has none. */
    private static String nonLoopbackAddress() throws Exception {
        for (var nif : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            for (var a : java.util.Collections.list(nif.getInetAddresses())) {
                if (!a.isLoopbackAddress() && a instanceof java.net.Inet4Address) {
                    return a.getHostAddress();
                }
            }
        }
        return "127.0.0.2";
    }
}

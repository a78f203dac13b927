package io.plantconsole.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.plantconsole.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS with sslmode=verify-full against a server whose self-signed certificate names wrong.example. */
class CentralTlsIT {
    @TempDir
    static Path dir;
    static PostgresServer server;
    static Path wrongNameCert;
    static Path otherCert;

    @BeforeAll
    static void startServer() throws Exception {
        PostgresServer.assumeInstalled();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        wrongNameCert = selfSigned("wrong", "wrong.example");
        otherCert = selfSigned("other", "127.0.0.1");
        server = PostgresServer.startWithTls(dir.resolve("pg"), wrongNameCert, dir.resolve("wrong.key"));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static Path selfSigned(String name, String cn) throws Exception {
        Path crt = dir.resolve(name + ".crt");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=" + cn, "-keyout", dir.resolve(name + ".key").toString(), "-out", crt.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return crt;
    }

    private static CentralDatabase open(String sslMode, Path rootCert) {
        return CentralDatabase.open(new CentralDatabase.Settings(server.plainJdbcUrl("postgres"), server.user(),
                server.password(), 1, Duration.ofSeconds(3), sslMode, rootCert));
    }

    @Test
    void verifyFullRefusesACertificateForAnotherName() {
        try (CentralDatabase db = open("verify-full", wrongNameCert)) {
            assertThatThrownBy(db::check).isInstanceOfSatisfying(CentralDatabaseException.class, e -> {
                assertThat(e.category()).isEqualTo(CentralErrors.Category.TLS);
                assertThat(e.getMessage()).startsWith("TLS: the server certificate does not match the host name")
                        .contains("127.0.0.1:" + server.port()).doesNotContain(new String(server.password()));
            });
        }
    }

    @Test
    void aCertificateNotSignedByTheRootIsNotTrusted() {
        try (CentralDatabase db = open("verify-full", otherCert)) {
            assertThatThrownBy(db::check).isInstanceOfSatisfying(CentralDatabaseException.class, e -> {
                assertThat(e.category()).isEqualTo(CentralErrors.Category.TLS);
                assertThat(e.getMessage()).startsWith("TLS: the server certificate is not trusted");
            });
        }
    }

    @Test
    void verifyCaAcceptsTheSameCertificate() throws Exception {
        try (CentralDatabase db = open("verify-ca", wrongNameCert)) {
            db.check();
            // the session really is encrypted, and with the certificate the CA signed
            try (java.sql.Connection c = db.connection(); java.sql.Statement st = c.createStatement();
                    java.sql.ResultSet rs = st.executeQuery("SELECT ssl, version FROM pg_stat_ssl"
                            + " WHERE pid = pg_backend_pid()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1)).as("pg_stat_ssl.ssl").isTrue();
                assertThat(rs.getString(2)).startsWith("TLSv1.");
            }
        }
    }
}

package io.plantconsole.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantconsole.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CentralDatabaseIT {
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

    private static CentralDatabase.Settings settings(String url, char[] password) {
        return new CentralDatabase.Settings(url, server.user(), password, 2, Duration.ofSeconds(2));
    }

    @Test
    void migratesTheCentralSchema() throws Exception {
        try (CentralDatabase db = CentralDatabase.open(settings(server.jdbcUrl(), server.password()))) {
            assertThat(db.migrate()).isEqualTo("4");
            assertThat(db.migrate()).isEqualTo("4"); // idempotent
            try (Connection c = db.connection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM synced_record")) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
        }
    }

    @Test
    void wrongPasswordSaysBadCredentials() {
        try (CentralDatabase db = CentralDatabase.open(settings(server.jdbcUrl(), "not-the-password".toCharArray()))) {
            assertThatThrownBy(db::migrate)
                    .isInstanceOfSatisfying(CentralDatabaseException.class, e -> {
                        assertThat(e.category()).isEqualTo(CentralErrors.Category.BAD_CREDENTIALS);
                        assertThat(e.getMessage()).startsWith("bad credentials").contains("127.0.0.1:" + server.port())
                                .doesNotContain("not-the-password");
                    });
        }
    }

    @Test
    void closedPortSaysUnreachable() {
        String url = "jdbc:postgresql://127.0.0.1:" + PostgresServer.freePort() + "/postgres";
        try (CentralDatabase db = CentralDatabase.open(settings(url, server.password()))) {
            assertThatThrownBy(db::check)
                    .isInstanceOfSatisfying(CentralDatabaseException.class, e -> {
                        assertThat(e.category()).isEqualTo(CentralErrors.Category.UNREACHABLE);
                        assertThat(e.getMessage()).contains("unreachable");
                    });
        }
    }

    @Test
    void missingDatabaseIsNamed() {
        try (CentralDatabase db = CentralDatabase.open(settings(server.jdbcUrl("nope"), server.password()))) {
            assertThatThrownBy(db::check)
                    .isInstanceOfSatisfying(CentralDatabaseException.class, e -> {
                        assertThat(e.category()).isEqualTo(CentralErrors.Category.DATABASE_MISSING);
                        assertThat(e.getMessage()).contains("does not exist");
                    });
        }
    }

    @Test
    void settingsNeverShowThePassword() {
        CentralDatabase.Settings s = settings(server.jdbcUrl() + "&password=secret2", "secret1".toCharArray());
        assertThat(s.toString()).doesNotContain("secret1").doesNotContain("secret2").contains("***");
    }
}

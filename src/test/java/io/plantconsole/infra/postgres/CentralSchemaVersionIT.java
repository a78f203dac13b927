package io.plantconsole.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantconsole.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A console refuses a central schema newer than it knows, and (when it may not migrate) an older one. */
class CentralSchemaVersionIT {
    @TempDir
    static Path dir;
    static PostgresServer server;

    @BeforeAll
    static void startServer() throws Exception {
        PostgresServer.assumeInstalled();
        server = PostgresServer.start(dir.resolve("pg"));
        try (Connection c = java.sql.DriverManager.getConnection(server.jdbcUrl(), server.user(),
                new String(server.password())); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE future");
            s.execute("CREATE DATABASE fresh");
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static CentralDatabase open(String database) {
        return CentralDatabase.open(new CentralDatabase.Settings(server.jdbcUrl(database), server.user(),
                server.password(), 2, Duration.ofSeconds(5)));
    }

    @Test
    void aSchemaFromANewerConsoleIsRefused() throws Exception {
        try (CentralDatabase db = open("future")) {
            assertThat(db.migrate()).isEqualTo("10");
            try (Connection c = db.connection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                        + " checksum, installed_by, execution_time, success) VALUES ((SELECT max(installed_rank) + 1"
                        + " FROM flyway_schema_history), '99', 'from the future', 'SQL', 'V99__from_the_future.sql',"
                        + " 0, current_user, 1, true)");
            }
            for (org.assertj.core.api.ThrowableAssert.ThrowingCallable open : java.util.List.<
                    org.assertj.core.api.ThrowableAssert.ThrowingCallable>of(db::migrate,
                            () -> db.verifySchema(false), () -> db.verifySchema(true))) {
                assertThatThrownBy(open).isInstanceOfSatisfying(CentralDatabaseException.class, e -> {
                    assertThat(e.category()).isEqualTo(CentralErrors.Category.SCHEMA_TOO_NEW);
                    assertThat(e.getMessage()).isEqualTo(
                            "central schema version 99 is newer than this console (10): update the console");
                });
            }
        }
    }

    @Test
    void anOlderSchemaIsRefusedOnlyWhenMigrationIsNotAllowed() {
        try (CentralDatabase db = open("fresh")) {
            assertThatThrownBy(() -> db.verifySchema(false))
                    .isInstanceOfSatisfying(CentralDatabaseException.class, e -> {
                        assertThat(e.category()).isEqualTo(CentralErrors.Category.SCHEMA_TOO_OLD);
                        assertThat(e.getMessage()).isEqualTo("the central database has no schema yet, this"
                                + " console needs version 10: ask the DBA to run --migrate-central");
                        assertThat(e.getMessage()).contains("ask the DBA to run --migrate-central");
                    });
            assertThat(db.verifySchema(true)).isNull();
            assertThat(db.migrate()).isEqualTo("10");
            assertThat(db.verifySchema(false)).isEqualTo("10");
        }
    }
}

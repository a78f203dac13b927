package io.plantconsole.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantconsole.sync.model.OutboxEntry;
import io.plantconsole.sync.model.SyncOutcome;
import io.plantconsole.sync.service.CentralSyncException;
import io.plantconsole.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink's first contact: a site console only checks (an older centre is an ERROR naming --migrate-central), the
 * demo centre's owner migrates; a centre from a newer console stops the sync.
 */
class SchemaCheckingCentralSinkIT {
    @TempDir
    static Path dir;
    static PostgresServer server;

    @BeforeAll
    static void startServer() throws Exception {
        PostgresServer.assumeInstalled();
        server = PostgresServer.start(dir.resolve("pg"));
        try (Connection c = java.sql.DriverManager.getConnection(server.jdbcUrl(), server.user(),
                new String(server.password())); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE empty_centre");
            s.execute("CREATE DATABASE newer_centre");
            s.execute("CREATE DATABASE site_centre");
            // a console's login as installer/central-setup.sql makes it: plant_console_app only
            s.execute("CREATE ROLE plant_console_app NOLOGIN");
            s.execute("CREATE ROLE pc_console LOGIN PASSWORD '" + CONSOLE_PW + "' IN ROLE plant_console_app");
            s.execute("GRANT CONNECT, TEMPORARY ON DATABASE site_centre, empty_centre, newer_centre"
                    + " TO plant_console_app");
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    static final String CONSOLE_PW = "Console-Pw-5e1b";

    private static CentralDatabase console(String database) {
        return CentralDatabase.open(new CentralDatabase.Settings(server.jdbcUrl(database), "pc_console",
                CONSOLE_PW.toCharArray(), 2, Duration.ofSeconds(5)));
    }

    private static CentralDatabase open(String database) {
        return CentralDatabase.open(new CentralDatabase.Settings(server.jdbcUrl(database), server.user(),
                server.password(), 2, Duration.ofSeconds(5)));
    }

    private static OutboxEntry entry(long seq) {
        return new OutboxEntry(seq, UUID.randomUUID(), "lot", UUID.randomUUID(), 1, "{\"seq\":" + seq + "}",
                System.currentTimeMillis());
    }

    @Test
    void aSiteConsoleNeverMigratesAnOlderCentreItSaysWhoMust() throws Exception {
        try (CentralDatabase owner = open("site_centre"); CentralDatabase db = console("site_centre")) {
            SchemaCheckingCentralSink sink = SchemaCheckingCentralSink.checking(db, new PostgresCentralSink(db, "it"));
            assertThatThrownBy(() -> sink.apply(List.of(entry(1))))
                    .isInstanceOfSatisfying(CentralSyncException.class, e -> {
                        assertThat(e.kind()).isEqualTo(CentralSyncException.Kind.ERROR);
                        assertThat(e.getMessage()).isEqualTo("the central database has no schema yet, this console"
                                + " needs version 10: ask the DBA to run --migrate-central");
                    });
            try (Connection c = db.connection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT to_regclass('synced_record') IS NULL")) {
                r.next();
                assertThat(r.getBoolean(1)).as("nothing was migrated").isTrue();
            }
            // an older schema, partly migrated by someone: named by its version
            Flyway.configure().dataSource(owner.dataSource()).locations("classpath:db/central").target("2").load()
                    .migrate();
            assertThatThrownBy(() -> sink.apply(List.of(entry(1))))
                    .hasMessage("the central schema is at version 2, this console needs 10: ask the DBA to run"
                            + " --migrate-central");
            owner.migrate(); // the DBA's --migrate-central
            assertThat(sink.apply(List.of(entry(2)))).extracting(SyncOutcome::result)
                    .containsOnly(SyncOutcome.Result.APPLIED);
        }
    }

    @Test
    void theDemoCentresOwnerMigratesAnEmptyCentreOnTheFirstBatch() throws Exception {
        try (CentralDatabase owner = open("empty_centre"); CentralDatabase db = console("empty_centre")) {
            SchemaCheckingCentralSink sink = SchemaCheckingCentralSink.migrating(owner, db,
                    new PostgresCentralSink(db, "it"));
            List<SyncOutcome> outcomes = sink.apply(List.of(entry(1), entry(2)));
            assertThat(outcomes).extracting(SyncOutcome::result).containsOnly(SyncOutcome.Result.APPLIED);
            try (Connection c = db.connection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT count(*) FROM synced_record")) {
                r.next();
                assertThat(r.getLong(1)).isEqualTo(2);
            }
        }
    }

    @Test
    void aCentreFromANewerConsoleIsAnErrorNotOffline() throws Exception {
        try (CentralDatabase owner = open("newer_centre"); CentralDatabase db = console("newer_centre")) {
            owner.migrate();
            try (Connection c = owner.connection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                        + " checksum, installed_by, execution_time, success) VALUES ((SELECT max(installed_rank) + 1"
                        + " FROM flyway_schema_history), '99', 'from the future', 'SQL', 'V99__from_the_future.sql',"
                        + " 0, current_user, 1, true)");
            }
            SchemaCheckingCentralSink sink = SchemaCheckingCentralSink.checking(db, new PostgresCentralSink(db, "it"));
            assertThatThrownBy(() -> sink.apply(List.of(entry(1))))
                    .isInstanceOfSatisfying(CentralSyncException.class, e -> {
                        assertThat(e.kind()).isEqualTo(CentralSyncException.Kind.ERROR);
                        assertThat(e.getMessage()).contains("newer than this console");
                    });
        }
    }
}

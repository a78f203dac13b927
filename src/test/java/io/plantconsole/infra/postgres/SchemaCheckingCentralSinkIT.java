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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The site-mode sink: the first batch migrates an empty centre; a centre from a newer console stops the sync. */
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

    private static OutboxEntry entry(long seq) {
        return new OutboxEntry(seq, UUID.randomUUID(), "lot", UUID.randomUUID(), 1, "{\"seq\":" + seq + "}",
                System.currentTimeMillis());
    }

    @Test
    void theFirstBatchMigratesAnEmptyCentreAndArrives() throws Exception {
        try (CentralDatabase db = open("empty_centre")) {
            SchemaCheckingCentralSink sink = new SchemaCheckingCentralSink(db, new PostgresCentralSink(db, "it"));
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
        try (CentralDatabase db = open("newer_centre")) {
            db.migrate();
            try (Connection c = db.connection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                        + " checksum, installed_by, execution_time, success) VALUES ((SELECT max(installed_rank) + 1"
                        + " FROM flyway_schema_history), '99', 'from the future', 'SQL', 'V99__from_the_future.sql',"
                        + " 0, current_user, 1, true)");
            }
            SchemaCheckingCentralSink sink = new SchemaCheckingCentralSink(db, new PostgresCentralSink(db, "it"));
            assertThatThrownBy(() -> sink.apply(List.of(entry(1))))
                    .isInstanceOfSatisfying(CentralSyncException.class, e -> {
                        assertThat(e.kind()).isEqualTo(CentralSyncException.Kind.ERROR);
                        assertThat(e.getMessage()).contains("newer than this console");
                    });
        }
    }
}

package io.plantconsole.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantconsole.testing.PostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --migrate-central OWNER}: the DBA migrates as the schema owner; the password is asked or read, never shown. */
class MigrateCentralIT {
    static final String OWNER_PASSWORD = "Owner-Secret-7f3a";
    @TempDir
    static Path dir;
    static PostgresServer server;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void startServer() throws Exception {
        PostgresServer.assumeInstalled();
        server = PostgresServer.start(dir.resolve("pg"));
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(),
                new String(server.password())); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE pc_owner LOGIN CREATEROLE PASSWORD '" + OWNER_PASSWORD + "'");
            s.execute("CREATE DATABASE centre OWNER pc_owner");
            s.execute("CREATE DATABASE prompted OWNER pc_owner");
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private Path siteConfig(String database) throws Exception {
        Path site = Files.createDirectories(dir.resolve("site-" + database));
        Files.writeString(site.resolve("channels.json"), "{\"channels\": []}");
        Files.writeString(site.resolve("console-password.txt"), "unused\n");
        Path file = site.resolve("site.json");
        Files.writeString(file, "{\n"
                + "  \"broker\": {\"uri\": \"tcp://127.0.0.1:1883\", \"clientId\": \"migrate-it\", \"qos\": 1,"
                + " \"jsonTopics\": [\"plant/#\"]},\n"
                + "  \"catalogue\": \"channels.json\",\n"
                + "  \"central\": {\"url\": \"" + server.plainJdbcUrl(database) + "\", \"user\": \"pc_console\","
                + " \"passwordFile\": \"console-password.txt\", \"sslMode\": \"disable\"}\n"
                + "}\n");
        return file;
    }

    private int run(ConsoleCommands.PasswordPrompt prompt, String... args) {
        out.reset();
        err.reset();
        return ConsoleCommands.migrateCentral(ConsoleOptions.parse(args), prompt,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String owner(String database, String table) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(database), server.user(),
                new String(server.password())); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT tableowner FROM pg_tables WHERE tablename = '" + table + "'")) {
            return r.next() ? r.getString(1) : null;
        }
    }

    @Test
    void theOwnerMigratesWithAPasswordFileAndTheVersionIsPrinted() throws Exception {
        Path pw = dir.resolve("owner.pw");
        Files.writeString(pw, OWNER_PASSWORD + "\n");
        String site = siteConfig("centre").toString();
        assertThat(run(p -> null, "--site-config", site, "--migrate-central", "pc_owner", "--owner-password-file",
                pw.toString())).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ConsoleCommands.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("migrated as pc_owner: version 10 (was empty)")
                .doesNotContain(OWNER_PASSWORD);
        assertThat(owner("centre", "synced_record")).isEqualTo("pc_owner");
        assertThat(owner("centre", "audit_event")).isEqualTo("pc_owner");

        assertThat(run(p -> null, "--site-config", site, "--migrate-central", "pc_owner", "--owner-password-file",
                pw.toString())).isEqualTo(ConsoleCommands.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("version 10 (already current)");
    }

    @Test
    void withoutAFileThePasswordIsAskedAndAWrongOneIsRefusedWithoutShowingIt() throws Exception {
        String site = siteConfig("prompted").toString();
        AtomicReference<String> asked = new AtomicReference<>();
        assertThat(run(p -> {
            asked.set(p);
            return "Wrong-Guess-123".toCharArray();
        }, "--site-config", site, "--migrate-central", "pc_owner")).isEqualTo(ConsoleCommands.FAILED);
        assertThat(asked.get()).contains("pc_owner");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("password authentication failed")
                .doesNotContain("Wrong-Guess-123");
        assertThat(owner("prompted", "synced_record")).isNull();

        assertThat(run(p -> null, "--site-config", site, "--migrate-central", "pc_owner"))
                .isEqualTo(ConsoleCommands.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--owner-password-file");

        assertThat(run(p -> OWNER_PASSWORD.toCharArray(), "--site-config", site, "--migrate-central", "pc_owner"))
                .isEqualTo(ConsoleCommands.OK);
        assertThat(owner("prompted", "audit_event")).isEqualTo("pc_owner");
    }
}

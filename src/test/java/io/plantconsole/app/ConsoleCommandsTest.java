package io.plantconsole.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --create-admin} and {@code --verify-audit} against a real local store in a temporary data folder. */
class ConsoleCommandsTest {
    @TempDir
    Path data;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return ConsoleCommands.run(ConsoleOptions.parse(args), data, Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void firstAdminGetsAOneTimePasswordOnceAndOnlyOnce() {
        assertThat(run("--create-admin", "alice", "--name", "Alice Example")).isEqualTo(ConsoleCommands.OK);
        Matcher m = Pattern.compile("One-time password: ([a-z2-9]{4}(-[a-z2-9]{4}){3})").matcher(out());
        assertThat(m.find()).as(out()).isTrue();
        assertThat(out()).contains("Created Admin 'alice' (Alice Example)");

        assertThat(run("--create-admin", "bob")).isEqualTo(ConsoleCommands.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("already has an Admin");
    }

    @Test
    void badUserNameIsRefusedInWords() {
        assertThat(run("--create-admin", "a b")).isEqualTo(ConsoleCommands.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("A user name has 2 to 64 letters");
    }

    @Test
    void verifyAuditSaysIntactThenFindsATamperedEvent() throws Exception {
        run("--create-admin", "alice");
        assertThat(run("--verify-audit")).isEqualTo(ConsoleCommands.OK);
        assertThat(out()).contains("is intact: 1 events")
                .contains("The demo's central database was never started in " + data)
                .contains("nothing anchors the chain");

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("plant-console.db"));
                Statement s = c.createStatement()) {
            s.execute("UPDATE audit_event SET new_value = replace(new_value, 'ADMIN', 'OPERATOR') WHERE seq = 1");
        }
        assertThat(run("--verify-audit")).isEqualTo(ConsoleCommands.BROKEN);
        assertThat(out()).contains("BROKEN at event 1 (ALTERED)");
    }

    @Test
    void verifyAuditAtASiteWithoutACentreSaysNothingAnchorsTheChain() throws Exception {
        Path config = data.resolve("site.json");
        java.nio.file.Files.createDirectories(data);
        java.nio.file.Files.writeString(config, "{\"broker\": {\"uri\": \"tcp://127.0.0.1:1883\", \"clientId\":"
                + " \"cr-1\"}, \"catalogue\": \"channels.json\"}");
        run("--create-admin", "alice");
        assertThat(run("--verify-audit", "--site-config", config.toString())).isEqualTo(ConsoleCommands.OK);
        assertThat(out()).contains("is intact: 1 events")
                .contains("No central database in the site config: only the local chain was checked");
    }

    @Test
    void verifyAuditInTheDemoAsRootSaysWhyTheDemoCentreWasNotRead() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                io.plantconsole.infra.postgres.DemoCentralServer.runningAsRoot(), "only as root");
        run("--create-admin", "alice");
        Path pgdata = java.nio.file.Files.createDirectories(data.resolve("demo-central/pgdata"));
        java.nio.file.Files.writeString(pgdata.resolve("postgresql.conf"), "# a demo centre was made here\n");
        assertThat(run("--verify-audit")).isEqualTo(ConsoleCommands.OK);
        assertThat(out()).contains("is intact: 1 events")
                .contains("cannot run as root")
                .contains("only the local chain was checked");
    }

    @Test
    void commandsCannotBeCombinedWithTheSelfTest() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConsoleOptions.parse("--verify-audit",
                "--self-test", "x")).hasMessageContaining("cannot be combined");
    }
}

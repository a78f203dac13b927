package io.plantconsole.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.plantconsole.infra.postgres.CentralDatabase;
import io.plantconsole.sync.model.OutboxEntry;
import io.plantconsole.sync.model.SyncStatus;
import io.plantconsole.sync.service.SyncEngine;
import io.plantconsole.telemetry.model.ConnectionState;
import io.plantconsole.testing.MosquittoBroker;
import io.plantconsole.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Site mode through the composition root: a site config file naming a real mosquitto and a real PostgreSQL with TLS,
 * {@link AppContext#start}, and a record enqueued through the local store that must reach {@code synced_record}
 * (or, when the certificate or the password is wrong, stay in the outbox with the reason in words).
 */
class SiteCentralTlsIT {
    @TempDir
    static Path shared;
    static PostgresServer goodServer;
    static PostgresServer wrongNameServer;
    static MosquittoBroker broker;
    static Path goodCert;
    static Path wrongNameCert;
    static final String CONSOLE_LOGIN = "pc_site_tls";
    static final String CONSOLE_PW = "Site-Console-Pw-" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path dir;
    private String previousDataDir;
    private AppContext ctx;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeAll
    static void startServers() throws Exception {
        PostgresServer.assumeInstalled();
        MosquittoBroker.assumeInstalled();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        goodCert = selfSigned("good", "127.0.0.1", "IP:127.0.0.1,DNS:localhost");
        wrongNameCert = selfSigned("wrong", "wrong.example", "DNS:wrong.example");
        goodServer = PostgresServer.startWithTls(shared.resolve("pg-good"), goodCert, shared.resolve("good.key"));
        wrongNameServer = PostgresServer.startWithTls(shared.resolve("pg-wrong"), wrongNameCert,
                shared.resolve("wrong.key"));
        broker = MosquittoBroker.start(shared.resolve("mqtt"));
        try (CentralDatabase db = CentralDatabase.open(new CentralDatabase.Settings(goodServer.jdbcUrl(),
                goodServer.user(), goodServer.password(), 2, Duration.ofSeconds(5)))) {
            db.migrate(); // the DBA's --migrate-central: the console's login only checks the schema
            try (Connection c = db.connection(); java.sql.Statement s = c.createStatement()) {
                // the console's own login, as installer/central-setup.sql makes it: plant_console_app only
                s.execute("CREATE ROLE " + CONSOLE_LOGIN + " LOGIN PASSWORD '" + CONSOLE_PW
                        + "' IN ROLE plant_console_app");
            }
        }
    }

    @AfterAll
    static void stopServers() {
        for (AutoCloseable c : new AutoCloseable[] {broker, wrongNameServer, goodServer}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // best effort
            }
        }
    }

    @BeforeEach
    void captureLogsAndUseATempDataDir() {
        previousDataDir = System.getProperty("plantconsole.data");
        System.setProperty("plantconsole.data", dir.resolve("data").toString());
        logs.start();
        root().addAppender(logs);
    }

    @AfterEach
    void closeAndRestore() {
        try {
            if (ctx != null) {
                ctx.close();
            }
        } finally {
            root().detachAppender(logs);
            logs.stop();
            if (previousDataDir == null) {
                System.clearProperty("plantconsole.data");
            } else {
                System.setProperty("plantconsole.data", previousDataDir);
            }
        }
    }

    @Test
    void withAMatchingCertificateAndVerifyFullTheRecordReachesTheCentre() throws Exception {
        ctx = AppContext.start(ConsoleOptions.parse("--site-config", siteConfig(goodServer, goodCert,
                CONSOLE_PW).toString()), Clock.systemUTC());
        SyncEngine sync = ctx.sync().engine().orElseThrow();
        await().atMost(Duration.ofSeconds(30)).until(() -> ctx.telemetry().source().state() == ConnectionState.CONNECTED);

        UUID record = UUID.randomUUID();
        UUID entry = ctx.localStore().inTransaction(tx -> tx.enqueue("batch", record, 1, "{\"lot\":\"L-1\"}"));
        sync.syncNow();

        await().atMost(Duration.ofSeconds(60)).until(() -> sync.status().state() == SyncStatus.State.CONNECTED
                && ctx.localStore().pendingCount() == 0);
        assertThat(sync.status().lastSuccess()).isNotNull();
        try (CentralDatabase db = plain(goodServer); Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*), min(outbox_id::text), min(version),"
                        + " min(payload->>'lot') FROM synced_record WHERE record_id = ?")) {
            ps.setObject(1, record);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1);
                assertThat(rs.getString(2)).isEqualTo(entry.toString());
                assertThat(rs.getLong(3)).isEqualTo(1);
                assertThat(rs.getString(4)).isEqualTo("L-1");
            }
            try (PreparedStatement ssl = c.prepareStatement(
                    "SELECT count(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)"
                            + " WHERE s.ssl AND a.application_name = 'plant-console'")) {
                // the console's own pooled connection (idle now) is encrypted
                try (ResultSet rs = ssl.executeQuery()) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("the console's connection uses TLS").isPositive();
                }
            }
        }
    }

    @Test
    void aCertificateForAnotherHostIsAnErrorInWordsAndTheRecordStaysInTheOutbox() throws Exception {
        ctx = AppContext.start(ConsoleOptions.parse("--site-config", siteConfig(wrongNameServer, wrongNameCert,
                new String(wrongNameServer.password())).toString()), Clock.systemUTC());
        SyncEngine sync = ctx.sync().engine().orElseThrow();

        UUID entry = ctx.localStore().inTransaction(tx -> tx.enqueue("batch", UUID.randomUUID(), 1, "{}"));
        sync.syncNow();

        await().atMost(Duration.ofSeconds(60)).until(() -> sync.status().state() == SyncStatus.State.ERROR);
        assertThat(sync.status().lastError())
                .contains("TLS: the server certificate does not match the host name")
                .contains("127.0.0.1:" + wrongNameServer.port())
                .doesNotContain(new String(wrongNameServer.password()));
        assertThat(ctx.localStore().pendingCount()).isEqualTo(1);
        assertThat(ctx.localStore().pending(10)).extracting(OutboxEntry::id).containsExactly(entry);
        try (CentralDatabase db = plain(wrongNameServer); Connection c = db.connection();
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT count(*) FROM pg_tables WHERE tablename = 'synced_record'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("nothing was written to the centre, not even the schema").isZero();
        }
        assertLogsDoNotContain(new String(wrongNameServer.password()));
    }

    @Test
    void aWrongPasswordIsAnErrorInWordsThatNeverShowsThePassword() throws Exception {
        String wrong = "Wr0ng-" + randomSecret();
        ctx = AppContext.start(ConsoleOptions.parse("--site-config", siteConfig(goodServer, goodCert, wrong)
                .toString()), Clock.systemUTC());
        SyncEngine sync = ctx.sync().engine().orElseThrow();

        UUID entry = ctx.localStore().inTransaction(tx -> tx.enqueue("batch", UUID.randomUUID(), 1, "{}"));
        sync.syncNow();

        await().atMost(Duration.ofSeconds(60)).until(() -> sync.status().state() == SyncStatus.State.ERROR);
        assertThat(sync.status().lastError())
                .contains("bad credentials for the central database")
                .contains("password authentication failed for user \"" + CONSOLE_LOGIN + "\"")
                .doesNotContain(wrong)
                .doesNotContain(new String(goodServer.password()));
        assertThat(ctx.localStore().pending(10)).extracting(OutboxEntry::id).containsExactly(entry);
        assertThat(logs.list).as("the failure was logged").anySatisfy(e ->
                assertThat(e.getFormattedMessage()).contains("password authentication failed"));
        assertLogsDoNotContain(wrong);
        assertLogsDoNotContain(new String(goodServer.password()));
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private Path siteConfig(PostgresServer server, Path rootCert, String password) throws Exception {
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("channels.json"), "{\"channels\": [{\"id\": \"roaster1.bean_temp\","
                + " \"name\": \"Roaster 1 bean temperature\", \"area\": \"Roasting\", \"equipment\": \"Roaster 1\","
                + " \"unit\": \"°C\", \"range\": [0, 300], \"normal\": [20, 250], \"rateHz\": 1,"
                + " \"source\": {\"kind\": \"json\", \"topic\": \"plant/roasting/roaster-1/bean-temp\"}}]}");
        Files.writeString(site.resolve("central-password.txt"), password + "\n");
        Path file = site.resolve("site.json");
        Files.writeString(file, "{\n"
                + "  \"broker\": {\"uri\": \"tcp://127.0.0.1:" + broker.port() + "\", \"clientId\": \"site-tls-it-"
                + UUID.randomUUID().toString().substring(0, 8) + "\", \"qos\": 1, \"jsonTopics\": [\"plant/#\"]},\n"
                + "  \"catalogue\": \"channels.json\",\n"
                + "  \"central\": {\"url\": \"" + server.plainJdbcUrl("postgres") + "\", \"user\": \""
                + CONSOLE_LOGIN + "\", \"passwordFile\": \"central-password.txt\", \"sslMode\": \"verify-full\","
                + " \"sslRootCert\": \"" + rootCert.toAbsolutePath() + "\"}\n"
                + "}\n");
        return file;
    }

    /** A plain (non-TLS) connection for the test's own checks; the server accepts both. */
    private static CentralDatabase plain(PostgresServer server) {
        return CentralDatabase.open(new CentralDatabase.Settings(server.jdbcUrl(), server.user(), server.password(),
                1, Duration.ofSeconds(3)));
    }

    private void assertLogsDoNotContain(String secret) {
        List<String> texts = new ArrayList<>();
        for (ILoggingEvent e : logs.list) {
            texts.add(e.getFormattedMessage());
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                texts.add(t.getClassName() + ": " + t.getMessage());
            }
        }
        assertThat(texts).as("logged lines").isNotEmpty().noneMatch(s -> s != null && s.contains(secret));
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private static String randomSecret() {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static Path selfSigned(String name, String cn, String subjectAltName) throws Exception {
        Path crt = shared.resolve(name + ".crt");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=" + cn, "-addext", "subjectAltName=" + subjectAltName,
                "-keyout", shared.resolve(name + ".key").toString(), "-out", crt.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return crt;
    }
}

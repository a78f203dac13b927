package io.plantconsole.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantconsole.app.env.DataFolders;
import io.plantconsole.auth.service.OneTimePasswords;
import io.plantconsole.auth.service.UserAdminService;
import io.plantconsole.infra.crypto.Argon2idPasswordHasher;
import io.plantconsole.infra.db.ConsoleIdentity;
import io.plantconsole.infra.db.LocalStore;
import io.plantconsole.infra.db.SqliteAuditStore;
import io.plantconsole.infra.db.SqliteUserStore;
import io.plantconsole.kernel.audit.AuditTrail;
import io.plantconsole.kernel.util.UuidV7;
import io.plantconsole.sync.model.OutboxEntry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Demo and site are different places (issue 9): after a demo run, the site's first Admin can be created, and the site
 * holds none of the demo's accounts, records or audit chain; a folder an older demo wrote is refused for the site.
 */
class DemoSiteSeparationIT {
    @TempDir
    Path base;
    private String previousData;

    @BeforeEach
    void useTempBase() {
        previousData = System.getProperty("plantconsole.data");
        System.setProperty("plantconsole.data", base.toString());
    }

    @AfterEach
    void restore() {
        if (previousData == null) {
            System.clearProperty("plantconsole.data");
        } else {
            System.setProperty("plantconsole.data", previousData);
        }
    }

    @Test
    void afterADemoRunTheSitesFirstAdminIsCreatedAndTheSiteHoldsNothingTheDemoWrote() throws Exception {
        String demoChain;
        try (AppContext demo = AppContext.start(ConsoleOptions.parse(), Clock.systemUTC())) {
            assertThat(demo.dataDir()).isEqualTo(DataFolders.demo(base));
            assertThat(demo.demoUsers()).extracting(i -> i.account().username())
                    .containsExactly("operator", "supervisor", "qa", "admin");
            demoChain = demo.consoleIdentity().consoleId();
            String hint = demo.signInHint();
            assertThat(hint).as("the demo's sign-in screen shows the one-time passwords")
                    .contains("admin: " + new String(demo.demoUsers().get(3).oneTimePassword()));
        }
        Path file = DataFolders.demo(base).resolve("demo-users");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(DataFolders.demo(base))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(DataFolders.demo(base)
                .resolve("exports")))).as("exports").isEqualTo("rwx------");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = ConsoleCommands.run(ConsoleOptions.parse("--create-admin", "alice"), DataFolders.site(base),
                Clock.systemUTC(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(rc).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ConsoleCommands.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Created Admin 'alice'");

        try (LocalStore site = LocalStore.open(DataFolders.site(base))) {
            List<io.plantconsole.auth.model.UserAccount> accounts = site.inTransaction(
                    tx -> new SqliteUserStore().all(tx));
            assertThat(accounts).extracting(a -> a.username()).containsExactly("alice");
            String siteChain = ConsoleIdentity.load(site).consoleId();
            assertThat(siteChain).isNotEqualTo(demoChain);
            List<OutboxEntry> pending = site.pending(1000);
            assertThat(pending).isNotEmpty().allSatisfy(e -> assertThat(e.payloadJson()).doesNotContain(demoChain)
                    .doesNotContain("demo user"));
            assertThat(new SqliteAuditStore(site).chain(demoChain)).isEmpty();
            assertThat(new SqliteAuditStore(site).recordsDemoSetUp()).isFalse();
        }
    }

    @Test
    void aFolderAnOlderDemoWroteIsRefusedForTheSiteInWords() {
        try (LocalStore old = LocalStore.open(base)) {
            UuidV7 ids = UuidV7.systemDefault();
            AuditTrail trail = new AuditTrail(new SqliteAuditStore(old), Clock.systemUTC(), ids,
                    ConsoleIdentity.load(old).consoleId(), "ws", null);
            new UserAdminService(old, new SqliteUserStore(), new Argon2idPasswordHasher(), trail,
                    new OneTimePasswords(new SecureRandom()), () -> null, Clock.systemUTC(), ids).createDemoUsers();
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = ConsoleCommands.run(ConsoleOptions.parse("--create-admin", "alice"), DataFolders.site(base),
                Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(rc).isEqualTo(ConsoleCommands.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("holds the demo's accounts");
    }

    @Test
    void aFolderClaimedByOneEnvironmentIsRefusedToTheOther() {
        DataFolders.claim(base, "site", false);
        assertThatThrownBy(() -> DataFolders.claim(base, "demo", false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("belongs to the site console");
        assertThat(DataFolders.claim(base, "site", false)).isEqualTo(base);
    }
}

package io.plantconsole.app;

import io.plantconsole.app.env.DataFolders;
import io.plantconsole.kernel.audit.ChainVerification;
import io.plantconsole.audit.service.AuditService;
import io.plantconsole.kernel.audit.AuditTrail;
import io.plantconsole.auth.service.OneTimePasswords;
import io.plantconsole.auth.service.UserAdminService;
import io.plantconsole.infra.config.SiteConfig;
import io.plantconsole.infra.crypto.Argon2idPasswordHasher;
import io.plantconsole.infra.db.ConsoleIdentity;
import io.plantconsole.infra.db.LocalStore;
import io.plantconsole.infra.db.SqliteAuditStore;
import io.plantconsole.infra.db.SqliteUserStore;
import io.plantconsole.infra.postgres.CentralDatabase;
import io.plantconsole.infra.postgres.PostgresAuditChain;
import io.plantconsole.kernel.util.UuidV7;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The command-line tasks that need no window: creating a site's first Admin and verifying the audit chain. They open
 * the console's local store, so the console itself must not be running on the same data folder.
 */
public final class ConsoleCommands {
    /** Exit status: done, or the chain is intact. */
    public static final int OK = 0;
    /** Exit status of {@code --verify-audit}: a chain is broken. */
    public static final int BROKEN = 1;
    /** Exit status: the task could not run (message on standard error). */
    public static final int FAILED = 2;

    private ConsoleCommands() {
    }

    /** Runs the task of {@code options} and returns the exit status. */
    public static int run(ConsoleOptions options, Path dataDir, Clock clock, PrintStream out, PrintStream err) {
        try (LocalStore store = LocalStore.open(dataDir, clock, new UuidV7(clock, new SecureRandom()))) {
            DataFolders.claim(dataDir, "site", new SqliteAuditStore(store).recordsDemoSetUp());
            UuidV7 ids = new UuidV7(clock, new SecureRandom());
            ConsoleIdentity console = ConsoleIdentity.load(store);
            AuditTrail trail = new AuditTrail(new SqliteAuditStore(store), clock, ids, console.consoleId(),
                    AppContext.workstationId(), null);
            return switch (options.command()) {
                case CREATE_ADMIN -> createAdmin(options, store, trail, clock, ids, out, err);
                case VERIFY_AUDIT -> verifyAudit(options, store, trail, out);
                case RUN -> throw new IllegalArgumentException("no command-line task given");
            };
        } catch (RuntimeException e) {
            err.println(e.getMessage());
            return FAILED;
        }
    }

    private static int createAdmin(ConsoleOptions options, LocalStore store, AuditTrail trail, Clock clock,
            UuidV7 ids, PrintStream out, PrintStream err) {
        UserAdminService admin = new UserAdminService(store, new SqliteUserStore(), new Argon2idPasswordHasher(),
                trail, new OneTimePasswords(new SecureRandom()), () -> null, clock, ids);
        UserAdminService.Issued issued = admin.createFirstAdmin(options.adminName(),
                options.displayName() == null ? options.adminName() : options.displayName());
        try {
            out.println("Created Admin '" + issued.account().username() + "' (" + issued.account().displayName()
                    + ") in " + store.file());
            out.println("One-time password: " + new String(issued.oneTimePassword()));
            out.println("It is shown only now; it must be changed at the first sign-in.");
        } finally {
            Arrays.fill(issued.oneTimePassword(), '\0');
        }
        return OK;
    }

    private static int verifyAudit(ConsoleOptions options, LocalStore store, AuditTrail trail, PrintStream out) {
        Optional<SiteConfig.CentralConfig> central = options.siteConfig()
                .flatMap(p -> SiteConfig.load(p).centralConfig());
        CentralDatabase db = central.map(ConsoleCommands::openCentral).orElse(null);
        try {
            AuditService audit = new AuditService(store, new SqliteAuditStore(store), trail,
                    Optional.ofNullable(db).map(PostgresAuditChain::new), Map.of(), () -> null);
            ChainVerification local = audit.checkLocal();
            out.println(local.summary());
            boolean intact = local.intact();
            if (db != null) {
                ChainVerification centre = audit.checkCentral().orElseThrow();
                out.println(centre.summary());
                intact &= centre.intact();
                if (centre.intact() && local.intact() && centre.checked() > local.checked()) {
                    out.println("The central database holds " + (centre.checked() - local.checked())
                            + " more events than the local store: local events were removed at the end of the chain");
                    intact = false;
                } else if (centre.intact() && local.intact() && centre.checked() > 0
                        && !local.headHash().equals(centre.headHash()) && centre.checked() == local.checked()) {
                    out.println("The local and central chains end in different events");
                    intact = false;
                }
            } else {
                out.println("No central database in the site config: only the local chain was checked.");
            }
            return intact ? OK : BROKEN;
        } finally {
            if (db != null) {
                db.close();
            }
        }
    }

    private static CentralDatabase openCentral(SiteConfig.CentralConfig c) {
        char[] password = c.readPassword();
        try {
            return CentralDatabase.open(new CentralDatabase.Settings(c.url(), c.user(), password, 1,
                    Duration.ofSeconds(5), c.sslMode(), c.sslRootCert()));
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}

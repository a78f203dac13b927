package io.plantconsole.app;

import io.plantconsole.app.env.DataFolders;
import io.plantconsole.kernel.audit.ChainVerification;
import io.plantconsole.app.env.DemoEnvironment;
import io.plantconsole.audit.model.AnchorVerification;
import io.plantconsole.audit.service.AuditService;
import io.plantconsole.audit.service.CentralAuditChain;
import io.plantconsole.kernel.audit.ChainVerification;
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
import io.plantconsole.infra.postgres.CentralErrors;
import io.plantconsole.infra.postgres.DemoCentralServer;
import io.plantconsole.infra.postgres.PostgresAuditChain;
import io.plantconsole.kernel.util.UuidV7;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    /**
     * The data folder a command works on: the demo's for {@code --verify-audit} without a site config (it checks the
     * demo's chain against the demo's centre), the site's otherwise.
     */
    public static Path folder(ConsoleOptions options, Path base) {
        return options.command() == ConsoleOptions.Command.VERIFY_AUDIT && options.siteConfig().isEmpty()
                ? DataFolders.demo(base) : DataFolders.site(base);
    }

    /** Runs the task of {@code options} on the store in {@code dataDir} and returns the exit status. */
    public static int run(ConsoleOptions options, Path dataDir, Clock clock, PrintStream out, PrintStream err) {
        if (options.command() == ConsoleOptions.Command.MIGRATE_CENTRAL) { // the centre only: no local store
            return migrateCentral(options, ConsoleCommands::askOnTheConsole, out, err);
        }
        try (LocalStore store = LocalStore.open(dataDir, clock, new UuidV7(clock, new SecureRandom()))) {
            if (options.command() == ConsoleOptions.Command.CREATE_ADMIN) { // a site's first Admin, never the demo's
                DataFolders.claim(dataDir, "site", new SqliteAuditStore(store).recordsDemoSetUp());
            }
            UuidV7 ids = new UuidV7(clock, new SecureRandom());
            ConsoleIdentity console = ConsoleIdentity.load(store);
            AuditTrail trail = new AuditTrail(new SqliteAuditStore(store), clock, ids, console.consoleId(),
                    AppContext.workstationId(), null);
            return switch (options.command()) {
                case CREATE_ADMIN -> createAdmin(options, store, trail, clock, ids, out, err);
                case VERIFY_AUDIT -> verifyAudit(options, dataDir, store, trail, out);
                case MIGRATE_CENTRAL, RUN -> throw new IllegalArgumentException("no command-line task given");
            };
        } catch (RuntimeException e) {
            err.println(e.getMessage());
            return FAILED;
        }
    }

    /** Asks for a password without echo; {@code null} when there is no console to ask on. */
    @FunctionalInterface
    public interface PasswordPrompt {
        char[] ask(String prompt);
    }

    private static char[] askOnTheConsole(String prompt) {
        java.io.Console console = System.console();
        return console == null ? null : console.readPassword("%s", prompt);
    }

    /**
     * {@code --migrate-central OWNER}: the DBA migrates the central schema of the site config's central database (its
     * URL and TLS settings) as the schema owner, whose password is read from {@code --owner-password-file} or asked
     * on the console; it is never stored nor logged. Prints the schema version. The console's own login never
     * migrates (it only checks, see {@code SchemaCheckingCentralSink}).
     */
    public static int migrateCentral(ConsoleOptions options, PasswordPrompt prompt, PrintStream out,
            PrintStream err) {
        char[] password = null;
        try {
            SiteConfig site = SiteConfig.load(options.siteConfig().orElseThrow(
                    () -> new IllegalArgumentException("--migrate-central needs --site-config FILE")));
            SiteConfig.CentralConfig c = site.centralConfig().orElseThrow(() -> new IllegalArgumentException(
                    "No central database in the site config " + options.siteConfig().get() + ": nothing to migrate"));
            String owner = options.ownerLogin();
            if (options.ownerPasswordFile().isPresent()) {
                Path file = options.ownerPasswordFile().get();
                try {
                    password = java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8).strip()
                            .toCharArray();
                } catch (java.io.IOException e) {
                    throw new IllegalArgumentException("Cannot read the owner password file " + file + ": "
                            + e.getClass().getSimpleName(), e);
                }
            } else {
                password = prompt.ask("Password of the central schema owner " + owner + ": ");
                if (password == null) {
                    throw new IllegalArgumentException("No console to ask the password of " + owner
                            + " on: give it with --owner-password-file FILE");
                }
            }
            try (CentralDatabase db = CentralDatabase.open(new CentralDatabase.Settings(c.url(), owner, password, 2,
                    Duration.ofSeconds(10), c.sslMode(), c.sslRootCert()))) {
                String before = db.verifySchema(true);
                String after = db.migrate();
                out.println("Central schema at " + CentralErrors.stripQuery(c.url()) + " migrated as " + owner
                        + ": version " + after + (java.util.Objects.equals(before, after) ? " (already current)"
                        : " (was " + (before == null ? "empty" : before) + ")"));
            }
            return OK;
        } catch (RuntimeException e) {
            err.println(e.getMessage());
            return FAILED;
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
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

    /**
     * The local chain on its own, then against its anchor, the centre's copy (ADR 0018): at a site the central
     * database of the site config, in the demo the demo's own centre in the data folder, started for the purpose.
     */
    private static int verifyAudit(ConsoleOptions options, Path dataDir, LocalStore store, AuditTrail trail,
            PrintStream out) {
        try (Anchor anchor = anchor(options, dataDir)) {
            AuditService audit = new AuditService(store, new SqliteAuditStore(store), trail, anchor.chain(), Map.of(),
                    () -> null);
            ChainVerification local = audit.checkLocal();
            out.println(local.summary());
            if (anchor.chain().isEmpty()) {
                out.println(anchor.why());
                return local.intact() ? OK : BROKEN;
            }
            AnchorVerification anchored = audit.checkAnchor().orElseThrow();
            out.println(anchored.central().summary());
            if (anchored.verdict() != anchored.local() && anchored.verdict() != anchored.central()) {
                out.println(anchored.verdict().summary());
            }
            if (!anchored.anchored()) {
                for (String note : anchored.notes()) {
                    out.println("Note: " + note);
                }
            }
            return local.intact() && anchored.anchored() ? OK : BROKEN;
        }
    }

    /** The centre to verify against, and what to close afterwards; or why there is none. */
    private record Anchor(Optional<CentralAuditChain> chain, String why, List<AutoCloseable> open)
            implements AutoCloseable {
        @Override
        public void close() {
            for (AutoCloseable c : open) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing a pool or a server we only read from: nothing to do
                }
            }
        }
    }

    private static Anchor anchor(ConsoleOptions options, Path dataDir) {
        if (options.siteConfig().isPresent()) {
            SiteConfig site = SiteConfig.load(options.siteConfig().get());
            if (site.centralConfig().isEmpty()) {
                return new Anchor(Optional.empty(), "No central database in the site config: only the local chain"
                        + " was checked; nothing anchors it.", List.of());
            }
            CentralDatabase db = openCentral(site.centralConfig().get());
            return new Anchor(Optional.of(new PostgresAuditChain(db, site.clientId())), null, List.of(db));
        }
        if (!DemoCentralServer.exists(dataDir)) {
            return new Anchor(Optional.empty(), "The demo's central database was never started in " + dataDir
                    + ": nothing anchors the chain; only the local chain was checked.", List.of());
        }
        DemoCentralServer server;
        try {
            server = DemoCentralServer.start(dataDir);
        } catch (DemoCentralServer.StartException e) {
            return new Anchor(Optional.empty(), e.getMessage() + ": the demo's central copy could not be read; only"
                    + " the local chain was checked.", List.of());
        }
        List<AutoCloseable> open = new ArrayList<>();
        open.add(server);
        try {
            CentralDatabase db = CentralDatabase.open(server.ownerSettings());
            open.add(0, db);
            db.migrate(); // what the demo console does before its first batch
            return new Anchor(Optional.of(new PostgresAuditChain(db, DemoEnvironment.clientId())), null, open);
        } catch (RuntimeException e) {
            new Anchor(Optional.empty(), null, open).close();
            throw e;
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

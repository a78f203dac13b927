package io.plantconsole.testing;

import io.plantconsole.kernel.audit.AuditTrail;
import io.plantconsole.kernel.identity.Role;
import io.plantconsole.kernel.identity.Session;
import io.plantconsole.auth.service.LoginService;
import io.plantconsole.auth.service.OneTimePasswords;
import io.plantconsole.auth.service.SignatureService;
import io.plantconsole.auth.service.UserAdminService;
import io.plantconsole.infra.crypto.Argon2idPasswordHasher;
import io.plantconsole.infra.db.LocalStore;
import io.plantconsole.infra.db.SqliteAuditStore;
import io.plantconsole.infra.db.SqliteSignatureStore;
import io.plantconsole.infra.db.SqliteUserStore;
import io.plantconsole.kernel.util.UuidV7;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * The identity services over a real local store in a temporary folder, with a real Argon2id hasher at a low cost
 * (the cost changes the time, not the code path) and a clock the test moves.
 */
public final class AuthFixture implements AutoCloseable {
    public static final String CONSOLE = "console-test";
    public static final String PASSWORD = "correct horse battery staple";

    public final MutableClock clock = new MutableClock(1_790_000_000_000L);
    public final UuidV7 ids = new UuidV7(clock, new SecureRandom());
    public final LocalStore store;
    public final SqliteUserStore users = new SqliteUserStore();
    public final SqliteAuditStore auditStore;
    public final AuditTrail audit;
    public final Argon2idPasswordHasher hasher =
            new Argon2idPasswordHasher(new Argon2idPasswordHasher.Cost(256, 1, 1), new SecureRandom());
    public final LoginService login;
    public final UserAdminService admin;
    public final SignatureService signatures;
    /** Acting session for {@link #admin} when set; otherwise the login service's current one. */
    public volatile Session actingAs;

    public AuthFixture(Path dir) {
        this(dir, CONSOLE);
    }

    /** With another audit chain id (a console whose store was made afresh has a new one). */
    public AuthFixture(Path dir, String consoleId) {
        store = LocalStore.open(dir, clock, ids);
        auditStore = new SqliteAuditStore(store);
        audit = new AuditTrail(auditStore, clock, ids, consoleId, "ws-test", "iphash");
        login = new LoginService(store, users, hasher, audit, clock, ids,
                new LoginService.Settings(5, Duration.ofMinutes(15), Duration.ofMinutes(10)));
        admin = new UserAdminService(store, users, hasher, audit, new OneTimePasswords(new SecureRandom()),
                () -> actingAs != null ? actingAs : login.currentChecked(), clock, ids);
        signatures = new SignatureService(store, login, new SqliteSignatureStore(), users, audit, clock, ids);
    }

    /**
     * Makes an account with {@link #PASSWORD} (one-time password changed) and leaves it signed in.
     */
    public Session signedIn(String username, Role role) {
        Session before = actingAs;
        actingAs = new Session(new java.util.UUID(0, 1), "root", "Set-up", Role.ADMIN,
                Session.Method.PASSWORD, clock.instant());
        UserAdminService.Issued issued = admin.create(username, username + " Example", role);
        actingAs = before;
        login.login(username, issued.oneTimePassword());
        login.changePassword(issued.oneTimePassword(), PASSWORD.toCharArray());
        return login.current();
    }

    @Override
    public void close() {
        store.close();
    }
}

package io.plantconsole.auth.service;

import io.plantconsole.kernel.identity.Authorizer;
import io.plantconsole.kernel.identity.AccessDeniedException;
import io.plantconsole.kernel.audit.AuditAction;
import io.plantconsole.kernel.audit.AuditTrail;
import io.plantconsole.auth.model.AccountStatus;
import io.plantconsole.kernel.identity.Permission;
import io.plantconsole.kernel.identity.Role;
import io.plantconsole.kernel.identity.Session;
import io.plantconsole.auth.model.UserAccount;
import io.plantconsole.kernel.util.UuidV7;
import io.plantconsole.kernel.tx.LocalTransactions;
import io.plantconsole.kernel.tx.LocalTransactions.LocalTx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Account administration: create, change role, disable and enable (never delete), reset a password, unlock. Every
 * command needs {@link Permission#MANAGE_USERS} (checked here, not only in the view) and is audited in the transaction
 * of the change. Also the two ways accounts come into being without an Admin: the demo users and the first Admin of a
 * site.
 *
 * <p>Commands block on disk and on password hashing: background threads only.
 */
public final class UserAdminService {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{1,63}");

    /** An account and the one-time password it was given; the password is shown once and never stored in clear. */
    public record Issued(UserAccount account, char[] oneTimePassword) {
    }

    private final LocalTransactions store;
    private final UserStore users;
    private final PasswordHasher hasher;
    private final AccountEvents events;
    private final OneTimePasswords passwords;
    private final Supplier<Session> session;
    private final Clock clock;
    private final UuidV7 ids;

    /**
     * @param session who is acting (normally {@link LoginService#current})
     */
    public UserAdminService(LocalTransactions store, UserStore users, PasswordHasher hasher, AuditTrail audit,
            OneTimePasswords passwords, Supplier<Session> session, Clock clock, UuidV7 ids) {
        this.store = store;
        this.users = users;
        this.hasher = hasher;
        this.events = new AccountEvents(users, audit);
        this.passwords = passwords;
        this.session = session;
        this.clock = clock;
        this.ids = ids;
    }

    /** Every account, disabled ones included. */
    public List<UserAccount> list() {
        Authorizer.require(session.get(), Permission.MANAGE_USERS);
        return store.inTransaction(users::all);
    }

    /** Makes an account with a one-time password, to be changed at the first sign-in. */
    public Issued create(String username, String displayName, Role role) {
        Session actor = Authorizer.require(session.get(), Permission.MANAGE_USERS);
        return createWithOneTimePassword(actor, username, displayName, role, null);
    }

    public UserAccount changeRole(UUID userId, Role role, String reason) {
        Session actor = Authorizer.require(session.get(), Permission.MANAGE_USERS);
        requireReason(reason);
        return change(actor, userId, AuditAction.ROLE_CHANGED, reason, (tx, before) -> {
            if (before.role() == Role.ADMIN && role != Role.ADMIN) {
                requireAnotherAdmin(tx, before);
            }
            return LoginService.copy(before, role, before.status(), before.passwordHash(), before.mustChangePassword(),
                    before.failedAttempts(), before.lockedUntil(), before.lastLoginAt(), before.lastFailedAt(),
                    before.version() + 1);
        });
    }

    public UserAccount disable(UUID userId, String reason) {
        Session actor = Authorizer.require(session.get(), Permission.MANAGE_USERS);
        requireReason(reason);
        if (actor.userId().equals(userId)) {
            throw new AuthException(AuthException.Reason.INVALID_INPUT, "You cannot disable your own account.");
        }
        return change(actor, userId, AuditAction.ACCOUNT_DISABLED, reason, (tx, before) -> {
            if (before.role() == Role.ADMIN) {
                requireAnotherAdmin(tx, before);
            }
            return LoginService.copy(before, before.role(), AccountStatus.DISABLED, before.passwordHash(),
                    before.mustChangePassword(), before.failedAttempts(), before.lockedUntil(), before.lastLoginAt(),
                    before.lastFailedAt(), before.version() + 1);
        });
    }

    public UserAccount enable(UUID userId, String reason) {
        Session actor = Authorizer.require(session.get(), Permission.MANAGE_USERS);
        requireReason(reason);
        return change(actor, userId, AuditAction.ACCOUNT_ENABLED, reason, (tx, before) -> LoginService.copy(before,
                before.role(), AccountStatus.ACTIVE, before.passwordHash(), before.mustChangePassword(),
                before.failedAttempts(), before.lockedUntil(), before.lastLoginAt(), before.lastFailedAt(),
                before.version() + 1));
    }

    /** Gives the account a new one-time password (and unlocks it). */
    public Issued resetPassword(UUID userId, String reason) {
        Session actor = Authorizer.require(session.get(), Permission.MANAGE_USERS);
        requireReason(reason);
        char[] otp = passwords.next();
        String hash = hasher.hash(otp);
        UserAccount after = change(actor, userId, AuditAction.PASSWORD_RESET, reason, (tx, before) -> {
            if (before.ssoSubject() != null) {
                throw new AuthException(AuthException.Reason.INVALID_INPUT,
                        "This account signs in with single sign-on: its password is kept by the identity provider.");
            }
            return LoginService.copy(before, before.role(), before.status(), hash, true, 0, null,
                    before.lastLoginAt(), before.lastFailedAt(), before.version() + 1);
        });
        return new Issued(after, otp);
    }

    public UserAccount unlock(UUID userId, String reason) {
        Session actor = Authorizer.require(session.get(), Permission.MANAGE_USERS);
        return change(actor, userId, AuditAction.ACCOUNT_UNLOCKED, reason, (tx, before) -> LoginService.copy(before,
                before.role(), before.status(), before.passwordHash(), before.mustChangePassword(), 0, null,
                before.lastLoginAt(), before.lastFailedAt(), before.version() + 1));
    }

    /** Whether no account exists yet (a new site, or a new demo data folder). */
    public boolean noAccounts() {
        return store.inTransaction(tx -> users.all(tx).isEmpty());
    }

    /**
     * Creates the first Admin of a site (command line {@code --create-admin}), only while the console has no active
     * Admin. Needs no session: whoever can run the console in its data folder is trusted with this once.
     */
    public Issued createFirstAdmin(String username, String displayName) {
        boolean adminExists = store.inTransaction(tx -> users.all(tx).stream()
                .anyMatch(a -> a.role() == Role.ADMIN && a.status() == AccountStatus.ACTIVE));
        if (adminExists) {
            throw new AuthException(AuthException.Reason.INVALID_INPUT,
                    "This console already has an Admin: ask them to create accounts.");
        }
        return createWithOneTimePassword(null, username, displayName, Role.ADMIN, "first Admin (command line)");
    }

    /** Demo mode: one account per role with one-time passwords, when the data folder has no accounts yet. */
    public List<Issued> createDemoUsers() {
        if (!noAccounts()) {
            return List.of();
        }
        return List.of(
                createWithOneTimePassword(null, "operator", "Olivia Operator", Role.OPERATOR, "demo user"),
                createWithOneTimePassword(null, "supervisor", "Sam Supervisor", Role.SUPERVISOR, "demo user"),
                createWithOneTimePassword(null, "qa", "Quinn QA-Manager", Role.QA_MANAGER, "demo user"),
                createWithOneTimePassword(null, "admin", "Ada Admin", Role.ADMIN, "demo user"));
    }

    private Issued createWithOneTimePassword(Session actor, String username, String displayName, Role role,
            String reason) {
        String name = username == null ? "" : username.strip();
        if (!USERNAME.matcher(name).matches()) {
            throw new AuthException(AuthException.Reason.INVALID_INPUT,
                    "A user name has 2 to 64 letters, digits, '.', '_', '@' or '-', and starts with a letter or digit.");
        }
        String shown = displayName == null || displayName.isBlank() ? name : displayName.strip();
        char[] otp = passwords.next();
        String hash = hasher.hash(otp);
        Instant now = clock.instant();
        UserAccount account = new UserAccount(ids.next(), name, shown, role, AccountStatus.ACTIVE, hash, true, 0,
                null, null, null, null, now, 1);
        store.inTransaction(tx -> {
            if (users.byUsername(tx, name).isPresent()) {
                throw new AuthException(AuthException.Reason.INVALID_INPUT,
                        "The user name '" + name + "' is taken (disabled accounts keep their names).");
            }
            events.created(tx, actor, account, reason);
            return null;
        });
        return new Issued(account, otp);
    }

    private interface Change {
        UserAccount apply(LocalTx tx, UserAccount before);
    }

    private UserAccount change(Session actor, UUID userId, AuditAction action, String reason, Change change) {
        return store.inTransaction(tx -> {
            UserAccount before = users.byId(tx, userId).orElseThrow(() -> new AuthException(
                    AuthException.Reason.NOT_FOUND, "No such account."));
            UserAccount after = change.apply(tx, before);
            events.changed(tx, actor, action, before, after, reason);
            return after;
        });
    }

    private void requireAnotherAdmin(LocalTx tx, UserAccount admin) {
        boolean another = activeAdmins(tx).stream()
                .anyMatch(a -> !a.id().equals(admin.id()));
        if (!another) {
            throw new AuthException(AuthException.Reason.LAST_ADMIN,
                    "This is the last active Admin: make someone else Admin first.");
        }
    }

    private List<UserAccount> activeAdmins(LocalTx tx) {
        return users.all(tx).stream().filter(a -> a.role() == Role.ADMIN && a.status() == AccountStatus.ACTIVE)
                .toList();
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new AuthException(AuthException.Reason.INVALID_INPUT, "Give a reason: it goes into the audit trail.");
        }
    }
}

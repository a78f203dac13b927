package io.plantconsole.auth.service;

import io.plantconsole.kernel.audit.AuditAction;
import io.plantconsole.kernel.audit.AuditTrail;
import io.plantconsole.auth.model.AccountStatus;
import io.plantconsole.auth.model.PasswordPolicy;
import io.plantconsole.kernel.identity.Role;
import io.plantconsole.kernel.identity.Session;
import io.plantconsole.auth.model.SsoIdentity;
import io.plantconsole.auth.model.UserAccount;
import io.plantconsole.kernel.util.KeyedHash;
import io.plantconsole.kernel.util.UuidV7;
import io.plantconsole.kernel.tx.LocalTransactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Signing in and out, the session lock and one's own password.
 *
 * <p>Policy: after {@link Settings#maxFailures} failed sign-ins in a row an account is locked for
 * {@link Settings#lockDuration} (audited as {@code ACCOUNT_LOCKED}, visible to Admins, who can unlock it); a session
 * without activity for {@link Settings#idleLock} is locked and needs the same person's password again. Every sign-in,
 * failure, lock and unlock is audited.
 *
 * <p>Threads: the commands block on disk and on password hashing: call them from a background thread. The session
 * state methods ({@link #current}, {@link #isLocked}, {@link #touch}, listeners) may be called from any thread;
 * listeners are called on the thread that changed the state.
 */
public final class LoginService {

    /** Sign-in policy. */
    public record Settings(int maxFailures, Duration lockDuration, Duration idleLock) {
        public Settings {
            if (maxFailures < 1) {
                throw new IllegalArgumentException("maxFailures < 1");
            }
            Objects.requireNonNull(lockDuration, "lockDuration");
            Objects.requireNonNull(idleLock, "idleLock");
        }

        public static Settings defaults() {
            return new Settings(5, Duration.ofMinutes(15), Duration.ofMinutes(15));
        }
    }

    /**
     * What the UI shows: who is signed in, whether the screen is locked, and whether they must choose a password
     * before doing anything else (after a one-time or reset password).
     */
    public record SessionState(Session session, boolean locked, boolean passwordChangeRequired) {
        public static final SessionState SIGNED_OUT = new SessionState(null, false, false);

        public boolean signedIn() {
            return session != null;
        }
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    /**
     * Verified when the user name is unknown, so that a wrong name takes as long as a wrong password; made at the first
     * such sign-in (on a background thread), not at start-up.
     */
    private volatile String dummyHash;

    private final LocalTransactions store;
    private final UserStore users;
    private final PasswordHasher hasher;
    private final AccountEvents events;
    private final Clock clock;
    private final UuidV7 ids;
    private final Settings settings;
    private final List<Consumer<SessionState>> listeners = new CopyOnWriteArrayList<>();
    private final UnaryOperator<String> typedNameHash;
    private volatile SessionState state = SessionState.SIGNED_OUT;
    private volatile Instant lastActivity;

    /** With a keyed hash under a key made for this process (tests; the console passes its own, see below). */
    public LoginService(LocalTransactions store, UserStore users, PasswordHasher hasher, AuditTrail audit, Clock clock,
            UuidV7 ids, Settings settings) {
        this(store, users, hasher, audit, clock, ids, settings, KeyedHash.underRandomKey());
    }

    /**
     * @param typedNameHash keyed hash stored instead of a typed user name that matched no account
     */
    public LoginService(LocalTransactions store, UserStore users, PasswordHasher hasher, AuditTrail audit, Clock clock,
            UuidV7 ids, Settings settings, UnaryOperator<String> typedNameHash) {
        this.typedNameHash = Objects.requireNonNull(typedNameHash, "typedNameHash");
        this.store = store;
        this.users = users;
        this.hasher = hasher;
        this.events = new AccountEvents(users, audit);
        this.clock = clock;
        this.ids = ids;
        this.settings = settings;
        this.lastActivity = clock.instant();
    }

    /**
     * Signs in with a local account. Background thread.
     *
     * @throws AuthException BAD_CREDENTIALS (the same message whether the name or the password is wrong),
     *                       ACCOUNT_LOCKED, ACCOUNT_DISABLED
     */
    public Session login(String username, char[] password) {
        String name = username == null ? "" : username.strip();
        Optional<UserAccount> found = store.inTransaction(tx -> users.byUsername(tx, name));
        Instant now = clock.instant();
        if (found.isEmpty() || found.get().passwordHash() == null) {
            hasher.verify(password, dummyHash());
            store.inTransaction(tx -> {
                // An unknown name may be a password typed into the wrong field: keep only its keyed hash.
                events.note(tx, null, null, AuditAction.LOGIN_FAILED, found.map(a -> a.id().toString()).orElse(null),
                        found.isEmpty() ? Map.of("username_hash", typedNameHash.apply(name))
                                : Map.of("username", truncate(name)),
                        found.isEmpty() ? "unknown user name" : "account signs in with single sign-on only");
                return null;
            });
            throw badCredentials();
        }
        UserAccount account = found.get();
        if (account.isLockedAt(now)) {
            store.inTransaction(tx -> {
                events.note(tx, account.id().toString(), account.role().name(), AuditAction.LOGIN_FAILED,
                        account.id().toString(), Map.of("username", account.username()), "account locked");
                return null;
            });
            throw locked(account);
        }
        boolean ok = hasher.verify(password, account.passwordHash());
        if (!ok) {
            UserAccount after = store.inTransaction(tx -> recordFailure(tx, account.id(), now));
            if (after.isLockedAt(now)) {
                throw locked(after);
            }
            throw badCredentials();
        }
        if (account.status() == AccountStatus.DISABLED) {
            store.inTransaction(tx -> {
                events.note(tx, account.id().toString(), account.role().name(), AuditAction.LOGIN_FAILED,
                        account.id().toString(), Map.of("username", account.username()), "account disabled");
                return null;
            });
            throw new AuthException(AuthException.Reason.ACCOUNT_DISABLED,
                    "This account is disabled. Ask an Admin if you need it again.");
        }
        Session session = new Session(account.id(), account.username(), account.displayName(), account.role(),
                Session.Method.PASSWORD, now);
        store.inTransaction(tx -> {
            UserAccount current = users.byId(tx, account.id()).orElseThrow();
            users.update(tx, copy(current, current.role(), current.status(), current.passwordHash(),
                    current.mustChangePassword(), 0, null, now, current.lastFailedAt(), current.version()));
            events.note(tx, account.id().toString(), account.role().name(), AuditAction.LOGIN,
                    account.id().toString(), Map.of("method", "password"), null);
            return null;
        });
        setState(new SessionState(session, false, account.mustChangePassword()));
        return session;
    }

    /**
     * Signs in someone the identity provider vouched for, with the role the site maps their groups to. The account is
     * made on first sign-in (named after the provider's subject) and its role follows the provider's groups.
     */
    public Session loginWithSso(SsoIdentity identity, Role role) {
        String subject = identity.issuer() + "|" + identity.subject();
        Instant now = clock.instant();
        Session session = store.inTransaction(tx -> {
            Optional<UserAccount> found = users.bySsoSubject(tx, subject);
            UserAccount account;
            if (found.isEmpty()) {
                account = new UserAccount(ids.next(), uniqueName(tx, identity), identity.name(), role,
                        AccountStatus.ACTIVE, null, false, 0, null, now, null, subject, now, 1);
                events.created(tx, null, account, "first single sign-on");
            } else {
                UserAccount before = found.get();
                if (before.status() == AccountStatus.DISABLED) {
                    events.note(tx, before.id().toString(), before.role().name(), AuditAction.LOGIN_FAILED,
                            before.id().toString(), Map.of("method", "sso"), "account disabled");
                    return null;
                }
                account = copy(before, role, before.status(), null, false, 0, null, now, before.lastFailedAt(),
                        before.version() + (before.role() == role ? 0 : 1));
                if (before.role() != role) {
                    events.changed(tx, null, AuditAction.ROLE_CHANGED, before, account,
                            "groups at the identity provider changed");
                } else {
                    users.update(tx, account);
                }
            }
            events.note(tx, account.id().toString(), role.name(), AuditAction.LOGIN, account.id().toString(),
                    Map.of("method", "sso", "issuer", identity.issuer()), null);
            return new Session(account.id(), account.username(), account.displayName(), role,
                    Session.Method.SINGLE_SIGN_ON, now);
        });
        if (session == null) {
            throw new AuthException(AuthException.Reason.ACCOUNT_DISABLED,
                    "This account is disabled at this console. Ask an Admin if you need it again.");
        }
        setState(new SessionState(session, false, false));
        return session;
    }

    /** Audits a single sign-on that did not succeed (the provider's answer, in words). Background thread. */
    public void recordSsoFailure(String reason) {
        store.inTransaction(tx -> {
            events.note(tx, null, null, AuditAction.LOGIN_FAILED, null, Map.of("method", "sso"), reason);
            return null;
        });
    }

    /** Signs out (audited). Background thread. */
    public void logout() {
        Session s = state.session();
        if (s == null) {
            return;
        }
        store.inTransaction(tx -> {
            events.note(tx, s.userId().toString(), s.role().name(), AuditAction.LOGOUT, s.userId().toString(), null,
                    null);
            return null;
        });
        setState(SessionState.SIGNED_OUT);
    }

    /**
     * Changes the signed-in person's password (also the forced change after a one-time password). Background thread.
     *
     * @throws AuthException BAD_CREDENTIALS when {@code current} is wrong, WEAK_PASSWORD with every rule broken
     */
    public void changePassword(char[] current, char[] next) {
        Session s = state.session();
        if (s == null) {
            throw new AuthException(AuthException.Reason.NOT_SIGNED_IN, "Sign in first.");
        }
        if (state.locked()) {
            throw new AuthException(AuthException.Reason.SESSION_LOCKED, "Unlock the screen first.");
        }
        UserAccount account = store.inTransaction(tx -> users.byId(tx, s.userId())).orElseThrow();
        if (account.passwordHash() == null) {
            throw new AuthException(AuthException.Reason.INVALID_INPUT,
                    "This account signs in with single sign-on: change the password at the identity provider.");
        }
        if (!hasher.verify(current, account.passwordHash())) {
            throw new AuthException(AuthException.Reason.BAD_CREDENTIALS, "The current password is wrong.");
        }
        List<String> problems = PasswordPolicy.problems(next, account.username(), account.displayName());
        if (problems.isEmpty() && Arrays.equals(current, next)) {
            problems = List.of("Choose a password different from the current one.");
        }
        if (!problems.isEmpty()) {
            throw new AuthException(AuthException.Reason.WEAK_PASSWORD, String.join(" ", problems));
        }
        String hash = hasher.hash(next);
        store.inTransaction(tx -> {
            UserAccount before = users.byId(tx, s.userId()).orElseThrow();
            UserAccount after = copy(before, before.role(), before.status(), hash, false, 0, null,
                    before.lastLoginAt(), before.lastFailedAt(), before.version() + 1);
            events.changed(tx, s, AuditAction.PASSWORD_CHANGED, before, after, null);
            return null;
        });
        setState(new SessionState(s, false, false));
    }

    /** Locks the screen (audited); the same person's password unlocks it. Background thread. */
    public void lock(String why) {
        SessionState st = state;
        if (st.session() == null || st.locked()) {
            return;
        }
        Session s = st.session();
        store.inTransaction(tx -> {
            events.note(tx, s.userId().toString(), s.role().name(), AuditAction.SESSION_LOCKED,
                    s.userId().toString(), null, why);
            return null;
        });
        setState(new SessionState(s, true, st.passwordChangeRequired()));
    }

    /**
     * Whether {@link #lockIfIdle} would lock now: someone is signed in, the screen is not locked, and nothing happened
     * for the idle time. Any thread; never blocks (the UI asks about once a second and only then runs the lock).
     */
    public boolean idleLockDue() {
        SessionState st = state;
        return st.session() != null && !st.locked()
                && Duration.between(lastActivity, clock.instant()).compareTo(settings.idleLock()) >= 0;
    }

    /**
     * Locks the session when nothing happened for the idle time. Any background thread.
     *
     * @return whether it locked now
     */
    public boolean lockIfIdle() {
        if (!idleLockDue()) {
            return false;
        }
        lock("no activity for " + settings.idleLock().toMinutes() + " min");
        return true;
    }

    /**
     * Unlocks the screen with the signed-in person's password; wrong passwords count towards the account lock, and a
     * locked account signs the session out. Background thread.
     */
    public void unlock(char[] password) {
        Session s = state.session();
        if (s == null || !state.locked()) {
            return;
        }
        UserAccount account = store.inTransaction(tx -> users.byId(tx, s.userId())).orElseThrow();
        Instant now = clock.instant();
        if (account.passwordHash() == null) {
            throw new AuthException(AuthException.Reason.INVALID_INPUT,
                    "This account signs in with single sign-on: sign in again.");
        }
        if (account.isLockedAt(now) || !hasher.verify(password, account.passwordHash())) {
            UserAccount after = account.isLockedAt(now) ? account
                    : store.inTransaction(tx -> recordFailure(tx, account.id(), now));
            if (after.isLockedAt(now)) {
                setState(SessionState.SIGNED_OUT);
                throw locked(after);
            }
            throw new AuthException(AuthException.Reason.BAD_CREDENTIALS, "The password is wrong.");
        }
        store.inTransaction(tx -> {
            UserAccount current = users.byId(tx, s.userId()).orElseThrow();
            users.update(tx, copy(current, current.role(), current.status(), current.passwordHash(),
                    current.mustChangePassword(), 0, null, current.lastLoginAt(), current.lastFailedAt(),
                    current.version()));
            events.note(tx, s.userId().toString(), s.role().name(), AuditAction.SESSION_UNLOCKED,
                    s.userId().toString(), null, null);
            return null;
        });
        lastActivity = clock.instant();
        setState(new SessionState(s, false, state.passwordChangeRequired()));
    }

    /** Records activity (a key or mouse press). Any thread. */
    public void touch() {
        lastActivity = clock.instant();
    }

    public SessionState state() {
        return state;
    }

    /**
     * The signed-in, unlocked session whose password is its own, or {@code null}: what services check permissions
     * against.
     */
    public Session current() {
        SessionState st = state;
        return st.locked() || st.passwordChangeRequired() ? null : st.session();
    }

    /**
     * Who is signed in, with the role and account status read afresh from the store: a person an Admin demoted or
     * disabled loses the right at once, not at the next sign-in (issue 9). Every service command authorises against
     * this. Blocks on disk: background threads only.
     *
     * @return null when nobody is signed in (or the screen is locked) or the account is disabled or gone
     */
    public Session currentChecked() {
        Session s = current();
        if (s == null) {
            return null;
        }
        Optional<UserAccount> account = store.inTransaction(tx -> users.byId(tx, s.userId()));
        if (account.isEmpty() || account.get().status() != AccountStatus.ACTIVE) {
            return null;
        }
        Role role = account.get().role();
        return role == s.role() ? s : new Session(s.userId(), s.username(), s.displayName(), role, s.method(),
                s.startedAt());
    }

    public Settings settings() {
        return settings;
    }

    public void addListener(Consumer<SessionState> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<SessionState> listener) {
        listeners.remove(listener);
    }

    /** Checks a password of the signed-in person again (electronic signatures). Background thread. */
    boolean verifyCurrentPassword(Session s, char[] password) {
        UserAccount account = store.inTransaction(tx -> users.byId(tx, s.userId())).orElseThrow();
        Instant now = clock.instant();
        if (account.passwordHash() == null || account.isLockedAt(now)) {
            return false;
        }
        if (hasher.verify(password, account.passwordHash())) {
            return true;
        }
        UserAccount after = store.inTransaction(tx -> recordFailure(tx, account.id(), now));
        if (after.isLockedAt(now)) {
            setState(SessionState.SIGNED_OUT);
            throw locked(after);
        }
        return false;
    }

    private UserAccount recordFailure(io.plantconsole.kernel.tx.LocalTransactions.LocalTx tx,
            java.util.UUID id, Instant now) {
        UserAccount before = users.byId(tx, id).orElseThrow();
        int failures = (before.lockedUntil() != null && !before.isLockedAt(now) ? 0 : before.failedAttempts()) + 1;
        boolean lockNow = failures >= settings.maxFailures();
        Instant lockedUntil = lockNow ? now.plus(settings.lockDuration()) : null;
        UserAccount after = copy(before, before.role(), before.status(), before.passwordHash(),
                before.mustChangePassword(), failures, lockedUntil, before.lastLoginAt(), now,
                before.version() + (lockNow ? 1 : 0));
        events.note(tx, before.id().toString(), before.role().name(), AuditAction.LOGIN_FAILED,
                before.id().toString(), Map.of("username", before.username(), "failed_attempts",
                        Integer.toString(failures)), "wrong password");
        if (lockNow) {
            events.changed(tx, null, AuditAction.ACCOUNT_LOCKED, before, after,
                    failures + " failed sign-ins in a row");
        } else {
            users.update(tx, after);
        }
        return after;
    }

    private String uniqueName(io.plantconsole.kernel.tx.LocalTransactions.LocalTx tx, SsoIdentity identity) {
        String base = identity.email() != null ? identity.email() : identity.subject();
        String name = base;
        for (int i = 2; users.byUsername(tx, name).isPresent(); i++) {
            name = base + "-" + i;
        }
        return name;
    }

    private String dummyHash() {
        String h = dummyHash;
        if (h == null) {
            h = hasher.hash("not-a-real-password".toCharArray());
            dummyHash = h;
        }
        return h;
    }

    private AuthException locked(UserAccount a) {
        return new AuthException(AuthException.Reason.ACCOUNT_LOCKED, "This account is locked after "
                + settings.maxFailures() + " failed sign-ins, until " + TIME.format(a.lockedUntil())
                + ". An Admin can unlock it sooner.");
    }

    private static AuthException badCredentials() {
        return new AuthException(AuthException.Reason.BAD_CREDENTIALS, "The user name or the password is wrong.");
    }

    private static String truncate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }

    private void setState(SessionState next) {
        state = next;
        lastActivity = clock.instant();
        listeners.forEach(l -> l.accept(next));
    }

    static UserAccount copy(UserAccount a, Role role, AccountStatus status, String hash, boolean mustChange,
            int failures, Instant lockedUntil, Instant lastLogin, Instant lastFailed, long version) {
        return new UserAccount(a.id(), a.username(), a.displayName(), role, status, hash, mustChange, failures,
                lockedUntil, lastLogin, lastFailed, a.ssoSubject(), a.createdAt(), version);
    }
}

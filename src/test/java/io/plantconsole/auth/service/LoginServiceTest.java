package io.plantconsole.auth.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantconsole.kernel.audit.AuditEvent;
import io.plantconsole.audit.model.AuditQuery;
import io.plantconsole.kernel.audit.AuditChain;
import io.plantconsole.kernel.identity.Role;
import io.plantconsole.kernel.identity.Session;
import io.plantconsole.testing.AuthFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign-in, lockout, session lock and password change over a real local store. */
class LoginServiceTest {
    @TempDir
    Path dir;
    AuthFixture f;

    @BeforeEach
    void setUp() {
        f = new AuthFixture(dir);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private List<String> actions() {
        List<String> newestFirst = new java.util.ArrayList<>(
                f.auditStore.find(AuditQuery.latest(1000)).stream().map(AuditEvent::action).toList());
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Test
    void oneTimePasswordMustBeChangedBeforeAnythingElse() {
        f.actingAs = new Session(new java.util.UUID(0, 9), "root", "Set-up", Role.ADMIN, Session.Method.PASSWORD,
                f.clock.instant());
        UserAdminService.Issued issued = f.admin.create("olivia", "Olivia Example", Role.OPERATOR);
        f.actingAs = null;
        Session s = f.login.login("olivia", issued.oneTimePassword());
        assertThat(s.role()).isEqualTo(Role.OPERATOR);
        assertThat(f.login.state().passwordChangeRequired()).isTrue();
        assertThat(f.login.current()).as("no permissions until the password is changed").isNull();

        assertThatThrownBy(() -> f.login.changePassword(issued.oneTimePassword(), "short".toCharArray()))
                .isInstanceOf(AuthException.class).hasMessageContaining("at least 12");
        f.login.changePassword(issued.oneTimePassword(), AuthFixture.PASSWORD.toCharArray());
        assertThat(f.login.current()).isNotNull();
        assertThat(actions()).containsSubsequence("CREATE", "LOGIN", "PASSWORD_CHANGED");
        // the one-time password no longer works
        f.login.logout();
        assertThatThrownBy(() -> f.login.login("olivia", issued.oneTimePassword()))
                .hasMessage("The user name or the password is wrong.");
    }

    @Test
    void wrongPasswordAndUnknownUserGiveTheSameMessageAndAreAudited() {
        f.signedIn("sam", Role.SUPERVISOR);
        f.login.logout();
        assertThatThrownBy(() -> f.login.login("sam", "wrong wrong wrong".toCharArray()))
                .isInstanceOf(AuthException.class).hasMessage("The user name or the password is wrong.");
        assertThatThrownBy(() -> f.login.login("nobody", "wrong wrong wrong".toCharArray()))
                .hasMessage("The user name or the password is wrong.");
        List<AuditEvent> failed = f.auditStore.find(new AuditQuery(null, null, null,
                io.plantconsole.kernel.audit.AuditAction.LOGIN_FAILED, null, null, 10));
        assertThat(failed).hasSize(2);
        assertThat(failed).extracting(AuditEvent::reason).containsExactly("unknown user name", "wrong password");
        assertThat(failed.toString()).doesNotContain("wrong wrong wrong");
    }

    @Test
    void aNameThatMatchesNoAccountIsStoredOnlyAsAKeyedHashBecauseItMayBeAPassword() {
        String typed = "Tr0ub4dor&3-my-password";
        assertThatThrownBy(() -> f.login.login(typed, "x".toCharArray())).isInstanceOf(AuthException.class);
        assertThatThrownBy(() -> f.login.login(typed, "y".toCharArray())).isInstanceOf(AuthException.class);
        List<AuditEvent> failed = f.auditStore.find(new AuditQuery(null, null, null,
                io.plantconsole.kernel.audit.AuditAction.LOGIN_FAILED, null, null, 10));
        assertThat(failed).hasSize(2);
        assertThat(failed.toString()).doesNotContain(typed).doesNotContain("Tr0ub4dor");
        assertThat(failed.get(0).newValue()).containsOnlyKeys("username_hash");
        assertThat(failed.get(0).newValue().get("username_hash")).hasSize(64)
                .as("the same typed text gives the same hash, so repeated attempts can be told apart")
                .isEqualTo(failed.get(1).newValue().get("username_hash"));
        try (var outbox = new java.util.Scanner(f.store.pending(100).toString())) {
            assertThat(outbox.useDelimiter("\\A").next()).doesNotContain(typed);
        }
    }

    @Test
    void fiveFailuresLockTheAccountUntilTheTimeRunsOut() {
        f.signedIn("sam", Role.SUPERVISOR);
        f.login.logout();
        for (int i = 1; i <= 4; i++) {
            assertThatThrownBy(() -> f.login.login("sam", "not the password".toCharArray()))
                    .extracting(e -> ((AuthException) e).reason()).isEqualTo(AuthException.Reason.BAD_CREDENTIALS);
        }
        assertThatThrownBy(() -> f.login.login("sam", "not the password".toCharArray()))
                .extracting(e -> ((AuthException) e).reason()).isEqualTo(AuthException.Reason.ACCOUNT_LOCKED);
        // even the right password is refused while locked
        assertThatThrownBy(() -> f.login.login("sam", AuthFixture.PASSWORD.toCharArray()))
                .isInstanceOf(AuthException.class).hasMessageContaining("locked after 5 failed sign-ins");
        assertThat(actions()).contains("ACCOUNT_LOCKED");
        f.clock.advance(Duration.ofMinutes(16));
        assertThat(f.login.login("sam", AuthFixture.PASSWORD.toCharArray()).username()).isEqualTo("sam");
        assertThat(f.store.inTransaction(tx -> f.users.byUsername(tx, "sam")).orElseThrow().failedAttempts())
                .isZero();
    }

    @Test
    void adminUnlocksALockedAccount() {
        f.signedIn("sam", Role.SUPERVISOR);
        f.login.logout();
        for (int i = 0; i < 5; i++) {
            try {
                f.login.login("sam", "not the password".toCharArray());
            } catch (AuthException expected) {
                // counted
            }
        }
        java.util.UUID sam = f.store.inTransaction(tx -> f.users.byUsername(tx, "sam")).orElseThrow().id();
        f.actingAs = new Session(new java.util.UUID(0, 9), "root", "Set-up", Role.ADMIN, Session.Method.PASSWORD,
                f.clock.instant());
        f.admin.unlock(sam, "called the help desk");
        f.actingAs = null;
        assertThat(f.login.login("sam", AuthFixture.PASSWORD.toCharArray()).role()).isEqualTo(Role.SUPERVISOR);
    }

    @Test
    void disabledAccountCannotSignIn() {
        f.signedIn("ada", Role.ADMIN);
        Session ada = f.login.current();
        f.signedIn("olivia", Role.OPERATOR);
        java.util.UUID olivia = f.login.current().userId();
        f.actingAs = ada;
        f.admin.disable(olivia, "left the company");
        f.actingAs = null;
        f.login.logout();
        assertThatThrownBy(() -> f.login.login("olivia", AuthFixture.PASSWORD.toCharArray()))
                .isInstanceOf(AuthException.class).hasMessageContaining("disabled");
    }

    @Test
    void idleSessionLocksAndOnlyThePasswordUnlocksIt() {
        f.signedIn("qa", Role.QA_MANAGER);
        f.clock.advance(Duration.ofMinutes(9));
        assertThat(f.login.lockIfIdle()).isFalse();
        f.login.touch();
        f.clock.advance(Duration.ofMinutes(9));
        assertThat(f.login.idleLockDue()).isFalse();
        assertThat(f.login.lockIfIdle()).isFalse();
        f.clock.advance(Duration.ofMinutes(2));
        assertThat(f.login.idleLockDue()).as("the UI's non-blocking check before it runs the lock").isTrue();
        assertThat(f.login.lockIfIdle()).isTrue();
        assertThat(f.login.idleLockDue()).as("a locked screen is not locked again").isFalse();
        assertThat(f.login.state().locked()).isTrue();
        assertThat(f.login.current()).isNull();
        assertThatThrownBy(() -> f.login.unlock("guess guess guess".toCharArray()))
                .hasMessage("The password is wrong.");
        assertThat(f.login.state().locked()).isTrue();
        f.login.unlock(AuthFixture.PASSWORD.toCharArray());
        assertThat(f.login.current().username()).isEqualTo("qa");
        assertThat(actions()).containsSubsequence("SESSION_LOCKED", "SESSION_UNLOCKED");
    }

    @Test
    void wrongPasswordsAtTheLockScreenLockTheAccountAndSignOut() {
        f.signedIn("qa", Role.QA_MANAGER);
        f.login.lock("test");
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> f.login.unlock("guess guess guess".toCharArray()))
                    .isInstanceOf(AuthException.class);
        }
        assertThatThrownBy(() -> f.login.unlock("guess guess guess".toCharArray()))
                .extracting(e -> ((AuthException) e).reason()).isEqualTo(AuthException.Reason.ACCOUNT_LOCKED);
        assertThat(f.login.state().signedIn()).isFalse();
    }

    @Test
    void everyEventIsChainedAndQueuedForTheCentre() {
        f.signedIn("qa", Role.QA_MANAGER);
        f.login.lock("test");
        f.login.unlock(AuthFixture.PASSWORD.toCharArray());
        f.login.logout();
        List<AuditEvent> chain = f.auditStore.chain(AuthFixture.CONSOLE);
        assertThat(chain).hasSizeGreaterThanOrEqualTo(6);
        assertThat(AuditChain.verify("local", AuthFixture.CONSOLE, chain).intact()).isTrue();
        long auditInOutbox = f.store.pending(1000).stream().filter(e -> e.recordType().equals("audit_event")).count();
        assertThat(auditInOutbox).isEqualTo(chain.size());
        // account records carry no password hash to the centre
        assertThat(f.store.pending(1000).stream().filter(e -> e.recordType().equals("user_account")))
                .isNotEmpty().allSatisfy(e -> assertThat(e.payloadJson()).doesNotContain("argon2"));
    }

    private io.plantconsole.auth.model.SsoIdentity sso(String subject, java.time.Instant authTime) {
        return new io.plantconsole.auth.model.SsoIdentity("https://idp.example", subject, "Iris Idp",
                "iris@example.com", java.util.Set.of("plant-qa"), authTime, authTime.plusSeconds(300));
    }

    @Test
    void singleSignOnMakesTheAccountOnceAndFollowsTheProvidersGroups() {
        Session first = f.login.loginWithSso(sso("sub-1", f.clock.instant()), Role.QA_MANAGER);
        assertThat(first.method()).isEqualTo(Session.Method.SINGLE_SIGN_ON);
        assertThat(first.username()).isEqualTo("iris@example.com");
        assertThat(f.login.current()).isNotNull();
        f.login.logout();
        Session second = f.login.loginWithSso(sso("sub-1", f.clock.instant()), Role.SUPERVISOR);
        assertThat(second.userId()).isEqualTo(first.userId());
        List<io.plantconsole.auth.model.UserAccount> accounts = f.store.inTransaction(tx -> f.users.all(tx));
        assertThat(accounts).hasSize(1);
        assertThat(accounts.get(0).passwordHash()).isNull();
        assertThat(actions()).containsSubsequence("CREATE", "LOGIN", "LOGOUT", "ROLE_CHANGED", "LOGIN");
        // a password sign-in for a single sign-on account is refused like a wrong password
        f.login.logout();
        assertThatThrownBy(() -> f.login.login("iris@example.com", "anything at all".toCharArray()))
                .hasMessage("The user name or the password is wrong.");
    }

    @Test
    void singleSignOnSignatureNeedsAFreshSignInOfTheSamePerson() {
        f.login.loginWithSso(sso("sub-9", f.clock.instant()), Role.QA_MANAGER);
        SignatureService.SignedRecord lot = new SignatureService.SignedRecord("lot", "L-1", "{\"grade\":\"I\"}");
        assertThatThrownBy(() -> f.signatures.signWithSso(io.plantconsole.kernel.identity.Permission.QA_RELEASE, lot,
                io.plantconsole.auth.model.SignatureMeaning.APPROVAL, "ok", sso("someone-else", f.clock.instant()),
                tx -> { })).isInstanceOf(SsoException.class).hasMessageContaining("Someone else");
        assertThatThrownBy(() -> f.signatures.signWithSso(io.plantconsole.kernel.identity.Permission.QA_RELEASE, lot,
                io.plantconsole.auth.model.SignatureMeaning.APPROVAL, "ok",
                sso("sub-9", f.clock.instant().minus(Duration.ofMinutes(30))), tx -> { }))
                .isInstanceOf(SsoException.class).hasMessageContaining("did not ask for your credentials again");
        assertThat(f.signatures.signWithSso(io.plantconsole.kernel.identity.Permission.QA_RELEASE, lot,
                io.plantconsole.auth.model.SignatureMeaning.APPROVAL, "ok", sso("sub-9", f.clock.instant()),
                tx -> { }).userName()).isEqualTo("Iris Idp");
        assertThatThrownBy(() -> f.signatures.signWithPassword(io.plantconsole.kernel.identity.Permission.QA_RELEASE, lot,
                io.plantconsole.auth.model.SignatureMeaning.APPROVAL, "ok", "x".toCharArray(), tx -> { }))
                .hasMessageContaining("sign with the identity provider");
    }

    @Test
    void aDemotedAdminLosesTheRightAtTheNextCommandNotAtTheNextSignIn() {
        Session ada = f.signedIn("ada", Role.ADMIN);
        f.admin.create("bob", "Bob", Role.ADMIN); // ada may, as an Admin; Bob keeps the console administered
        Session root = new Session(new java.util.UUID(0, 1), "root", "Set-up", Role.ADMIN, Session.Method.PASSWORD,
                f.clock.instant());
        f.actingAs = root;
        f.admin.changeRole(ada.userId(), Role.OPERATOR, "moved to the line");
        f.actingAs = null;

        assertThat(f.login.current().role()).as("the shown session is unchanged").isEqualTo(Role.ADMIN);
        assertThat(f.login.currentChecked().role()).isEqualTo(Role.OPERATOR);
        assertThatThrownBy(() -> f.admin.create("carl", "Carl", Role.OPERATOR))
                .isInstanceOf(io.plantconsole.kernel.identity.AccessDeniedException.class);
    }

    @Test
    void aDisabledAccountLosesEveryRightAtOnce() {
        Session qa = f.signedIn("quinn", Role.ADMIN);
        f.admin.create("bob", "Bob", Role.ADMIN);
        f.actingAs = new Session(new java.util.UUID(0, 1), "root", "Set-up", Role.ADMIN, Session.Method.PASSWORD,
                f.clock.instant());
        f.admin.disable(qa.userId(), "left the company");
        f.actingAs = null;

        assertThat(f.login.currentChecked()).isNull();
        assertThatThrownBy(() -> f.admin.list())
                .isInstanceOf(io.plantconsole.kernel.identity.AccessDeniedException.class);
    }
}

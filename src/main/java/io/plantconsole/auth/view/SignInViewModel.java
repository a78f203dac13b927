package io.plantconsole.auth.view;

import io.plantconsole.kernel.identity.Role;
import io.plantconsole.kernel.identity.Session;
import io.plantconsole.auth.model.SsoIdentity;
import io.plantconsole.auth.service.AuthException;
import io.plantconsole.auth.service.LoginService;
import io.plantconsole.auth.service.LoginService.SessionState;
import io.plantconsole.auth.service.RoleMapping;
import io.plantconsole.auth.service.SingleSignOn;
import io.plantconsole.auth.service.SsoException;
import io.plantconsole.ui.task.TaskLane;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The sign-in gate in front of the shell: sign in (password or single sign-on), unlock a locked screen, or choose
 * one's own password after a one-time one. Commands run as named tasks on the {@code auth} lane (password hashing,
 * disk, the browser round trip); the lane's busy flag is the gate's, and session changes the login service reports
 * on the lane's thread reach the FX thread through the lane's hand-off. Passwords arrive as {@code char[]} and are
 * wiped after use.
 *
 * <p>FX thread, except where noted.
 */
public final class SignInViewModel {
    /** What the gate shows. */
    public enum Mode { SIGN_IN, UNLOCK, CHANGE_PASSWORD, OPEN }

    public static final Duration SSO_TIMEOUT = Duration.ofMinutes(3);

    private final LoginService login;
    private final Optional<SingleSignOn> sso;
    private final Optional<RoleMapping> roles;
    private final TaskLane lane;
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.SIGN_IN);
    private final ObjectProperty<Session> session = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty lockedUser = new SimpleStringProperty("");
    private final Consumer<SessionState> listener;

    public SignInViewModel(LoginService login, Optional<SingleSignOn> sso, Optional<RoleMapping> roles,
            TaskLane lane) {
        this.login = Objects.requireNonNull(login, "login");
        this.sso = sso;
        this.roles = roles;
        this.lane = Objects.requireNonNull(lane, "lane");
        this.listener = state -> lane.toFx(() -> show(state));
        login.addListener(listener);
        show(login.state());
    }

    private void show(SessionState state) {
        session.set(state.session());
        if (!state.signedIn()) {
            mode.set(Mode.SIGN_IN);
        } else if (state.locked()) {
            mode.set(Mode.UNLOCK);
            lockedUser.set(state.session().displayName() + " (" + state.session().role().displayName() + ")");
        } else if (state.passwordChangeRequired()) {
            mode.set(Mode.CHANGE_PASSWORD);
        } else {
            mode.set(Mode.OPEN);
            message.set("");
        }
    }

    /** Signs in with a local account. The password array is wiped. */
    public void signIn(String username, char[] password) {
        if (username == null || username.isBlank() || password.length == 0) {
            message.set("Enter your user name and password.");
            Arrays.fill(password, '\0');
            return;
        }
        run("Sign in as " + username.strip(), () -> login.login(username, password), password);
    }

    /** Opens the identity provider's sign-in in the system browser. */
    public void signInWithSso() {
        if (sso.isEmpty() || roles.isEmpty()) {
            message.set("Single sign-on is not configured at this console.");
            return;
        }
        message.set("Finish the sign-in in the browser window…");
        run("Sign in with the company account", () -> {
            try {
                SsoIdentity identity = sso.get().login(SSO_TIMEOUT);
                Role role = roles.get().roleFor(identity);
                login.loginWithSso(identity, role);
            } catch (SsoException e) {
                login.recordSsoFailure(e.reason() + ": " + e.getMessage());
                throw e;
            }
        });
    }

    /** Unlocks the screen with the signed-in person's password. The array is wiped. */
    public void unlock(char[] password) {
        run("Unlock the screen", () -> login.unlock(password), password);
    }

    /** Sets one's own password; {@code next} and {@code repeat} must match. The arrays are wiped. */
    public void changePassword(char[] current, char[] next, char[] repeat) {
        if (!Arrays.equals(next, repeat)) {
            message.set("The new password and its repetition differ.");
            wipe(current, next, repeat);
            return;
        }
        run("Change own password", () -> login.changePassword(current, next), current, next, repeat);
    }

    /** Signs out (from the lock screen or the password change: "not me"). */
    public void signOut() {
        run("Sign out", login::logout);
    }

    private void run(String name, Runnable command, char[]... secrets) {
        lane.submit(name, p -> {
            try {
                command.run();
                return null;
            } finally {
                wipe(secrets);
            }
        }, done -> message.set(""), failure -> {
            wipe(secrets); // a task cancelled before it ran never reached its own wipe
            Throwable e = failure.cause();
            message.set(failure.cancelled() ? "Not done: " + failure.words() + "."
                    : e instanceof AuthException || e instanceof SsoException
                            || e instanceof io.plantconsole.kernel.identity.AccessDeniedException ? e.getMessage()
                    : "The console could not do this: " + failure.words());
        });
    }

    private static void wipe(char[]... secrets) {
        for (char[] s : secrets) {
            Arrays.fill(s, '\0');
        }
    }

    public boolean ssoAvailable() {
        return sso.isPresent() && roles.isPresent();
    }

    public ReadOnlyObjectProperty<Mode> modeProperty() {
        return mode;
    }

    public ReadOnlyObjectProperty<Session> sessionProperty() {
        return session;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    /** Whether a sign-in command is queued or running (the {@code auth} lane is busy). */
    public ReadOnlyBooleanProperty busyProperty() {
        return lane.busyProperty();
    }

    public ReadOnlyStringProperty lockedUserProperty() {
        return lockedUser;
    }

    /** Stops listening to the login service. */
    public void dispose() {
        login.removeListener(listener);
    }
}

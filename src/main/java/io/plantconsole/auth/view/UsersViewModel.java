package io.plantconsole.auth.view;

import io.plantconsole.kernel.identity.AccessDeniedException;
import io.plantconsole.auth.model.AccountStatus;
import io.plantconsole.kernel.identity.Permission;
import io.plantconsole.kernel.identity.Permissions;
import io.plantconsole.kernel.identity.Role;
import io.plantconsole.kernel.identity.Session;
import io.plantconsole.auth.model.UserAccount;
import io.plantconsole.auth.service.AuthException;
import io.plantconsole.auth.service.UserAdminService;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the Users screen (Admin): the accounts table with a name filter, the selected account, and the account
 * commands (new user, change role, disable, enable, reset password, unlock), each enabled or disabled with a tooltip
 * that says why. The services check the permission again; this view only mirrors it.
 *
 * <p>Threading: every public method runs on the FX thread. Account commands block (disk, password hashing), so they
 * run on the injected {@code background} executor ({@code ui-users} in the console) and their results come back
 * through {@code fx} ({@code Platform::runLater}; direct in tests). Refresh: on show and after every command; no
 * timer.
 */
public final class UsersViewModel {
    public static final String NONE = "—";
    public static final String NEVER = "Never";
    public static final String UNAVAILABLE = "Account management is not available in this view";
    public static final String NO_SELECTION_TOOLTIP = "Disabled: select an account in the table first";
    public static final String BUSY_TOOLTIP = "Disabled: wait for the previous account command to finish";
    public static final String OWN_ACCOUNT_TOOLTIP = "You cannot disable your own account";
    public static final String BADGE_DISABLED = "DISABLED";
    public static final String BADGE_LOCKED = "LOCKED";
    /** What the one-time password dialog says; {@code %s} is the person's name. */
    public static final String HAND_OVER = "Give this one-time password to %s in person; it must be changed at the"
            + " first sign-in";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    /** The account commands this view runs; {@link UserAdminService} in the console. Every method blocks. */
    public interface Accounts {
        List<UserAccount> list();

        UserAdminService.Issued create(String username, String displayName, Role role);

        UserAccount changeRole(UUID id, Role role, String reason);

        UserAccount disable(UUID id, String reason);

        UserAccount enable(UUID id, String reason);

        UserAdminService.Issued resetPassword(UUID id, String reason);

        UserAccount unlock(UUID id, String reason);

        static Accounts of(UserAdminService s) {
            Objects.requireNonNull(s, "service");
            return new Accounts() {
                @Override
                public List<UserAccount> list() {
                    return s.list();
                }

                @Override
                public UserAdminService.Issued create(String username, String displayName, Role role) {
                    return s.create(username, displayName, role);
                }

                @Override
                public UserAccount changeRole(UUID id, Role role, String reason) {
                    return s.changeRole(id, role, reason);
                }

                @Override
                public UserAccount disable(UUID id, String reason) {
                    return s.disable(id, reason);
                }

                @Override
                public UserAccount enable(UUID id, String reason) {
                    return s.enable(id, reason);
                }

                @Override
                public UserAdminService.Issued resetPassword(UUID id, String reason) {
                    return s.resetPassword(id, reason);
                }

                @Override
                public UserAccount unlock(UUID id, String reason) {
                    return s.unlock(id, reason);
                }
            };
        }
    }

    /** One line of the table, every cell already in words. */
    public record UserRow(UUID id, String username, String displayName, Role role, String roleText, String status,
            String badge, String lastSignIn, String failedAttempts, String lockedUntil, String mustChangePassword,
            String signInMethod, boolean disabled, boolean locked, boolean sso) {

        /** How the row is named in dialogs and messages: {@code Olivia Operator (olivia)}. */
        public String who() {
            return displayName.equals(username) ? username : displayName + " (" + username + ")";
        }
    }

    /** A one-time password to show once; call {@link #wipe()} when the dialog has closed. */
    public record IssuedPassword(String title, String username, String displayName, char[] password) {
        /** The sentence under the password. */
        public String instruction() {
            return String.format(HAND_OVER, displayName);
        }

        public void wipe() {
            Arrays.fill(password, '\0');
        }

        /** Never the password. */
        @Override
        public String toString() {
            return "IssuedPassword[" + username + "]";
        }
    }

    /** What a dialog that changes an account says; every one names the account and asks for a reason. */
    public record Prompt(String title, String header, String confirmText) {
    }

    private final Optional<Accounts> accounts;
    private final Supplier<Session> session;
    private final Executor background;
    private final Executor fx;
    private final Clock clock;
    private final ObservableList<UserRow> rows = FXCollections.observableArrayList();
    private List<UserRow> all = List.of();
    private String filter = "";
    private final ReadOnlyObjectWrapper<UserRow> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper messageError = new ReadOnlyBooleanWrapper(this, "messageError", false);
    private final ReadOnlyStringWrapper countText = new ReadOnlyStringWrapper(this, "countText", "");
    private final Command newUser = new Command("newUser");
    private final Command changeRole = new Command("changeRole");
    private final Command disable = new Command("disable");
    private final Command enable = new Command("enable");
    private final Command resetPassword = new Command("resetPassword");
    private final Command unlock = new Command("unlock");
    private Consumer<IssuedPassword> onPasswordIssued = IssuedPassword::wipe;
    private boolean replacingRows;
    private long generation;

    /** A toolbar command's enabled state and the tooltip that says what it does or why it is disabled. */
    public static final class Command {
        private final ReadOnlyBooleanWrapper disabled;
        private final ReadOnlyStringWrapper tooltip;

        Command(String name) {
            disabled = new ReadOnlyBooleanWrapper(this, name + "Disabled", true);
            tooltip = new ReadOnlyStringWrapper(this, name + "Tooltip", "");
        }

        public ReadOnlyBooleanProperty disabledProperty() {
            return disabled.getReadOnlyProperty();
        }

        public ReadOnlyStringProperty tooltipProperty() {
            return tooltip.getReadOnlyProperty();
        }

        public boolean isDisabled() {
            return disabled.get();
        }

        public String tooltip() {
            return tooltip.get();
        }

        void enable(String what) {
            tooltip.set(what);
            disabled.set(false);
        }

        void disable(String why) {
            tooltip.set(why);
            disabled.set(true);
        }
    }

    /**
     * @param accounts   empty where the screen runs without the sign-in gate (then it says so and does nothing)
     * @param session    who is signed in now, or {@code null}
     * @param background runs the blocking account commands
     * @param fx         hands their results back to the FX thread
     * @param clock      "now" for lockouts; its zone is the zone times are shown in
     */
    public UsersViewModel(Optional<Accounts> accounts, Supplier<Session> session, Executor background, Executor fx,
            Clock clock) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.session = Objects.requireNonNull(session, "session");
        this.background = Objects.requireNonNull(background, "background");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.clock = Objects.requireNonNull(clock, "clock");
        updateCommands();
    }

    /** Whether account management exists in this view at all. */
    public boolean available() {
        return accounts.isPresent();
    }

    /** The accounts that match the filter, by user name. */
    public ObservableList<UserRow> rows() {
        return rows;
    }

    public ReadOnlyObjectProperty<UserRow> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The outcome of the last command, or why it failed, in words. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty messageErrorProperty() {
        return messageError.getReadOnlyProperty();
    }

    /** {@code 4 of 7 accounts}. */
    public ReadOnlyStringProperty countTextProperty() {
        return countText.getReadOnlyProperty();
    }

    public Command newUserCommand() {
        return newUser;
    }

    public Command changeRoleCommand() {
        return changeRole;
    }

    public Command disableCommand() {
        return disable;
    }

    public Command enableCommand() {
        return enable;
    }

    public Command resetPasswordCommand() {
        return resetPassword;
    }

    public Command unlockCommand() {
        return unlock;
    }

    /**
     * Where a one-time password goes (the controller's dialog), on the FX thread. The receiver must call
     * {@link IssuedPassword#wipe()} when done; by default it is wiped at once.
     */
    public void setOnPasswordIssued(Consumer<IssuedPassword> receiver) {
        this.onPasswordIssued = Objects.requireNonNull(receiver);
    }

    /** Shows only accounts whose user name or display name contains {@code text}, ignoring case. */
    public void setFilter(String text) {
        String f = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (f.equals(filter)) {
            return;
        }
        filter = f;
        showRows();
    }

    public String filter() {
        return filter;
    }

    /** The user selected a row ({@code null}: none). */
    public void select(UserRow row) {
        if (replacingRows) {
            return;
        }
        selected.set(row);
        updateCommands();
    }

    /** Reads the accounts again (on show and after each command). */
    public void refresh() {
        updateCommands();
        if (accounts.isEmpty()) {
            return;
        }
        Optional<String> denied = whyNotAllowed();
        if (denied.isPresent()) {
            all = List.of();
            showRows();
            error(denied.get());
            return;
        }
        run(Accounts::list, this::showAccounts, e -> error("Could not read the accounts: " + words(e)));
    }

    // ------------------------------------------------------------------------------------------- commands

    public Prompt newUserPrompt() {
        return new Prompt("New user", "Create an account. Its one-time password is shown once, afterwards.",
                "Create account");
    }

    public Optional<Prompt> changeRolePrompt() {
        return selectedRow().map(r -> new Prompt("Change role", "Change the role of " + r.who() + " (now "
                + r.roleText() + ")", "Change role"));
    }

    public Optional<Prompt> disablePrompt() {
        return selectedRow().map(r -> new Prompt("Disable account", "Disable the account of " + r.who()
                + "? They can no longer sign in; the account is kept.", "Disable"));
    }

    public Optional<Prompt> enablePrompt() {
        return selectedRow().map(r -> new Prompt("Enable account", "Enable the account of " + r.who()
                + "? They can sign in again.", "Enable"));
    }

    public Optional<Prompt> resetPasswordPrompt() {
        return selectedRow().map(r -> new Prompt("Reset password", "Give " + r.who() + " a new one-time password?"
                + " Their current password stops working.", "Reset password"));
    }

    public Optional<Prompt> unlockPrompt() {
        return selectedRow().map(r -> new Prompt("Unlock account", "Unlock the account of " + r.who()
                + " and clear its failed sign-ins?", "Unlock"));
    }

    /** Creates an account; its one-time password goes to {@link #setOnPasswordIssued}. */
    public void create(String username, String displayName, Role role) {
        if (newUser.isDisabled()) {
            return;
        }
        String name = username == null ? "" : username.strip();
        String shown = displayName == null || displayName.isBlank() ? name : displayName.strip();
        run(a -> a.create(name, shown, role), issued -> {
            UserAccount acc = issued.account();
            ok("Created " + who(acc) + " as " + acc.role().displayName() + ".");
            reloadSelecting(acc.id());
            onPasswordIssued.accept(new IssuedPassword("One-time password for " + acc.username(), acc.username(),
                    acc.displayName(), issued.oneTimePassword()));
        }, e -> error("The account was not created: " + words(e)));
    }

    public void changeRole(Role role, String reason) {
        onSelected(changeRole, r -> run(a -> a.changeRole(r.id(), role, reason),
                acc -> done("Changed the role of " + who(acc) + " from " + r.roleText() + " to "
                        + acc.role().displayName() + ".", acc),
                e -> error("The role of " + r.username() + " was not changed: " + words(e))));
    }

    public void disable(String reason) {
        onSelected(disable, r -> run(a -> a.disable(r.id(), reason), acc -> done("Disabled " + who(acc) + ".", acc),
                e -> error(r.username() + " was not disabled: " + words(e))));
    }

    public void enable(String reason) {
        onSelected(enable, r -> run(a -> a.enable(r.id(), reason), acc -> done("Enabled " + who(acc) + ".", acc),
                e -> error(r.username() + " was not enabled: " + words(e))));
    }

    /** Gives the selected account a new one-time password, handed to {@link #setOnPasswordIssued}. */
    public void resetPassword(String reason) {
        onSelected(resetPassword, r -> run(a -> a.resetPassword(r.id(), reason), issued -> {
            UserAccount acc = issued.account();
            done("Reset the password of " + who(acc) + ": they must change it at the next sign-in.", acc);
            onPasswordIssued.accept(new IssuedPassword("New one-time password for " + acc.username(),
                    acc.username(), acc.displayName(), issued.oneTimePassword()));
        }, e -> error("The password of " + r.username() + " was not reset: " + words(e))));
    }

    public void unlock(String reason) {
        onSelected(unlock, r -> run(a -> a.unlock(r.id(), reason), acc -> done("Unlocked " + who(acc) + ".", acc),
                e -> error(r.username() + " was not unlocked: " + words(e))));
    }

    /** Whether a reason is given (every changing dialog keeps its confirm button disabled until it is). */
    public static boolean reasonGiven(String reason) {
        return reason != null && !reason.isBlank();
    }

    // ------------------------------------------------------------------------------------------- internals

    private void onSelected(Command c, Consumer<UserRow> action) {
        Optional<UserRow> r = selectedRow();
        if (c.isDisabled() || r.isEmpty()) {
            return;
        }
        action.accept(r.get());
    }

    private Optional<UserRow> selectedRow() {
        return Optional.ofNullable(selected.get());
    }

    private void done(String text, UserAccount after) {
        ok(text);
        reloadSelecting(after.id());
    }

    private void reloadSelecting(UUID id) {
        run(Accounts::list, list -> {
            showAccounts(list);
            rows.stream().filter(r -> r.id().equals(id)).findFirst().ifPresent(this::select);
        }, e -> error("Could not read the accounts: " + words(e)));
    }

    private void showAccounts(List<UserAccount> list) {
        Instant now = clock.instant();
        ZoneId zone = clock.getZone();
        all = list.stream().sorted(Comparator.comparing(a -> a.username().toLowerCase(Locale.ROOT)))
                .map(a -> row(a, now, zone)).toList();
        showRows();
    }

    private void showRows() {
        List<UserRow> shown = all.stream().filter(this::matches).toList();
        UserRow sel = selected.get();
        replacingRows = true;
        try {
            rows.setAll(shown);
        } finally {
            replacingRows = false;
        }
        UserRow again = sel == null ? null
                : shown.stream().filter(r -> r.id().equals(sel.id())).findFirst().orElse(null);
        selected.set(again);
        countText.set(shown.size() == all.size() ? all.size() + (all.size() == 1 ? " account" : " accounts")
                : shown.size() + " of " + all.size() + " accounts");
        updateCommands();
    }

    private boolean matches(UserRow r) {
        return filter.isEmpty() || r.username().toLowerCase(Locale.ROOT).contains(filter)
                || r.displayName().toLowerCase(Locale.ROOT).contains(filter);
    }

    /** A table row for an account, as seen at {@code now}. */
    static UserRow row(UserAccount a, Instant now, ZoneId zone) {
        boolean disabled = a.status() == AccountStatus.DISABLED;
        boolean locked = a.isLockedAt(now);
        String badge = disabled && locked ? BADGE_DISABLED + " · " + BADGE_LOCKED
                : disabled ? BADGE_DISABLED : locked ? BADGE_LOCKED : "";
        boolean sso = a.ssoSubject() != null;
        return new UserRow(a.id(), a.username(), a.displayName(), a.role(), a.role().displayName(),
                disabled ? "Disabled" : "Active", badge,
                a.lastLoginAt() == null ? NEVER : LOCAL.format(a.lastLoginAt().atZone(zone)),
                Integer.toString(a.failedAttempts()),
                locked ? LOCAL.format(a.lockedUntil().atZone(zone)) : NONE,
                a.mustChangePassword() && !sso ? "yes" : "no",
                sso ? "single sign-on" : "password", disabled, locked, sso);
    }

    private Optional<String> whyNotAllowed() {
        Session s = session.get();
        return Permissions.whyNot(s == null ? null : s.role(), Permission.MANAGE_USERS);
    }

    private void updateCommands() {
        Command[] needSelection = {changeRole, disable, enable, resetPassword, unlock};
        if (accounts.isEmpty()) {
            newUser.disable(UNAVAILABLE);
            for (Command c : needSelection) {
                c.disable(UNAVAILABLE);
            }
            return;
        }
        Optional<String> denied = whyNotAllowed();
        if (denied.isPresent()) {
            newUser.disable(denied.get());
            for (Command c : needSelection) {
                c.disable(denied.get());
            }
            return;
        }
        if (busy.get()) {
            newUser.disable(BUSY_TOOLTIP);
            for (Command c : needSelection) {
                c.disable(BUSY_TOOLTIP);
            }
            return;
        }
        newUser.enable("Create an account with a one-time password, shown once");
        UserRow r = selected.get();
        if (r == null) {
            for (Command c : needSelection) {
                c.disable(NO_SELECTION_TOOLTIP);
            }
            return;
        }
        Session s = session.get();
        boolean self = s != null && s.userId().equals(r.id());
        changeRole.enable("Give " + r.who() + " another role (asks for a reason)");
        if (self) {
            disable.disable(OWN_ACCOUNT_TOOLTIP);
        } else if (r.disabled()) {
            disable.disable("Disabled: " + r.username() + " is already disabled");
        } else {
            disable.enable("Stop " + r.who() + " from signing in; the account is kept (asks for a reason)");
        }
        if (r.disabled()) {
            enable.enable("Let " + r.who() + " sign in again (asks for a reason)");
        } else {
            enable.disable("Disabled: " + r.username() + " is active");
        }
        if (r.sso()) {
            resetPassword.disable("Disabled: " + r.username() + " signs in with single sign-on; the identity"
                    + " provider keeps the password");
        } else {
            resetPassword.enable("Give " + r.who() + " a new one-time password, shown once (asks for a reason)");
        }
        if (r.locked() || !"0".equals(r.failedAttempts())) {
            unlock.enable("Lift the lockout of " + r.who() + " and clear the failed sign-ins (asks for a reason)");
        } else {
            unlock.disable("Disabled: " + r.username() + " is not locked out and has no failed sign-ins");
        }
    }

    private <T> void run(Function<Accounts, T> work, Consumer<T> onDone, Consumer<RuntimeException> onError) {
        Accounts a = accounts.orElseThrow();
        long gen = ++generation;
        busy.set(true);
        updateCommands();
        background.execute(() -> {
            T result;
            try {
                result = work.apply(a);
            } catch (RuntimeException e) {
                fx.execute(() -> finish(gen, () -> onError.accept(e)));
                return;
            }
            fx.execute(() -> finish(gen, () -> onDone.accept(result)));
        });
    }

    private void finish(long gen, Runnable then) {
        if (gen == generation) {
            busy.set(false);
        }
        then.run();
        updateCommands();
    }

    private void ok(String text) {
        message.set(text);
        messageError.set(false);
    }

    private void error(String text) {
        message.set(text);
        messageError.set(true);
    }

    private static String who(UserAccount a) {
        return a.displayName().equals(a.username()) ? a.username() : a.displayName() + " (" + a.username() + ")";
    }

    /** A refused or failed command in words: the services' message, which is written for the person. */
    static String words(RuntimeException e) {
        String m = e.getMessage() == null ? "" : e.getMessage().strip();
        if (e instanceof AuthException || e instanceof AccessDeniedException) {
            return m.isEmpty() ? "refused." : m;
        }
        return m.isEmpty() ? "unexpected " + e.getClass().getSimpleName() + "." : "unexpected error (" + m + ").";
    }
}

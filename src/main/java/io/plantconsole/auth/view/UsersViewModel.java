package io.plantconsole.auth.view;

import io.plantconsole.auth.model.UserAccount;
import io.plantconsole.auth.service.AuthException;
import io.plantconsole.kernel.identity.AccessDeniedException;
import io.plantconsole.kernel.identity.Permission;
import io.plantconsole.kernel.identity.Permissions;
import io.plantconsole.kernel.identity.Role;
import io.plantconsole.kernel.identity.Session;
import io.plantconsole.ui.dialog.DialogPrompt;
import io.plantconsole.ui.dialog.OneTimeSecret;
import io.plantconsole.ui.task.TaskFailure;
import io.plantconsole.ui.task.TaskLane;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
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
 * that says why ({@link UserCommands}). The services check the permission again; this view only mirrors it.
 *
 * <p>Threading: every public method runs on the FX thread. Account commands block (disk, password hashing), so they
 * run as named tasks on the screen's task lane ({@code users} in the console), one after another; the lane's busy
 * flag is this screen's. Refresh: on show and after every command; no timer.
 */
public final class UsersViewModel {
    /** What the one-time password dialog says; {@code %s} is the person's name. */
    public static final String HAND_OVER = "Give this one-time password to %s in person; it must be changed at the"
            + " first sign-in";

    /** A one-time password to show once; call {@link #wipe()} when the dialog has closed. */
    public record IssuedPassword(String title, String username, String displayName, char[] password) {
        /** The sentence under the password. */
        public String instruction() {
            return String.format(HAND_OVER, displayName);
        }

        /** The password as the dialog service shows it (same array: wiping one wipes both). */
        public OneTimeSecret secret() {
            return new OneTimeSecret(title, OneTimeSecret.SHOWN_ONCE, instruction(), password);
        }

        public void wipe() {
            java.util.Arrays.fill(password, '\0');
        }

        /** Never the password. */
        @Override
        public String toString() {
            return "IssuedPassword[" + username + "]";
        }
    }

    private final Optional<UserAccounts> accounts;
    private final Supplier<Session> session;
    private final TaskLane lane;
    private final Clock clock;
    private final ObservableList<UserRow> rows = FXCollections.observableArrayList();
    private List<UserRow> all = List.of();
    private String filter = "";
    private final ReadOnlyObjectWrapper<UserRow> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper messageError = new ReadOnlyBooleanWrapper(this, "messageError", false);
    private final ReadOnlyStringWrapper countText = new ReadOnlyStringWrapper(this, "countText", "");
    private final UserCommands commands = new UserCommands();
    private Consumer<IssuedPassword> onPasswordIssued = IssuedPassword::wipe;
    private boolean replacingRows;

    /**
     * @param accounts empty where the screen runs without the sign-in gate (then it says so and does nothing)
     * @param session  who is signed in now, or {@code null}
     * @param lane     runs the blocking account commands, one after another
     * @param clock    "now" for lockouts; its zone is the zone times are shown in
     */
    public UsersViewModel(Optional<UserAccounts> accounts, Supplier<Session> session, TaskLane lane, Clock clock) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.session = Objects.requireNonNull(session, "session");
        this.lane = Objects.requireNonNull(lane, "lane");
        this.clock = Objects.requireNonNull(clock, "clock");
        lane.busyProperty().addListener(o -> updateCommands());
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

    /** Whether an account command is queued or running (the lane's busy flag). */
    public ReadOnlyBooleanProperty busyProperty() {
        return lane.busyProperty();
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

    public UserCommand newUserCommand() {
        return commands.newUser;
    }

    public UserCommand changeRoleCommand() {
        return commands.changeRole;
    }

    public UserCommand disableCommand() {
        return commands.disable;
    }

    public UserCommand enableCommand() {
        return commands.enable;
    }

    public UserCommand resetPasswordCommand() {
        return commands.resetPassword;
    }

    public UserCommand unlockCommand() {
        return commands.unlock;
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
        run("Read the user accounts", UserAccounts::list, this::showAccounts,
                why -> error("Could not read the accounts: " + why));
    }

    // ------------------------------------------------------------------------------------------- commands

    public DialogPrompt newUserPrompt() {
        return new DialogPrompt("New user", "Create an account. Its one-time password is shown once, afterwards.",
                "Create account");
    }

    public Optional<DialogPrompt> changeRolePrompt() {
        return selectedRow().map(r -> new DialogPrompt("Change role", "Change the role of " + r.who() + " (now "
                + r.roleText() + ")", "Change role"));
    }

    public Optional<DialogPrompt> disablePrompt() {
        return selectedRow().map(r -> new DialogPrompt("Disable account", "Disable the account of " + r.who()
                + "? They can no longer sign in; the account is kept.", "Disable"));
    }

    public Optional<DialogPrompt> enablePrompt() {
        return selectedRow().map(r -> new DialogPrompt("Enable account", "Enable the account of " + r.who()
                + "? They can sign in again.", "Enable"));
    }

    public Optional<DialogPrompt> resetPasswordPrompt() {
        return selectedRow().map(r -> new DialogPrompt("Reset password", "Give " + r.who()
                + " a new one-time password? Their current password stops working.", "Reset password"));
    }

    public Optional<DialogPrompt> unlockPrompt() {
        return selectedRow().map(r -> new DialogPrompt("Unlock account", "Unlock the account of " + r.who()
                + " and clear its failed sign-ins?", "Unlock"));
    }

    /** Creates an account; its one-time password goes to {@link #setOnPasswordIssued}. */
    public void create(String username, String displayName, Role role) {
        if (commands.newUser.isDisabled()) {
            return;
        }
        String name = username == null ? "" : username.strip();
        String shown = displayName == null || displayName.isBlank() ? name : displayName.strip();
        run("Create account " + name, a -> a.create(name, shown, role), issued -> {
            UserAccount acc = issued.account();
            ok("Created " + UserRows.who(acc) + " as " + acc.role().displayName() + ".");
            reloadSelecting(acc.id());
            onPasswordIssued.accept(new IssuedPassword("One-time password for " + acc.username(), acc.username(),
                    acc.displayName(), issued.oneTimePassword()));
        }, why -> error("The account was not created: " + why));
    }

    public void changeRole(Role role, String reason) {
        onSelected(commands.changeRole, r -> run("Change the role of " + r.username() + " to " + role.displayName(),
                a -> a.changeRole(r.id(), role, reason),
                acc -> done("Changed the role of " + UserRows.who(acc) + " from " + r.roleText() + " to "
                        + acc.role().displayName() + ".", acc),
                why -> error("The role of " + r.username() + " was not changed: " + why)));
    }

    public void disable(String reason) {
        onSelected(commands.disable, r -> run("Disable account " + r.username(), a -> a.disable(r.id(), reason),
                acc -> done("Disabled " + UserRows.who(acc) + ".", acc),
                why -> error(r.username() + " was not disabled: " + why)));
    }

    public void enable(String reason) {
        onSelected(commands.enable, r -> run("Enable account " + r.username(), a -> a.enable(r.id(), reason),
                acc -> done("Enabled " + UserRows.who(acc) + ".", acc),
                why -> error(r.username() + " was not enabled: " + why)));
    }

    /** Gives the selected account a new one-time password, handed to {@link #setOnPasswordIssued}. */
    public void resetPassword(String reason) {
        onSelected(commands.resetPassword, r -> run("Reset password of " + r.username(),
                a -> a.resetPassword(r.id(), reason), issued -> {
                    UserAccount acc = issued.account();
                    done("Reset the password of " + UserRows.who(acc) + ": they must change it at the next sign-in.",
                            acc);
                    onPasswordIssued.accept(new IssuedPassword("New one-time password for " + acc.username(),
                            acc.username(), acc.displayName(), issued.oneTimePassword()));
                }, why -> error("The password of " + r.username() + " was not reset: " + why)));
    }

    public void unlock(String reason) {
        onSelected(commands.unlock, r -> run("Unlock account " + r.username(), a -> a.unlock(r.id(), reason),
                acc -> done("Unlocked " + UserRows.who(acc) + ".", acc),
                why -> error(r.username() + " was not unlocked: " + why)));
    }

    /** Whether a reason is given (every changing dialog keeps its confirm button disabled until it is). */
    public static boolean reasonGiven(String reason) {
        return DialogPrompt.reasonGiven(reason);
    }

    // ------------------------------------------------------------------------------------------- internals

    private void onSelected(UserCommand c, Consumer<UserRow> action) {
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
        run("Read the user accounts", UserAccounts::list, list -> {
            showAccounts(list);
            rows.stream().filter(r -> r.id().equals(id)).findFirst().ifPresent(this::select);
        }, why -> error("Could not read the accounts: " + why));
    }

    private void showAccounts(List<UserAccount> list) {
        all = UserRows.of(list, clock.instant(), clock.getZone());
        showRows();
    }

    private void showRows() {
        List<UserRow> shown = all.stream().filter(r -> UserRows.matches(r, filter)).toList();
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
        countText.set(UserRows.count(shown.size(), all.size()));
        updateCommands();
    }

    private Optional<String> whyNotAllowed() {
        Session s = session.get();
        return Permissions.whyNot(s == null ? null : s.role(), Permission.MANAGE_USERS);
    }

    private void updateCommands() {
        commands.update(accounts.isPresent(), accounts.isPresent() ? whyNotAllowed() : Optional.empty(),
                lane.isBusy(), selected.get(), session.get());
    }

    /** Runs {@code work} as a task named {@code name}; then {@code onDone}, or {@code onError} with why in words. */
    private <T> void run(String name, Function<UserAccounts, T> work, Consumer<T> onDone, Consumer<String> onError) {
        UserAccounts a = accounts.orElseThrow();
        lane.submit(name, p -> work.apply(a), result -> {
            onDone.accept(result);
            updateCommands();
        }, failure -> {
            onError.accept(words(failure));
            updateCommands();
        });
    }

    private void ok(String text) {
        message.set(text);
        messageError.set(false);
    }

    private void error(String text) {
        message.set(text);
        messageError.set(true);
    }

    /** A refused, failed or cancelled command in words: the services' message, which is written for the person. */
    static String words(TaskFailure f) {
        if (f.cancelled()) {
            return "cancelled" + ("cancelled".equals(f.words()) ? "." : ": " + f.words() + ".");
        }
        Throwable e = f.cause();
        String m = e.getMessage() == null ? "" : e.getMessage().strip();
        if (e instanceof AuthException || e instanceof AccessDeniedException) {
            return m.isEmpty() ? "refused." : m;
        }
        return m.isEmpty() ? "unexpected " + e.getClass().getSimpleName() + "." : "unexpected error (" + m + ").";
    }
}

package io.plantconsole.auth.view;

import io.plantconsole.kernel.identity.Session;
import java.util.List;
import java.util.Optional;

/**
 * The Users screen's six account commands and the rule that enables them: available at all, the signed-in role may
 * manage users, no command running, an account selected, and what that account allows (not one's own account to
 * disable, not a single sign-on account's password to reset, and so on). Every disabled command says why.
 */
public final class UserCommands {
    public static final String UNAVAILABLE = "Account management is not available in this view";
    public static final String NO_SELECTION_TOOLTIP = "Disabled: select an account in the table first";
    public static final String BUSY_TOOLTIP = "Disabled: wait for the previous account command to finish";
    public static final String OWN_ACCOUNT_TOOLTIP = "You cannot disable your own account";

    final UserCommand newUser = new UserCommand("newUser");
    final UserCommand changeRole = new UserCommand("changeRole");
    final UserCommand disable = new UserCommand("disable");
    final UserCommand enable = new UserCommand("enable");
    final UserCommand resetPassword = new UserCommand("resetPassword");
    final UserCommand unlock = new UserCommand("unlock");
    private final List<UserCommand> needSelection = List.of(changeRole, disable, enable, resetPassword, unlock);

    /**
     * Recomputes every command.
     *
     * @param available whether account management exists in this view
     * @param denied    why the signed-in role may not manage users; empty when it may
     * @param busy      whether an account command is queued or running
     * @param r         the selected row, or null
     * @param s         who is signed in, or null
     */
    void update(boolean available, Optional<String> denied, boolean busy, UserRow r, Session s) {
        String blocked = !available ? UNAVAILABLE : denied.isPresent() ? denied.get() : busy ? BUSY_TOOLTIP : null;
        if (blocked != null) {
            newUser.disable(blocked);
            needSelection.forEach(c -> c.disable(blocked));
            return;
        }
        newUser.enable("Create an account with a one-time password, shown once");
        if (r == null) {
            needSelection.forEach(c -> c.disable(NO_SELECTION_TOOLTIP));
            return;
        }
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
}

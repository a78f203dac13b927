package io.plantconsole.auth.view;

import io.plantconsole.kernel.identity.Role;
import java.util.UUID;

/** One line of the Users table, every cell already in words ({@link UserRows} makes them). */
public record UserRow(UUID id, String username, String displayName, Role role, String roleText, String status,
        String badge, String lastSignIn, String failedAttempts, String lockedUntil, String mustChangePassword,
        String signInMethod, boolean disabled, boolean locked, boolean sso) {

    /** How the row is named in dialogs and messages: {@code Olivia Operator (olivia)}. */
    public String who() {
        return displayName.equals(username) ? username : displayName + " (" + username + ")";
    }
}

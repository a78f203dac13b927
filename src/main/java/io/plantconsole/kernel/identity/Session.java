package io.plantconsole.kernel.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Someone signed in at this console.
 *
 * @param userId      the account
 * @param username    sign-in name
 * @param displayName shown name
 * @param role        the role the session acts in
 * @param method      how they signed in
 * @param startedAt   when
 */
public record Session(UUID userId, String username, String displayName, Role role, Method method, Instant startedAt) {

    public enum Method { PASSWORD, SINGLE_SIGN_ON }

    public Session {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(startedAt, "startedAt");
    }

    public boolean may(Permission permission) {
        return Permissions.allows(role, permission);
    }
}

package io.plantconsole.auth.model;

import io.plantconsole.kernel.identity.Role;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A person's account at this console.
 *
 * @param id                 UUIDv7, never reused
 * @param username           sign-in name, unique ignoring case
 * @param displayName        the name shown and printed with signatures
 * @param role               what they may do
 * @param status             active or disabled
 * @param passwordHash       Argon2id PHC string; {@code null} for single sign-on accounts
 * @param mustChangePassword a one-time or reset password: must be changed at the next sign-in
 * @param failedAttempts     failed sign-ins since the last success
 * @param lockedUntil        no sign-in before this time; {@code null} when not locked
 * @param lastLoginAt        last successful sign-in, or {@code null}
 * @param lastFailedAt       last failed sign-in, or {@code null}
 * @param ssoSubject         {@code issuer|sub} of the identity provider account, or {@code null}
 * @param createdAt          when the account was made
 * @param version            bumped on every change (sync conflict detection)
 */
public record UserAccount(UUID id, String username, String displayName, Role role, AccountStatus status,
        String passwordHash, boolean mustChangePassword, int failedAttempts, Instant lockedUntil, Instant lastLoginAt,
        Instant lastFailedAt, String ssoSubject, Instant createdAt, long version) {

    public UserAccount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean isLockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    /** This account without the password hash, for views and the centre. */
    @Override
    public String toString() {
        return "UserAccount[" + username + ", " + role + ", " + status + "]";
    }
}

package io.plantconsole.auth.view;

import io.plantconsole.auth.model.AccountStatus;
import io.plantconsole.auth.model.UserAccount;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The Users table's rows in words: status, badges, times in the console's zone, sign-in method. Plain Java. */
public final class UserRows {
    /** Shown where a figure does not apply (not locked). */
    public static final String NONE = "—";
    public static final String NEVER = "Never";
    public static final String BADGE_DISABLED = "DISABLED";
    public static final String BADGE_LOCKED = "LOCKED";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private UserRows() {
    }

    /** The rows of {@code accounts}, by user name ignoring case, as seen at {@code now}. */
    static List<UserRow> of(List<UserAccount> accounts, Instant now, ZoneId zone) {
        return accounts.stream().sorted(Comparator.comparing(a -> a.username().toLowerCase(Locale.ROOT)))
                .map(a -> row(a, now, zone)).toList();
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

    /** Whether {@code r}'s user name or display name contains {@code filter} (lower case; empty: every row). */
    static boolean matches(UserRow r, String filter) {
        return filter.isEmpty() || r.username().toLowerCase(Locale.ROOT).contains(filter)
                || r.displayName().toLowerCase(Locale.ROOT).contains(filter);
    }

    /** {@code 4 accounts}, {@code 1 account}, {@code 1 of 4 accounts}. */
    static String count(int shown, int all) {
        return shown == all ? all + (all == 1 ? " account" : " accounts") : shown + " of " + all + " accounts";
    }

    /** How an account is named in messages: {@code Olivia Operator (olivia)}. */
    static String who(UserAccount a) {
        return a.displayName().equals(a.username()) ? a.username() : a.displayName() + " (" + a.username() + ")";
    }
}

package io.plantconsole.infra.db;

import io.plantconsole.auth.model.AccountStatus;
import io.plantconsole.kernel.identity.Role;
import io.plantconsole.auth.model.UserAccount;
import io.plantconsole.auth.service.UserStore;
import io.plantconsole.kernel.tx.LocalStoreException;
import io.plantconsole.kernel.tx.LocalTransactions.LocalTx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Accounts in the local store's {@code user_account} table. Runs inside the caller's transaction. */
public final class SqliteUserStore implements UserStore {
    private static final String COLUMNS = "id, username, display_name, role, status, password_hash,"
            + " must_change_password, failed_attempts, locked_until, last_login_at, last_failed_at, sso_subject,"
            + " created_at, version";

    @Override
    public Optional<UserAccount> byUsername(LocalTx tx, String username) {
        return one(tx, "username = ?", username);
    }

    @Override
    public Optional<UserAccount> byId(LocalTx tx, UUID id) {
        return one(tx, "id = ?", id.toString());
    }

    @Override
    public Optional<UserAccount> bySsoSubject(LocalTx tx, String ssoSubject) {
        return one(tx, "sso_subject = ?", ssoSubject);
    }

    @Override
    public List<UserAccount> all(LocalTx tx) {
        return query(tx, "SELECT " + COLUMNS + " FROM user_account ORDER BY username COLLATE NOCASE", null);
    }

    @Override
    public void insert(LocalTx tx, UserAccount a) {
        tx.update("INSERT INTO user_account (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                a.id().toString(), a.username(), a.displayName(), a.role().name(), a.status().name(), a.passwordHash(),
                a.mustChangePassword() ? 1 : 0, a.failedAttempts(), millis(a.lockedUntil()), millis(a.lastLoginAt()),
                millis(a.lastFailedAt()), a.ssoSubject(), a.createdAt().toEpochMilli(), a.version());
    }

    @Override
    public void update(LocalTx tx, UserAccount a) {
        int n = tx.update("UPDATE user_account SET display_name = ?, role = ?, status = ?, password_hash = ?,"
                + " must_change_password = ?, failed_attempts = ?, locked_until = ?, last_login_at = ?,"
                + " last_failed_at = ?, sso_subject = ?, version = ? WHERE id = ?",
                a.displayName(), a.role().name(), a.status().name(), a.passwordHash(), a.mustChangePassword() ? 1 : 0,
                a.failedAttempts(), millis(a.lockedUntil()), millis(a.lastLoginAt()), millis(a.lastFailedAt()),
                a.ssoSubject(), a.version(), a.id().toString());
        if (n != 1) {
            throw new IllegalStateException("no account " + a.id());
        }
    }

    private Optional<UserAccount> one(LocalTx tx, String where, String value) {
        return query(tx, "SELECT " + COLUMNS + " FROM user_account WHERE " + where, value).stream().findFirst();
    }

    private static List<UserAccount> query(LocalTx tx, String sql, String param) {
        Connection c = tx.unwrap(Connection.class);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (param != null) {
                ps.setString(1, param);
            }
            List<UserAccount> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new UserAccount(UUID.fromString(rs.getString(1)), rs.getString(2), rs.getString(3),
                            Role.valueOf(rs.getString(4)), AccountStatus.valueOf(rs.getString(5)), rs.getString(6),
                            rs.getInt(7) != 0, rs.getInt(8), instant(rs, 9), instant(rs, 10), instant(rs, 11),
                            rs.getString(12), Instant.ofEpochMilli(rs.getLong(13)), rs.getLong(14)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new LocalStoreException(null, "Reading accounts failed: " + e.getMessage(), e);
        }
    }

    private static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}

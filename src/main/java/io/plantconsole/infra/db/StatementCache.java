package io.plantconsole.infra.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prepared statements of one connection, kept per SQL text; beyond {@code capacity} the least recently used one is
 * closed. Not thread-safe: the {@link LocalStore} uses it under its lock.
 */
final class StatementCache {
    private final Map<String, PreparedStatement> statements;

    StatementCache(int capacity) {
        statements = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
                if (size() > capacity) {
                    closeQuietly(eldest.getValue());
                    return true;
                }
                return false;
            }
        };
    }

    /** The cached statement for {@code sql} on {@code c}, prepared on first use, its parameters cleared. */
    PreparedStatement statement(Connection c, String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = c.prepareStatement(sql);
            statements.put(sql, ps);
        } else {
            ps.clearParameters();
        }
        return ps;
    }

    /** Drops a statement that failed, so a broken one is never reused. */
    void forget(String sql) {
        closeQuietly(statements.remove(sql));
    }

    /** Closes every statement. */
    void closeAll() {
        statements.values().forEach(StatementCache::closeQuietly);
        statements.clear();
    }

    static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // already failing, or closing anyway; the first error is the one to report
            }
        }
    }
}

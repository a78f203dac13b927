package io.plantconsole.infra.db;

import io.plantconsole.kernel.audit.AuditEvent;
import io.plantconsole.audit.model.AuditQuery;
import io.plantconsole.audit.service.AuditStore;
import io.plantconsole.infra.json.StringMaps;
import io.plantconsole.kernel.util.CanonicalJson;
import io.plantconsole.kernel.tx.LocalStoreException;
import io.plantconsole.kernel.tx.LocalTransactions;
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

/** The audit chain in the local store's {@code audit_event} table. Background threads only. */
public final class SqliteAuditStore implements AuditStore {
    private static final String COLUMNS = "seq, id, console_id, occurred_at, user_id, role, action, resource_type,"
            + " resource_id, old_value, new_value, reason, workstation, ip_hash, prev_hash, hash";

    private final LocalTransactions store;

    public SqliteAuditStore(LocalTransactions store) {
        this.store = store;
    }

    @Override
    public Optional<AuditEvent> head(LocalTx tx, String consoleId) {
        List<AuditEvent> last = query(tx.unwrap(Connection.class),
                "SELECT " + COLUMNS + " FROM audit_event WHERE console_id = ? ORDER BY seq DESC LIMIT 1",
                List.of(consoleId));
        return last.stream().findFirst();
    }

    @Override
    public void append(LocalTx tx, AuditEvent e) {
        tx.update("INSERT INTO audit_event (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.seq(), e.id().toString(), e.consoleId(), e.occurredAtText(), e.userId(), e.role(), e.action(),
                e.resourceType(), e.resourceId(), json(e.oldValue()), json(e.newValue()), e.reason(), e.workstation(),
                e.ipHash(), e.prevHash(), e.hash());
    }

    /**
     * Whether this store's trail records the demo's set-up (its accounts made with the reason "demo user"): a store
     * written by the demo. Blocks on disk.
     */
    public boolean recordsDemoSetUp() {
        return store.inTransaction(tx -> {
            try (java.sql.PreparedStatement ps = tx.unwrap(java.sql.Connection.class).prepareStatement(
                    "SELECT 1 FROM audit_event WHERE reason = 'demo user' AND user_id IS NULL LIMIT 1");
                    java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next();
            } catch (java.sql.SQLException e) {
                throw new io.plantconsole.kernel.tx.LocalStoreException(null,
                        "Reading the audit trail failed: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public List<AuditEvent> chain(String consoleId) {
        return store.inTransaction(tx -> query(tx.unwrap(Connection.class),
                "SELECT " + COLUMNS + " FROM audit_event WHERE console_id = ? ORDER BY seq", List.of(consoleId)));
    }

    @Override
    public List<AuditEvent> find(AuditQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_event WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (q.from() != null) {
            sql.append(" AND occurred_at >= ?");
            params.add(AuditEvent.formatTime(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND occurred_at < ?");
            params.add(AuditEvent.formatTime(q.to()));
        }
        if (q.userId() != null) {
            sql.append(" AND user_id = ?");
            params.add(q.userId());
        }
        if (q.action() != null) {
            sql.append(" AND action = ?");
            params.add(q.action().name());
        }
        if (q.resourceType() != null) {
            sql.append(" AND resource_type = ?");
            params.add(q.resourceType());
        }
        if (q.resourceId() != null) {
            sql.append(" AND resource_id = ?");
            params.add(q.resourceId());
        }
        sql.append(" ORDER BY seq DESC LIMIT ?");
        params.add(q.limit());
        return store.inTransaction(tx -> query(tx.unwrap(Connection.class), sql.toString(), params));
    }

    private static String json(java.util.Map<String, String> value) {
        return value == null ? null : CanonicalJson.object(value);
    }

    private static List<AuditEvent> query(Connection c, String sql, List<?> params) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            List<AuditEvent> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new LocalStoreException(null, "Reading the audit trail failed: " + e.getMessage(), e);
        }
    }

    private static AuditEvent read(ResultSet rs) throws SQLException {
        return new AuditEvent(UUID.fromString(rs.getString("id")), rs.getString("console_id"), rs.getLong("seq"),
                Instant.parse(rs.getString("occurred_at")), rs.getString("user_id"), rs.getString("role"),
                rs.getString("action"), rs.getString("resource_type"), rs.getString("resource_id"),
                StringMaps.parse(rs.getString("old_value")), StringMaps.parse(rs.getString("new_value")),
                rs.getString("reason"), rs.getString("workstation"), rs.getString("ip_hash"),
                rs.getString("prev_hash"), rs.getString("hash"));
    }

}

package io.plantconsole.infra.postgres;

import io.plantconsole.kernel.audit.AuditEvent;
import io.plantconsole.audit.service.CentralAuditChain;
import io.plantconsole.infra.json.StringMaps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads a console's audit chain from the central {@code audit_event} table. Background threads only. */
public final class PostgresAuditChain implements CentralAuditChain {
    private final CentralDatabase database;

    public PostgresAuditChain(CentralDatabase database) {
        this.database = database;
    }

    @Override
    public List<AuditEvent> chain(String consoleId) {
        String sql = "SELECT id, console_id, seq, occurred_at, user_id, role, action, resource_type, resource_id,"
                + " old_value::text, new_value::text, reason, workstation, ip_hash, prev_hash, hash"
                + " FROM audit_event WHERE console_id = ? ORDER BY seq";
        try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, consoleId);
            ps.setFetchSize(1000);
            List<AuditEvent> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AuditEvent(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3),
                            rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5), rs.getString(6),
                            rs.getString(7), rs.getString(8), rs.getString(9), StringMaps.parse(rs.getString(10)),
                            StringMaps.parse(rs.getString(11)), rs.getString(12), rs.getString(13),
                            rs.getString(14), rs.getString(15), rs.getString(16)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw database.failure(e);
        }
    }
}

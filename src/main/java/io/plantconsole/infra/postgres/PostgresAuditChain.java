package io.plantconsole.infra.postgres;

import io.plantconsole.audit.model.CentralAuditCopy;
import io.plantconsole.audit.model.CentralAuditCopy.Flag;
import io.plantconsole.audit.model.CentralAuditCopy.Registration;
import io.plantconsole.audit.service.CentralAuditChain;
import io.plantconsole.infra.json.StringMaps;
import io.plantconsole.kernel.audit.AuditEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads a console's audit chain from the central {@code audit_event} table, with the registry ({@code audit_console})
 * and the open flags ({@code audit_console_flag}) of the chain and of the console's client id (ADR 0018). Background
 * threads only.
 */
public final class PostgresAuditChain implements CentralAuditChain {
    private static final String EVENT_COLUMNS = "id, console_id, seq, occurred_at, user_id, role, action,"
            + " resource_type, resource_id, old_value::text, new_value::text, reason, workstation, ip_hash, prev_hash,"
            + " hash";

    private final CentralDatabase database;
    private final String origin;

    /**
     * @param origin the client id this console syncs as (its sink's origin), which names it in the centre's registry
     *               also after its local store was lost; {@code null} looks the registry up by chain id only
     */
    public PostgresAuditChain(CentralDatabase database, String origin) {
        this.database = database;
        this.origin = origin;
    }

    /** Without a client id: the registry is looked up by chain id only (tools, tests). */
    public PostgresAuditChain(CentralDatabase database) {
        this(database, null);
    }

    @Override
    public List<AuditEvent> chain(String consoleId) {
        try (Connection c = database.connection()) {
            return events(c, consoleId, false, null);
        } catch (SQLException e) {
            throw database.failure(e);
        }
    }

    @Override
    public CentralAuditCopy copy(String consoleId) {
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try {
                // one snapshot for the events, the registry and the flags
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                boolean registry = registryExists(c);
                Map<Long, Instant> received = new HashMap<>();
                List<AuditEvent> events = events(c, consoleId, registry, received);
                List<Registration> registrations = registry ? registrations(c, consoleId) : List.of();
                List<Flag> flags = registry ? flags(c, consoleId) : List.of();
                return new CentralAuditCopy(origin, events, received, registrations, flags, registry);
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setAutoCommit(true);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
        } catch (SQLException e) {
            throw database.failure(e);
        }
    }

    /** Whether the centre's schema has the registry of V10 (an older one, migrated by nobody yet, has not). */
    private static boolean registryExists(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass('audit_console') IS NOT NULL");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static List<AuditEvent> events(Connection c, String consoleId, boolean withReceived,
            Map<Long, Instant> received) throws SQLException {
        String sql = "SELECT " + EVENT_COLUMNS + (withReceived ? ", received_at" : "")
                + " FROM audit_event WHERE console_id = ? ORDER BY seq";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, consoleId);
            ps.setFetchSize(1000);
            List<AuditEvent> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    AuditEvent e = new AuditEvent(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3),
                            rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5), rs.getString(6),
                            rs.getString(7), rs.getString(8), rs.getString(9), StringMaps.parse(rs.getString(10)),
                            StringMaps.parse(rs.getString(11)), rs.getString(12), rs.getString(13),
                            rs.getString(14), rs.getString(15), rs.getString(16));
                    out.add(e);
                    if (withReceived) {
                        Instant at = instant(rs, 17);
                        if (at != null) {
                            received.putIfAbsent(e.seq(), at);
                        }
                    }
                }
            }
            return out;
        }
    }

    private List<Registration> registrations(Connection c, String consoleId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT console_id, origin, workstation, chain_start,"
                + " first_seen, last_seen, head_seq, head_hash, retired_at, retired_by, retire_reason"
                + " FROM audit_console WHERE console_id = ? OR origin = ? ORDER BY first_seen, console_id")) {
            ps.setString(1, consoleId);
            ps.setString(2, origin);
            List<Registration> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Registration(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4),
                            instant(rs, 5), instant(rs, 6), rs.getLong(7), rs.getString(8), instant(rs, 9),
                            rs.getString(10), rs.getString(11)));
                }
            }
            return out;
        }
    }

    private List<Flag> flags(Connection c, String consoleId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT origin, console_id, kind, seq, event_id, detail,"
                + " first_raised, last_raised, attempts FROM audit_console_flag"
                + " WHERE resolved_at IS NULL AND (console_id = ? OR origin = ?) ORDER BY first_raised, id")) {
            ps.setString(1, consoleId);
            ps.setString(2, origin);
            List<Flag> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Flag(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getObject(5, UUID.class), rs.getString(6), instant(rs, 7), instant(rs, 8),
                            rs.getLong(9)));
                }
            }
            return out;
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}

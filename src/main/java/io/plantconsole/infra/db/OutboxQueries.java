package io.plantconsole.infra.db;

import io.plantconsole.kernel.tx.LocalTransactions.LocalTx;
import io.plantconsole.sync.model.OutboxEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The SQL of the {@code outbox} table ({@code db/local}). The {@link LocalStore} runs these under its lock, reads on
 * its connection and writes inside its transactions; they never open, commit or lock anything themselves.
 */
final class OutboxQueries {
    /** Most ids per DELETE statement (SQLite's default limit of host parameters is far higher). */
    static final int DELETE_CHUNK = 500;

    static final String INSERT = "INSERT INTO outbox (id, record_type, record_id, base_version, record_version,"
            + " payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String COLUMNS = "seq, id, record_type, record_id, base_version, record_version, payload,"
            + " created_at";

    private OutboxQueries() {
    }

    /** Up to {@code max} oldest entries committed after {@code afterSeq}, in {@code seq} order. */
    static List<OutboxEntry> pending(Connection c, long afterSeq, int max) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox WHERE seq > ?"
                + " ORDER BY seq LIMIT ?")) {
            ps.setLong(1, afterSeq);
            ps.setInt(2, max);
            return entries(ps);
        }
    }

    /** The entries of one record, in {@code seq} order (a scan: used only to resolve conflicts). */
    static List<OutboxEntry> ofRecord(Connection c, String recordType, UUID recordId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox WHERE record_type = ?"
                + " AND record_id = ? ORDER BY seq")) {
            ps.setString(1, recordType);
            ps.setString(2, recordId.toString());
            return entries(ps);
        }
    }

    private static List<OutboxEntry> entries(PreparedStatement ps) throws SQLException {
        List<OutboxEntry> entries = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                entries.add(new OutboxEntry(rs.getLong(1), UUID.fromString(rs.getString(2)), rs.getString(3),
                        UUID.fromString(rs.getString(4)), rs.getLong(5), rs.getLong(6), rs.getString(7),
                        rs.getLong(8)));
            }
        }
        return entries;
    }

    static long count(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM outbox")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static OptionalLong oldestMillis(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT created_at FROM outbox ORDER BY seq LIMIT 1")) {
            return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
        }
    }

    /** Deletes the entries with these ids in {@code tx}, in statements of at most {@link #DELETE_CHUNK} ids. */
    static void delete(LocalTx tx, List<UUID> ids) {
        for (int from = 0; from < ids.size(); from += DELETE_CHUNK) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + DELETE_CHUNK));
            String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
            tx.update("DELETE FROM outbox WHERE id IN (" + marks + ")", chunk.toArray());
        }
    }

    /** Deletes one entry in {@code tx}; whether it was there. */
    static boolean delete(LocalTx tx, UUID id) {
        return tx.update("DELETE FROM outbox WHERE id = ?", id) > 0;
    }
}

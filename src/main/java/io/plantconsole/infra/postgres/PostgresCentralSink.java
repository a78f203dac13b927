package io.plantconsole.infra.postgres;

import io.plantconsole.sync.model.OutboxEntry;
import io.plantconsole.sync.model.SyncOutcome;
import io.plantconsole.sync.service.CentralSink;
import io.plantconsole.sync.service.CentralSyncException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Writes outbox batches into {@code synced_record}, one transaction per batch, idempotently:
 * <ul>
 *   <li>an entry whose id is in {@code applied_outbox} was applied before: {@code ALREADY_APPLIED};</li>
 *   <li>a record the centre lacks, or holds at a lower version: inserted or updated, {@code APPLIED};</li>
 *   <li>the same or a lower version than the centre's, written by another entry: {@code CONFLICT} with the
 *       centre's version, nothing changed.</li>
 * </ul>
 * Rows of a batch go in as arrays through {@code unnest}: one {@code INSERT … ON CONFLICT} per table and batch.
 * The record rows of a batch are locked ({@code FOR UPDATE}) so two consoles cannot overwrite each other.
 */
public final class PostgresCentralSink implements CentralSink {

    private static final String SELECT_APPLIED =
            "SELECT outbox_id FROM applied_outbox WHERE outbox_id = ANY (?::uuid[])";
    private static final String SELECT_CURRENT =
            "SELECT r.record_type, r.record_id, r.version FROM synced_record r"
            + " JOIN unnest(?::text[], ?::uuid[]) AS k(record_type, record_id)"
            + " ON r.record_type = k.record_type AND r.record_id = k.record_id"
            + " ORDER BY r.record_type, r.record_id FOR UPDATE OF r";
    private static final String UPSERT_RECORDS =
            "INSERT INTO synced_record (record_type, record_id, version, payload, origin, outbox_id)"
            + " SELECT t, i, v, p::jsonb, ?, o FROM unnest(?::text[], ?::uuid[], ?::bigint[], ?::text[], ?::uuid[])"
            + " AS u(t, i, v, p, o)"
            + " ON CONFLICT (record_type, record_id) DO UPDATE SET version = excluded.version,"
            + " payload = excluded.payload, origin = excluded.origin, outbox_id = excluded.outbox_id, synced_at = now()"
            + " WHERE synced_record.version < excluded.version";
    private static final String INSERT_APPLIED =
            "INSERT INTO applied_outbox (outbox_id, record_type, record_id, version, origin)"
            + " SELECT o, t, i, v, ? FROM unnest(?::uuid[], ?::text[], ?::uuid[], ?::bigint[]) AS u(o, t, i, v)"
            + " ON CONFLICT (outbox_id) DO NOTHING";

    private final CentralDatabase database;
    private final String origin;

    /**
     * @param origin names this console in {@code synced_record.origin}
     */
    public PostgresCentralSink(CentralDatabase database, String origin) {
        this.database = Objects.requireNonNull(database, "database");
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    private record Key(String type, UUID id) {
    }

    @Override
    public List<SyncOutcome> apply(List<OutboxEntry> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        Connection c;
        try {
            c = database.dataSource().getConnection();
        } catch (SQLException e) {
            throw translate(e);
        }
        try (c) {
            c.setAutoCommit(false);
            try {
                List<SyncOutcome> outcomes = applyIn(c, batch);
                c.commit();
                return outcomes;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    private List<SyncOutcome> applyIn(Connection c, List<OutboxEntry> batch) throws SQLException {
        Set<UUID> applied = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_APPLIED)) {
            ps.setArray(1, c.createArrayOf("uuid", batch.stream().map(OutboxEntry::id).toArray(UUID[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    applied.add(rs.getObject(1, UUID.class));
                }
            }
        }

        Map<Key, Long> current = new HashMap<>();
        LinkedHashMap<Key, OutboxEntry> keys = new LinkedHashMap<>();
        for (OutboxEntry e : batch) {
            if (!applied.contains(e.id())) {
                keys.putIfAbsent(new Key(e.recordType(), e.recordId()), e);
            }
        }
        if (!keys.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(SELECT_CURRENT)) {
                ps.setArray(1, c.createArrayOf("text", keys.keySet().stream().map(Key::type).toArray(String[]::new)));
                ps.setArray(2, c.createArrayOf("uuid", keys.keySet().stream().map(Key::id).toArray(UUID[]::new)));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        current.put(new Key(rs.getString(1), rs.getObject(2, UUID.class)), rs.getLong(3));
                    }
                }
            }
        }

        List<SyncOutcome> outcomes = new ArrayList<>(batch.size());
        Map<Key, OutboxEntry> latest = new LinkedHashMap<>();
        List<OutboxEntry> newlyApplied = new ArrayList<>();
        for (OutboxEntry e : batch) {
            if (applied.contains(e.id())) {
                outcomes.add(SyncOutcome.alreadyApplied(e));
                continue;
            }
            Key k = new Key(e.recordType(), e.recordId());
            Long version = current.get(k);
            if (version == null || e.recordVersion() > version) {
                current.put(k, e.recordVersion());
                latest.put(k, e);
                newlyApplied.add(e);
                outcomes.add(SyncOutcome.applied(e));
            } else {
                outcomes.add(SyncOutcome.conflict(e, version));
            }
        }

        if (!latest.isEmpty()) {
            List<OutboxEntry> rows = new ArrayList<>(latest.values());
            try (PreparedStatement ps = c.prepareStatement(UPSERT_RECORDS)) {
                ps.setString(1, origin);
                ps.setArray(2, texts(c, rows, OutboxEntry::recordType));
                ps.setArray(3, c.createArrayOf("uuid", rows.stream().map(OutboxEntry::recordId).toArray(UUID[]::new)));
                ps.setArray(4, c.createArrayOf("int8", rows.stream().map(OutboxEntry::recordVersion).toArray(Long[]::new)));
                ps.setArray(5, texts(c, rows, OutboxEntry::payloadJson));
                ps.setArray(6, c.createArrayOf("uuid", rows.stream().map(OutboxEntry::id).toArray(UUID[]::new)));
                int changed = ps.executeUpdate();
                if (changed != rows.size()) {
                    // another console wrote one of these records between our read and our write (a new record,
                    // which FOR UPDATE could not lock): roll back; the retry reports the conflict
                    throw new SQLException("concurrent write to " + (rows.size() - changed)
                            + " record(s) of this batch; retrying", "40001");
                }
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT_APPLIED)) {
                ps.setString(1, origin);
                ps.setArray(2, c.createArrayOf("uuid", newlyApplied.stream().map(OutboxEntry::id).toArray(UUID[]::new)));
                ps.setArray(3, texts(c, newlyApplied, OutboxEntry::recordType));
                ps.setArray(4, c.createArrayOf("uuid",
                        newlyApplied.stream().map(OutboxEntry::recordId).toArray(UUID[]::new)));
                ps.setArray(5, c.createArrayOf("int8",
                        newlyApplied.stream().map(OutboxEntry::recordVersion).toArray(Long[]::new)));
                ps.executeUpdate();
            }
        }
        return outcomes;
    }

    private static Array texts(Connection c, List<OutboxEntry> rows, java.util.function.Function<OutboxEntry, String> f)
            throws SQLException {
        return c.createArrayOf("text", rows.stream().map(f).toArray(String[]::new));
    }

    private CentralSyncException translate(Throwable e) {
        CentralErrors.Category cat = CentralErrors.classify(e);
        String msg = CentralErrors.describe(e, database.settings().url(), database.settings().user());
        return new CentralSyncException(cat == CentralErrors.Category.UNREACHABLE
                ? CentralSyncException.Kind.OFFLINE : CentralSyncException.Kind.ERROR, msg, e);
    }

    private static void rollbackQuietly(Connection c, Throwable failure) {
        try {
            c.rollback();
        } catch (SQLException r) {
            failure.addSuppressed(r);
        }
    }
}

package io.plantconsole.infra.postgres;

import io.plantconsole.sync.model.CentralRecord;
import io.plantconsole.sync.service.CentralRecords;
import io.plantconsole.sync.service.CentralSyncException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads {@code synced_record} rows. Blocks on the network: background threads only. Errors come as
 * {@link CentralSyncException} with the cause in words ({@code OFFLINE} when the centre cannot be reached).
 */
public final class PostgresCentralRecords implements CentralRecords {
    private static final String SELECT = "SELECT version, payload::text, origin, synced_at FROM synced_record"
            + " WHERE record_type = ? AND record_id = ?";

    private final CentralDatabase database;

    public PostgresCentralRecords(CentralDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public Optional<CentralRecord> current(String recordType, UUID recordId) {
        Objects.requireNonNull(recordType, "recordType");
        Objects.requireNonNull(recordId, "recordId");
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setString(1, recordType);
            ps.setObject(2, recordId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new CentralRecord(recordType, recordId, rs.getLong(1), rs.getString(2),
                        rs.getString(3), rs.getObject(4, OffsetDateTime.class).toInstant()));
            }
        } catch (SQLException e) {
            CentralErrors.Category cat = CentralErrors.classify(e);
            String msg = CentralErrors.describe(e, database.settings().url(), database.settings().user());
            throw new CentralSyncException(cat == CentralErrors.Category.UNREACHABLE
                    ? CentralSyncException.Kind.OFFLINE : CentralSyncException.Kind.ERROR, msg, e);
        }
    }
}

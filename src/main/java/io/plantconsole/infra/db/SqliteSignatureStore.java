package io.plantconsole.infra.db;

import io.plantconsole.auth.model.ElectronicSignature;
import io.plantconsole.kernel.identity.Role;
import io.plantconsole.auth.model.SignatureMeaning;
import io.plantconsole.auth.service.SignatureStore;
import io.plantconsole.kernel.tx.LocalStoreException;
import io.plantconsole.kernel.tx.LocalTransactions.LocalTx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Signatures in the local store's {@code e_signature} table. Runs inside the caller's transaction. */
public final class SqliteSignatureStore implements SignatureStore {

    @Override
    public void insert(LocalTx tx, ElectronicSignature s) {
        tx.update("INSERT INTO e_signature (id, user_id, user_name, role, meaning, resource_type, resource_id,"
                + " record_hash, signed_at, signature_hash, audit_event) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s.id().toString(), s.userId().toString(), s.userName(), s.role().name(), s.meaning().name(),
                s.resourceType(), s.resourceId(), s.recordHash(), s.signedAt().toString(), s.signatureHash(),
                s.auditEventId().toString());
    }

    @Override
    public List<ElectronicSignature> forRecord(LocalTx tx, String resourceType, String resourceId) {
        Connection c = tx.unwrap(Connection.class);
        try (PreparedStatement ps = c.prepareStatement("SELECT id, user_id, user_name, role, meaning, resource_type,"
                + " resource_id, record_hash, signed_at, signature_hash, audit_event FROM e_signature"
                + " WHERE resource_type = ? AND resource_id = ? ORDER BY signed_at, id")) {
            ps.setString(1, resourceType);
            ps.setString(2, resourceId);
            List<ElectronicSignature> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ElectronicSignature(UUID.fromString(rs.getString(1)), UUID.fromString(rs.getString(2)),
                            rs.getString(3), Role.valueOf(rs.getString(4)), SignatureMeaning.valueOf(rs.getString(5)),
                            rs.getString(6), rs.getString(7), rs.getString(8), Instant.parse(rs.getString(9)),
                            rs.getString(10), UUID.fromString(rs.getString(11))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new LocalStoreException(null, "Reading signatures failed: " + e.getMessage(), e);
        }
    }
}

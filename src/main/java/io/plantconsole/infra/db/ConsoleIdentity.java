package io.plantconsole.infra.db;

import io.plantconsole.kernel.util.KeyedHash;

import io.plantconsole.kernel.tx.LocalStoreException;
import io.plantconsole.kernel.tx.LocalTransactions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Facts about this console made once and kept in its local store: the id of its audit chain, and the salt that its IP
 * address hashes use (so the address is not readable from the trail, yet equal addresses give equal hashes).
 *
 * @param consoleId the audit chain's id
 * @param ipSalt    random, hex
 */
public record ConsoleIdentity(String consoleId, String ipSalt) {

    /** Reads the identity, making it on first use. Background thread (disk). */
    public static ConsoleIdentity load(LocalTransactions store) {
        return store.inTransaction(tx -> {
            Connection c = tx.unwrap(Connection.class);
            String id = get(c, "console_id");
            String salt = get(c, "ip_salt");
            if (id == null) {
                id = UUID.randomUUID().toString();
                tx.update("INSERT INTO console_setting (key, value) VALUES ('console_id', ?)", id);
            }
            if (salt == null) {
                byte[] b = new byte[16];
                new SecureRandom().nextBytes(b);
                salt = HexFormat.of().formatHex(b);
                tx.update("INSERT INTO console_setting (key, value) VALUES ('ip_salt', ?)", salt);
            }
            return new ConsoleIdentity(id, salt);
        });
    }

    /**
     * A keyed hash (HMAC-SHA-256 with this console's secret salt, hex) of text that must not be stored as typed, such
     * as a user name that matched no account (people type their password there). The same text gives the same
     * value on this console, so repeated attempts can be told apart; without the salt it cannot be reversed by
     * guessing.
     */
    public String keyedHash(String text) {
        return KeyedHash.of(ipSalt.getBytes(StandardCharsets.UTF_8), "typed-name:" + text);
    }

    /** SHA-256 of salt and address, hex; {@code null} for {@code null}. */
    public String hashIp(String address) {
        if (address == null) {
            return null;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(ipSalt.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(address.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String get(Connection c, String key) {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM console_setting WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new LocalStoreException(null, "Reading the console settings failed: " + e.getMessage(), e);
        }
    }
}

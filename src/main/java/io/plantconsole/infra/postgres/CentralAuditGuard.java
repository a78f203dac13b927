package io.plantconsole.infra.postgres;

import io.plantconsole.kernel.audit.AuditEvent;
import io.plantconsole.sync.model.OutboxEntry;
import io.plantconsole.sync.service.CentralSyncException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.postgresql.PGStatement;

/**
 * The centre's side of the anchored audit chain (ADR 0018), run by {@link PostgresCentralSink} on the staged batch
 * before its audit events are inserted: every staged event must continue its chain as the centre holds it, and the
 * chain must belong to the client id that sends it. One set-based statement joins each staged event to its
 * predecessor (the previous staged event of its chain, by a window, or the centre's event at {@code seq - 1}, by an
 * index probe) and to the registry, and, when nothing is refused, registers new chains and moves the registry's
 * heads in the batch's transaction. A refused batch is rolled back and its refusals are recorded as flags in a
 * transaction of their own ({@link #raise}), so that they stay when the console retries.
 *
 * <p>Refused: a second event at a position the centre holds (FORK; after a rewind of the console's store), an event
 * the centre holds with other content (REWRITTEN), an event whose {@code prev_hash} is not the hash of the centre's
 * event at {@code seq - 1} (BROKEN_LINK: the chain before it was rewritten), an event whose predecessor the centre
 * lacks (GAP), the first event of a chain the centre has not seen at another position than 1 (NOT_FROM_START), a new
 * chain for a client id that has one (NEW_CHAIN: the console's store was deleted or replaced), an event of a chain
 * registered to another client id (FOREIGN) and one of a retired chain (RETIRED).
 *
 * <p>Called on the {@code sync} thread inside the sink's transaction; blocks on the network.
 */
final class CentralAuditGuard {
    /** Flags written per refused batch at most (a forged chain refuses every event of it). */
    private static final int MAX_FLAGS = 20;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'");

    /*
     * Result rows: one per refused staged event, in batch order. The registry is written only when nothing is
     * refused (a refused batch rolls back anyway; the guard keeps the unique index on the active chain per origin from
     * failing the statement first).
     */
    private static final String CHECK = "WITH params AS (SELECT ?::text AS origin),"
            + " a AS MATERIALIZED ("
            + " SELECT s.ord, p.id, p.console_id, p.seq, p.prev_hash, p.hash, p.workstation, p.occurred_at,"
            + " lag(p.seq) OVER w AS lag_seq, lag(p.hash) OVER w AS lag_hash"
            + " FROM pg_temp.pc_sync_stage s, LATERAL jsonb_populate_record(NULL::audit_event, s.payload) p"
            + " WHERE s.record_type = '" + PostgresCentralSink.AUDIT_TYPE + "' AND p.id = s.record_id"
            + " WINDOW w AS (PARTITION BY p.console_id ORDER BY p.seq, s.ord)),"
            + " mine AS MATERIALIZED (SELECT m.console_id, m.head_seq, m.last_seen FROM audit_console m, params"
            + " WHERE m.origin = params.origin AND m.retired_at IS NULL),"
            + " j AS MATERIALIZED ("
            + " SELECT a.ord, a.id, a.console_id, a.seq, a.hash, a.workstation, a.occurred_at, h.id AS held_id,"
            + " h.received_at AS held_at, pr.received_at AS pred_at, r.origin AS reg_origin, r.first_seen AS reg_since,"
            + " r.retired_at AS reg_retired, r.retire_reason AS reg_reason, r.head_seq AS reg_head,"
            + " coalesce(a.lag_seq = a.seq - 1, false) AS pred_in_batch,"
            + " CASE"
            + " WHEN h.id = a.id AND h.hash = a.hash THEN NULL"
            + " WHEN h.id = a.id THEN 'REWRITTEN'"
            + " WHEN h.id IS NOT NULL THEN 'FORK'"
            + " WHEN a.lag_seq = a.seq THEN 'FORK'"
            + " WHEN r.console_id IS NOT NULL AND r.origin <> (SELECT origin FROM params) THEN 'FOREIGN'"
            + " WHEN r.retired_at IS NOT NULL THEN 'RETIRED'"
            + " WHEN a.seq = 1 AND a.prev_hash IS DISTINCT FROM '" + AuditEvent.GENESIS + "' THEN 'BROKEN_LINK'"
            + " WHEN a.seq = 1 AND r.console_id IS NULL"
            + " AND EXISTS (SELECT 1 FROM mine m WHERE m.console_id <> a.console_id) THEN 'NEW_CHAIN'"
            + " WHEN a.seq = 1 THEN NULL"
            + " WHEN a.lag_seq = a.seq - 1 THEN CASE WHEN a.lag_hash = a.prev_hash THEN NULL ELSE 'BROKEN_LINK' END"
            + " WHEN pr.hash IS NULL AND r.console_id IS NULL THEN 'NOT_FROM_START'"
            + " WHEN pr.hash IS NULL THEN 'GAP'"
            + " WHEN pr.hash IS DISTINCT FROM a.prev_hash THEN 'BROKEN_LINK'"
            + " END AS refusal"
            + " FROM a"
            + " LEFT JOIN LATERAL (SELECT e.id, e.hash, e.received_at FROM audit_event e"
            + " WHERE e.console_id = a.console_id AND e.seq = a.seq) h ON true"
            + " LEFT JOIN LATERAL (SELECT e.hash, e.received_at FROM audit_event e"
            + " WHERE e.console_id = a.console_id AND e.seq = a.seq - 1) pr ON true"
            + " LEFT JOIN audit_console r ON r.console_id = a.console_id),"
            + " ok AS (SELECT NOT EXISTS (SELECT 1 FROM j WHERE refusal IS NOT NULL) AS ok),"
            + " heads AS (SELECT DISTINCT ON (console_id) console_id, seq, hash, workstation FROM j"
            + " ORDER BY console_id, seq DESC),"
            + " reg AS ("
            + " INSERT INTO audit_console AS r (console_id, origin, workstation, chain_start, head_seq, head_hash)"
            + " SELECT hd.console_id, params.origin, hd.workstation,"
            + " (SELECT min(s.occurred_at) FROM j s WHERE s.console_id = hd.console_id AND s.seq = 1),"
            + " hd.seq, hd.hash FROM heads hd, params WHERE (SELECT ok FROM ok)"
            + " ON CONFLICT (console_id) DO UPDATE SET last_seen = now(),"
            + " head_seq = greatest(r.head_seq, excluded.head_seq),"
            + " head_hash = CASE WHEN excluded.head_seq > r.head_seq THEN excluded.head_hash ELSE r.head_hash END"
            + " RETURNING 1),"
            + " notice AS ("
            + " INSERT INTO audit_console_flag (origin, console_id, kind, seq, event_id, detail)"
            + " SELECT params.origin, j.console_id, 'SAME_WORKSTATION', 1, j.id, 'chain ' || j.console_id"
            + " || ' of client id ' || params.origin || ' is new on workstation ' || coalesce(j.workstation, '?')"
            + " || ', which also holds chain ' || o.console_id || ' of client id ' || o.origin"
            + " FROM j CROSS JOIN params JOIN LATERAL (SELECT x.console_id, x.origin FROM audit_console x"
            + " WHERE x.workstation = j.workstation AND x.retired_at IS NULL AND x.origin <> params.origin"
            + " ORDER BY x.first_seen LIMIT 1) o ON true"
            + " WHERE (SELECT ok FROM ok) AND j.seq = 1 AND j.reg_origin IS NULL AND j.held_id IS NULL"
            + " ON CONFLICT (origin, event_id, kind) DO NOTHING)"
            + " SELECT j.ord, j.refusal, j.id, j.console_id, j.seq, j.held_id, j.held_at, j.pred_at, j.reg_origin,"
            + " j.reg_since, j.reg_retired, j.reg_reason, j.reg_head, m.console_id, m.head_seq, m.last_seen,"
            + " j.pred_in_batch"
            + " FROM j LEFT JOIN mine m ON true WHERE j.refusal IS NOT NULL ORDER BY j.ord";

    private static final String RAISE = "INSERT INTO audit_console_flag (origin, console_id, kind, seq, event_id,"
            + " detail) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (origin, event_id, kind) DO UPDATE"
            + " SET last_raised = now(), attempts = audit_console_flag.attempts + 1";

    /** One refused staged event. */
    record Refusal(int ord, String kind, UUID eventId, String consoleId, long seq, String words) {
    }

    /** The batch was refused; {@link #getMessage()} is the first refusal in words. */
    static final class RefusedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<Refusal> refusals;

        RefusedException(List<Refusal> refusals, String message) {
            super(message);
            this.refusals = List.copyOf(refusals);
        }

        List<Refusal> refusals() {
            return refusals;
        }
    }

    private final String origin;

    CentralAuditGuard(String origin) {
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    /** Whether {@code batch} holds audit events (only then the guard runs). */
    static boolean concerns(List<OutboxEntry> batch) {
        for (OutboxEntry e : batch) {
            if (PostgresCentralSink.AUDIT_TYPE.equals(e.recordType())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Judges the staged audit events inside the batch's transaction and, when all continue their chains, updates the
     * registry in it.
     *
     * @throws RefusedException when one is refused: roll back, then {@link #raise} its flags
     */
    void check(Connection c, List<OutboxEntry> batch) throws SQLException {
        List<Refusal> refused = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(CHECK)) {
            ps.unwrap(PGStatement.class).setPrepareThreshold(0);
            ps.setString(1, origin);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int ord = rs.getInt(1);
                    String kind = rs.getString(2);
                    UUID id = rs.getObject(3, UUID.class);
                    String console = rs.getString(4);
                    long seq = rs.getLong(5);
                    refused.add(new Refusal(ord, kind, id, console, seq, words(rs, kind, id, console, seq,
                            batch.get(ord))));
                }
            }
        }
        if (!refused.isEmpty()) {
            Refusal first = refused.get(0);
            String more = refused.size() == 1 ? "" : " (" + (refused.size() - 1) + " more audit event(s) of the batch"
                    + " refused as well)";
            throw new RefusedException(refused, first.words() + more + "; the batch was not written and the sync"
                    + " of this console stops here until the centre's administrator resolves it");
        }
    }

    /** Records {@code refused} as flags at the centre, in a transaction of its own (the batch's was rolled back). */
    void raise(Connection c, RefusedException refused) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RAISE)) {
            int n = 0;
            for (Refusal r : refused.refusals()) {
                if (n++ == MAX_FLAGS) {
                    break;
                }
                ps.setString(1, origin);
                ps.setString(2, r.consoleId() == null ? "(none)" : r.consoleId());
                ps.setString(3, r.kind());
                ps.setLong(4, r.seq());
                ps.setObject(5, r.eventId());
                ps.setString(6, r.words());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        c.commit();
    }

    /** The refusal in words, for the Sync screen, the log and the flag. */
    private String words(ResultSet rs, String kind, UUID id, String console, long seq, OutboxEntry entry)
            throws SQLException {
        UUID heldId = rs.getObject(6, UUID.class);
        String heldAt = when(rs, 7);
        String predAt = when(rs, 8);
        String regOrigin = rs.getString(9);
        String regSince = when(rs, 10);
        String retired = when(rs, 11);
        String reason = rs.getString(12);
        long regHead = rs.getLong(13);
        String mine = rs.getString(14);
        long mineHead = rs.getLong(15);
        String mineSeen = when(rs, 16);
        boolean predInBatch = rs.getBoolean(17);
        String event = "audit event " + id + " (outbox entry " + entry.id() + ")";
        return switch (kind) {
            case "FORK" -> heldId == null
                    ? "forked audit chain: console " + console + " seq " + seq + " appears twice in the batch; "
                            + event + " is the second"
                    : "forked audit chain: console " + console + " seq " + seq + " is already held at the centre by"
                            + " audit event " + heldId + " (received " + heldAt + "), but this console sent " + event
                            + (regHead >= seq ? "; the centre holds this chain up to event " + regHead
                                    + ", so the console's chain was rewound (a restored or copied store)" : "");
            case "REWRITTEN" -> "rewritten audit event: console " + console + " sent event " + seq + " (" + id
                    + ") again with other content than the copy the centre received " + heldAt;
            case "BROKEN_LINK" -> seq == 1
                    ? "broken audit chain: console " + console + " event 1 does not start from the genesis hash"
                    : "broken audit chain: console " + console + " event " + seq + " does not link to "
                            + (predInBatch ? "event " + (seq - 1) + " of the same batch"
                                    : "the centre's event " + (seq - 1) + " (received " + predAt + ")")
                            + ": its prev_hash is not that event's hash, so the console's chain before event " + seq
                            + " was rewritten; " + event;
            case "GAP" -> "gap in the audit chain: console " + console + " sent event " + seq + " but the centre"
                    + " lacks event " + (seq - 1) + " (it holds up to " + regHead + "); " + event;
            case "NOT_FROM_START" -> "unknown audit chain: the centre has never seen console " + console
                    + "; a new chain must start at event 1, not " + seq + "; " + event;
            case "NEW_CHAIN" -> "new audit chain refused: this console (client id " + origin + ") sent the first"
                    + " event of chain " + console + ", but the centre holds chain " + mine + " for this client id ("
                    + mineHead + " events, last received " + mineSeen + "): the console's local store was deleted or"
                    + " replaced. An administrator must re-register client id " + origin + " at the centre"
                    + " (SELECT audit_console_reregister('" + origin + "', 'reason'))";
            case "FOREIGN" -> "foreign audit chain: chain " + console + " belongs to the console with client id "
                    + regOrigin + " (registered " + regSince + "); this console (client id " + origin
                    + ") may not write event " + seq + " into it; " + event;
            case "RETIRED" -> "retired audit chain: chain " + console + " was retired at the centre " + retired
                    + " (" + reason + "); it takes no more events; " + event;
            default -> "audit event refused (" + kind + "): console " + console + " seq " + seq + "; " + event;
        };
    }

    private static String when(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? "at an unrecorded time" : "on " + WHEN.format(t.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /** For the sink: the refusal as the sync worker reports it (an error: the batch will not go through). */
    static CentralSyncException failure(RefusedException e) {
        return new CentralSyncException(CentralSyncException.Kind.ERROR, e.getMessage(), e);
    }
}

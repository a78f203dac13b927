package io.plantconsole.infra.postgres;

import io.plantconsole.sync.model.OutboxEntry;
import io.plantconsole.sync.model.SyncOutcome;
import io.plantconsole.sync.service.CentralSink;
import io.plantconsole.sync.service.CentralSyncException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import org.postgresql.PGConnection;
import org.postgresql.PGStatement;
import org.postgresql.copy.CopyIn;

/**
 * Writes outbox batches to the centre, one transaction per batch, idempotently:
 * <ul>
 *   <li>an entry whose id is in {@code applied_outbox} was applied before: {@code ALREADY_APPLIED};</li>
 *   <li>an entry made on the version the centre holds (its base version; 0 when the centre lacks the record):
 *       written to {@code synced_record}, {@code APPLIED};</li>
 *   <li>an entry made on another version (another console changed the record since, or the centre lacks it):
 *       {@code CONFLICT} with the centre's version, nothing changed; the later entries of the same record in the batch
 *       were made on top of it and are {@code BLOCKED}, nothing changed;</li>
 *   <li>record type {@value #AUDIT_TYPE}: the payload is one row of the append-only {@code audit_event} table,
 *       inserted, never updated; an event id already there is {@code ALREADY_APPLIED}; another event with the same
 *       (console_id, seq) means a forked hash chain and fails the batch. Before they are inserted,
 *       {@link CentralAuditGuard} checks that each event continues its chain as the centre holds it and that the
 *       chain belongs to this origin, and keeps the console registry (ADR 0018); a refused event fails the batch
 *       and is flagged at the centre.</li>
 * </ul>
 * A batch goes in with {@code COPY} into a per-session temporary staging table ({@code ON COMMIT DELETE ROWS}),
 * then set-based SQL judges and writes it: the outcome equals applying the entries one by one in batch order (a
 * window over the earlier entries of the same record gives the centre's version "at that point"; the first entry
 * whose base differs from it is the conflict, the rest of that record is blocked). A fast statement inserts the
 * records the centre lacks ({@code ON CONFLICT DO NOTHING}: the insert is the probe) and the audit events; the
 * entries of records the centre already holds go through a second statement that locks those rows
 * ({@code FOR UPDATE}, in key order) so two consoles cannot overwrite each other, and compares versions; a lost race
 * on a brand-new record rolls back (40001) and the retry reports the conflict. Round trips per batch: COPY, the fast
 * statement, COMMIT; plus the locking merge when the batch updates or replays records, and one lookup when an audit
 * event was not inserted. The applied_outbox and synced_record probes are {@code LATERAL} subqueries, so they stay
 * index probes per staged row whatever the statistics say (a hash join would scan the whole table per batch), and
 * the merge is planned for every batch.
 *
 * <p>Called on the {@code sync} thread; blocks on network I/O.
 */
public final class PostgresCentralSink implements CentralSink {

    /** The record type whose entries go to {@code audit_event}. */
    public static final String AUDIT_TYPE = "audit_event";

    private static final String STAGE = "pg_temp.pc_sync_stage";
    private static final String CREATE_STAGE = "CREATE TEMP TABLE IF NOT EXISTS pc_sync_stage (ord int NOT NULL,"
            + " outbox_id uuid NOT NULL, record_type text NOT NULL, record_id uuid NOT NULL,"
            + " base_version bigint NOT NULL, version bigint NOT NULL, payload jsonb NOT NULL) ON COMMIT DELETE ROWS";
    private static final String COPY_STAGE = "COPY " + STAGE
            + " (ord, outbox_id, record_type, record_id, base_version, version, payload) FROM STDIN";

    /*
     * The judgement, given "prev" rows with "before" = the centre's version before each entry if the earlier entries
     * of its record in the batch applied (lag over the batch order, else the centre's version, 0 when it lacks the
     * record): "refused" is the first entry of the record whose base differs from it. Entries before it apply, it is
     * the conflict (with its "before"), those after it are blocked.
     */
    private static final String JUDGED = " judged AS MATERIALIZED (SELECT p.*, min(p.ord) FILTER (WHERE p.base_version"
            + " <> p.before) OVER (PARTITION BY p.record_type, p.record_id) AS refused FROM prev p),"
            + " winners AS MATERIALIZED (SELECT DISTINCT ON (record_type, record_id) record_type, record_id, version,"
            + " payload, outbox_id, present FROM judged WHERE refused IS NULL OR ord < refused"
            + " ORDER BY record_type, record_id, ord DESC),";

    /*
     * One statement for the records the fast statement did not insert (the centre holds them, or their first entry
     * was refused). Data-modifying CTEs see the snapshot of the statement start; the FOR UPDATE in "cur" returns the
     * newest committed version of a row (READ COMMITTED re-check), so the judgement uses the locked versions. Rows:
     * D (already applied), C (conflict, with the centre's version), B (blocked), and one N row (written, expected).
     */
    private static final String MERGE = "WITH stage AS MATERIALIZED ("
            + " SELECT s.ord, s.outbox_id, s.record_type, s.record_id, s.base_version, s.version, s.payload,"
            + " d.hit IS NOT NULL AS done FROM " + STAGE + " s LEFT JOIN LATERAL (SELECT true AS hit"
            + " FROM applied_outbox a WHERE a.outbox_id = s.outbox_id LIMIT 1) d ON true WHERE s.ord = ANY (?)),"
            + " cur AS MATERIALIZED ("
            + " SELECT r.record_type, r.record_id, r.version FROM (SELECT DISTINCT record_type, record_id FROM stage"
            + " WHERE NOT done ORDER BY record_type, record_id) k"
            + " CROSS JOIN LATERAL (SELECT x.record_type, x.record_id, x.version FROM synced_record x"
            + " WHERE x.record_type = k.record_type AND x.record_id = k.record_id FOR UPDATE) r),"
            + " prev AS MATERIALIZED (SELECT st.ord, st.outbox_id, st.record_type, st.record_id, st.base_version,"
            + " st.version, st.payload, c.record_id IS NOT NULL AS present, coalesce(lag(st.version)"
            + " OVER (PARTITION BY st.record_type, st.record_id ORDER BY st.ord), c.version, 0) AS before"
            + " FROM stage st LEFT JOIN cur c ON c.record_type = st.record_type AND c.record_id = st.record_id"
            + " WHERE NOT st.done)," + JUDGED
            + " updated AS (UPDATE synced_record r SET version = w.version, payload = w.payload, origin = ?,"
            + " outbox_id = w.outbox_id, synced_at = now() FROM winners w WHERE w.present"
            + " AND r.record_type = w.record_type AND r.record_id = w.record_id RETURNING 1),"
            + " inserted AS (INSERT INTO synced_record (record_type, record_id, version, payload, origin, outbox_id)"
            + " SELECT record_type, record_id, version, payload, ?, outbox_id FROM winners WHERE NOT present"
            + " ON CONFLICT (record_type, record_id) DO NOTHING RETURNING 1),"
            + " logged AS ("
            + " INSERT INTO applied_outbox (outbox_id, record_type, record_id, base_version, version, origin)"
            + " SELECT outbox_id, record_type, record_id, base_version, version, ? FROM judged"
            + " WHERE refused IS NULL OR ord < refused ON CONFLICT (outbox_id) DO NOTHING)"
            + " SELECT ord, 'D' AS k, 0::bigint AS a, 0::bigint AS b FROM stage WHERE done"
            + " UNION ALL SELECT ord, CASE WHEN ord = refused THEN 'C' ELSE 'B' END, before, 0 FROM judged"
            + " WHERE ord >= refused"
            + " UNION ALL SELECT -1, 'N', (SELECT count(*) FROM updated) + (SELECT count(*) FROM inserted),"
            + " (SELECT count(*) FROM winners)";

    /*
     * The fast path, first for every batch: records the centre lacks. The window alone judges them (the centre's
     * version is 0); the newest applied version per record is inserted ON CONFLICT DO NOTHING, and only the entries of
     * records actually inserted are recorded in applied_outbox. A record the centre already holds (an update, a
     * replay: an applied entry always left its record there, or a concurrent insert), or whose first entry is refused,
     * is not inserted: its entries come back as R and go through MERGE, which locks and compares. Audit events are
     * handled here completely. Rows: D, C, B, R, S, X (see MERGE).
     */
    private static final String FAST = "WITH stage AS MATERIALIZED ("
            + " SELECT ord, outbox_id, record_type, record_id, base_version, version, payload FROM " + STAGE + "),"
            + " prev AS MATERIALIZED (SELECT ord, outbox_id, record_type, record_id, base_version, version, payload,"
            + " false AS present, coalesce(lag(version) OVER (PARTITION BY record_type, record_id ORDER BY ord), 0)"
            + " AS before FROM stage WHERE record_type <> '" + AUDIT_TYPE + "')," + JUDGED
            + " inserted AS MATERIALIZED ("
            + " INSERT INTO synced_record (record_type, record_id, version, payload, origin, outbox_id)"
            + " SELECT record_type, record_id, version, payload, ?, outbox_id FROM winners"
            + " ON CONFLICT (record_type, record_id) DO NOTHING RETURNING record_type, record_id),"
            + " audit_all AS MATERIALIZED ("
            + " SELECT st.ord, st.outbox_id, st.record_type, st.record_id, st.base_version, st.version, st.payload,"
            + " d.hit IS NOT NULL AS done FROM stage st LEFT JOIN LATERAL (SELECT true AS hit FROM applied_outbox a"
            + " WHERE a.outbox_id = st.outbox_id LIMIT 1) d ON true WHERE st.record_type = '" + AUDIT_TYPE + "'),"
            + " audit AS MATERIALIZED ("
            + " SELECT a.ord, a.outbox_id, a.record_type, a.record_id, a.base_version, a.version, p.*"
            + " FROM audit_all a, LATERAL jsonb_populate_record(NULL::audit_event, a.payload) p WHERE NOT a.done),"
            + " audit_in AS ("
            + " INSERT INTO audit_event (id, console_id, seq, occurred_at, user_id, role, action, resource_type,"
            + " resource_id, old_value, new_value, reason, workstation, ip_hash, prev_hash, hash)"
            + " SELECT id, console_id, seq, occurred_at, user_id, role, action, resource_type, resource_id,"
            + " old_value, new_value, reason, workstation, ip_hash, prev_hash, hash FROM audit"
            + " WHERE id = record_id ON CONFLICT DO NOTHING RETURNING id),"
            + " logged AS ("
            + " INSERT INTO applied_outbox (outbox_id, record_type, record_id, base_version, version, origin)"
            + " SELECT j.outbox_id, j.record_type, j.record_id, j.base_version, j.version, ? FROM judged j"
            + " JOIN inserted i ON i.record_type = j.record_type AND i.record_id = j.record_id"
            + " WHERE j.refused IS NULL OR j.ord < j.refused"
            + " UNION ALL SELECT outbox_id, record_type, record_id, base_version, version, ? FROM audit"
            + " ON CONFLICT (outbox_id) DO NOTHING)"
            + " SELECT ord, 'D' AS k, 0::bigint AS a, 0::bigint AS b FROM audit_all WHERE done"
            + " UNION ALL SELECT j.ord, CASE WHEN i.record_id IS NULL THEN 'R' WHEN j.ord = j.refused THEN 'C'"
            + " ELSE 'B' END, j.before, 0"
            + " FROM judged j LEFT JOIN inserted i ON i.record_type = j.record_type AND i.record_id = j.record_id"
            + " WHERE i.record_id IS NULL OR j.ord >= j.refused"
            + " UNION ALL SELECT ord, 'X', 0, 0 FROM audit WHERE id IS DISTINCT FROM record_id"
            + " UNION ALL SELECT ord, 'S', 0, 0 FROM audit a WHERE id = record_id"
            + " AND NOT EXISTS (SELECT 1 FROM audit_in i WHERE i.id = a.id)";

    /** For audit events that were not inserted: already there (same id), or who holds their (console_id, seq). */
    private static final String AUDIT_SKIPPED = "SELECT s.ord, p.id, p.console_id, p.seq,"
            + " EXISTS (SELECT 1 FROM audit_event e WHERE e.id = p.id) AS present,"
            + " (SELECT h.id FROM audit_event h WHERE h.console_id = p.console_id AND h.seq = p.seq LIMIT 1) AS holder"
            + " FROM " + STAGE + " s, LATERAL jsonb_populate_record(NULL::audit_event, s.payload) p"
            + " WHERE s.ord = ANY (?) ORDER BY s.ord";

    private final CentralDatabase database;
    private final String origin;
    private final CentralAuditGuard auditGuard;
    /** Physical connections that hold the staging table (a session-level temporary table). */
    private final Map<PGConnection, Boolean> staged = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * @param origin names this console in {@code synced_record.origin} and {@code applied_outbox.origin}
     */
    public PostgresCentralSink(CentralDatabase database, String origin) {
        this.database = Objects.requireNonNull(database, "database");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.auditGuard = new CentralAuditGuard(origin);
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
        PGConnection pg = null;
        try (c) {
            pg = c.unwrap(PGConnection.class);
            prepareStage(c, pg);
            c.setAutoCommit(false);
            try {
                List<SyncOutcome> outcomes = applyIn(c, pg, batch);
                c.commit();
                return outcomes;
            } catch (CentralAuditGuard.RefusedException e) {
                rollbackQuietly(c, e);
                try {
                    auditGuard.raise(c, e); // the flags outlive the rolled-back batch
                } catch (SQLException f) {
                    e.addSuppressed(f);
                    rollbackQuietly(c, e);
                }
                throw CentralAuditGuard.failure(e);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            if (pg != null) {
                staged.remove(pg); // the session may be gone, or the table dropped: create it again next time
            }
            throw translate(e);
        }
    }

    /** Creates the staging table once per physical connection, outside any transaction (a rollback would drop it). */
    private void prepareStage(Connection c, PGConnection pg) throws SQLException {
        if (staged.containsKey(pg)) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute(CREATE_STAGE);
        }
        staged.put(pg, Boolean.TRUE);
    }

    private List<SyncOutcome> applyIn(Connection c, PGConnection pg, List<OutboxEntry> batch) throws SQLException {
        copyIntoStage(pg, batch);
        if (CentralAuditGuard.concerns(batch)) {
            auditGuard.check(c, batch); // audit events continue their chains, or the batch is refused
        }

        SyncOutcome[] outcomes = new SyncOutcome[batch.size()];
        List<Integer> skippedAudit = new ArrayList<>();
        List<Integer> known = new ArrayList<>();
        long[] counts = {-1, -1};
        run(c, FAST, null, batch, outcomes, skippedAudit, known, counts);
        if (!known.isEmpty()) {
            run(c, MERGE, known, batch, outcomes, skippedAudit, null, counts);
            if (counts[0] != counts[1]) {
                // another console wrote one of these records between our read and our write (a new record,
                // which FOR UPDATE could not lock): roll back; the retry reports the conflict
                throw new SQLException("concurrent write to " + (counts[1] - counts[0])
                        + " record(s) of this batch; retrying", "40001");
            }
        }
        if (!skippedAudit.isEmpty()) {
            judgeSkippedAudit(c, batch, skippedAudit, outcomes);
        }
        return finish(batch, outcomes);
    }

    /**
     * Runs FAST (ords null) or MERGE over the staged rows {@code ords} and files its answer: outcomes, audit events
     * not inserted, rows for MERGE ({@code known}) and MERGE's counts (upserted, expected).
     */
    private void run(Connection c, String sql, List<Integer> ords, List<OutboxEntry> batch, SyncOutcome[] outcomes,
            List<Integer> skippedAudit, List<Integer> known, long[] counts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            // planned afresh for every batch (no cached generic plan): the tables grow from empty, and a plan
            // made while they were one page (a sequential scan per probe) must not outlive that
            ps.unwrap(PGStatement.class).setPrepareThreshold(0);
            int i = 1;
            if (ords != null) {
                ps.setArray(i++, c.createArrayOf("int4", ords.toArray(Integer[]::new)));
            }
            ps.setString(i++, origin);
            ps.setString(i++, origin);
            ps.setString(i, origin);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int ord = rs.getInt(1);
                    switch (rs.getString(2)) {
                        case "D" -> outcomes[ord] = SyncOutcome.alreadyApplied(batch.get(ord));
                        case "C" -> outcomes[ord] = SyncOutcome.conflict(batch.get(ord), rs.getLong(3));
                        case "B" -> outcomes[ord] = SyncOutcome.blocked(batch.get(ord), rs.getLong(3));
                        case "R" -> known.add(ord);
                        case "S" -> skippedAudit.add(ord);
                        case "X" -> throw new CentralSyncException(CentralSyncException.Kind.ERROR, "outbox entry "
                                + batch.get(ord).id() + ": an " + AUDIT_TYPE + " whose record id "
                                + batch.get(ord).recordId() + " is not the event id of its payload", null);
                        case "N" -> {
                            counts[0] = rs.getLong(3);
                            counts[1] = rs.getLong(4);
                        }
                        default -> throw new IllegalStateException("unexpected merge row " + rs.getString(2));
                    }
                }
            }
        }
    }

    /**
     * The outcomes in batch order: no row means applied; a blocked entry carries the centre's version its record's
     * conflict was judged against.
     */
    private static List<SyncOutcome> finish(List<OutboxEntry> batch, SyncOutcome[] outcomes) {
        Map<String, Long> refusedAt = new HashMap<>();
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] != null && outcomes[i].result() == SyncOutcome.Result.CONFLICT) {
                refusedAt.put(key(batch.get(i)), outcomes[i].centralVersion());
            }
        }
        List<SyncOutcome> out = new ArrayList<>(batch.size());
        for (int i = 0; i < outcomes.length; i++) {
            SyncOutcome o = outcomes[i];
            if (o == null) {
                o = SyncOutcome.applied(batch.get(i));
            } else if (o.result() == SyncOutcome.Result.BLOCKED) {
                o = SyncOutcome.blocked(batch.get(i), refusedAt.getOrDefault(key(batch.get(i)), o.centralVersion()));
            }
            out.add(o);
        }
        return out;
    }

    private static String key(OutboxEntry e) {
        return e.recordType() + '/' + e.recordId();
    }

    /** An audit event not inserted is a replay (its id is there) or a fork (another event holds its seq). */
    private void judgeSkippedAudit(Connection c, List<OutboxEntry> batch, List<Integer> ords, SyncOutcome[] outcomes)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(AUDIT_SKIPPED)) {
            ps.setArray(1, c.createArrayOf("int4", ords.toArray(Integer[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int ord = rs.getInt(1);
                    if (rs.getBoolean(5)) {
                        outcomes[ord] = SyncOutcome.alreadyApplied(batch.get(ord));
                    } else {
                        throw new CentralSyncException(CentralSyncException.Kind.ERROR, "forked audit chain: console "
                                + rs.getString(3) + " seq " + rs.getLong(4) + " is already held at the centre by"
                                + " audit event " + rs.getObject(6) + ", but this console sent audit event "
                                + rs.getObject(2) + " (outbox entry " + batch.get(ord).id() + "); the batch was"
                                + " not written", null);
                    }
                }
            }
        }
    }

    private static void copyIntoStage(PGConnection pg, List<OutboxEntry> batch) throws SQLException {
        StringBuilder b = new StringBuilder(batch.size() * 320);
        for (int i = 0; i < batch.size(); i++) {
            OutboxEntry e = batch.get(i);
            b.append(i).append('\t').append(e.id()).append('\t');
            escape(b, e.recordType());
            b.append('\t').append(e.recordId()).append('\t').append(e.baseVersion()).append('\t')
                    .append(e.recordVersion()).append('\t');
            escape(b, e.payloadJson());
            b.append('\n');
        }
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        CopyIn in = pg.getCopyAPI().copyIn(COPY_STAGE);
        try {
            in.writeToCopy(bytes, 0, bytes.length);
            long n = in.endCopy();
            if (n != batch.size()) {
                throw new SQLException("COPY staged " + n + " rows of a batch of " + batch.size());
            }
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /** Appends {@code s} escaped for COPY text format: backslash, tab, newline and carriage return. */
    static void escape(StringBuilder b, String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(ch);
            }
        }
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

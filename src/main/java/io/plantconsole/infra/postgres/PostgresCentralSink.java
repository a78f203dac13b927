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
 *   <li>an entry applied before (its id is a record's current {@code outbox_id} or in {@code applied_outbox}):
 *       {@code ALREADY_APPLIED};</li>
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
 * New records (version made on 0, the record once in the batch, not audit events) are {@code COPY}ed straight into
 * {@code synced_record}; its unique keys are the probe, and a batch whose COPY hits a record the centre holds (a
 * replay after a lost acknowledgement, another console's record) is rolled back and judged entry by entry as below.
 * The other entries go in with {@code COPY} into a per-session temporary staging table ({@code ON COMMIT DELETE ROWS}),
 * then set-based SQL ({@link CentralSinkSql}) judges and writes them: the outcome equals applying the entries one by
 * one in batch order. A fast statement inserts the records the centre lacks ({@code ON CONFLICT DO NOTHING}) and the
 * audit events; the entries of records the centre already holds go through a second statement that locks those rows
 * ({@code FOR UPDATE}, in key order) so two consoles cannot overwrite each other, and compares versions; a lost race
 * on a brand-new record rolls back (40001) and the retry reports the conflict. Round trips per batch of new records:
 * COPY, COMMIT; otherwise COPY, the fast statement, COMMIT, plus the locking merge when the batch updates or replays
 * records, and one lookup when an audit event was not inserted. The probes are {@code LATERAL} subqueries, so they
 * stay index probes per staged row whatever the statistics say, and the statements are planned for every batch.
 *
 * <p>Called on the {@code sync} thread; blocks on network I/O.
 */
public final class PostgresCentralSink implements CentralSink {

    /** The record type whose entries go to {@code audit_event}. */
    public static final String AUDIT_TYPE = CentralSinkSql.AUDIT_TYPE;

    /** SQLSTATE unique_violation: the direct COPY met a record (or outbox id) the centre holds. */
    private static final String UNIQUE_VIOLATION = "23505";

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
                boolean[] direct = directEntries(batch);
                if (direct != null) {
                    try {
                        copyDirect(pg, batch, direct);
                    } catch (SQLException e) {
                        if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                            throw e;
                        }
                        c.rollback(); // the centre holds one of these records: judge the whole batch
                        direct = null;
                    }
                }
                List<SyncOutcome> outcomes = applyIn(c, pg, batch, direct);
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
            st.execute(CentralSinkSql.CREATE_STAGE);
        }
        staged.put(pg, Boolean.TRUE);
    }

    /**
     * Which entries may go straight into synced_record: made on version 0, not audit events, their record once in the
     * batch; {@code null} when none may.
     */
    private static boolean[] directEntries(List<OutboxEntry> batch) {
        Map<String, Integer> seen = new HashMap<>(batch.size() * 2);
        for (OutboxEntry e : batch) {
            seen.merge(key(e), 1, Integer::sum);
        }
        boolean[] direct = new boolean[batch.size()];
        boolean any = false;
        for (int i = 0; i < direct.length; i++) {
            OutboxEntry e = batch.get(i);
            direct[i] = e.baseVersion() == 0 && !AUDIT_TYPE.equals(e.recordType()) && seen.get(key(e)) == 1;
            any |= direct[i];
        }
        return any ? direct : null;
    }

    /** Judges and writes the entries not COPYed directly ({@code direct} null: all of them). */
    private List<SyncOutcome> applyIn(Connection c, PGConnection pg, List<OutboxEntry> batch, boolean[] direct)
            throws SQLException {
        SyncOutcome[] outcomes = new SyncOutcome[batch.size()];
        if (copyIntoStage(pg, batch, direct) == 0) {
            return finish(batch, outcomes);
        }
        if (CentralAuditGuard.concerns(batch)) {
            auditGuard.check(c, batch); // audit events continue their chains, or the batch is refused
        }
        List<Integer> skippedAudit = new ArrayList<>();
        List<Integer> known = new ArrayList<>();
        long[] counts = {-1, -1};
        run(c, CentralSinkSql.FAST, null, batch, outcomes, skippedAudit, known, counts);
        if (!known.isEmpty()) {
            run(c, CentralSinkSql.MERGE, known, batch, outcomes, skippedAudit, null, counts);
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
        try (PreparedStatement ps = c.prepareStatement(CentralSinkSql.AUDIT_SKIPPED)) {
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

    /** COPYs the entries marked {@code direct} into synced_record. */
    private void copyDirect(PGConnection pg, List<OutboxEntry> batch, boolean[] direct) throws SQLException {
        StringBuilder b = new StringBuilder(batch.size() * 320);
        int rows = 0;
        for (int i = 0; i < batch.size(); i++) {
            if (direct[i]) {
                OutboxEntry e = batch.get(i);
                escape(b, e.recordType());
                b.append('\t').append(e.recordId()).append('\t').append(e.baseVersion()).append('\t')
                        .append(e.recordVersion()).append('\t');
                escape(b, e.payloadJson());
                b.append('\t');
                escape(b, origin);
                b.append('\t').append(e.id()).append('\n');
                rows++;
            }
        }
        copy(pg, CentralSinkSql.COPY_DIRECT, b, rows);
    }

    /** COPYs the entries not marked {@code direct} (all when it is null) into the staging table; how many. */
    private static int copyIntoStage(PGConnection pg, List<OutboxEntry> batch, boolean[] direct) throws SQLException {
        StringBuilder b = new StringBuilder(batch.size() * 320);
        int rows = 0;
        for (int i = 0; i < batch.size(); i++) {
            if (direct != null && direct[i]) {
                continue;
            }
            OutboxEntry e = batch.get(i);
            b.append(i).append('\t').append(e.id()).append('\t');
            escape(b, e.recordType());
            b.append('\t').append(e.recordId()).append('\t').append(e.baseVersion()).append('\t')
                    .append(e.recordVersion()).append('\t');
            escape(b, e.payloadJson());
            b.append('\n');
            rows++;
        }
        if (rows > 0) {
            copy(pg, CentralSinkSql.COPY_STAGE, b, rows);
        }
        return rows;
    }

    private static void copy(PGConnection pg, String sql, StringBuilder rows, int expected) throws SQLException {
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        CopyIn in = pg.getCopyAPI().copyIn(sql);
        try {
            in.writeToCopy(bytes, 0, bytes.length);
            long n = in.endCopy();
            if (n != expected) {
                throw new SQLException("COPY wrote " + n + " rows of " + expected);
            }
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /** Appends {@code s} escaped for COPY text format: backslash, tab, newline and carriage return. */
    static void escape(StringBuilder b, String s) {
        int n = s.length();
        int first = 0;
        while (first < n) {
            char ch = s.charAt(first);
            if (ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r') {
                break;
            }
            first++;
        }
        b.append(s, 0, first); // most payloads have nothing to escape: one copy
        for (int i = first; i < n; i++) {
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

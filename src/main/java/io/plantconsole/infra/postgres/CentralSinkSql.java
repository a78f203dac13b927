package io.plantconsole.infra.postgres;

/**
 * The SQL of {@link PostgresCentralSink}: the direct COPY of new records, the session staging table, and the
 * set-based judgement of staged entries. Applied-entry bookkeeping (central V4): the entry that wrote a record's
 * current version is {@code synced_record.outbox_id}; {@code applied_outbox} holds the other applied entries (versions
 * since replaced, moved there by the statement that replaces them; earlier versions applied in the same batch; audit
 * events), so "applied before" means in either, and the view {@code applied_entry} lists each applied entry once.
 */
final class CentralSinkSql {
    /** The record type whose entries go to {@code audit_event}. */
    static final String AUDIT_TYPE = "audit_event";

    /**
     * New records straight into their table: no staging, no judgement, no applied_outbox row. Used for the entries of
     * a batch made on version 0 whose record occurs once in the batch; the unique keys (record, outbox id) are the
     * probe: a record the centre holds already (a replay, or another console's) fails the COPY with 23505, and the
     * whole batch is then judged through the staging table.
     */
    static final String COPY_DIRECT = "COPY synced_record (record_type, record_id, base_version, version, payload,"
            + " origin, outbox_id) FROM STDIN";

    static final String STAGE = "pg_temp.pc_sync_stage";
    static final String CREATE_STAGE = "CREATE TEMP TABLE IF NOT EXISTS pc_sync_stage (ord int NOT NULL,"
            + " outbox_id uuid NOT NULL, record_type text NOT NULL, record_id uuid NOT NULL,"
            + " base_version bigint NOT NULL, version bigint NOT NULL, payload jsonb NOT NULL) ON COMMIT DELETE ROWS";
    static final String COPY_STAGE = "COPY " + STAGE
            + " (ord, outbox_id, record_type, record_id, base_version, version, payload) FROM STDIN";

    /*
     * The judgement, given "prev" rows with "before" = the centre's version before each entry if the earlier entries
     * of its record in the batch applied (lag over the batch order, else the centre's version, 0 when it lacks the
     * record): "refused" is the first entry of the record whose base differs from it. Entries before it apply (the
     * last of them is the winner, written to synced_record), it is the conflict (with its "before"), those after it
     * are blocked. "kept" are the applied entries other than the winners: applied_outbox remembers them.
     */
    private static final String JUDGED = " judged AS MATERIALIZED (SELECT p.*, min(p.ord) FILTER (WHERE p.base_version"
            + " <> p.before) OVER (PARTITION BY p.record_type, p.record_id) AS refused FROM prev p),"
            + " winners AS MATERIALIZED (SELECT DISTINCT ON (record_type, record_id) record_type, record_id,"
            + " base_version, version, payload, outbox_id, present FROM judged WHERE refused IS NULL OR ord < refused"
            + " ORDER BY record_type, record_id, ord DESC),"
            + " kept AS (SELECT j.* FROM judged j WHERE (j.refused IS NULL OR j.ord < j.refused)"
            + " AND NOT EXISTS (SELECT 1 FROM winners w WHERE w.outbox_id = j.outbox_id)),";

    /*
     * One statement for the records the fast statement did not insert (the centre holds them, or their first entry
     * was refused). Data-modifying CTEs see the snapshot of the statement start; the FOR UPDATE in "cur" returns the
     * newest committed version of a row (READ COMMITTED re-check), so the judgement uses the locked versions. The
     * current version a winner replaces moves to applied_outbox. Rows: D (already applied), C (conflict, with the
     * centre's version), B (blocked), and one N row (written, expected).
     */
    static final String MERGE = "WITH stage AS MATERIALIZED ("
            + " SELECT s.ord, s.outbox_id, s.record_type, s.record_id, s.base_version, s.version, s.payload,"
            + " d.hit IS NOT NULL AS done FROM " + STAGE + " s LEFT JOIN LATERAL (SELECT true AS hit"
            + " FROM applied_outbox a WHERE a.outbox_id = s.outbox_id UNION ALL SELECT true FROM synced_record x"
            + " WHERE x.outbox_id = s.outbox_id LIMIT 1) d ON true WHERE s.ord = ANY (?)),"
            + " cur AS MATERIALIZED ("
            + " SELECT r.* FROM (SELECT DISTINCT record_type, record_id FROM stage"
            + " WHERE NOT done ORDER BY record_type, record_id) k"
            + " CROSS JOIN LATERAL (SELECT x.record_type, x.record_id, x.version, x.base_version, x.outbox_id,"
            + " x.origin, x.synced_at FROM synced_record x"
            + " WHERE x.record_type = k.record_type AND x.record_id = k.record_id FOR UPDATE) r),"
            + " prev AS MATERIALIZED (SELECT st.ord, st.outbox_id, st.record_type, st.record_id, st.base_version,"
            + " st.version, st.payload, c.record_id IS NOT NULL AS present, coalesce(lag(st.version)"
            + " OVER (PARTITION BY st.record_type, st.record_id ORDER BY st.ord), c.version, 0) AS before"
            + " FROM stage st LEFT JOIN cur c ON c.record_type = st.record_type AND c.record_id = st.record_id"
            + " WHERE NOT st.done)," + JUDGED
            + " updated AS (UPDATE synced_record r SET base_version = w.base_version, version = w.version,"
            + " payload = w.payload, origin = ?, outbox_id = w.outbox_id, synced_at = now() FROM winners w"
            + " WHERE w.present AND r.record_type = w.record_type AND r.record_id = w.record_id RETURNING 1),"
            + " inserted AS (INSERT INTO synced_record (record_type, record_id, base_version, version, payload, origin,"
            + " outbox_id) SELECT record_type, record_id, base_version, version, payload, ?, outbox_id FROM winners"
            + " WHERE NOT present ON CONFLICT (record_type, record_id) DO NOTHING RETURNING 1),"
            + " logged AS (INSERT INTO applied_outbox (outbox_id, record_type, record_id, base_version, version,"
            + " origin, applied_at)"
            + " SELECT outbox_id, record_type, record_id, base_version, version, ?, now() FROM kept"
            + " UNION ALL SELECT c.outbox_id, c.record_type, c.record_id, c.base_version, c.version, c.origin,"
            + " c.synced_at FROM cur c JOIN winners w ON w.record_type = c.record_type AND w.record_id = c.record_id"
            + " ON CONFLICT (outbox_id) DO NOTHING)"
            + " SELECT ord, 'D' AS k, 0::bigint AS a, 0::bigint AS b FROM stage WHERE done"
            + " UNION ALL SELECT ord, CASE WHEN ord = refused THEN 'C' ELSE 'B' END, before, 0 FROM judged"
            + " WHERE ord >= refused"
            + " UNION ALL SELECT -1, 'N', (SELECT count(*) FROM updated) + (SELECT count(*) FROM inserted),"
            + " (SELECT count(*) FROM winners)";

    /*
     * The staged fast path, first for every staged batch: records the centre lacks. The window alone judges them (the
     * centre's version is 0); the newest applied version per record is inserted ON CONFLICT DO NOTHING, and the
     * earlier applied entries of records actually inserted are recorded in applied_outbox. A record the centre already
     * holds (an update, a replay: an applied entry always left its record there, or a concurrent insert), or whose
     * first entry is refused, is not inserted: its entries come back as R and go through MERGE, which locks and
     * compares. Audit events are handled here completely. Rows: D, C, B, R, S (audit event not inserted), X (audit
     * payload id differs from the record id).
     */
    static final String FAST = "WITH stage AS MATERIALIZED ("
            + " SELECT ord, outbox_id, record_type, record_id, base_version, version, payload FROM " + STAGE + "),"
            + " prev AS MATERIALIZED (SELECT ord, outbox_id, record_type, record_id, base_version, version, payload,"
            + " false AS present, coalesce(lag(version) OVER (PARTITION BY record_type, record_id ORDER BY ord), 0)"
            + " AS before FROM stage WHERE record_type <> '" + AUDIT_TYPE + "')," + JUDGED
            + " inserted AS MATERIALIZED ("
            + " INSERT INTO synced_record (record_type, record_id, base_version, version, payload, origin, outbox_id)"
            + " SELECT record_type, record_id, base_version, version, payload, ?, outbox_id FROM winners"
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
            + " SELECT k.outbox_id, k.record_type, k.record_id, k.base_version, k.version, ? FROM kept k"
            + " JOIN inserted i ON i.record_type = k.record_type AND i.record_id = k.record_id"
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
    static final String AUDIT_SKIPPED = "SELECT s.ord, p.id, p.console_id, p.seq,"
            + " EXISTS (SELECT 1 FROM audit_event e WHERE e.id = p.id) AS present,"
            + " (SELECT h.id FROM audit_event h WHERE h.console_id = p.console_id AND h.seq = p.seq LIMIT 1) AS holder"
            + " FROM " + STAGE + " s, LATERAL jsonb_populate_record(NULL::audit_event, s.payload) p"
            + " WHERE s.ord = ANY (?) ORDER BY s.ord";

    private CentralSinkSql() {
    }
}

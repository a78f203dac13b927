-- Sync throughput (issue 9, part B). A batch of new records is COPYed straight into synced_record: the entry that
-- wrote a record's current version is known by synced_record.outbox_id (UNIQUE), so applied_outbox no longer gets a
-- row for it. applied_outbox keeps the applied entries whose version is no longer current (moved there, in the same
-- transaction, when a later version replaces it), the earlier versions of a record applied in one batch, and audit
-- events. The two sets are disjoint; applied_entry is their union: every entry ever applied, exactly once.

ALTER TABLE synced_record ADD COLUMN base_version bigint;
COMMENT ON COLUMN synced_record.base_version IS
    'the version this version was made on (0: a new record); NULL for versions applied before V3';

UPDATE synced_record s SET base_version = a.base_version FROM applied_outbox a WHERE a.outbox_id = s.outbox_id;
DELETE FROM applied_outbox a USING synced_record s WHERE a.outbox_id = s.outbox_id;

COMMENT ON TABLE applied_outbox IS
    'applied outbox entries that are not the current version of their record (see synced_record.outbox_id), and audit'
    ' events; with synced_record: every applied entry once (view applied_entry)';

CREATE VIEW applied_entry AS
    SELECT outbox_id, record_type, record_id, base_version, version, origin, applied_at FROM applied_outbox
    UNION ALL
    SELECT outbox_id, record_type, record_id, base_version, version, origin, synced_at FROM synced_record;

GRANT SELECT ON applied_entry TO plant_console_app;

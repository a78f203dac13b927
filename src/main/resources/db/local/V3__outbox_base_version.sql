-- The version each change was made on (issue 9). The centre applies an entry only when it still holds exactly that
-- version (0: the record is new, the centre must not hold it); otherwise the entry is a conflict and the later
-- entries of the same record wait behind it. Entries queued before this migration were all made on the version
-- just before theirs (every writer bumped the version by one), so they get record_version - 1.
ALTER TABLE outbox ADD COLUMN base_version INTEGER NOT NULL DEFAULT 0;
UPDATE outbox SET base_version = record_version - 1;

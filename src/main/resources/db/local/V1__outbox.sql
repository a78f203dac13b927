-- Records waiting to reach the central PostgreSQL, in commit order (seq).
-- seq is the rowid (AUTOINCREMENT: never reused, even after the newest rows are deleted), so
-- "ORDER BY seq LIMIT n" needs no extra index; the UNIQUE constraint indexes id for markSynced.
CREATE TABLE outbox (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    id             TEXT    NOT NULL UNIQUE,
    record_type    TEXT    NOT NULL,
    record_id      TEXT    NOT NULL,
    record_version INTEGER NOT NULL,
    payload        TEXT    NOT NULL,
    created_at     INTEGER NOT NULL
);

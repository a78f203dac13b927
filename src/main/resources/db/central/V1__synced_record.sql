-- Central store of records synced from the consoles' outboxes (issue 3).

-- The latest version of each record. outbox_id names the outbox entry that wrote this version.
CREATE TABLE synced_record (
    record_type text        NOT NULL,
    record_id   uuid        NOT NULL,
    version     bigint      NOT NULL,
    payload     jsonb       NOT NULL,
    origin      text        NOT NULL,
    outbox_id   uuid        NOT NULL UNIQUE,
    synced_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (record_type, record_id)
);

-- Every outbox entry ever applied, so that a replay (a retry after a lost acknowledgement) is recognised even when
-- a later entry has since replaced the record's row in synced_record.
CREATE TABLE applied_outbox (
    outbox_id   uuid        PRIMARY KEY,
    record_type text        NOT NULL,
    record_id   uuid        NOT NULL,
    version     bigint      NOT NULL,
    origin      text        NOT NULL,
    applied_at  timestamptz NOT NULL DEFAULT now()
);

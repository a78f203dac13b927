-- Identity and audit (issue 4).

-- Facts about this console that never change once made: its id (names its audit chain), the salt of IP hashes.
CREATE TABLE console_setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Local accounts. Accounts are disabled, never deleted: a signature's owner stays known.
-- Times are Unix milliseconds; password_hash is an Argon2id PHC string (NULL for single sign-on accounts).
CREATE TABLE user_account (
    id                   TEXT    PRIMARY KEY,
    username             TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    display_name         TEXT    NOT NULL,
    role                 TEXT    NOT NULL CHECK (role IN ('OPERATOR', 'SUPERVISOR', 'QA_MANAGER', 'ADMIN')),
    status               TEXT    NOT NULL CHECK (status IN ('ACTIVE', 'DISABLED')),
    password_hash        TEXT,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    failed_attempts      INTEGER NOT NULL DEFAULT 0,
    locked_until         INTEGER,
    last_login_at        INTEGER,
    last_failed_at       INTEGER,
    sso_subject          TEXT    UNIQUE,
    created_at           INTEGER NOT NULL,
    version              INTEGER NOT NULL
);

-- This console's audit chain (and nothing else: the chain is per console). Columns mirror the central audit_event.
CREATE TABLE audit_event (
    seq           INTEGER PRIMARY KEY,
    id            TEXT    NOT NULL UNIQUE,
    console_id    TEXT    NOT NULL,
    occurred_at   TEXT    NOT NULL,
    user_id       TEXT,
    role          TEXT,
    action        TEXT    NOT NULL,
    resource_type TEXT    NOT NULL,
    resource_id   TEXT,
    old_value     TEXT,
    new_value     TEXT,
    reason        TEXT,
    workstation   TEXT    NOT NULL,
    ip_hash       TEXT,
    prev_hash     TEXT    NOT NULL,
    hash          TEXT    NOT NULL
);
-- occurred_at is ISO-8601 UTC with a fixed width, so text order is time order.
CREATE INDEX audit_event_time ON audit_event (occurred_at);
CREATE INDEX audit_event_user ON audit_event (user_id, occurred_at);

-- Electronic signatures: who signed which record (by its hash), when, meaning what.
CREATE TABLE e_signature (
    id            TEXT    PRIMARY KEY,
    user_id       TEXT    NOT NULL REFERENCES user_account (id),
    user_name     TEXT    NOT NULL,
    role          TEXT    NOT NULL,
    meaning       TEXT    NOT NULL,
    resource_type TEXT    NOT NULL,
    resource_id   TEXT    NOT NULL,
    record_hash   TEXT    NOT NULL,
    signed_at      TEXT    NOT NULL,
    signature_hash TEXT    NOT NULL,
    audit_event    TEXT    NOT NULL
);
CREATE INDEX e_signature_resource ON e_signature (resource_type, resource_id);

-- Central audit trail, append-only (issue 3): rows are inserted and read, never changed nor removed.
-- Two locks: a trigger rejects UPDATE, DELETE and TRUNCATE for everyone (the owner and superusers included, unless
-- they drop or disable it), and the application role plant_console_app holds no UPDATE, DELETE nor TRUNCATE on it.

CREATE TABLE audit_event (
    id            uuid        PRIMARY KEY,
    console_id    text,
    seq           bigint,
    occurred_at   timestamptz,
    user_id       text,
    role          text,
    action        text,
    resource_type text,
    resource_id   text,
    old_value     jsonb,
    new_value     jsonb,
    reason        text,
    workstation   text,
    ip_hash       text,
    prev_hash     text,
    hash          text        NOT NULL,
    UNIQUE (console_id, seq)
);

CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'audit records are never changed or removed; record a new event instead';
END
$$;

CREATE TRIGGER audit_event_no_update_delete
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();

CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();

-- The application role. Roles are cluster-wide: create it only when missing (a second database, a re-run).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'plant_console_app') THEN
        CREATE ROLE plant_console_app NOLOGIN;
    END IF;
END
$$;

REVOKE ALL ON audit_event FROM PUBLIC;
REVOKE ALL ON audit_event FROM plant_console_app;
GRANT INSERT, SELECT ON audit_event TO plant_console_app;
GRANT INSERT, SELECT, UPDATE ON synced_record, applied_outbox TO plant_console_app;

-- The console reads the schema history to refuse a central schema newer than it knows.
DO $$
BEGIN
    IF to_regclass('flyway_schema_history') IS NOT NULL THEN
        GRANT SELECT ON flyway_schema_history TO plant_console_app;
    END IF;
END
$$;

-- The login that runs the migration is granted the role (harmless for a superuser). The console's own login, when
-- it is another one, is granted it by the DBA: GRANT plant_console_app TO <console login>. The console should log in
-- as a role that does not own these tables: an owner keeps every privilege it does not revoke from itself.
DO $$
BEGIN
    EXECUTE format('GRANT plant_console_app TO %I', current_user);
EXCEPTION WHEN insufficient_privilege OR invalid_grant_operation THEN
    RAISE NOTICE 'could not grant plant_console_app to %: %', current_user, SQLERRM;
END
$$;

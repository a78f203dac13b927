-- Anchored audit chains (issue 9, ADR 0018): when each audit event reached the centre, a registry of the consoles
-- whose chains the centre holds, and the flags raised when a console sends an event that does not continue its
-- registered chain. The sink (PostgresCentralSink) maintains both in the transaction of each batch.

-- When the centre received each event (rows older than this migration keep NULL: the time was not recorded).
-- The application role may not choose it: its INSERT privilege on audit_event becomes column-level below.
ALTER TABLE audit_event ADD COLUMN received_at timestamptz;
ALTER TABLE audit_event ALTER COLUMN received_at SET DEFAULT now();

-- One row per audit chain the centre holds. origin is the sync origin: the console's client id from its site
-- config (demo: plant-console-<workstation>), which lives outside the console's data folder and so survives the
-- loss of its local store, while console_id (the chain id) is made in that store. A client id has at most one
-- active chain; a new chain for it is refused until an administrator re-registers the client id
-- (audit_console_reregister), which retires the old chain.
CREATE TABLE audit_console (
    console_id    text        PRIMARY KEY,
    origin        text        NOT NULL,
    workstation   text,
    chain_start   timestamptz,
    first_seen    timestamptz NOT NULL DEFAULT now(),
    last_seen     timestamptz NOT NULL DEFAULT now(),
    head_seq      bigint      NOT NULL,
    head_hash     text        NOT NULL,
    retired_at    timestamptz,
    retired_by    text,
    retire_reason text
);
CREATE UNIQUE INDEX audit_console_one_chain_per_origin ON audit_console (origin) WHERE retired_at IS NULL;
CREATE INDEX audit_console_workstation ON audit_console (workstation) WHERE retired_at IS NULL;

-- What the sink refused (a new chain for a known client id, a fork or rewind, a rewritten event or prefix, a gap, a
-- chain that does not start at 1, another console's chain) and what it accepted but wants seen (a new chain on a
-- workstation that holds another client id's chain). One row per client id, event and kind; a retry counts attempts.
CREATE TABLE audit_console_flag (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    origin       text        NOT NULL,
    console_id   text        NOT NULL,
    kind         text        NOT NULL,
    seq          bigint      NOT NULL,
    event_id     uuid        NOT NULL,
    detail       text        NOT NULL,
    first_raised timestamptz NOT NULL DEFAULT now(),
    last_raised  timestamptz NOT NULL DEFAULT now(),
    attempts     bigint      NOT NULL DEFAULT 1,
    resolved_at  timestamptz,
    resolved_by  text,
    UNIQUE (origin, event_id, kind)
);
CREATE INDEX audit_console_flag_console ON audit_console_flag (console_id) WHERE resolved_at IS NULL;
CREATE INDEX audit_console_flag_origin ON audit_console_flag (origin) WHERE resolved_at IS NULL;

-- The chains the centre held before this migration: origin from the sink's log of the head event (consoles whose
-- events arrived otherwise get a placeholder origin of their own); where one origin held several chains, the one
-- with the newest event stays active and the others are retired.
INSERT INTO audit_console (console_id, origin, workstation, chain_start, head_seq, head_hash, retired_at, retired_by,
                           retire_reason)
SELECT c.console_id, c.origin, c.workstation, c.chain_start, c.head_seq, c.head_hash,
       CASE WHEN c.rank_in_origin > 1 THEN now() END,
       CASE WHEN c.rank_in_origin > 1 THEN current_user END,
       CASE WHEN c.rank_in_origin > 1
            THEN 'superseded by a newer chain of the same client id before the registry existed (V10)' END
FROM (
    SELECT h.console_id, coalesce(o.origin, 'unknown:' || h.console_id) AS origin, h.workstation,
           s.occurred_at AS chain_start, h.seq AS head_seq, h.hash AS head_hash,
           row_number() OVER (PARTITION BY coalesce(o.origin, 'unknown:' || h.console_id)
                              ORDER BY h.occurred_at DESC, h.console_id) AS rank_in_origin
    FROM (SELECT DISTINCT ON (console_id) id, console_id, seq, hash, workstation, occurred_at
          FROM audit_event WHERE console_id IS NOT NULL ORDER BY console_id, seq DESC) h
    LEFT JOIN LATERAL (SELECT a.origin FROM applied_outbox a WHERE a.record_id = h.id
                       AND a.record_type = 'audit_event' LIMIT 1) o ON true
    LEFT JOIN LATERAL (SELECT e.occurred_at FROM audit_event e WHERE e.console_id = h.console_id AND e.seq = 1) s
           ON true
) c;

-- Re-registering a client id (its console's local store was lost or replaced): retires its active chain and resolves
-- the client id's open flags, so that the console's next chain is accepted from event 1. For the DBA or the schema
-- owner; the application role cannot (it holds no UPDATE on retired_at nor resolved_at).
CREATE FUNCTION audit_console_reregister(p_origin text, p_reason text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    retired text;
BEGIN
    IF p_reason IS NULL OR btrim(p_reason) = '' THEN
        RAISE EXCEPTION 're-registering client id % needs a reason', p_origin;
    END IF;
    UPDATE audit_console SET retired_at = now(), retired_by = session_user, retire_reason = p_reason
     WHERE origin = p_origin AND retired_at IS NULL
    RETURNING console_id INTO retired;
    UPDATE audit_console_flag SET resolved_at = now(), resolved_by = session_user
     WHERE origin = p_origin AND resolved_at IS NULL;
    RETURN retired;
END
$$;
REVOKE ALL ON FUNCTION audit_console_reregister(text, text) FROM PUBLIC;

-- The application role: inserts audit events without choosing received_at; maintains the registry and raises flags,
-- but cannot retire a chain nor resolve a flag.
REVOKE INSERT ON audit_event FROM plant_console_app;
GRANT INSERT (id, console_id, seq, occurred_at, user_id, role, action, resource_type, resource_id, old_value,
              new_value, reason, workstation, ip_hash, prev_hash, hash) ON audit_event TO plant_console_app;
REVOKE ALL ON audit_console, audit_console_flag FROM PUBLIC;
GRANT SELECT ON audit_console, audit_console_flag TO plant_console_app;
GRANT INSERT (console_id, origin, workstation, chain_start, head_seq, head_hash) ON audit_console
    TO plant_console_app;
GRANT UPDATE (last_seen, head_seq, head_hash) ON audit_console TO plant_console_app;
GRANT INSERT (origin, console_id, kind, seq, event_id, detail) ON audit_console_flag TO plant_console_app;
GRANT UPDATE (last_raised, attempts) ON audit_console_flag TO plant_console_app;

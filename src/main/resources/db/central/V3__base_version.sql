-- Conflicts by base version (issue 9). A console now sends, with every change, the version of the record the change
-- was made on; the centre applies it only while it still holds exactly that version (0: the record is new) and
-- otherwise refuses it as a conflict, holding the later changes of that record back until the conflict is resolved.
-- Consoles that judged "a higher version wins" must not write here any more: this version makes them refuse the
-- schema as newer than they know ("update the console").

-- The base each applied entry was made on (NULL for entries applied before this version).
ALTER TABLE applied_outbox ADD COLUMN base_version bigint;

COMMENT ON COLUMN applied_outbox.base_version IS
    'the version of the record this change was made on (0: a new record); NULL for entries applied before V3';

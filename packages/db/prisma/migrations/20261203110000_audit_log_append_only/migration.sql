-- The audit trail is append-only in the database too, not only in the application (no route
-- edits or deletes an entry): a mistaken script, a console session or a compromised
-- application account cannot quietly change or remove what staff did. An owner who must scrub a
-- column later (as 20261130031000 did) does it in a migration that drops and re-creates these
-- triggers, so the change is itself recorded in the migration history.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = '42501';
END;
$$;

CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- The event log is the source for timelines, statistics and replay: rows are added, never changed.
CREATE FUNCTION event_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER call_events_append_only BEFORE UPDATE OR DELETE ON call_events
  FOR EACH ROW EXECUTE FUNCTION event_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER unit_events_append_only BEFORE UPDATE OR DELETE ON unit_events
  FOR EACH ROW EXECUTE FUNCTION event_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER unit_positions_append_only BEFORE UPDATE OR DELETE ON unit_positions
  FOR EACH ROW EXECUTE FUNCTION event_log_refuse_change();
--> statement-breakpoint
-- Incident numbers: year + a sequence, e.g. 2026-000123.
CREATE SEQUENCE call_incident_seq;

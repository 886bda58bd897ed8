CREATE TABLE "audit_chain_starts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"first_event_id" bigint NOT NULL,
	"prev_hash" text NOT NULL,
	"signature" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "caller_data_removed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "calls_caller_data_due_idx" ON "calls" USING btree ("closed_at") WHERE "calls"."caller_data_removed_at" is null and "calls"."closed_at" is not null;--> statement-breakpoint
-- Chain starts are evidence like checkpoints: added, never changed or removed.
CREATE TRIGGER audit_chain_starts_append_only
  BEFORE UPDATE OR DELETE ON audit_chain_starts
  FOR EACH ROW EXECUTE FUNCTION audit_checkpoints_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_chain_starts_no_truncate
  BEFORE TRUNCATE ON audit_chain_starts
  FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoints_refuse_change();
--> statement-breakpoint
-- Retention (docs/PRIVACY.md) is the one way history leaves: the triggers still refuse every
-- UPDATE, DELETE and TRUNCATE, except the row changes the retention functions below make
-- (each sets watchfloor.retention to its table around its one statement). Setting it by
-- hand buys nothing on PostgreSQL: the runtime role has no DELETE or UPDATE on these tables.
CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('watchfloor.retention', true) = TG_TABLE_NAME THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
-- Positions may be deleted by retention; call events only lose keys from their data (caller
-- data of old closed calls), every other column unchanged.
CREATE OR REPLACE FUNCTION event_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('watchfloor.retention', true) = TG_TABLE_NAME THEN
    IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'unit_positions' THEN
      RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'call_events'
       AND (to_jsonb(OLD) - 'data') = (to_jsonb(NEW) - 'data') AND OLD.data @> NEW.data THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
-- The oldest audit rows, a batch at a time: only below the latest signed chain start (so the
-- chain stays verifiable) and never a row younger than 365 days (CJIS AU-11), whatever is asked.
CREATE FUNCTION retention_purge_audit_events(cutoff timestamptz, batch integer) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
DECLARE
  removed integer;
BEGIN
  PERFORM set_config('watchfloor.retention', 'audit_events', true);
  DELETE FROM audit_events WHERE id IN (
    SELECT id FROM audit_events
    WHERE id < (SELECT coalesce(max(first_event_id), 0) FROM audit_chain_starts)
      AND at < least(cutoff, now() - interval '365 days')
    ORDER BY id LIMIT greatest(batch, 0));
  GET DIAGNOSTICS removed = ROW_COUNT;
  PERFORM set_config('watchfloor.retention', '', true);
  RETURN removed;
END;
$$;
--> statement-breakpoint
-- Unit position history older than the cutoff, a batch at a time; never the last day's.
CREATE FUNCTION retention_purge_unit_positions(cutoff timestamptz, batch integer) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
DECLARE
  removed integer;
BEGIN
  PERFORM set_config('watchfloor.retention', 'unit_positions', true);
  DELETE FROM unit_positions WHERE id IN (
    SELECT id FROM unit_positions
    WHERE at < least(cutoff, now() - interval '1 day')
    ORDER BY at LIMIT greatest(batch, 0));
  GET DIAGNOSTICS removed = ROW_COUNT;
  PERFORM set_config('watchfloor.retention', '', true);
  RETURN removed;
END;
$$;
--> statement-breakpoint
-- Removes the given keys (caller data) from the events of the given calls, only of calls
-- closed more than a day ago.
CREATE FUNCTION retention_redact_call_events(call_ids uuid[], personal_keys text[]) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
DECLARE
  changed integer;
BEGIN
  PERFORM set_config('watchfloor.retention', 'call_events', true);
  UPDATE call_events SET data = data - personal_keys
  WHERE call_id = ANY (call_ids) AND data ?| personal_keys
    AND call_id IN (SELECT id FROM calls
                    WHERE id = ANY (call_ids) AND closed_at < now() - interval '1 day');
  GET DIAGNOSTICS changed = ROW_COUNT;
  PERFORM set_config('watchfloor.retention', '', true);
  RETURN changed;
END;
$$;
--> statement-breakpoint
-- Only the roles `db:roles` grants may call them (PostgreSQL gives EXECUTE to PUBLIC by default).
REVOKE EXECUTE ON FUNCTION retention_purge_audit_events(timestamptz, integer),
  retention_purge_unit_positions(timestamptz, integer),
  retention_redact_call_events(uuid[], text[]) FROM PUBLIC;

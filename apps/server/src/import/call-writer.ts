import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/client.ts';
import type { PlannedCall } from './call-plan.ts';

export interface WriteResult {
  calls: number;
  events: number;
}

/** Deadlock or serialization failure: two batches raced for the same source id. */
function isRetryable(error: unknown): boolean {
  const codes = [error, (error as { cause?: unknown }).cause].map(
    (candidate) => (candidate as { code?: unknown } | undefined)?.code,
  );
  return codes.some((code) => code === '40P01' || code === '40001');
}

/**
 * Stores a batch of imported calls and their events in one statement, so one
 * transaction and one round trip. A call already stored under `(source,
 * sourceId)` is skipped with its events: importing the same rows twice adds
 * nothing. The caller passes each source id at most once per batch; batches
 * written at the same time may share ids (the database then settles who wins).
 */
export async function writeCallBatch(
  db: Database,
  source: string,
  actor: string,
  calls: readonly PlannedCall[],
): Promise<WriteResult> {
  if (calls.length === 0) return { calls: 0, events: 0 };
  // JSON text is the one kind of parameter both drivers pass the same way.
  const batch = JSON.stringify(calls.map(({ knownCallType: _known, ...call }) => call));
  for (let attempt = 1; ; attempt += 1) {
    try {
      const [result] = await queryRows<WriteResult>(db, batchStatement(source, actor, batch));
      return result ?? { calls: 0, events: 0 };
    } catch (error) {
      if (attempt >= 3 || !isRetryable(error)) throw error;
    }
  }
}

/**
 * The events are the ones a live call would have had, derived here from the
 * stored instants rather than sent (half the data to parse): `created` at the
 * receive time (version 1), then one `status_changed` per timed stage —
 * dispatched, enroute, onscene, closed (`cancelled` for a cancelled call, with
 * the disposition) — numbered in that order, each at its instant. The source
 * event id is `<source call id>:<stage>`. A status the export gives without its
 * instant (a snapshot saying "active") is noted on `created` as `reportedStatus`,
 * and a priority that is not the row's own value as `priorityMapped`.
 * Rows already stored are skipped before numbering, so repeats use no incident
 * numbers.
 */
function batchStatement(source: string, actor: string, batch: string) {
  return sql`
    with input as (
      select * from json_to_recordset(${batch}::json) as r(
        "sourceId" text, "callType" text, "callTypeDescription" text, priority int,
        "officerInitiated" boolean, lat float8, lon float8, address text, beat text,
        district text, status text, "receivedAt" timestamptz, "dispatchedAt" timestamptz,
        "enrouteAt" timestamptz, "onsceneAt" timestamptz, "closedAt" timestamptz,
        disposition text, "priorityMapped" boolean)
    ),
    -- Probed through the (source, source_id) index, whatever the table's size.
    stored as (
      select source_id from calls
      where source = ${source} and source_id = any(array(select "sourceId" from input))
    ),
    staged as (
      select input.*,
        ("dispatchedAt" is not null)::int as d, ("enrouteAt" is not null)::int as e,
        ("onsceneAt" is not null)::int as o, ("closedAt" is not null)::int as c,
        case when "closedAt" is not null then 'closed' when "onsceneAt" is not null then 'onscene'
             when "enrouteAt" is not null then 'enroute' when "dispatchedAt" is not null then 'dispatched'
             else 'pending' end as timed_status
      from input
      where "sourceId" not in (select source_id from stored)
    ),
    -- A CTE with nextval() is computed once per row, never inlined.
    numbered as (
      select staged.*, nextval('call_incident_seq')::text as number from staged
    ),
    new_calls as (
      insert into calls (
        incident_number, source, source_id, call_type, call_type_description, priority,
        original_priority, officer_initiated, lat, lon, address, beat, district, status,
        received_at, dispatched_at, enroute_at, onscene_at, closed_at, disposition, version)
      select
        extract(year from "receivedAt" at time zone 'UTC')::int || '-' || lpad(number, greatest(6, length(number)), '0'),
        ${source}, "sourceId", "callType", "callTypeDescription", priority, priority,
        "officerInitiated", lat, lon, address, beat, district, status, "receivedAt",
        "dispatchedAt", "enrouteAt", "onsceneAt", "closedAt", disposition, 1 + d + e + o + c
      from numbered
      on conflict (source, source_id) do nothing
      returning id, source_id
    ),
    new_events as (
      insert into call_events (call_id, version, type, at, actor, source, source_event_id, data)
      select new_calls.id, stage.version, stage.type, stage.at, ${actor}, ${source},
        staged."sourceId" || ':' || stage.key, stage.data
      from new_calls
      join staged on staged."sourceId" = new_calls.source_id
      cross join lateral (values
        ('received', 1, 'created', "receivedAt",
          jsonb_build_object('callType', "callType", 'priority', priority)
          || case when "priorityMapped" then '{"priorityMapped": true}'::jsonb else '{}' end
          || case when status <> timed_status then jsonb_build_object('reportedStatus', status) else '{}' end),
        ('dispatched', 2, 'status_changed', "dispatchedAt", '{"status": "dispatched"}'::jsonb),
        ('enroute', 2 + d, 'status_changed', "enrouteAt", '{"status": "enroute"}'::jsonb),
        ('onscene', 2 + d + e, 'status_changed', "onsceneAt", '{"status": "onscene"}'::jsonb),
        ('closed', 2 + d + e + o, 'status_changed', "closedAt",
          jsonb_build_object('status', case when status = 'cancelled' then 'cancelled' else 'closed' end)
          || case when disposition is not null then jsonb_build_object('disposition', disposition) else '{}' end)
      ) as stage(key, version, type, at, data)
      where stage.at is not null
      on conflict (source, source_event_id) do nothing
      returning 1
    )
    select (select count(*) from new_calls)::int as calls,
           (select count(*) from new_events)::int as events`;
}

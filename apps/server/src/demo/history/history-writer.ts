import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../db/client.ts';
import type { PlannedCall } from '../../import/call-plan.ts';
import { writeCallBatch } from '../../import/call-writer.ts';
import type { HistoryCall } from './history-plan.ts';
import type { HistoryPosition, HistoryUnitEvent } from './history-trail.ts';
import type { RosterUnit } from './history-units.ts';

/** The `source` of every generated call and unit event: generated, not observed. */
export const historySource = 'demo-history';
export const historyActor = 'demo-history';

/**
 * Set-based writes of the generated history, one statement per batch. Each is
 * idempotent: calls by `(source, source_id)` through the importer's writer,
 * assignments by their key, unit events by `(source, source_event_id)`,
 * positions by `(unit_id, at)`.
 */

/**
 * Creates the live city's units that do not exist yet, off duty since `sinceMs`,
 * so history can reference them; the city's registration later puts them on duty.
 */
export async function ensureRoster(
  db: Database,
  roster: readonly RosterUnit[],
  sinceMs: number,
): Promise<void> {
  const rows = JSON.stringify(roster.map((u) => ({ callSign: u.callSign, district: u.district })));
  await db.execute(sql`
    insert into units (call_sign, type, home_district, status, status_since)
    select "callSign", 'patrol', district, 'off_duty', ${new Date(sinceMs).toISOString()}::timestamptz
    from json_to_recordset(${rows}::json) as r("callSign" text, district text)
    on conflict (call_sign) do nothing`);
}

/** A batch of calls with their events, then the assignment of each call's unit. */
export async function writeHistoryCalls(
  db: Database,
  calls: readonly HistoryCall[],
): Promise<{ calls: number; events: number }> {
  const planned: PlannedCall[] = calls.map(({ unit: _unit, arrivedAt: _arrived, ...call }) => call);
  const written = await writeCallBatch(db, historySource, historyActor, planned);
  const assignments = JSON.stringify(
    calls
      .filter((call) => call.unit !== null && call.dispatchedAt !== null)
      .map((call) => ({
        sourceId: call.sourceId,
        callSign: call.unit,
        assignedAt: call.dispatchedAt,
        clearedAt: call.closedAt,
      })),
  );
  await db.execute(sql`
    insert into call_assignments (call_id, unit_id, assigned_at, cleared_at)
    select calls.id, units.id, r."assignedAt", r."clearedAt"
    from json_to_recordset(${assignments}::json) as r(
      "sourceId" text, "callSign" text, "assignedAt" timestamptz, "clearedAt" timestamptz)
    join calls on calls.source = ${historySource} and calls.source_id = r."sourceId"
    join units on units.call_sign = r."callSign"
    on conflict do nothing`);
  return written;
}

export async function writeUnitEvents(
  db: Database,
  events: readonly HistoryUnitEvent[],
): Promise<number> {
  // `n` keeps the given order in the ids of events that share an instant.
  const rows = JSON.stringify(
    events.map((e, n) => ({ ...e, at: new Date(e.at).toISOString(), n })),
  );
  const [result] = await queryRows<{ count: number }>(
    db,
    sql`
      with inserted as (
        insert into unit_events (unit_id, at, from_status, to_status, call_id, actor, source, source_event_id)
        select units.id, r.at, r."fromStatus", r."toStatus", calls.id, ${historyActor}, ${historySource},
          r."sourceEventId"
        from json_to_recordset(${rows}::json) as r(
          "callSign" text, at timestamptz, "fromStatus" text, "toStatus" text, "callSourceId" text,
          "sourceEventId" text, n int)
        join units on units.call_sign = r."callSign"
        left join calls on calls.source = ${historySource} and calls.source_id = r."callSourceId"
        order by r.n
        on conflict (source, source_event_id) do nothing
        returning 1
      )
      select count(*)::int as count from inserted`,
  );
  return result?.count ?? 0;
}

export async function writePositions(
  db: Database,
  positions: readonly HistoryPosition[],
): Promise<number> {
  const rows = JSON.stringify(positions.map((p) => ({ ...p, at: new Date(p.at).toISOString() })));
  const [result] = await queryRows<{ count: number }>(
    db,
    sql`
      with inserted as (
        insert into unit_positions (unit_id, at, lat, lon, heading, speed, accuracy)
        select units.id, r.at, r.lat, r.lon, r.heading, r.speed, r.accuracy
        from json_to_recordset(${rows}::json) as r(
          "callSign" text, at timestamptz, lat float8, lon float8, heading float8, speed float8,
          accuracy float8)
        join units on units.call_sign = r."callSign"
        on conflict (unit_id, at) do nothing
        returning 1
      )
      select count(*)::int as count from inserted`,
  );
  return result?.count ?? 0;
}

/** The history already stored: how many calls, and the id prefix they were written under. */
export async function storedHistory(
  db: Database,
): Promise<{ calls: number; firstSourceId: string | null }> {
  const [row] = await queryRows<{ calls: number; first: string | null }>(
    db,
    sql`select count(*)::int as calls, min(source_id) as first from calls where source = ${historySource}`,
  );
  return { calls: row?.calls ?? 0, firstSourceId: row?.first ?? null };
}

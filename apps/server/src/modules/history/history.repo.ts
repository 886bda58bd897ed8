import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database } from '../../db/client.ts';
import { calls } from '../../db/schema.ts';
import type { CallHistory, LoggedAssignment, LoggedCallEvent } from './history-state.ts';
import { iso, type Window } from './history-sql.ts';
import { createUnitHistoryRepo } from './history-units.repo.ts';

export type { Window } from './history-sql.ts';
export type {
  HistoricalUnitRow,
  PositionRow,
  UnitEventRow,
  UnitRefRow,
} from './history-units.repo.ts';

/*
 * SQL only: no authorization or business rules here. `scope` filters come from
 * the service (the ability as SQL) and refer to the unaliased `calls` or
 * `units` table. Instants go in as ISO text and lists as JSON text: the two
 * kinds of parameter both drivers pass the same way.
 */

const asJson = <T>(value: unknown): T =>
  (typeof value === 'string' ? JSON.parse(value) : value) as T;

interface RawCall {
  id: string;
  incident_number: string;
  call_type: string;
  call_type_description: string;
  original_priority: number;
  officer_initiated: boolean;
  lat: number | null;
  lon: number | null;
  address: string | null;
  beat: string | null;
  district: string | null;
  status: string;
  events: unknown;
  assignments: unknown;
}

/**
 * Calls matching `where`, each with its events and assignments up to `until`
 * as JSON arrays: one statement, the log read per call through
 * `call_events (call_id, id)` and the `call_assignments` primary key.
 */
async function callsWithLog(db: Database, where: SQL, until: string): Promise<CallHistory[]> {
  const rows = await queryRows<RawCall>(
    db,
    sql`
      select ${calls.id} as id, ${calls.incidentNumber} as incident_number,
        ${calls.callType} as call_type, ${calls.callTypeDescription} as call_type_description,
        ${calls.originalPriority} as original_priority,
        ${calls.officerInitiated} as officer_initiated, ${calls.lat} as lat, ${calls.lon} as lon,
        ${calls.address} as address, ${calls.beat} as beat, ${calls.district} as district,
        ${calls.status} as status,
        coalesce((
          select jsonb_agg(jsonb_build_object('id', e.id, 'version', e.version, 'type', e.type,
            'at', e.at, 'data', e.data) order by e.at, e.id)
          from call_events e
          where e.call_id = ${calls.id} and e.at <= ${until}::timestamptz
        ), '[]'::jsonb) as events,
        coalesce((
          select jsonb_agg(jsonb_build_object('unitId', a.unit_id, 'callSign', u.call_sign,
            'assignedAt', a.assigned_at, 'clearedAt', a.cleared_at))
          from call_assignments a join units u on u.id = a.unit_id
          where a.call_id = ${calls.id} and a.assigned_at <= ${until}::timestamptz
        ), '[]'::jsonb) as assignments
      from ${calls}
      where ${where}`,
  );
  return rows.map((row) => ({
    row: {
      id: row.id,
      incidentNumber: row.incident_number,
      callType: row.call_type,
      callTypeDescription: row.call_type_description,
      originalPriority: row.original_priority,
      officerInitiated: row.officer_initiated,
      lat: row.lat,
      lon: row.lon,
      address: row.address,
      beat: row.beat,
      district: row.district,
      status: row.status,
    },
    events: asJson<(Omit<LoggedCallEvent, 'at'> & { at: string })[]>(row.events).map((event) => ({
      ...event,
      at: new Date(event.at),
    })),
    assignments: asJson<
      (Omit<LoggedAssignment, 'assignedAt' | 'clearedAt'> & {
        assignedAt: string;
        clearedAt: string | null;
      })[]
    >(row.assignments).map((assignment) => ({
      ...assignment,
      assignedAt: new Date(assignment.assignedAt),
      clearedAt: assignment.clearedAt === null ? null : new Date(assignment.clearedAt),
    })),
  }));
}

/** Great-circle metres from `p` (a `unit_positions` alias) to a point, as in `distanceMeters`. */
export function createHistoryRepo(db: Database) {
  return {
    ...createUnitHistoryRepo(db),
    /**
     * Calls that may have been open at `at`, with their log up to it: received
     * by then and not closed before. The row's `closed_at` is the first final
     * event's time, so this is a superset the fold then narrows. A finished call
     * with no close instant (some imports) has an unknown end and is left out.
     */
    openCallCandidates(at: Date, scope: SQL): Promise<CallHistory[]> {
      const t = iso(at);
      return callsWithLog(
        db,
        sql`${scope} and ${calls.receivedAt} <= ${t}::timestamptz
          and ((${calls.closedAt} is null and ${calls.status} not in ('closed', 'cancelled'))
            or ${calls.closedAt} > ${t}::timestamptz)`,
        t,
      );
    },

    /** Calls with an event or an assignment change in the window, with their log up to its end. */
    callsChangedIn(window: Window, scope: SQL): Promise<CallHistory[]> {
      const [from, to] = [iso(window.from), iso(window.to)];
      return callsWithLog(
        db,
        sql`${scope} and ${calls.id} in (
          select call_id from call_events
          where at > ${from}::timestamptz and at <= ${to}::timestamptz
          union
          select call_id from call_assignments
          where (assigned_at > ${from}::timestamptz and assigned_at <= ${to}::timestamptz)
             or (cleared_at > ${from}::timestamptz and cleared_at <= ${to}::timestamptz))`,
        to,
      );
    },

    /** One call with its whole log. */
    async callById(id: string): Promise<CallHistory | undefined> {
      const [history] = await callsWithLog(db, sql`${calls.id} = ${id}::uuid`, 'infinity');
      return history;
    },

    /**
     * Units at `at`: each one's latest status change at or before it and its last
     * unflagged position within `lookbackSeconds`, through the `(unit_id, at)`
     * indexes. Units with neither were not on the roster yet and are left out,
     * unless `ids` names them.
     */
  };
}

export type HistoryRepo = ReturnType<typeof createHistoryRepo>;

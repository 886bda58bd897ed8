import { sql, type SQL } from 'drizzle-orm';
import type { Shift, StatsDimension } from '@watchfloor/contracts';
import { calls } from '../../db/schema.ts';

/** What the time dimensions need: where "local" is, and the agency's shifts. */
export interface LocalCalendar {
  timeZone: string;
  shifts: readonly Shift[];
}

/**
 * How one dimension groups calls: `key` is computed per call (cheap to group on,
 * and it orders the groups); `label` turns a group's key into what the API
 * sends, once per group; `join` is what the key reads besides the call row.
 */
export interface DimensionSql {
  key: SQL;
  label: (key: SQL) => SQL;
  join?: SQL;
}

/** The lateral join that names each call's first assigned unit (`first_unit.call_sign`). */
const firstUnitJoin = sql`left join lateral (
  select units.call_sign
  from call_assignments
  join units on units.id = call_assignments.unit_id
  where call_assignments.call_id = ${calls.id}
  order by call_assignments.assigned_at, call_assignments.unit_id
  limit 1
) as first_unit on true`;

/** The received instant as local wall-clock time (`local_time.received`), converted once per call. */
const localTimeJoin = (timeZone: string) => sql`cross join lateral (
  select (${calls.receivedAt} at time zone ${timeZone}::text) as received
) as local_time`;
const localReceived = sql`local_time.received`;

const asIs = (key: SQL) => key;
const isoDate = (key: SQL) => sql`to_char(${key}, 'YYYY-MM-DD')`;

/**
 * The shift a local time falls in, as its 1-based position in `shifts`: the
 * shift with the latest start at or before that time, else (before the earliest
 * start) the shift with the latest start, which runs past midnight.
 */
function shiftOrdinal(shifts: readonly Shift[]): SQL {
  const byStart = shifts
    .map((shift, index) => ({ start: shift.start, ordinal: index + 1 }))
    .sort((a, b) => b.start.localeCompare(a.start));
  const branches = byStart.map(
    ({ start, ordinal }) => sql`when ${localReceived}::time >= ${start}::time then ${ordinal}::int`,
  );
  return sql`case ${sql.join(branches, sql` `)} else ${byStart[0]!.ordinal}::int end`;
}

function shiftLabel(shifts: readonly Shift[]) {
  const names = sql.join(
    shifts.map((shift) => sql`${shift.name}::text`),
    sql`, `,
  );
  return (key: SQL) => sql`(array[${names}])[${key}]`;
}

/**
 * SQL for each dimension; time dimensions bucket the received instant in local
 * time. Dimensions of one calendar share their join objects, so a statement with
 * two time dimensions converts the instant once.
 */
export function dimensionSqlFor(
  calendar: LocalCalendar,
): (dimension: StatsDimension) => DimensionSql {
  const localJoin = localTimeJoin(calendar.timeZone);
  const local = (key: SQL, label: (key: SQL) => SQL = asIs): DimensionSql => ({
    key,
    label,
    join: localJoin,
  });
  return (dimension) => {
    switch (dimension) {
      case 'priority':
        return { key: sql`${calls.priority}`, label: asIs };
      case 'district':
        return { key: sql`${calls.district}`, label: asIs };
      case 'beat':
        return { key: sql`${calls.beat}`, label: asIs };
      case 'callType':
        return { key: sql`${calls.callType}`, label: asIs };
      case 'unit':
        return { key: sql`first_unit.call_sign`, label: asIs, join: firstUnitJoin };
      case 'hour':
        return local(sql`extract(hour from ${localReceived})::int`);
      case 'weekday':
        return local(sql`extract(isodow from ${localReceived})::int`);
      case 'shift':
        return local(shiftOrdinal(calendar.shifts), shiftLabel(calendar.shifts));
      case 'day':
        return local(sql`${localReceived}::date`, isoDate);
      case 'week':
        return local(sql`date_trunc('week', ${localReceived})::date`, isoDate);
      case 'month':
        return local(
          sql`date_trunc('month', ${localReceived})::date`,
          (key) => sql`to_char(${key}, 'YYYY-MM')`,
        );
    }
  };
}

/**
 * The condition "the call is in the group whose key is `value`", with `value`
 * as the API sends keys: the very key and label that group the calls, so a
 * drill-down lists exactly the calls a group counted. `null` is the group of
 * calls without a value (no beat, no unit).
 */
export function keyCondition(dimension: DimensionSql, value: string | number | null): SQL {
  if (value === null) return sql`${dimension.key} is null`;
  const typed = typeof value === 'number' ? sql`${value}::int` : sql`${value}::text`;
  return sql`${dimension.label(dimension.key)} = ${typed}`;
}

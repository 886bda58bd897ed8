import { sql, type SQL } from 'drizzle-orm';
import { metricInstants, type IntervalMetric } from '@watchfloor/contracts';
import { calls } from '../../db/schema.ts';

/**
 * The SQL every response-time statement shares, so the aggregate, the
 * drill-down and the histogram measure and classify each call the same way.
 */

/**
 * The metric's interval in seconds. `date_part` rather than `extract`: since
 * PostgreSQL 14 `extract` returns numeric, several times slower here, while
 * `date_part` stays double precision.
 */
export function intervalSeconds(metric: IntervalMetric): SQL {
  const { start, end } = metricInstants[metric];
  return sql`date_part('epoch', ${calls[end]} - ${calls[start]})`;
}

/** Whether the call is left out as officer-initiated (`officer_excluded`). */
export const officerExcluded = (excludeOfficerInitiated: boolean): SQL =>
  excludeOfficerInitiated ? sql`${calls.officerInitiated}` : sql`false`;

/** One reason per call, checked in the documented order, over `seconds` and `officer_excluded`. */
export const exclusionReason = sql`case
  when officer_excluded then 'officerInitiated'
  when seconds is null then 'missing'
  when seconds < 0 then 'negative'
end`;

/** The joins the dimensions read besides the call row, each once. */
export const joinsOf = (dimensions: readonly { join?: SQL }[]): SQL =>
  sql.join([...new Set(dimensions.flatMap((dimension) => dimension.join ?? []))], sql` `);

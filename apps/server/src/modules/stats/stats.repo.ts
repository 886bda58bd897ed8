import { sql, type SQL } from 'drizzle-orm';
import type { IntervalMetric, StatsDimension } from '@watchfloor/contracts';
import { queryRows, type Database } from '../../db/client.ts';
import { calls } from '../../db/schema.ts';
import { dimensionSqlFor, type DimensionSql, type LocalCalendar } from './stats.dimensions.ts';
import { createDrillDownRepo } from './stats.drilldown.repo.ts';
import { exclusionReason, intervalSeconds, joinsOf, officerExcluded } from './stats.measure.ts';

/** Everything one response-time statement needs; rules are decided by the service. */
export interface ResponseTimePlan {
  metric: IntervalMetric;
  dimensions: readonly StatsDimension[];
  /** Which calls count: period, caller's scope and request filters. */
  where: SQL;
  excludeOfficerInitiated: boolean;
  calendar: LocalCalendar;
  /** Target seconds per priority level, or null when no target applies to the groups. */
  targetsByPriority: ReadonlyMap<number, number> | null;
}

/** One group as the database computes it; `keys` follow the plan's dimensions. */
export interface ResponseTimeRow {
  keys: unknown[];
  n: number;
  missing: number;
  negative: number;
  officerInitiated: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
  min: number | null;
  max: number | null;
  /** Included calls at or under the target (0 when there is none). */
  withinTarget: number;
}

interface RawRow extends Omit<ResponseTimeRow, 'keys' | 'officerInitiated' | 'withinTarget'> {
  officer_initiated: number;
  within_target: number;
  [key: `key_${number}`]: unknown;
}

function targetSql(targets: ReadonlyMap<number, number> | null): SQL {
  if (!targets || targets.size === 0) return sql`null::float8`;
  const branches = [...targets].map(
    ([level, seconds]) => sql`when ${level}::int then ${seconds}::float8`,
  );
  return sql`case ${calls.priority} ${sql.join(branches, sql` `)} end`;
}

/**
 * The one statement behind `GET /api/stats/response-times`: the interval is
 * computed once per call, each call gets at most one exclusion reason, and every
 * figure is an aggregate over the included calls of a group. Percentiles share
 * one sort (`percentile_cont` over an array of fractions).
 */
function responseTimeStatement(plan: ResponseTimePlan): SQL {
  const dimensions = plan.dimensions.map(dimensionSqlFor(plan.calendar));
  const key = (index: number) => sql.raw(`k${index}`);
  /** One select entry per dimension, each followed by a comma. */
  const perKey = (entry: (dimension: DimensionSql, key: SQL, index: number) => SQL) =>
    sql.join(dimensions.map((dimension, index) => sql`${entry(dimension, key(index), index)}, `));
  const keyList = (suffix: SQL) =>
    sql.join(
      dimensions.map((_, index) => sql`${key(index)}${suffix}`),
      sql`, `,
    );
  const keyColumns = perKey((dimension, column) => sql`${dimension.key} as ${column}`);
  const groupColumns = perKey((_, column) => column);
  const labelColumns = perKey(
    (dimension, column, index) => sql`${dimension.label(column)} as ${sql.raw(`key_${index}`)}`,
  );
  const groupBy = dimensions.length ? sql`group by ${keyList(sql``)}` : sql``;
  const orderBy = dimensions.length ? sql`order by ${keyList(sql` nulls last`)}` : sql``;

  return sql`
    with measured as (
      select ${keyColumns}
        ${intervalSeconds(plan.metric)} as seconds,
        ${officerExcluded(plan.excludeOfficerInitiated)} as officer_excluded,
        ${targetSql(plan.targetsByPriority)} as target
      from ${calls}
      ${joinsOf(dimensions)}
      where ${plan.where}
      -- A fence: without it the planner inlines the interval into every aggregate
      -- and FILTER below, computing it a dozen times per call (3× slower).
      offset 0
    ),
    classified as (
      select *, ${exclusionReason} as exclusion
      from measured
    ),
    grouped as (
      select ${groupColumns}
        count(*) filter (where exclusion is null)::int as n,
        count(*) filter (where exclusion = 'missing')::int as missing,
        count(*) filter (where exclusion = 'negative')::int as negative,
        count(*) filter (where exclusion = 'officerInitiated')::int as officer_initiated,
        avg(seconds) filter (where exclusion is null) as mean,
        percentile_cont(array[0.5, 0.9]) within group (order by seconds)
          filter (where exclusion is null) as percentiles,
        min(seconds) filter (where exclusion is null) as min,
        max(seconds) filter (where exclusion is null) as max,
        count(*) filter (where exclusion is null and seconds <= target)::int as within_target
      from classified
      ${groupBy}
      -- Without dimensions an aggregate answers one row even over no calls: drop it.
      having count(*) > 0
    )
    select ${labelColumns}
      n, missing, negative, officer_initiated, mean,
      percentiles[1] as median, percentiles[2] as p90, min, max, within_target
    from grouped
    ${orderBy}`;
}

/** SQL only: no authorization or business rules here. */
export function createStatsRepo(db: Database) {
  return {
    ...createDrillDownRepo(db),
    async responseTimes(plan: ResponseTimePlan): Promise<ResponseTimeRow[]> {
      const rows = await queryRows<RawRow>(db, responseTimeStatement(plan));
      return rows.map(({ officer_initiated, within_target, ...row }) => ({
        keys: plan.dimensions.map((_, index) => row[`key_${index}`]),
        n: row.n,
        missing: row.missing,
        negative: row.negative,
        officerInitiated: officer_initiated,
        mean: row.mean,
        median: row.median,
        p90: row.p90,
        min: row.min,
        max: row.max,
        withinTarget: within_target,
      }));
    },
  };
}

export type StatsRepo = ReturnType<typeof createStatsRepo>;

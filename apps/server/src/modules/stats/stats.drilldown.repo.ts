import { and, sql, type SQL } from 'drizzle-orm';
import type {
  DrillDownStatus,
  ExclusionReason,
  IntervalMetric,
  StatsDimension,
} from '@watchfloor/contracts';
import { queryRows, type Database } from '../../db/client.ts';
import { calls } from '../../db/schema.ts';
import { dimensionSqlFor, keyCondition, type LocalCalendar } from './stats.dimensions.ts';
import { exclusionReason, intervalSeconds, joinsOf, officerExcluded } from './stats.measure.ts';

/** The calls of one group: the aggregate's calls narrowed to the group's key values. */
export interface DrillDownPlan {
  metric: IntervalMetric;
  /** Which calls count: period, caller's scope and request filters, as for the aggregate. */
  where: SQL;
  excludeOfficerInitiated: boolean;
  calendar: LocalCalendar;
  keys: readonly { dimension: StatsDimension; value: string | number | null }[];
}

/** Where a page starts: after this call in the listing order. */
export interface DrillDownPosition {
  seconds: number | null;
  id: string;
}

export interface CallsPagePlan extends DrillDownPlan {
  status: DrillDownStatus;
  limit: number;
  after: DrillDownPosition | null;
}

export interface OutcomeCounts {
  included: number;
  missing: number;
  negative: number;
  officerInitiated: number;
}

export interface DrilledCallRow {
  id: string;
  incidentNumber: string;
  receivedAt: Date | string;
  dispatchedAt: Date | string | null;
  onsceneAt: Date | string | null;
  closedAt: Date | string | null;
  priority: number;
  district: string | null;
  beat: string | null;
  callType: string;
  unit: string | null;
  seconds: number | null;
  exclusion: ExclusionReason | null;
}

export interface CallsPageRows {
  counts: OutcomeCounts;
  /** Up to `limit + 1` calls: one more than the page says whether another follows. */
  calls: DrilledCallRow[];
}

export interface HistogramPlan extends DrillDownPlan {
  bucketSeconds: number;
  maxBuckets: number;
}

export interface HistogramRows {
  counts: OutcomeCounts;
  /** Non-empty buckets by index; index `maxBuckets` is the overflow. */
  buckets: { index: number; count: number }[];
}

/**
 * `measured` and `classified` as in the aggregate (one interval and at most one
 * exclusion per call), over the calls whose keys equal the plan's: the key
 * conditions come from the dimensions that group them.
 */
function classifiedCalls(plan: DrillDownPlan, columns: SQL): SQL {
  const dimensionSql = dimensionSqlFor(plan.calendar);
  const keyed = plan.keys.map(({ dimension, value }) => ({ sql: dimensionSql(dimension), value }));
  const where = and(plan.where, ...keyed.map((key) => keyCondition(key.sql, key.value)));
  return sql`
    measured as (
      select ${columns}
        ${intervalSeconds(plan.metric)} as seconds,
        ${officerExcluded(plan.excludeOfficerInitiated)} as officer_excluded
      from ${calls}
      ${joinsOf(keyed.map((key) => key.sql))}
      where ${where}
      -- The same fence as the aggregate: the interval is computed once per call.
      offset 0
    ),
    classified as (
      select *, ${exclusionReason} as exclusion from measured
    )`;
}

const outcomeCounts = sql`
  count(*) filter (where exclusion is null)::int as included,
  count(*) filter (where exclusion = 'missing')::int as missing,
  count(*) filter (where exclusion = 'negative')::int as negative,
  count(*) filter (where exclusion = 'officerInitiated')::int as officer_initiated`;

interface RawCounts {
  included: number;
  missing: number;
  negative: number;
  officer_initiated: number;
}
const countsOf = (row: RawCounts | undefined): OutcomeCounts => ({
  included: row?.included ?? 0,
  missing: row?.missing ?? 0,
  negative: row?.negative ?? 0,
  officerInitiated: row?.officer_initiated ?? 0,
});

function statusCondition(status: DrillDownStatus): SQL {
  if (status === 'all') return sql`true`;
  if (status === 'included') return sql`exclusion is null`;
  return sql`exclusion = ${status}::text`;
}

/** Keyset: after `position` in the order `seconds desc nulls last, id`. */
function afterCondition(position: DrillDownPosition | null): SQL {
  if (!position) return sql`true`;
  const id = sql`${position.id}::uuid`;
  if (position.seconds === null) return sql`(seconds is null and id > ${id})`;
  const seconds = sql`${position.seconds}::float8`;
  return sql`(seconds < ${seconds} or (seconds = ${seconds} and id > ${id}) or seconds is null)`;
}

/**
 * The counts over every drilled call, then one page in the listing order. The
 * statement carries only ids and intervals through the drilled calls; the
 * page's calls are joined back for their fields and first unit.
 */
function callsPageStatement(plan: CallsPagePlan): SQL {
  const unit = dimensionSqlFor(plan.calendar)('unit');
  return sql`
    with ${classifiedCalls(plan, sql`${calls.id} as id,`)},
    totals as (select ${outcomeCounts} from classified)
    -- One row even when the page is empty, so the counts always come back.
    select totals.*, page.id, page.seconds, page.exclusion,
      ${calls.incidentNumber} as incident_number, ${calls.receivedAt} as received_at,
      ${calls.dispatchedAt} as dispatched_at, ${calls.onsceneAt} as onscene_at,
      ${calls.closedAt} as closed_at, ${calls.priority} as priority,
      ${calls.district} as district, ${calls.beat} as beat, ${calls.callType} as call_type,
      ${unit.key} as unit
    from totals
    left join lateral (
      select id, seconds, exclusion
      from classified
      where ${statusCondition(plan.status)} and ${afterCondition(plan.after)}
      order by seconds desc nulls last, id
      limit ${plan.limit + 1}
    ) as page on true
    left join ${calls} on ${calls.id} = page.id
    ${unit.join}
    order by page.seconds desc nulls last, page.id`;
}

interface RawCallRow extends RawCounts {
  id: string | null;
  incident_number: string;
  received_at: Date | string;
  dispatched_at: Date | string | null;
  onscene_at: Date | string | null;
  closed_at: Date | string | null;
  priority: number;
  district: string | null;
  beat: string | null;
  call_type: string;
  unit: string | null;
  seconds: number | null;
  exclusion: ExclusionReason | null;
}

/**
 * Included calls per bucket `floor(seconds / width)`, the last bucket holding
 * everything at or over `maxBuckets × width`, after one row (bucket −1) of counts.
 */
function histogramStatement(plan: HistogramPlan): SQL {
  const bucket = sql`least(floor(seconds / ${plan.bucketSeconds}::float8), ${plan.maxBuckets}::float8)::int`;
  return sql`
    with ${classifiedCalls(plan, sql``)}
    select -1 as bucket, ${outcomeCounts} from classified
    union all
    select ${bucket} as bucket, count(*)::int, 0, 0, 0
    from classified
    where exclusion is null
    group by 1
    order by bucket`;
}

/** SQL only: the drill-down statements behind the statistics (no authorization here). */
export function createDrillDownRepo(db: Database) {
  return {
    async callsPage(plan: CallsPagePlan): Promise<CallsPageRows> {
      const rows = await queryRows<RawCallRow>(db, callsPageStatement(plan));
      return {
        counts: countsOf(rows[0]),
        calls: rows.flatMap((row) =>
          row.id === null
            ? []
            : [
                {
                  id: row.id,
                  incidentNumber: row.incident_number,
                  receivedAt: row.received_at,
                  dispatchedAt: row.dispatched_at,
                  onsceneAt: row.onscene_at,
                  closedAt: row.closed_at,
                  priority: row.priority,
                  district: row.district,
                  beat: row.beat,
                  callType: row.call_type,
                  unit: row.unit,
                  seconds: row.seconds,
                  exclusion: row.exclusion,
                },
              ],
        ),
      };
    },

    async histogram(plan: HistogramPlan): Promise<HistogramRows> {
      const [totals, ...buckets] = await queryRows<RawCounts & { bucket: number }>(
        db,
        histogramStatement(plan),
      );
      return {
        counts: countsOf(totals),
        buckets: buckets.map((row) => ({ index: row.bucket, count: row.included })),
      };
    },
  };
}

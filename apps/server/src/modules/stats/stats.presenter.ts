import type {
  ResponseTimeGroup,
  ResponseTimeQuery,
  ResponseTimeStats,
  StatsGroupKey,
} from '@watchfloor/contracts';
import type { ResponseTimeRow } from './stats.repo.ts';

function groupKey(query: ResponseTimeQuery, row: ResponseTimeRow): StatsGroupKey {
  return Object.fromEntries(query.groupBy.map((dimension, index) => [dimension, row.keys[index]]));
}

function presentGroup(
  query: ResponseTimeQuery,
  row: ResponseTimeRow,
  targets: ReadonlyMap<number, number> | null,
): ResponseTimeGroup {
  const key = groupKey(query, row);
  const target = key.priority === undefined ? null : (targets?.get(key.priority) ?? null);
  return {
    key,
    n: row.n,
    excluded: {
      missing: row.missing,
      negative: row.negative,
      officerInitiated: row.officerInitiated,
    },
    mean: row.mean,
    median: row.median,
    p90: row.p90,
    min: row.min,
    max: row.max,
    target,
    // A share of no calls is undefined, not 0 %.
    withinTarget: target === null || row.n === 0 ? null : row.withinTarget / row.n,
  };
}

/** The response body: the request as understood (instants normalised to UTC) and its groups. */
export function presentResponseTimes(
  query: ResponseTimeQuery,
  rows: ResponseTimeRow[],
  targets: ReadonlyMap<number, number> | null,
): ResponseTimeStats {
  return {
    metric: query.metric,
    from: new Date(query.from).toISOString(),
    to: new Date(query.to).toISOString(),
    groupBy: query.groupBy,
    includeOfficerInitiated: query.includeOfficerInitiated,
    groups: rows.map((row) => presentGroup(query, row, targets)),
  };
}

import { statsNullKey, type StatsDimension, type StatsGroupKey } from '@watchfloor/contracts';
import { responseTimeSearch, type StatsView } from './statsView.ts';

/**
 * The drill-down query for one group: the view's query grouped by `dimension`, with the
 * group's key as that dimension's value (a missing district, beat or unit is `~none`). The
 * server checks the key names the same group the aggregate formed.
 */
export function drillSearch(
  view: StatsView,
  timeZone: string,
  dimension: StatsDimension,
  key: StatsGroupKey,
): URLSearchParams {
  const params = responseTimeSearch(view, timeZone, [dimension]);
  const value = key[dimension];
  params.set(dimension, value === null || value === undefined ? statsNullKey : String(value));
  return params;
}

/** Histogram buckets that suit a metric: minutes for the quick ones, five minutes for the rest. */
export function bucketSecondsFor(metric: StatsView['metric']): number {
  return metric === 'onscene' || metric === 'total' ? 300 : 60;
}

import { intervalMetrics, type IntervalMetric, type StatsDimension } from '@watchfloor/contracts';
import { parsePeriod, periodInstants, type LocalPeriod } from './statsPeriod.ts';

/** Dimensions the comparison section offers (priority has its own section, time the trend). */
export const comparisonDimensions = [
  'shift',
  'beat',
  'callType',
  'unit',
  'hour',
  'weekday',
  'district',
] as const satisfies readonly StatsDimension[];
export type ComparisonDimension = (typeof comparisonDimensions)[number];

/** Everything a scorecard shows, read from (and written to) the URL so it can be shared. */
export interface StatsView {
  metric: IntervalMetric;
  period: LocalPeriod;
  /** Null: every district the viewer may see. */
  district: string | null;
  includeOfficerInitiated: boolean;
  compareBy: ComparisonDimension;
}

function oneOf<T extends string>(values: readonly T[], value: string | null, fallback: T): T {
  return values.find((entry) => entry === value) ?? fallback;
}

export function parseStatsView(params: URLSearchParams, now: Date, timeZone: string): StatsView {
  return {
    metric: oneOf(intervalMetrics, params.get('metric'), 'response'),
    period: parsePeriod(params, now, timeZone),
    district: params.get('district') || null,
    includeOfficerInitiated: params.get('officer') === 'include',
    compareBy: oneOf(comparisonDimensions, params.get('compare'), 'shift'),
  };
}

export function statsViewParams(view: StatsView): URLSearchParams {
  const params = new URLSearchParams({ metric: view.metric, period: view.period.preset });
  if (view.period.preset === 'custom') {
    params.set('from', view.period.from);
    params.set('to', view.period.to);
  }
  if (view.district !== null) params.set('district', view.district);
  if (view.includeOfficerInitiated) params.set('officer', 'include');
  params.set('compare', view.compareBy);
  return params;
}

/** The statistics API query for this view grouped by `groupBy`. */
export function responseTimeSearch(
  view: StatsView,
  timeZone: string,
  groupBy: readonly StatsDimension[],
): URLSearchParams {
  const { from, to } = periodInstants(view.period, timeZone);
  const params = new URLSearchParams({ metric: view.metric, from, to });
  if (groupBy.length > 0) params.set('groupBy', groupBy.join(','));
  if (view.district !== null) params.set('district', view.district);
  if (view.includeOfficerInitiated) params.set('includeOfficerInitiated', 'true');
  return params;
}

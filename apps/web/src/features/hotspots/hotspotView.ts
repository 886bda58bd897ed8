import { hotspotOrigins, type HotspotOrigin } from '@watchfloor/contracts';
import { parsePeriod, periodInstants, type LocalPeriod } from '../stats/statsPeriod.ts';

/** What the hotspot page shows, kept in the URL so a view can be shared. */
export interface HotspotView {
  period: LocalPeriod;
  origin: HotspotOrigin;
  callType: string | null;
  priority: number | null;
  hour: number | null;
  /** The selected hexagon, whose calls are listed. */
  cell: string | null;
}

function wholeNumber(value: string | null, min: number, max: number): number | null {
  if (value === null || value === '') return null;
  const number = Number(value);
  return Number.isInteger(number) && number >= min && number <= max ? number : null;
}

export function parseHotspotView(
  params: URLSearchParams,
  now: Date,
  timeZone: string,
): HotspotView {
  const origin = params.get('origin');
  return {
    period: parsePeriod(params, now, timeZone, 'lastMonth'),
    origin: hotspotOrigins.find((entry) => entry === origin) ?? 'community',
    callType: params.get('type') || null,
    priority: wholeNumber(params.get('priority'), 1, 9),
    hour: wholeNumber(params.get('hour'), 0, 23),
    cell: params.get('cell') || null,
  };
}

export function hotspotViewParams(view: HotspotView): URLSearchParams {
  const params = new URLSearchParams({ period: view.period.preset, origin: view.origin });
  if (view.period.preset === 'custom') {
    params.set('from', view.period.from);
    params.set('to', view.period.to);
  }
  if (view.callType !== null) params.set('type', view.callType);
  if (view.priority !== null) params.set('priority', String(view.priority));
  if (view.hour !== null) params.set('hour', String(view.hour));
  if (view.cell !== null) params.set('cell', view.cell);
  return params;
}

/** The API query for the view (the hexagon size comes from the map's zoom). */
export function hotspotSearch(view: HotspotView, timeZone: string): URLSearchParams {
  const { from, to } = periodInstants(view.period, timeZone);
  const params = new URLSearchParams({ from, to, origin: view.origin });
  if (view.callType !== null) params.set('callType', view.callType);
  if (view.priority !== null) params.set('priority', String(view.priority));
  if (view.hour !== null) params.set('hour', String(view.hour));
  return params;
}

/** Hexagons about the size of a few blocks at street zoom, of a neighbourhood zoomed out. */
export function resolutionForZoom(zoom: number): number {
  if (zoom < 10) return 7;
  if (zoom < 12) return 8;
  if (zoom < 14) return 9;
  return 10;
}

/**
 * Class breaks for the colour ramp: quantiles of the counts, so a few very busy hexagons do
 * not wash every other one into the lowest class. Returns the lower bound of each class.
 */
export function countBreaks(counts: readonly number[], classes = 5): number[] {
  if (counts.length === 0) return [1];
  const sorted = counts.toSorted((a, b) => a - b);
  const breaks = new Set<number>([sorted[0]!]);
  for (let index = 1; index < classes; index += 1) {
    breaks.add(sorted[Math.floor((index / classes) * sorted.length)]!);
  }
  return [...breaks].sort((a, b) => a - b);
}

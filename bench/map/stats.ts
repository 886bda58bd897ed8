import type { TimedEntry } from './probes.ts';

/** Nearest-rank percentile (p in 0..100) of unsorted values; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

export interface Summary {
  count: number;
  median: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export function summarise(values: readonly number[]): Summary {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return {
    count: values.length,
    median: round(percentile(values, 50)),
    p95: round(percentile(values, 95)),
    p99: round(percentile(values, 99)),
    max: round(values.length ? Math.max(...values) : Number.NaN),
    mean: round(mean),
  };
}

/**
 * One batch applied = what happened when it arrived (`arrivals`: the merge alone, or the whole
 * socket handler) plus the next draw of the units layer, which sends the moved units to the map.
 * Arrivals between two draws (two batches in one frame) share that draw.
 */
export function pairBatches(arrivals: readonly TimedEntry[], draws: readonly TimedEntry[]) {
  const events = [
    ...arrivals.map((item) => ({ kind: 'arrival' as const, item })),
    ...draws.map((item) => ({ kind: 'draw' as const, item })),
  ].sort((a, b) => a.item.start - b.item.start);
  const batches: { arrive: number; draw: number; total: number; units: number }[] = [];
  let waiting = 0;
  let arrived = 0;
  for (const { kind, item } of events) {
    if (kind === 'arrival') {
      waiting += item.duration;
      arrived += 1;
    } else if (arrived > 0) {
      batches.push({
        arrive: waiting,
        draw: item.duration,
        total: waiting + item.duration,
        units: item.size,
      });
      waiting = 0;
      arrived = 0;
    }
  }
  return batches;
}

export { round };

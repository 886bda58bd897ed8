import { positionLostAfterMs, positionStaleAfterMs } from './liveConfig.ts';

/** How much to trust where a unit is drawn. */
export type PositionFreshness = 'live' | 'stale' | 'lost';

/** Classifies a position by how long ago the unit reported it. */
export function classifyPositionAge(ageMs: number): PositionFreshness {
  if (ageMs > positionLostAfterMs) return 'lost';
  if (ageMs > positionStaleAfterMs) return 'stale';
  return 'live';
}

/** The freshness of a position reported at `at` (ISO instant), as of `now` (epoch ms). */
export function positionFreshness(at: string, now: number): PositionFreshness {
  return classifyPositionAge(now - Date.parse(at));
}

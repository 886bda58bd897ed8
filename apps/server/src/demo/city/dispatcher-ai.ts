import { etaSeconds, type LonLat } from '@watchfloor/domain';

/**
 * The simulated dispatcher: a queue of calls ready to dispatch (most urgent
 * first, then oldest), and the choice of units by straight-line ETA.
 */

export interface QueuedCall {
  id: string;
  seq: number;
  priority: number;
  point: LonLat;
  /** When the call became ready to dispatch (after the processing delay). */
  readyAt: number;
}

export interface Candidate {
  callSign: string;
  position: LonLat;
}

/** Most urgent first (lowest level), then the call waiting longest, then creation order. */
export function compareQueued(a: QueuedCall, b: QueuedCall): number {
  return a.priority - b.priority || a.readyAt - b.readyAt || a.seq - b.seq;
}

/** ETA speed used to rank units (the same for all, so this is nearest-first). */
export const rankingSpeedKmh = 40;

/** The `count` candidates with the shortest ETA to `point`, nearest first. */
export function nearestUnits<C extends Candidate>(
  point: LonLat,
  candidates: readonly C[],
  count: number,
): C[] {
  return candidates
    .map((candidate) => ({
      candidate,
      eta: etaSeconds(candidate.position, point, rankingSpeedKmh),
    }))
    .sort((a, b) => a.eta - b.eta || (a.candidate.callSign < b.candidate.callSign ? -1 : 1))
    .slice(0, count)
    .map((entry) => entry.candidate);
}

/** Units sent to a call: two for the most urgent level (a primary and a cover unit), else one. */
export function unitsWanted(priority: number, topLevel: number): number {
  return priority === topLevel ? 2 : 1;
}

/**
 * Simulated turnout (dispatched → en route) in seconds by priority level:
 * urgent calls are acknowledged faster.
 */
export const turnoutSeconds: Record<number, [number, number]> = {
  1: [10, 30],
  2: [20, 60],
  3: [30, 120],
  4: [30, 120],
};

/**
 * Longest a call waits in the queue before the simulated caller gives up and it
 * is cancelled (seconds, by level; absent = waits forever). Keeps the queue
 * bounded when `rateMultiplier` outpaces the units.
 */
export const maxQueueSeconds: Record<number, number> = { 2: 2 * 3600, 3: 2 * 3600, 4: 90 * 60 };

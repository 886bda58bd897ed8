import { distanceMeters, type LonLat } from '@watchfloor/domain';
import type { Rng } from '../city/rng.ts';

/** A unit of the live city's roster: call sign, home district, a point in a home beat. */
export interface RosterUnit {
  callSign: string;
  district: string;
  home: LonLat;
}

/** What the assignment reads and writes of a generated call. */
export interface AssignableCall {
  officerInitiated: boolean;
  district: string | null;
  lat: number | null;
  lon: number | null;
  dispatchedAt: Date | null;
  closedAt: Date | null;
  unit: string | null;
}

interface UnitState {
  unit: RosterUnit;
  busyUntil: number;
  at: LonLat;
}

/**
 * Gives every dispatched call one unit of the roster, in dispatch order, as the
 * live dispatcher would: a free unit of the call's district (the nearest to
 * the call; for self-initiated work any free one, it was there on patrol),
 * else the nearest free unit anywhere. When the whole city is busy the unit
 * that frees first takes it (counted as `doubleBooked`). A unit is busy from
 * dispatch until the call closes.
 */
export function assignUnits(
  calls: AssignableCall[],
  roster: readonly RosterUnit[],
  rng: Rng,
): { doubleBooked: number } {
  if (roster.length === 0) return { doubleBooked: 0 };
  const states: UnitState[] = roster.map((unit) => ({ unit, busyUntil: -Infinity, at: unit.home }));
  const dispatched = calls
    .filter((call) => call.dispatchedAt !== null)
    .sort((a, b) => a.dispatchedAt!.getTime() - b.dispatchedAt!.getTime());
  let doubleBooked = 0;
  for (const call of dispatched) {
    const when = call.dispatchedAt!.getTime();
    const point = call.lat === null || call.lon === null ? null : { lat: call.lat, lon: call.lon };
    const free = states.filter((state) => state.busyUntil <= when);
    const local = free.filter((state) => state.unit.district === call.district);
    const pool = local.length > 0 ? local : free;
    let chosen: UnitState;
    if (pool.length === 0) {
      doubleBooked += 1;
      chosen = states.reduce((best, state) => (state.busyUntil < best.busyUntil ? state : best));
    } else if (call.officerInitiated || point === null) {
      chosen = rng.pick(pool);
    } else {
      chosen = pool.reduce((best, state) =>
        distanceMeters(state.at, point) < distanceMeters(best.at, point) ? state : best,
      );
    }
    call.unit = chosen.unit.callSign;
    chosen.busyUntil = Math.max(chosen.busyUntil, call.closedAt?.getTime() ?? when);
    if (point) chosen.at = point;
  }
  return { doubleBooked };
}

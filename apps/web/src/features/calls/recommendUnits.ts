import type { Call, Unit } from '@watchfloor/contracts';
import { distanceMeters, etaSeconds, type LonLat } from '@watchfloor/domain';

/** Assumed straight-line travel speed for recommendations (km/h). */
export const recommendationSpeedKmh = 40;

export interface UnitRecommendation {
  unit: Unit;
  distanceMeters: number;
  etaSeconds: number;
}

/**
 * Available units with a known position, nearest (by straight-line ETA) first. `positionOf`
 * lets the caller hand in a fresher position than the unit record has.
 */
export function recommendUnits(
  units: readonly Unit[],
  call: Pick<Call, 'lat' | 'lon'>,
  positionOf: (unit: Unit) => LonLat | null = (unit) => unit.position,
  speedKmh: number = recommendationSpeedKmh,
): UnitRecommendation[] {
  // A call the CAD could not geocode has no distance to rank by.
  if (call.lat === null || call.lon === null) return [];
  const target = { lat: call.lat, lon: call.lon };
  const list: UnitRecommendation[] = [];
  for (const unit of units) {
    if (unit.status !== 'available') continue;
    const position = positionOf(unit);
    if (!position) continue;
    list.push({
      unit,
      distanceMeters: distanceMeters(position, target),
      etaSeconds: etaSeconds(position, target, speedKmh),
    });
  }
  return list.sort(
    (a, b) => a.etaSeconds - b.etaSeconds || a.unit.callSign.localeCompare(b.unit.callSign),
  );
}

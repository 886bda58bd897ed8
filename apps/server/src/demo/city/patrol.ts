import { distanceMeters, type LonLat } from '@watchfloor/domain';
import { makePath, pointAlong, type CityMap, type Path } from './geometry.ts';
import type { Rng, WeightedTable } from './rng.ts';
import type { BeatShape } from './geometry.ts';

/**
 * How units move: straight legs (detouring through beat hubs where a straight
 * line would leave the city) at a steady speed. A unit is either parked at
 * `position` or moving along `motion`; its position at any instant is exact, so
 * reports can be taken at any time.
 */

/** Simulated speeds in km/h along the (street-like) route. */
export const speeds = {
  patrolKmh: [15, 30],
  /** By priority level; levels not listed use the last entry. */
  responseKmh: {
    1: [45, 60],
    2: [35, 50],
    3: [30, 45],
    4: [30, 45],
  } as Record<number, [number, number]>,
} as const;

/** Seconds a patrol unit lingers at a waypoint before picking the next one. */
export const patrolPauseSeconds = [30, 300] as const;

export interface Motion {
  path: Path;
  departAt: number;
  metresPerMs: number;
  arriveAt: number;
}

export interface Body {
  /** Where the unit is parked, or where its current motion started. */
  position: LonLat;
  heading: number;
  motion: Motion | null;
}

export interface Fix {
  point: LonLat;
  heading: number;
  /** Metres per second. */
  speed: number;
}

export function fixAt(body: Body, at: number): Fix {
  const motion = body.motion;
  if (!motion) return { point: body.position, heading: body.heading, speed: 0 };
  if (at >= motion.arriveAt) {
    const end = motion.path.points[motion.path.points.length - 1]!;
    return { point: end, heading: pointAlong(motion.path, motion.path.total).heading, speed: 0 };
  }
  const { point, heading } = pointAlong(motion.path, (at - motion.departAt) * motion.metresPerMs);
  return { point, heading, speed: motion.metresPerMs * 1000 };
}

/** Parks the body wherever it is at `at`. */
export function park(body: Body, at: number): void {
  const fix = fixAt(body, at);
  body.position = fix.point;
  body.heading = fix.heading;
  body.motion = null;
}

/**
 * A street-like route: an L (one corner) or a staircase (two corners) along
 * the north–south and east–west axes, as on a street grid, when every leg
 * stays inside the city; otherwise the map's straight or hub route.
 */
export function streetRoute(map: CityMap, from: LonLat, to: LonLat, rng: Rng): LonLat[] {
  if (distanceMeters(from, to) < 150) return map.route(from, to);
  const latFirst = rng.chance(0.5);
  const candidates: LonLat[][] = [];
  if (distanceMeters(from, to) > 1500) {
    const t = rng.uniform(0.3, 0.7);
    const midLat = from.lat + (to.lat - from.lat) * t;
    const midLon = from.lon + (to.lon - from.lon) * t;
    candidates.push(
      latFirst
        ? [from, { lon: from.lon, lat: midLat }, { lon: to.lon, lat: midLat }, to]
        : [from, { lon: midLon, lat: from.lat }, { lon: midLon, lat: to.lat }, to],
    );
  }
  const cornerA = { lon: from.lon, lat: to.lat };
  const cornerB = { lon: to.lon, lat: from.lat };
  candidates.push(latFirst ? [from, cornerA, to] : [from, cornerB, to]);
  candidates.push(latFirst ? [from, cornerB, to] : [from, cornerA, to]);
  for (const points of candidates) {
    if (points.every((p, i) => i === 0 || map.segmentInside(points[i - 1]!, p))) return points;
  }
  return map.route(from, to);
}

/** Sets off from the current position to `to`; returns the arrival instant. */
export function drive(
  body: Body,
  map: CityMap,
  to: LonLat,
  at: number,
  speedKmh: number,
  rng: Rng,
): number {
  park(body, at);
  const path = makePath(streetRoute(map, body.position, to, rng));
  const metresPerMs = speedKmh / 3600;
  const arriveAt = at + Math.ceil(path.total / metresPerMs);
  body.motion = { path, departAt: at, metresPerMs, arriveAt };
  return arriveAt;
}

export function responseSpeedKmh(priority: number, rng: Rng): number {
  const range = speeds.responseKmh[priority] ?? speeds.responseKmh[4]!;
  return rng.uniform(range[0], range[1]);
}

export function patrolSpeedKmh(rng: Rng): number {
  return rng.uniform(speeds.patrolKmh[0], speeds.patrolKmh[1]);
}

/** A random patrol waypoint in the home district, busier beats more often. */
export function patrolTarget(
  map: CityMap,
  districtBeats: WeightedTable<BeatShape>,
  rng: Rng,
): LonLat {
  return map.randomPointInBeat(districtBeats.draw(rng), rng);
}

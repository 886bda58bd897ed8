import { distanceMeters, type LonLat } from '@watchfloor/domain';
import { responseSpeedKmh, patrolSpeedKmh } from '../city/patrol.ts';
import { bearingDegrees, roundCoord, type CityMap } from '../city/geometry.ts';
import type { Rng } from '../city/rng.ts';
import type { HistoryCall } from './history-plan.ts';
import type { RosterUnit } from './history-units.ts';

/**
 * Unit status history and a thinned AVL trail for the last day or so of the
 * generated history, so the time machine shows units driving to calls: each
 * unit parks (one fix a minute), drives on patrol to where it will be
 * dispatched from, drives in a straight line to the call at a response speed
 * that fits the drawn travel time (a fix every 10–15 s), stays on scene and
 * finally drives back home. Pure: no clock, no I/O.
 */

export interface HistoryUnitEvent {
  callSign: string;
  at: number;
  fromStatus: string | null;
  toStatus: string;
  /** The call's source id, or null (the shift start). */
  callSourceId: string | null;
  sourceEventId: string;
}

export interface HistoryPosition {
  callSign: string;
  at: number;
  lat: number;
  lon: number;
  heading: number;
  speed: number;
  accuracy: number;
}

export interface HistoryTrail {
  events: HistoryUnitEvent[];
  positions: HistoryPosition[];
}

export const trailSampling = { movingSeconds: [10, 15], parkedSeconds: 60 } as const;
const metresPerDegreeLat = 111_320;

/** `from` moved `metres` towards `towards` (or away from it with a negative distance). */
function offset(from: LonLat, bearing: number, metres: number): LonLat {
  const radians = (bearing * Math.PI) / 180;
  const dLat = (metres * Math.cos(radians)) / metresPerDegreeLat;
  const dLon =
    (metres * Math.sin(radians)) / (metresPerDegreeLat * Math.cos((from.lat * Math.PI) / 180));
  return { lat: from.lat + dLat, lon: from.lon + dLon };
}

export function planTrail(options: {
  calls: readonly HistoryCall[];
  roster: readonly RosterUnit[];
  map: CityMap;
  fromMs: number;
  toMs: number;
  /** Prefix of the unit events' source ids (the history's id prefix). */
  idPrefix: string;
  rng: Rng;
}): HistoryTrail {
  const { map, fromMs, toMs, rng } = options;
  const events: HistoryUnitEvent[] = [];
  const positions: HistoryPosition[] = [];
  const byUnit = new Map<string, HistoryCall[]>();
  for (const call of options.calls) {
    if (!call.unit || !call.dispatchedAt || call.dispatchedAt.getTime() < fromMs) continue;
    const list = byUnit.get(call.unit) ?? [];
    list.push(call);
    byUnit.set(call.unit, list);
  }

  for (const unit of options.roster) {
    const sign = unit.callSign;
    let status = 'available';
    let here = unit.home;
    let heading = 0;
    let t = fromMs;
    const emit = (at: number, point: LonLat, speed: number) => {
      if (at < fromMs || at >= toMs) return;
      positions.push({
        callSign: sign,
        at: Math.round(at),
        lat: roundCoord(point.lat),
        lon: roundCoord(point.lon),
        heading: Math.round(heading),
        speed: Math.round(speed * 10) / 10,
        accuracy: Math.round(rng.uniform(3, 12) * 10) / 10,
      });
    };
    const park = (until: number) => {
      for (let at = t; at < until; at += trailSampling.parkedSeconds * 1000) emit(at, here, 0);
      t = Math.max(t, until);
    };
    /** Drives from `here` to `to` between `depart` and `arrive`, stopping early at `stop`. */
    const drive = (to: LonLat, depart: number, arrive: number, stop = arrive) => {
      park(depart);
      const from = here;
      const span = Math.max(1, arrive - depart);
      const metresPerSecond = distanceMeters(from, to) / (span / 1000);
      heading = bearingDegrees(from, to);
      const end = Math.min(stop, arrive);
      let at = depart;
      const pointAt = (when: number) => {
        const f = Math.max(0, Math.min(1, (when - depart) / span));
        return { lat: from.lat + (to.lat - from.lat) * f, lon: from.lon + (to.lon - from.lon) * f };
      };
      while (at < end) {
        emit(at, pointAt(at), metresPerSecond);
        at += rng.uniform(...trailSampling.movingSeconds) * 1000;
      }
      here = pointAt(end);
      t = Math.max(t, end);
    };
    const patrolDrive = (to: LonLat, latest: number) => {
      const seconds = distanceMeters(here, to) / (patrolSpeedKmh(rng) / 3.6);
      const depart = Math.max(t, latest - seconds * 1000);
      drive(to, depart, Math.max(depart + 1000, latest));
    };
    const event = (at: number, to: string, call: HistoryCall | null, key: string) => {
      events.push({
        callSign: sign,
        at,
        fromStatus: status,
        toStatus: to,
        callSourceId: call?.sourceId ?? null,
        sourceEventId: `${call?.sourceId ?? options.idPrefix}:${sign}:${key}`,
      });
      status = to;
    };

    events.push({
      callSign: sign,
      at: fromMs,
      fromStatus: 'off_duty',
      toStatus: 'available',
      callSourceId: null,
      sourceEventId: `${options.idPrefix}:${sign}:shift`,
    });
    const assigned = byUnit.get(sign) ?? [];
    assigned.sort((a, b) => a.dispatchedAt!.getTime() - b.dispatchedAt!.getTime());
    assigned.forEach((call, index) => {
      const dispatched = call.dispatchedAt!.getTime();
      const closed = call.closedAt!.getTime();
      const leaves = Math.min(closed, assigned[index + 1]?.dispatchedAt!.getTime() ?? Infinity);
      const scene = { lat: call.lat!, lon: call.lon! };
      if (call.officerInitiated || !call.enrouteAt) {
        // Self-initiated: the officer drove there on patrol and stopped.
        patrolDrive(scene, dispatched);
        event(dispatched, 'dispatched', call, 'dispatched');
        if (call.onsceneAt) event(call.onsceneAt.getTime(), 'onscene', call, 'onscene');
      } else {
        const enroute = call.enrouteAt.getTime();
        const arrive = call.arrivedAt?.getTime() ?? enroute + (closed - enroute) * 2;
        const reach = (responseSpeedKmh(call.priority, rng) / 3.6) * ((arrive - enroute) / 1000);
        const start = startPoint(map, scene, here, reach);
        patrolDrive(start, dispatched);
        event(dispatched, 'dispatched', call, 'dispatched');
        park(enroute);
        event(enroute, 'enroute', call, 'enroute');
        drive(scene, enroute, arrive, leaves);
        if (call.onsceneAt && call.onsceneAt.getTime() <= leaves)
          event(call.onsceneAt.getTime(), 'onscene', call, 'onscene');
      }
      park(leaves);
      if (leaves === closed) event(closed, 'available', call, 'available');
    });
    if (t < toMs) patrolDrive(unit.home, Math.min(toMs, t + 20 * 60_000));
    park(toMs);
  }
  events.sort((a, b) => a.at - b.at);
  return { events, positions };
}

/**
 * Where a unit starts its run: `reach` metres from the scene, on the side of
 * where it was, turned a little when that point falls outside the city.
 */
function startPoint(map: CityMap, scene: LonLat, was: LonLat, reach: number): LonLat {
  const base = distanceMeters(scene, was) > 1 ? bearingDegrees(scene, was) : 0;
  for (const turn of [0, 45, -45, 90, -90, 135, -135, 180]) {
    const candidate = offset(scene, base + turn, reach);
    if (map.insideCityApprox(candidate)) return candidate;
  }
  return offset(scene, base, reach / 4);
}

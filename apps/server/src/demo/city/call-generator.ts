import type { AgencyConfig } from '@watchfloor/contracts';
import type { LonLat } from '@watchfloor/domain';
import type { BeatShape, CityMap } from './geometry.ts';
import {
  fakeCallerName,
  fakeIntersection,
  fakeNarrative,
  fakePhone,
  fakePlace,
  fakeStreetAddress,
} from './fake-data.ts';
import type { DemoParams } from './params.ts';
import { weightedTable, type Rng, type WeightedTable } from './rng.ts';

/**
 * What a new call looks like: when calls arrive (non-homogeneous Poisson at the
 * derived rate of the local weekday and hour), their type and priority, where
 * they are and who called. Pure: every draw takes the caller's `Rng`.
 */

export interface CallTypeInfo {
  code: string;
  defaultPriority: number;
  officerInitiated: boolean;
}

export interface Location {
  beat: BeatShape;
  point: LonLat;
  address: string;
}

export interface CallerDetails {
  callerName?: string;
  callerPhone?: string;
  narrative: string;
}

/** Simulated (not derived) priority adjustments; see docs/DEMO-DATA.md. */
export const priorityAdjustment = { upgradeShare: 0.04, downgradeShare: 0.06 } as const;

/** Types whose location is usually given as an intersection. */
const roadTypes = new Set(['ACC', 'ACCI', 'RECKD', 'HAZ', 'TRAF', 'PEDST', 'CARJK']);
/** Calls that come from an alarm company rather than a person. */
const alarmCallers = ['Coastline Alarm Monitoring', 'Harbor Security Systems'];

export interface LocalClock {
  /** Local weekday (0 = Sunday) and hour of an instant. */
  at(ms: number): { weekday: number; hour: number };
}

const weekdayIndex: Record<string, number> = {
  Sun: 0,
  Mon: 1,
  Tue: 2,
  Wed: 3,
  Thu: 4,
  Fri: 5,
  Sat: 6,
};
const quarterHour = 15 * 60_000;

/** Wall-clock weekday and hour in a time zone, cached per UTC quarter-hour (offsets are multiples of it). */
export function createLocalClock(timeZone: string): LocalClock {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: 'numeric',
    hourCycle: 'h23',
  });
  const cache = new Map<number, { weekday: number; hour: number }>();
  return {
    at(ms) {
      const key = Math.floor(ms / quarterHour);
      let hit = cache.get(key);
      if (!hit) {
        const parts = format.formatToParts(new Date(key * quarterHour));
        const weekday = weekdayIndex[parts.find((p) => p.type === 'weekday')?.value ?? 'Sun'] ?? 0;
        const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0) % 24;
        hit = { weekday, hour };
        if (cache.size > 5000) cache.clear();
        cache.set(key, hit);
      }
      return hit;
    },
  };
}

interface BeatPlaces {
  hotspots: WeightedTable<{ point: LonLat; address: string }>;
  pool: { point: LonLat; address: string }[];
}

export interface CallGenerator {
  /** Expected calls per hour at an instant, after the rate multiplier. */
  ratePerHour(ms: number): number;
  /** The next arrival after `fromMs` (Infinity when the rate is zero). */
  nextArrival(fromMs: number, rng: Rng): number;
  drawType(rng: Rng): CallTypeInfo;
  /** The type's default priority, sometimes one level up or down (not for officer-initiated work). */
  drawPriority(type: CallTypeInfo, rng: Rng): number;
  /** A beat by the derived beat shares. */
  drawBeat(rng: Rng): BeatShape;
  /** A location in a beat: a hotspot, a repeat address, or a new point. */
  drawLocation(beat: BeatShape, type: CallTypeInfo, rng: Rng): Location;
  /** An address for a point where an officer stopped (no hotspot logic). */
  addressFor(type: CallTypeInfo, rng: Rng): string;
  caller(type: CallTypeInfo, rng: Rng): CallerDetails;
  /** Share of calls of a type closed within a minute without a unit (derived). */
  quickCloseShare(code: string): number;
}

const maxPoolPerBeat = 400;

export function createCallGenerator(options: {
  agency: AgencyConfig;
  params: DemoParams;
  map: CityMap;
  rateMultiplier: number;
  /** Seeds the fixed hotspots of each beat. */
  rng: Rng;
}): CallGenerator {
  const { agency, params, map, rateMultiplier } = options;
  const clock = createLocalClock(agency.timeZone);
  const weekly = params.weekdayHourly.meanCallsPerHour;

  const types: CallTypeInfo[] = agency.callTypes.map((t) => ({
    code: t.code,
    defaultPriority: t.defaultPriority,
    officerInitiated: t.officerInitiated,
  }));
  const mix = params.callTypeMix.shares;
  const anyInMix = types.some((t) => (mix[t.code] ?? 0) > 0);
  const typeTable = weightedTable(
    types.map((t) => [t, anyInMix ? (mix[t.code] ?? 0) : 1] as const),
  );

  const beatShares = params.spatial.beatShares;
  const anyBeatInShares = map.beats.some((b) => (beatShares[b.code] ?? 0) > 0);
  const beatTable = weightedTable(
    map.beats.map((b) => [b, anyBeatInShares ? (beatShares[b.code] ?? 0) : 1] as const),
  );

  const levels = [...new Set(agency.priorities.map((p) => p.level))].sort((a, b) => a - b);
  const within = params.spatial.withinBeat;
  // Non-hotspot calls open a new address with this probability, so that distinct
  // addresses per call approach the derived `addressesPerCall`.
  const newAddressShare = Math.min(
    1,
    Math.max(0.05, within.addressesPerCall / Math.max(0.05, 1 - within.hotspotShare)),
  );

  const places = new Map<string, BeatPlaces>();
  for (const beat of map.beats) {
    const spots = Array.from({ length: within.hotspotsPerBeat }, (_, k) => {
      const spot = {
        point: map.randomPointInBeat(beat, options.rng),
        address: options.rng.chance(0.6) ? fakePlace(options.rng) : fakeStreetAddress(options.rng),
      };
      // Zipf-like weights: the busiest hotspot gets the most calls.
      return [spot, 1 / (k + 1)] as const;
    });
    places.set(beat.code, {
      hotspots:
        spots.length > 0
          ? weightedTable(spots)
          : weightedTable([[{ point: beat.hub, address: '' }, 1]]),
      pool: [],
    });
  }

  const ratePerHour = (ms: number): number => {
    const { weekday, hour } = clock.at(ms);
    return (weekly[weekday]?.[hour] ?? params.hourly.meanCallsPerHour[hour] ?? 0) * rateMultiplier;
  };

  return {
    ratePerHour,
    nextArrival(fromMs, rng) {
      // Exact inversion: walk the piecewise-constant rate until an Exp(1) budget is spent.
      let budget = -Math.log(1 - rng.next());
      let t = fromMs;
      for (let guard = 0; guard < 4 * 24 * 14; guard++) {
        const segmentEnd = (Math.floor(t / quarterHour) + 1) * quarterHour;
        const perMs = ratePerHour(t) / 3_600_000;
        const mass = perMs * (segmentEnd - t);
        if (mass >= budget && perMs > 0) return t + budget / perMs;
        budget -= mass;
        t = segmentEnd;
      }
      return Infinity;
    },
    drawType: (rng) => typeTable.draw(rng),
    drawPriority(type, rng) {
      const index = levels.indexOf(type.defaultPriority);
      if (type.officerInitiated || index < 0) return type.defaultPriority;
      const r = rng.next();
      // One level more urgent, or (never for the top level) one level less urgent.
      if (r < priorityAdjustment.upgradeShare && index > 0) return levels[index - 1]!;
      if (r > 1 - priorityAdjustment.downgradeShare && index > 0 && index < levels.length - 1) {
        return levels[index + 1]!;
      }
      return type.defaultPriority;
    },
    drawBeat: (rng) => beatTable.draw(rng),
    drawLocation(beat, type, rng) {
      const place = places.get(beat.code)!;
      if (rng.chance(within.hotspotShare)) {
        const spot = place.hotspots.draw(rng);
        return { beat, point: spot.point, address: spot.address || fakeStreetAddress(rng) };
      }
      if (place.pool.length > 0 && !rng.chance(newAddressShare)) {
        const repeat = rng.pick(place.pool);
        return { beat, ...repeat };
      }
      const fresh = {
        point: map.randomPointInBeat(beat, rng),
        address:
          roadTypes.has(type.code) && rng.chance(0.7)
            ? fakeIntersection(rng)
            : fakeStreetAddress(rng),
      };
      if (place.pool.length < maxPoolPerBeat) place.pool.push(fresh);
      else place.pool[rng.int(0, maxPoolPerBeat - 1)] = fresh;
      return { beat, ...fresh };
    },
    addressFor(type, rng) {
      return roadTypes.has(type.code) ? fakeIntersection(rng) : fakeStreetAddress(rng);
    },
    caller(type, rng) {
      const narrative = fakeNarrative(type.code, type.officerInitiated, rng);
      if (type.officerInitiated) return { narrative };
      if (type.code === 'HANGUP') return { callerPhone: fakePhone(rng), narrative };
      if (type.code === 'ALARM') {
        return { callerName: rng.pick(alarmCallers), callerPhone: fakePhone(rng), narrative };
      }
      if (rng.chance(0.12)) return { callerName: 'Anonymous', narrative };
      return { callerName: fakeCallerName(rng), callerPhone: fakePhone(rng), narrative };
    },
    quickCloseShare: (code) => params.timeToClose.quickCloseShareByCallType[code] ?? 0,
  };
}

import type { AgencyConfig } from '@watchfloor/contracts';
import type { PlannedCall } from '../../import/call-plan.ts';
import { createCallGenerator, type CallTypeInfo } from '../city/call-generator.ts';
import { turnoutSeconds } from '../city/dispatcher-ai.ts';
import { createCityMap, type CityMap } from '../city/geometry.ts';
import type { DemoParams } from '../city/params.ts';
import { createRng, seedFrom, weightedTable, type Rng } from '../city/rng.ts';
import { defaultUnitsPerDistrict } from '../city/simulation.ts';
import { assignUnits, type RosterUnit } from './history-units.ts';

/**
 * The demo's past as finished calls: the live city's arrival process, call-type
 * mix, beats and places (same seed, same hotspots), with stage instants drawn
 * from the `simulated` lognormals of `demo-params.json` and a few deliberate
 * misses (see docs/DEMO-DATA.md, "History backfill"). Pure: no clock, no I/O.
 */

/** A generated call with the unit that worked it (null when none was sent). */
export interface HistoryCall extends PlannedCall {
  unit: string | null;
  /** When the unit got there, keyed in or not; null when no unit arrived. Not stored. */
  arrivedAt: Date | null;
}

export interface HistoryPlan {
  /** Oldest first. */
  calls: HistoryCall[];
  roster: RosterUnit[];
  /** Calls given a unit that was still busy elsewhere (no free unit in the whole city). */
  doubleBooked: number;
}

export interface HistoryPlanOptions {
  agency: AgencyConfig;
  params: DemoParams;
  seed: string;
  rateMultiplier: number;
  /** Arrivals in `[fromMs, toMs)`. */
  fromMs: number;
  toMs: number;
  /** No instant may be later than this (the boot instant): history is finished. */
  nowMs: number;
  /** Prefix of every source id (`<prefix>-0000123`). */
  idPrefix: string;
  /** The agency's map, when the caller already built it. */
  map?: CityMap;
}

/** Deliberate imperfections (shares of community calls that reach the given stage). */
export const historyMishaps = {
  /** P2–P4 calls cancelled while waiting for a unit (the caller gave up). */
  cancelledInQueue: 0.02,
  /** Dispatched calls cancelled while the unit drives there (no on-scene instant). */
  cancelledEnroute: 0.03,
  /** Dispatched calls whose arrival was never keyed in (no on-scene instant). */
  missingOnScene: 0.02,
} as const;
/** Longest on-scene time, as in the live city. */
const maxOnSceneSeconds = 6 * 3600;
/** Quick closes, as in the live city: closed 10–58 s after receipt without a unit. */
const quickCloseSeconds = [10, 58] as const;

/** The source id prefix: seed and anchor, so two seeds or two boots never share ids. */
export function historyIdPrefix(seed: string, anchorMs: number): string {
  return `HH${seedFrom(seed).toString(36)}.${Math.floor(anchorMs / 1000).toString(36)}`;
}

/** The live city's roster (same call signs and districts, same fleet size). */
export function demoRoster(
  agency: AgencyConfig,
  params: DemoParams,
  rateMultiplier: number,
  map: CityMap = createCityMap(agency),
): RosterUnit[] {
  const perDistrict = defaultUnitsPerDistrict(agency, params, rateMultiplier);
  return agency.districts.features.flatMap((district) => {
    const code = district.properties.code;
    const beats = map.districtBeats(code);
    if (beats.length === 0) return [];
    return Array.from({ length: perDistrict[code] ?? 0 }, (_, i) => ({
      callSign: `${code}A${11 + i}`,
      district: code,
      home: beats[i % beats.length]!.hub,
    }));
  });
}

export function planHistory(options: HistoryPlanOptions): HistoryPlan {
  const { agency, params, seed, rateMultiplier } = options;
  const map = options.map ?? createCityMap(agency);
  // The live city's place generator with its seed: history reuses the same hotspots.
  const generator = createCallGenerator({
    agency,
    params,
    map,
    rateMultiplier,
    rng: createRng(`${seed}:places`),
  });
  const rng = createRng(`${seed}:history:${options.fromMs}`);
  const sim = params.simulated;
  const descriptions = new Map(agency.callTypes.map((t) => [t.code, t.description]));
  const dispositions = dispositionTables(agency, params);
  const seconds = (s: number) => Math.round(s * 1000);
  const lognormal = (
    q: { median: number; p90: number } | undefined,
    cap: number,
    fallback: number,
  ) => (q ? rng.lognormal(q.median, q.p90, cap) : fallback);

  const calls: HistoryCall[] = [];
  let seq = 0;
  for (
    let t = generator.nextArrival(options.fromMs, rng);
    t < options.toMs;
    t = generator.nextArrival(t, rng)
  ) {
    seq += 1;
    const type = generator.drawType(rng);
    const priority = generator.drawPriority(type, rng);
    const location = generator.drawLocation(generator.drawBeat(rng), type, rng);
    const receivedAt = Math.round(t);
    const stages = drawStages(type, priority, receivedAt);
    // History is finished: whatever would close after the boot is closed at the boot.
    const lastStage = Math.max(
      ...[stages.dispatchedAt, stages.enrouteAt, stages.onsceneAt].filter((x) => x !== null),
      receivedAt,
    );
    if (lastStage > options.nowMs) continue;
    const closedAt = Math.max(lastStage, Math.min(stages.closedAt, options.nowMs));
    calls.push({
      sourceId: `${options.idPrefix}-${String(seq).padStart(7, '0')}`,
      callType: type.code,
      callTypeDescription: descriptions.get(type.code) ?? type.code,
      knownCallType: true,
      priority,
      officerInitiated: type.officerInitiated,
      lat: location.point.lat,
      lon: location.point.lon,
      address: location.address,
      beat: location.beat.code,
      district: location.beat.district,
      status: stages.cancelled ? 'cancelled' : 'closed',
      receivedAt: new Date(receivedAt),
      dispatchedAt: at(stages.dispatchedAt),
      enrouteAt: at(stages.enrouteAt),
      onsceneAt: at(stages.onsceneAt),
      closedAt: new Date(closedAt),
      disposition: stages.disposition,
      priorityMapped: false,
      unit: null,
      arrivedAt:
        stages.arrivedAt !== null && stages.arrivedAt <= closedAt
          ? new Date(stages.arrivedAt)
          : null,
    });
  }

  function drawStages(type: CallTypeInfo, priority: number, received: number) {
    const key = String(priority);
    const none = { dispatchedAt: null, enrouteAt: null, onsceneAt: null, arrivedAt: null } as const;
    if (type.officerInitiated) {
      // The live city's self-initiated work: the unit is there when the call is created.
      const onScene = lognormal(
        sim.onSceneByCallType[type.code] ?? sim.onScene[key],
        maxOnSceneSeconds,
        900,
      );
      return {
        dispatchedAt: received,
        enrouteAt: null,
        onsceneAt: received,
        arrivedAt: received,
        closedAt: received + seconds(onScene),
        cancelled: false,
        disposition: dispositions.officer(type.code, rng),
      };
    }
    if (rng.chance(generator.quickCloseShare(type.code))) {
      return {
        ...none,
        closedAt: received + seconds(rng.uniform(...quickCloseSeconds)),
        cancelled: false,
        disposition: dispositions.quick(type.code, rng),
      };
    }
    const processing = sim.processing[key] ?? { median: 300, p90: 900 };
    const wait = seconds(rng.lognormal(processing.median, processing.p90, 3 * processing.p90));
    if (priority > 1 && rng.chance(historyMishaps.cancelledInQueue)) {
      return { ...none, closedAt: received + wait, cancelled: true, disposition: dispositions.can };
    }
    const dispatched = received + wait;
    const travel = seconds(lognormal(sim.travel[key], 3600, 480));
    const [low, high] = turnoutSeconds[priority] ?? [30, 120];
    // Turnout is part of travel: the unit rolls before it can arrive.
    const enroute = dispatched + Math.min(seconds(rng.uniform(low, high)), Math.round(travel / 2));
    const arrived = dispatched + travel;
    const onScene = seconds(lognormal(sim.onScene[key], maxOnSceneSeconds, 1800));
    const roll = rng.next();
    if (roll < historyMishaps.cancelledEnroute) {
      const cancelledAt = enroute + Math.round((arrived - enroute) * rng.uniform(0.2, 0.9));
      return {
        dispatchedAt: dispatched,
        enrouteAt: enroute,
        onsceneAt: null,
        arrivedAt: null,
        closedAt: cancelledAt,
        cancelled: true,
        disposition: dispositions.can,
      };
    }
    const missing = roll < historyMishaps.cancelledEnroute + historyMishaps.missingOnScene;
    return {
      dispatchedAt: dispatched,
      enrouteAt: enroute,
      onsceneAt: missing ? null : arrived,
      arrivedAt: arrived,
      closedAt: arrived + onScene,
      cancelled: false,
      disposition: dispositions.general(rng),
    };
  }

  const roster = demoRoster(agency, params, rateMultiplier, map);
  const { doubleBooked } = assignUnits(calls, roster, createRng(`${seed}:history-units`));
  return { calls, roster, doubleBooked };
}

const at = (ms: number | null) => (ms === null ? null : new Date(ms));

/** The live city's disposition rules, restricted to the agency's list. */
function dispositionTables(agency: AgencyConfig, params: DemoParams) {
  const known = new Set(agency.dispositions.map((d) => d.code));
  const fallback = agency.dispositions[0]!.code;
  const pick = (code: string) => (known.has(code) ? code : fallback);
  const table = (entries: [string, number][]) => {
    const usable = entries.filter(([code]) => known.has(code));
    return usable.length > 0 ? weightedTable(usable) : weightedTable([[fallback, 1]]);
  };
  const general = table(Object.entries(params.simulated.dispositionShares));
  const stops = table([
    ['CIT', 0.35],
    ['WARN', 0.45],
    ['ARR', 0.05],
    ['NR', 0.15],
  ]);
  const quick = table([
    ['ADV', 0.6],
    ['NR', 0.2],
    ['DUP', 0.1],
    ['CAN', 0.1],
  ]);
  return {
    can: pick('CAN'),
    general: (rng: Rng) => general.draw(rng),
    officer: (code: string, rng: Rng) =>
      code === 'TRAF' || code === 'PEDST' ? stops.draw(rng) : pick('NR'),
    quick(code: string, rng: Rng) {
      if (code === 'MEDIC' || code === 'FIRE') return pick('REF');
      if (code === 'HANGUP') return pick('NR');
      return quick.draw(rng);
    },
  };
}

import type {
  AgencyConfig,
  IngestCallEvent,
  IngestPosition,
  IngestUnitEvent,
} from '@watchfloor/contracts';
import {
  checkCallTransition,
  checkUnitTransition,
  type CallStatus,
  type LonLat,
  type UnitStatus,
} from '@watchfloor/domain';
import { createCallGenerator, type CallTypeInfo } from './call-generator.ts';
import {
  compareQueued,
  maxQueueSeconds,
  nearestUnits,
  turnoutSeconds,
  unitsWanted,
} from './dispatcher-ai.ts';
import { EventQueue } from './event-queue.ts';
import { createCityMap, roundCoord, type BeatShape, type CityMap } from './geometry.ts';
import type { DemoParams } from './params.ts';
import {
  drive,
  fixAt,
  park,
  patrolPauseSeconds,
  patrolSpeedKmh,
  patrolTarget,
  responseSpeedKmh,
  type Body,
} from './patrol.ts';
import { createRng, weightedTable, type Rng, type WeightedTable } from './rng.ts';

/**
 * The Harbor City simulation: a discrete-event model of calls, a dispatcher
 * and patrol units. Pure and deterministic: no I/O, no timers, no `Date.now`;
 * the caller passes the clock into `start`, `advance` and `shutdown`, and gets
 * back the ingest messages a CAD and an AVL would have sent in the meantime.
 * Jobs run in time order, so the output does not depend on how often
 * `advance` is called.
 */

export type OutgoingEvent =
  { kind: 'unit'; event: IngestUnitEvent } | { kind: 'call'; event: IngestCallEvent };

/** Bookkeeping about a created call that the ingest events do not carry (for tests and logs). */
export interface CreatedCall {
  sourceCallId: string;
  callType: string;
  priority: number;
  officerInitiated: boolean;
  beat: string;
  district: string;
  lat: number;
  lon: number;
  at: number;
}

export interface Outgoing {
  /** Call and unit events, in the order they must be applied. */
  events: OutgoingEvent[];
  positions: IngestPosition[];
  created: CreatedCall[];
}

export interface SimulationOptions {
  agency: AgencyConfig;
  params: DemoParams;
  /** Same seed, same clock → same city. Default `'harbor-city'`. */
  seed?: string | number;
  /** Scales the derived call rate (1 = Oakland's volume). Default 1. */
  rateMultiplier?: number;
  /** Units per district: one number for all, or by district code. Default: `defaultUnitsPerDistrict`. */
  unitsPerDistrict?: number | Record<string, number>;
  /** Prefix of every source id; default derived from the start instant so runs never collide. */
  runId?: string;
  /** Set false to skip position reports (headless analysis of calls only). Default true. */
  positionReports?: boolean;
}

export interface SimulationStats {
  callsCreated: number;
  openCalls: number;
  queued: number;
  cancelledInQueue: number;
  skippedOfficerInitiated: number;
  /** Cover units pulled off a call for a new top-priority one. */
  preempted: number;
  unitsByStatus: Partial<Record<UnitStatus, number>>;
}

export interface CitySimulation {
  readonly callSigns: readonly string[];
  /**
   * Registers the units and replays `warmupMs` of history so the city starts
   * busy: calls carry their real (past) instants, units report their current
   * status and position at `nowMs`.
   */
  start(nowMs: number, options?: { warmupMs?: number }): Outgoing;
  /** Runs every job due up to `nowMs` and returns what they produced. */
  advance(nowMs: number): Outgoing;
  /** Ends the demo shift: open calls are cleared or cancelled, units go off duty. */
  shutdown(nowMs: number): Outgoing;
  stats(): SimulationStats;
}

/** Patrol units at rate multiplier 1, shared out by district call volume. */
export const defaultFleet = 55;
export const minUnitsPerDistrict = 6;
/** How long the primary unit stays busy after an arrest (booking, report). */
export const arrestBusySeconds = { median: 1800, p90: 3600 } as const;
/** Self-initiated work that finds no free unit is retried this often, then dropped. */
export const officerRetry = { maxTries: 8, waitSeconds: [180, 480] } as const;
/** Simulated time a cover unit stays on scene before it clears (the primary stays until close). */
export const coverOnSceneSeconds = { median: 900, p90: 2400 } as const;
/** Position report interval in ms: moving units report more often. */
export const reportIntervalMs = { moving: [2000, 3500], parked: [4000, 5000] } as const;
/** Longest simulated on-scene time (caps the lognormal tail). */
const maxOnSceneSeconds = 6 * 3600;

interface SimUnit extends Body {
  callSign: string;
  district: string;
  status: UnitStatus;
  callId: string | null;
  /** Bumped whenever the unit's plan changes, so stale jobs are ignored. */
  plan: number;
  beats: WeightedTable<BeatShape>;
}

interface SimCall {
  id: string;
  seq: number;
  type: CallTypeInfo;
  priority: number;
  point: LonLat;
  status: CallStatus;
  units: string[];
  readyAt: number;
  queued: boolean;
  eventSeq: number;
}

type Job =
  | { kind: 'arrival' }
  | { kind: 'officer'; type: CallTypeInfo; tries: number }
  | { kind: 'quickClose'; callId: string }
  | { kind: 'ready'; callId: string }
  | { kind: 'queueTimeout'; callId: string }
  | { kind: 'clear'; callId: string }
  | { kind: 'enroute'; unit: SimUnit; plan: number }
  | { kind: 'arrive'; unit: SimUnit; plan: number }
  | { kind: 'depart'; unit: SimUnit; plan: number }
  | { kind: 'reportDone'; unit: SimUnit; plan: number }
  | { kind: 'coverClear'; unit: SimUnit; plan: number }
  | { kind: 'report'; unit: SimUnit };

/** ISO instants, formatted once per second (positions come many to a second). */
function isoFormatter(): (ms: number) => string {
  let second = NaN;
  let prefix = '';
  return (ms) => {
    const s = Math.floor(ms / 1000);
    if (s !== second) {
      second = s;
      prefix = new Date(s * 1000).toISOString().slice(0, 20);
    }
    return `${prefix}${String(ms - s * 1000).padStart(3, '0')}Z`;
  };
}
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Units per district: the district's share of calls times a fleet of 55 × the
 * rate multiplier (at least 6 per district). 55 covers the afternoon peak of
 * the derived volume with the simulated on-scene times, with a little room
 * (about 35 units busy on average, 45–50 at the busiest hours); see
 * docs/DEMO-DATA.md.
 */
export function defaultUnitsPerDistrict(
  agency: AgencyConfig,
  params: DemoParams,
  rateMultiplier = 1,
): Record<string, number> {
  const shares = new Map<string, number>();
  for (const beat of agency.beats.features) {
    const d = beat.properties.district;
    shares.set(d, (shares.get(d) ?? 0) + (params.spatial.beatShares[beat.properties.code] ?? 0));
  }
  const total = [...shares.values()].reduce((a, b) => a + b, 0);
  const fleet = defaultFleet * Math.max(0.6, rateMultiplier);
  const districts = agency.districts.features.map((d) => d.properties.code);
  return Object.fromEntries(
    districts.map((code) => {
      const share = total > 0 ? (shares.get(code) ?? 0) / total : 1 / districts.length;
      return [code, Math.max(minUnitsPerDistrict, Math.round(share * fleet))];
    }),
  );
}

export function createCitySimulation(options: SimulationOptions): CitySimulation {
  const { agency, params } = options;
  const seed = options.seed ?? 'harbor-city';
  const map: CityMap = createCityMap(agency);
  const generator = createCallGenerator({
    agency,
    params,
    map,
    rateMultiplier: options.rateMultiplier ?? 1,
    rng: createRng(`${seed}:places`),
  });
  const rng: Rng = createRng(`${seed}:city`);
  const sim = params.simulated;
  const levels = [...new Set(agency.priorities.map((p) => p.level))].sort((a, b) => a - b);
  const topLevel = levels[0] ?? 1;

  // Dispositions, restricted to the agency's list.
  const known = new Set(agency.dispositions.map((d) => d.code));
  const fallbackDisposition = agency.dispositions[0]!.code;
  const table = (entries: [string, number][]) => {
    const usable = entries.filter(([code]) => known.has(code));
    return usable.length > 0 ? weightedTable(usable) : null;
  };
  const generalDispositions =
    table(Object.entries(sim.dispositionShares)) ??
    weightedTable(agency.dispositions.map((d) => [d.code, 1] as const));
  const stopDispositions = table([
    ['CIT', 0.35],
    ['WARN', 0.45],
    ['ARR', 0.05],
    ['NR', 0.15],
  ]);
  const quickDispositions = table([
    ['ADV', 0.6],
    ['NR', 0.2],
    ['DUP', 0.1],
    ['CAN', 0.1],
  ]);
  const pickCode = (preferred: string) => (known.has(preferred) ? preferred : fallbackDisposition);

  // Units.
  const perDistrict =
    typeof options.unitsPerDistrict === 'number'
      ? Object.fromEntries(
          agency.districts.features.map((d) => [
            d.properties.code,
            options.unitsPerDistrict as number,
          ]),
        )
      : {
          ...defaultUnitsPerDistrict(agency, params, options.rateMultiplier),
          ...options.unitsPerDistrict,
        };
  const units: SimUnit[] = [];
  for (const district of agency.districts.features) {
    const code = district.properties.code;
    const beats = map.districtBeats(code);
    if (beats.length === 0) continue;
    const beatTable = weightedTable(
      beats.map((b) => [b, (params.spatial.beatShares[b.code] ?? 0) + 0.01] as const),
    );
    for (let i = 0; i < (perDistrict[code] ?? 0); i++) {
      units.push({
        callSign: `${code}A${11 + i}`,
        district: code,
        status: 'available',
        callId: null,
        plan: 0,
        beats: beatTable,
        position: beats[0]!.hub,
        heading: 0,
        motion: null,
      });
    }
  }
  const unitsBySign = new Map(units.map((u) => [u.callSign, u]));

  // State.
  const jobs = new EventQueue<Job>();
  const calls = new Map<string, SimCall>();
  const queue: SimCall[] = [];
  let now = -Infinity;
  let runId = options.runId ?? '';
  let callSeq = 0;
  let unitEventSeq = 0;
  let started = false;
  let stopped = false;
  let warming = false;
  let out: Outgoing = { events: [], positions: [], created: [] };
  const counters = {
    callsCreated: 0,
    cancelledInQueue: 0,
    skippedOfficerInitiated: 0,
    preempted: 0,
  };

  const iso = isoFormatter();
  const schedule = (at: number, job: Job) => jobs.push(Math.round(at), job);
  const seconds = (s: number) => Math.round(s * 1000);

  function emitCall(
    call: SimCall,
    fields: Omit<IngestCallEvent, 'sourceEventId' | 'sourceCallId' | 'at'>,
  ) {
    if (fields.status) {
      const check = checkCallTransition(call.status, fields.status);
      if (!check.ok) throw new Error(`demo city bug: call ${call.id}: ${check.reason}`);
      call.status = fields.status;
    }
    const event: IngestCallEvent = {
      sourceEventId: `${call.id}.${pad(call.eventSeq++, 3)}`,
      sourceCallId: call.id,
      at: iso(now),
      ...fields,
    };
    out.events.push({ kind: 'call', event });
  }

  function emitUnit(unit: SimUnit, status: UnitStatus) {
    const check = checkUnitTransition(unit.status, status);
    if (!check.ok) throw new Error(`demo city bug: unit ${unit.callSign}: ${check.reason}`);
    unit.status = status;
    if (warming) return;
    out.events.push({ kind: 'unit', event: unitEvent(unit, { status }) });
  }

  function unitEvent(unit: SimUnit, fields: Partial<IngestUnitEvent>): IngestUnitEvent {
    return {
      sourceEventId: `${runId}-U${pad(unitEventSeq++, 7)}`,
      callSign: unit.callSign,
      at: iso(now),
      ...fields,
    };
  }

  function newCall(type: CallTypeInfo, priority: number, point: LonLat, beat: BeatShape): SimCall {
    const call: SimCall = {
      id: `${runId}-${pad(++callSeq, 6)}`,
      seq: callSeq,
      type,
      priority,
      point,
      status: 'pending',
      units: [],
      readyAt: now,
      queued: false,
      eventSeq: 0,
    };
    calls.set(call.id, call);
    counters.callsCreated++;
    out.created.push({
      sourceCallId: call.id,
      callType: type.code,
      priority,
      officerInitiated: type.officerInitiated,
      beat: beat.code,
      district: beat.district,
      lat: point.lat,
      lon: point.lon,
      at: now,
    });
    return call;
  }

  function onSceneMs(call: SimCall): number {
    const q = (call.type.officerInitiated ? sim.onSceneByCallType[call.type.code] : undefined) ??
      sim.onScene[String(call.priority)] ?? { median: 1800, p90: 5400 };
    return seconds(rng.lognormal(q.median, q.p90, maxOnSceneSeconds));
  }

  // --- call arrivals -------------------------------------------------------

  function onArrival() {
    schedule(generator.nextArrival(now, rng), { kind: 'arrival' });
    const type = generator.drawType(rng);
    if (type.officerInitiated) startOfficerInitiated(type);
    else startCall(type);
  }

  function startCall(type: CallTypeInfo) {
    const priority = generator.drawPriority(type, rng);
    const location = generator.drawLocation(generator.drawBeat(rng), type, rng);
    const call = newCall(type, priority, location.point, location.beat);
    emitCall(call, {
      callType: type.code,
      priority,
      officerInitiated: false,
      lat: location.point.lat,
      lon: location.point.lon,
      address: location.address,
      ...generator.caller(type, rng),
    });
    if (rng.chance(generator.quickCloseShare(type.code))) {
      schedule(now + seconds(rng.uniform(10, 58)), { kind: 'quickClose', callId: call.id });
    } else {
      const q = sim.processing[String(priority)] ?? { median: 300, p90: 900 };
      const delay = rng.lognormal(q.median, q.p90, 3 * q.p90);
      schedule(now + seconds(delay), { kind: 'ready', callId: call.id });
    }
  }

  /** Self-initiated work: an available unit stops where it is and is on scene at once. */
  function startOfficerInitiated(type: CallTypeInfo, tries = 0) {
    const wanted = generator.drawBeat(rng).district;
    const free = units.filter((u) => u.status === 'available');
    const local = free.filter((u) => u.district === wanted);
    const pool = local.length > 0 ? local : free;
    let unit: SimUnit | undefined;
    let point: LonLat | undefined;
    let beat: BeatShape | undefined;
    for (let attempt = 0; attempt < 4 && pool.length > 0 && !beat; attempt++) {
      unit = rng.pick(pool);
      const fix = fixAt(unit, now).point;
      point = { lon: roundCoord(fix.lon), lat: roundCoord(fix.lat) };
      beat = map.beatAt(point);
    }
    if (!unit || !point || !beat) {
      // Nobody is free: the work waits until an officer is (or is dropped after a while).
      if (tries < officerRetry.maxTries) {
        const wait = rng.uniform(officerRetry.waitSeconds[0], officerRetry.waitSeconds[1]);
        schedule(now + seconds(wait), { kind: 'officer', type, tries: tries + 1 });
      } else {
        counters.skippedOfficerInitiated++;
      }
      return;
    }
    park(unit, now);
    unit.position = point;
    unit.plan++;
    const call = newCall(type, type.defaultPriority, point, beat);
    emitCall(call, {
      callType: type.code,
      priority: type.defaultPriority,
      officerInitiated: true,
      lat: point.lat,
      lon: point.lon,
      address: generator.addressFor(type, rng),
      narrative: generator.caller(type, rng).narrative,
    });
    call.units = [unit.callSign];
    emitCall(call, { status: 'dispatched', units: call.units });
    emitCall(call, { status: 'onscene' });
    unit.callId = call.id;
    emitUnit(unit, 'onscene');
    schedule(now + onSceneMs(call), { kind: 'clear', callId: call.id });
  }

  function onQuickClose(call: SimCall) {
    if (call.status !== 'pending') return;
    const code = call.type.code;
    const disposition =
      code === 'MEDIC' || code === 'FIRE'
        ? pickCode('REF')
        : code === 'HANGUP'
          ? pickCode('NR')
          : (quickDispositions?.draw(rng) ?? fallbackDisposition);
    emitCall(call, { status: 'closed', disposition });
    calls.delete(call.id);
  }

  // --- dispatch ------------------------------------------------------------

  function onReady(call: SimCall) {
    enqueue(call);
    dispatch();
  }

  function enqueue(call: SimCall) {
    call.queued = true;
    queue.push(call);
    const max = maxQueueSeconds[call.priority];
    if (max !== undefined) schedule(now + seconds(max), { kind: 'queueTimeout', callId: call.id });
  }

  function onQueueTimeout(call: SimCall) {
    const max = maxQueueSeconds[call.priority];
    if (!call.queued || max === undefined || now - call.readyAt < seconds(max) - 1) return;
    dequeue(call);
    counters.cancelledInQueue++;
    emitCall(call, { status: 'cancelled', disposition: pickCode('CAN') });
    calls.delete(call.id);
  }

  function dequeue(call: SimCall) {
    call.queued = false;
    const index = queue.indexOf(call);
    if (index >= 0) queue.splice(index, 1);
  }

  /** Assigns free units to waiting calls, most urgent first. */
  function dispatch() {
    if (queue.length === 0) return;
    queue.sort(compareQueued);
    let free = units
      .filter((u) => u.status === 'available')
      .map((u) => ({ callSign: u.callSign, position: fixAt(u, now).point, unit: u }));
    for (const call of [...queue]) {
      if (free.length === 0 && call.priority !== topLevel) break;
      let chosen = nearestUnits(call.point, free, unitsWanted(call.priority, topLevel)).map(
        (c) => c.unit,
      );
      if (chosen.length === 0 && call.priority === topLevel) {
        const taken = preempt(call);
        if (taken) chosen = [taken];
      }
      if (chosen.length === 0) continue;
      assign(call, chosen);
      free = free.filter((c) => !chosen.includes(c.unit));
    }
  }

  /**
   * With no unit free for a top-priority call, the nearest cover unit (the
   * second unit on another call) is pulled off it; primaries are never taken.
   */
  function preempt(call: SimCall): SimUnit | undefined {
    const candidates = units
      .filter((u) => {
        const current = u.callId ? calls.get(u.callId) : undefined;
        return current !== undefined && current.units.indexOf(u.callSign) > 0;
      })
      .map((u) => ({ callSign: u.callSign, position: fixAt(u, now).point, unit: u }));
    const unit = nearestUnits(call.point, candidates, 1)[0]?.unit;
    if (!unit) return undefined;
    const old = calls.get(unit.callId!)!;
    counters.preempted++;
    old.units = old.units.filter((sign) => sign !== unit.callSign);
    emitCall(old, { units: old.units });
    park(unit, now);
    unit.callId = null;
    unit.plan++;
    emitUnit(unit, 'available');
    return unit;
  }

  function assign(call: SimCall, chosen: SimUnit[]) {
    dequeue(call);
    call.units = [...call.units, ...chosen.map((u) => u.callSign)];
    emitCall(
      call,
      call.status === 'pending'
        ? { status: 'dispatched', units: call.units }
        : { units: call.units },
    );
    const turnout = turnoutSeconds[call.priority] ?? turnoutSeconds[4]!;
    for (const unit of chosen) {
      park(unit, now);
      unit.callId = call.id;
      unit.plan++;
      emitUnit(unit, 'dispatched');
      schedule(now + seconds(rng.uniform(turnout[0], turnout[1])), {
        kind: 'enroute',
        unit,
        plan: unit.plan,
      });
    }
  }

  /**
   * The first unit rolling puts the call en route; the first on scene puts it on
   * scene. Other units on the call follow the call's status at once (as the
   * ingest API moves them), though a cover unit still drives to the scene.
   */
  function onEnroute(unit: SimUnit) {
    const call = unit.callId ? calls.get(unit.callId) : undefined;
    if (!call || unit.status !== 'dispatched') return;
    emitUnit(unit, 'enroute');
    startDriving(unit, call);
    if (call.status !== 'dispatched') return;
    emitCall(call, { status: 'enroute' });
    for (const other of callUnits(call)) {
      if (other.status !== 'dispatched') continue;
      emitUnit(other, 'enroute');
      startDriving(other, call);
    }
  }

  function startDriving(unit: SimUnit, call: SimCall) {
    const arriveAt = drive(unit, map, call.point, now, responseSpeedKmh(call.priority, rng), rng);
    schedule(arriveAt, { kind: 'arrive', unit, plan: unit.plan });
  }

  const callUnits = (call: SimCall) => call.units.map((sign) => unitsBySign.get(sign)!);

  function onArrive(unit: SimUnit) {
    park(unit, now);
    const call = unit.callId ? calls.get(unit.callId) : undefined;
    if (!call) {
      const pause = rng.uniform(patrolPauseSeconds[0], patrolPauseSeconds[1]);
      schedule(now + seconds(pause), { kind: 'depart', unit, plan: unit.plan });
      return;
    }
    if (unit.status !== 'onscene') emitUnit(unit, 'onscene');
    if (call.status === 'dispatched' || call.status === 'enroute') {
      emitCall(call, { status: 'onscene' });
      schedule(now + onSceneMs(call), { kind: 'clear', callId: call.id });
      for (const other of callUnits(call)) {
        if (other.status !== 'dispatched' && other.status !== 'enroute') continue;
        const standing = other.status === 'dispatched';
        emitUnit(other, 'onscene');
        if (standing) startDriving(other, call);
      }
    }
    if (call.units[0] !== unit.callSign) {
      const stay = rng.lognormal(coverOnSceneSeconds.median, coverOnSceneSeconds.p90, 4 * 3600);
      schedule(now + seconds(stay), { kind: 'coverClear', unit, plan: unit.plan });
    }
  }

  /** A cover unit leaves once the scene is under control; the primary stays until the call closes. */
  function onCoverClear(unit: SimUnit) {
    const call = unit.callId ? calls.get(unit.callId) : undefined;
    if (!call || unit.status !== 'onscene' || call.units.length < 2) return;
    call.units = call.units.filter((sign) => sign !== unit.callSign);
    emitCall(call, { units: call.units });
    release(unit, '', false);
    dispatch();
  }

  function onClear(call: SimCall) {
    if (call.status !== 'onscene') return;
    const code = call.type.code;
    const disposition = call.type.officerInitiated
      ? code === 'TRAF' || code === 'PEDST'
        ? (stopDispositions?.draw(rng) ?? fallbackDisposition)
        : pickCode('NR')
      : generalDispositions.draw(rng);
    emitCall(call, { status: 'closed', disposition });
    calls.delete(call.id);
    call.units.forEach((sign, index) => release(unitsBySign.get(sign)!, disposition, index === 0));
    dispatch();
  }

  function release(unit: SimUnit, disposition: string, primary: boolean) {
    park(unit, now);
    unit.callId = null;
    unit.plan++;
    if (disposition === 'ARR' && primary && unit.status === 'onscene') {
      emitUnit(unit, 'busy');
      const busy = rng.lognormal(arrestBusySeconds.median, arrestBusySeconds.p90, 4 * 3600);
      schedule(now + seconds(busy), { kind: 'reportDone', unit, plan: unit.plan });
      return;
    }
    emitUnit(unit, 'available');
    schedule(now + seconds(rng.uniform(20, 120)), { kind: 'depart', unit, plan: unit.plan });
  }

  function onReportDone(unit: SimUnit) {
    if (unit.status !== 'busy') return;
    emitUnit(unit, 'available');
    schedule(now + seconds(rng.uniform(20, 120)), { kind: 'depart', unit, plan: unit.plan });
    dispatch();
  }

  // --- patrol and positions --------------------------------------------------

  function onDepart(unit: SimUnit) {
    if (unit.status !== 'available') return;
    const target = patrolTarget(map, unit.beats, rng);
    const arriveAt = drive(unit, map, target, now, patrolSpeedKmh(rng), rng);
    schedule(arriveAt, { kind: 'arrive', unit, plan: unit.plan });
  }

  function onReport(unit: SimUnit) {
    const fix = fixAt(unit, now);
    if (!warming) {
      out.positions.push({
        unit: unit.callSign,
        lat: roundCoord(fix.point.lat),
        lon: roundCoord(fix.point.lon),
        heading: (Math.round(fix.heading * 10) / 10) % 360,
        speed: Math.round(fix.speed * 10) / 10,
        accuracy: rng.int(3, 12),
        at: iso(now),
      });
    }
    const [min, max] = fix.speed > 0 ? reportIntervalMs.moving : reportIntervalMs.parked;
    schedule(now + rng.uniform(min, max), { kind: 'report', unit });
  }

  // --- the loop --------------------------------------------------------------

  function run(job: Job) {
    switch (job.kind) {
      case 'arrival':
        return onArrival();
      case 'report':
        return onReport(job.unit);
      case 'officer':
        return startOfficerInitiated(job.type, job.tries);
      case 'quickClose':
      case 'ready':
      case 'queueTimeout':
      case 'clear': {
        const call = calls.get(job.callId);
        if (!call) return;
        if (job.kind === 'quickClose') return onQuickClose(call);
        if (job.kind === 'ready') return onReady(call);
        if (job.kind === 'queueTimeout') return onQueueTimeout(call);
        return onClear(call);
      }
      default: {
        if (job.plan !== job.unit.plan) return; // superseded by a newer plan
        if (job.kind === 'enroute') return onEnroute(job.unit);
        if (job.kind === 'arrive') return onArrive(job.unit);
        if (job.kind === 'depart') return onDepart(job.unit);
        if (job.kind === 'coverClear') return onCoverClear(job.unit);
        return onReportDone(job.unit);
      }
    }
  }

  function runUntil(until: number) {
    while (jobs.peekAt() <= until) {
      const next = jobs.pop()!;
      now = next.at;
      run(next.job);
    }
    now = Math.max(now, until);
  }

  function drain(): Outgoing {
    const result = out;
    out = { events: [], positions: [], created: [] };
    return result;
  }

  return {
    callSigns: units.map((u) => u.callSign),

    start(nowMs, startOptions = {}) {
      if (started) throw new Error('the simulation has already started');
      started = true;
      const warmupMs = Math.max(0, Math.round(startOptions.warmupMs ?? 0));
      const startAt = Math.round(nowMs);
      if (!runId)
        runId = `HC${Math.floor(startAt / 1000)
          .toString(36)
          .toUpperCase()}`;
      now = startAt;
      for (const unit of units) {
        out.events.push({
          kind: 'unit',
          event: unitEvent(unit, {
            type: 'patrol',
            homeDistrict: unit.district,
            status: 'available',
          }),
        });
      }
      now = startAt - warmupMs;
      for (const unit of units) {
        unit.position = map.randomPointInBeat(unit.beats.draw(rng), rng);
        unit.heading = rng.int(0, 359);
        schedule(now + rng.uniform(0, 60_000), { kind: 'depart', unit, plan: unit.plan });
      }
      schedule(generator.nextArrival(now, rng), { kind: 'arrival' });
      warming = true;
      runUntil(startAt - 1);
      warming = false;
      now = startAt;
      // Bring the server's picture of each unit to its current status (all reachable from available).
      for (const unit of units) {
        if (unit.status !== 'available') {
          out.events.push({ kind: 'unit', event: unitEvent(unit, { status: unit.status }) });
        }
      }
      if (options.positionReports !== false) {
        for (const unit of units) schedule(startAt, { kind: 'report', unit });
      }
      runUntil(startAt);
      return drain();
    },

    advance(nowMs) {
      if (!started) throw new Error('start the simulation first');
      if (!stopped && nowMs > now) runUntil(Math.round(nowMs));
      return drain();
    },

    shutdown(nowMs) {
      if (!started || stopped) return drain();
      if (nowMs > now) runUntil(Math.round(nowMs));
      stopped = true;
      jobs.clear();
      for (const call of [...calls.values()].sort((a, b) => a.seq - b.seq)) {
        if (call.status === 'onscene')
          emitCall(call, { status: 'closed', disposition: pickCode('NR') });
        else emitCall(call, { status: 'cancelled', disposition: pickCode('CAN') });
      }
      calls.clear();
      queue.length = 0;
      for (const unit of units) {
        park(unit, now);
        unit.callId = null;
        if (unit.status !== 'available') emitUnit(unit, 'available');
        emitUnit(unit, 'off_duty');
      }
      return drain();
    },

    stats() {
      const unitsByStatus: Partial<Record<UnitStatus, number>> = {};
      for (const unit of units) unitsByStatus[unit.status] = (unitsByStatus[unit.status] ?? 0) + 1;
      return {
        callsCreated: counters.callsCreated,
        openCalls: calls.size,
        queued: queue.length,
        cancelledInQueue: counters.cancelledInQueue,
        skippedOfficerInitiated: counters.skippedOfficerInitiated,
        preempted: counters.preempted,
        unitsByStatus,
      };
    },
  };
}

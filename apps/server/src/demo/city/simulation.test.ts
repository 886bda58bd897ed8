import {
  ingestCallEventSchema,
  ingestPositionSchema,
  ingestUnitEventSchema,
  type IngestCallEvent,
  type IngestPosition,
  type IngestUnitEvent,
} from '@watchfloor/contracts';
import {
  callStatusInstant,
  checkCallTransition,
  checkUnitTransition,
  distanceMeters,
  findArea,
  type CallStatus,
  type UnitStatus,
} from '@watchfloor/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLocalClock } from './call-generator.ts';
import { createCitySimulation, type CreatedCall, type Outgoing } from './simulation.ts';
import { demoAgency as agency, demoParams as params } from './test-fixtures.ts';

const hour = 3_600_000;
const day = 24 * hour;
// Wednesday 6 March 2024, 00:00 in Harbor City (PST, UTC−8).
const wednesdayMidnight = Date.parse('2024-03-06T08:00:00Z');
const wednesday = 3;

/**
 * Position checks done while the simulation runs, so a day of reports (about a
 * million) is never held in memory.
 */
class PositionLog {
  count = 0;
  minGap = Infinity;
  maxGap = 0;
  maxKmh = 0;
  readonly last = new Map<string, { lat: number; lon: number; t: number }>();
  /** Every 50th report, for schema and map checks. */
  readonly sample: IngestPosition[] = [];
  /** Every report, only when asked (short runs). */
  readonly all: IngestPosition[] = [];
  /** Officer-initiated stops whose unit has not reported since. */
  readonly stops = new Map<string, { lat: number; lon: number; t: number }>();
  stopOffsets: number[] = [];

  readonly keep: boolean;

  constructor(keep: boolean) {
    this.keep = keep;
  }

  take(out: Outgoing) {
    const officer = new Map(
      out.created.filter((c) => c.officerInitiated).map((c) => [c.sourceCallId, c]),
    );
    for (const e of out.events) {
      if (e.kind !== 'call' || e.event.status !== 'dispatched') continue;
      const created = officer.get(e.event.sourceCallId);
      if (created)
        this.stops.set(e.event.units![0]!, { lat: created.lat, lon: created.lon, t: created.at });
    }
    for (const position of out.positions) {
      const t = Date.parse(position.at);
      if (this.count++ % 50 === 0) this.sample.push(position);
      if (this.keep) this.all.push(position);
      const stop = this.stops.get(position.unit);
      if (stop && t >= stop.t) {
        this.stops.delete(position.unit);
        if (t - stop.t < 5000) this.stopOffsets.push(distanceMeters(stop, position));
      }
      const previous = this.last.get(position.unit);
      const current = { lat: position.lat, lon: position.lon, t };
      this.last.set(position.unit, current);
      if (!previous) continue;
      const dt = (t - previous.t) / 1000;
      this.minGap = Math.min(this.minGap, dt);
      this.maxGap = Math.max(this.maxGap, dt);
      this.maxKmh = Math.max(this.maxKmh, (distanceMeters(previous, current) / dt) * 3.6);
    }
  }
}

interface Run {
  start: number;
  /** Everything `start` returned (registration, warm-up history, first positions). */
  initial: Outgoing;
  events: Outgoing['events'];
  positions: PositionLog;
  created: CreatedCall[];
  shutdown: Outgoing;
}

function simulate(options: {
  seed: string | number;
  hours: number;
  rateMultiplier?: number;
  warmupMs?: number;
  stepMs?: number;
  start?: number;
  positionReports?: boolean;
  keepPositions?: boolean;
}): Run {
  const start = options.start ?? wednesdayMidnight;
  const sim = createCitySimulation({
    agency,
    params,
    seed: options.seed,
    rateMultiplier: options.rateMultiplier ?? 1,
    runId: 'T1',
    positionReports: options.positionReports ?? true,
  });
  const initial = sim.start(start, { warmupMs: options.warmupMs ?? 0 });
  const run: Run = {
    start,
    initial,
    events: [],
    positions: new PositionLog(options.keepPositions ?? false),
    created: [],
    shutdown: { events: [], positions: [], created: [] },
  };
  const take = (out: Outgoing) => {
    for (const e of out.events) run.events.push(e);
    for (const c of out.created) run.created.push(c);
    run.positions.take(out);
  };
  take(initial);
  const end = start + options.hours * hour;
  const step = options.stepMs ?? 5000;
  for (let t = start + step; t < end; t += step) take(sim.advance(t));
  take(sim.advance(end));
  run.shutdown = sim.shutdown(end);
  take(run.shutdown);
  return run;
}

const callEvents = (run: Run): IngestCallEvent[] =>
  run.events.flatMap((e) => (e.kind === 'call' ? [e.event] : []));
const unitEvents = (run: Run): IngestUnitEvent[] =>
  run.events.flatMap((e) => (e.kind === 'unit' ? [e.event] : []));
const inDay = (run: Run) => run.created.filter((c) => c.at >= run.start && c.at < run.start + day);

function correlation(a: number[], b: number[]): number {
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const ma = mean(a);
  const mb = mean(b);
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i]! - ma) * (b[i]! - mb);
    da += (a[i]! - ma) ** 2;
    db += (b[i]! - mb) ** 2;
  }
  return num / Math.sqrt(da * db);
}

describe('demo city simulation over 24 hours', () => {
  let run: Run;
  beforeAll(() => {
    run = simulate({ seed: 'vitest', hours: 24, warmupMs: hour });
  });

  it('creates the derived number of calls per day (±10%)', () => {
    const expected = params.weekdayHourly.meanCallsPerHour[wednesday]!.reduce((a, b) => a + b, 0);
    const count = inDay(run).length;
    expect(count).toBeGreaterThan(expected * 0.9);
    expect(count).toBeLessThan(expected * 1.1);
    expect(Math.abs(count / params.callsPerDay - 1)).toBeLessThan(0.1);
  });

  it('follows the derived hourly curve in local time', () => {
    const clock = createLocalClock(agency.timeZone);
    const counts = Array.from({ length: 24 }, () => 0);
    for (const call of inDay(run)) counts[clock.at(call.at).hour]!++;
    const curve = params.weekdayHourly.meanCallsPerHour[wednesday]!;
    const peak = curve.indexOf(Math.max(...curve));
    const trough = curve.indexOf(Math.min(...curve));
    expect(counts[peak]).toBeGreaterThan(counts[trough]! * 1.5);
    // Daytime (09–18) is far busier than the small hours (01–06), as in the data.
    const sum = (from: number, to: number) => counts.slice(from, to).reduce((a, b) => a + b, 0);
    expect(sum(9, 18) / 9).toBeGreaterThan((sum(1, 6) / 5) * 1.6);
    expect(correlation(counts, curve)).toBeGreaterThan(0.75);
  });

  it('draws call types from the derived mix', () => {
    const calls = inDay(run);
    const byType = new Map<string, number>();
    for (const call of calls) byType.set(call.callType, (byType.get(call.callType) ?? 0) + 1);
    const top = Object.entries(params.callTypeMix.shares)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8);
    for (const [code, share] of top) {
      const observed = (byType.get(code) ?? 0) / calls.length;
      expect(observed, code).toBeGreaterThan(share - 0.03);
      expect(observed, code).toBeLessThan(share + 0.03);
    }
    const officer = calls.filter((c) => c.officerInitiated).length / calls.length;
    expect(officer).toBeGreaterThan(params.officerInitiatedShare - 0.04);
    expect(officer).toBeLessThan(params.officerInitiatedShare + 0.04);
    const known = new Set(agency.callTypes.map((t) => t.code));
    for (const call of calls) expect(known).toContain(call.callType);
  });

  it('puts every call inside the city, in the beat it claims, busy beats busier', () => {
    const beats = agency.beats.features;
    const counts = new Map<string, number>();
    for (const call of run.created) {
      expect(findArea(beats, call)?.code, call.sourceCallId).toBe(call.beat);
      const beat = beats.find((b) => b.properties.code === call.beat)!;
      expect(beat.properties.district).toBe(call.district);
      counts.set(call.beat, (counts.get(call.beat) ?? 0) + 1);
    }
    const codes = beats.map((b) => b.properties.code);
    expect(
      correlation(
        codes.map((c) => counts.get(c) ?? 0),
        codes.map((c) => params.spatial.beatShares[c] ?? 0),
      ),
    ).toBeGreaterThan(0.7);
    // The creating event carries the same point.
    const first = new Map(
      callEvents(run)
        .map((e) => [e.sourceCallId, e] as const)
        .reverse(),
    );
    for (const call of run.created) {
      expect(first.get(call.sourceCallId)).toMatchObject({ lat: call.lat, lon: call.lon });
    }
  });

  it('repeats addresses: hotspots and repeat locations appear', () => {
    const creates = callEvents(run).filter((e) => e.callType && !e.officerInitiated);
    const perPoint = new Map<string, number>();
    for (const e of creates)
      perPoint.set(`${e.lat},${e.lon}`, (perPoint.get(`${e.lat},${e.lon}`) ?? 0) + 1);
    const repeated = [...perPoint.values()].filter((n) => n >= 2).reduce((a, b) => a + b, 0);
    expect(repeated / creates.length).toBeGreaterThan(0.25);
    expect(perPoint.size / creates.length).toBeLessThan(0.9);
  });

  it('moves every call through legal statuses with non-decreasing instants', () => {
    const dispositions = new Set(agency.dispositions.map((d) => d.code));
    const signs = new Set(unitEvents(run).map((e) => e.callSign));
    const calls = new Map<
      string,
      { status: CallStatus; lastAt: number; stamps: Partial<Record<string, number>> }
    >();
    for (const event of callEvents(run)) {
      const at = Date.parse(event.at);
      let call = calls.get(event.sourceCallId);
      if (!call) {
        // The first event creates the call (pending) with its type and place.
        expect(event.callType).toBeDefined();
        expect(event.lat).toBeDefined();
        expect(event.lon).toBeDefined();
        expect(event.status).toBeUndefined();
        call = { status: 'pending', lastAt: at, stamps: { receivedAt: at } };
        calls.set(event.sourceCallId, call);
        continue;
      }
      expect(at).toBeGreaterThanOrEqual(call.lastAt);
      call.lastAt = at;
      for (const sign of event.units ?? []) expect(signs).toContain(sign);
      if (!event.status) continue;
      const check = checkCallTransition(call.status, event.status);
      expect(check, `${event.sourceCallId}: ${call.status} → ${event.status}`).toEqual({
        ok: true,
      });
      call.status = event.status;
      call.stamps[callStatusInstant[event.status]] ??= at;
      if (event.status === 'dispatched') expect(event.units?.length).toBeGreaterThan(0);
      if (event.status === 'closed' || event.status === 'cancelled') {
        expect(dispositions).toContain(event.disposition);
      }
    }
    const order = ['receivedAt', 'dispatchedAt', 'enrouteAt', 'onsceneAt', 'closedAt'];
    for (const call of calls.values()) {
      const stamps = order.flatMap((key) =>
        call.stamps[key] === undefined ? [] : [call.stamps[key]],
      );
      expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
      // Shutdown leaves nothing open.
      expect(['closed', 'cancelled']).toContain(call.status);
    }
    // Every status occurs, so the dashboard has something in each column.
    const seen = new Set(callEvents(run).map((e) => e.status));
    for (const status of ['dispatched', 'enroute', 'onscene', 'closed'])
      expect(seen).toContain(status);
  });

  it('gives source event ids that are unique and sort in emission order per call', () => {
    const ids = run.events.map((e) => e.event.sourceEventId);
    expect(new Set(ids).size).toBe(ids.length);
    const perCall = new Map<string, string[]>();
    for (const e of callEvents(run))
      perCall.set(e.sourceCallId, [...(perCall.get(e.sourceCallId) ?? []), e.sourceEventId]);
    for (const list of perCall.values()) expect(list).toEqual([...list].sort());
  });

  it('never moves a unit through an illegal status change', () => {
    const units = new Map<string, UnitStatus>();
    for (const event of unitEvents(run)) {
      const current = units.get(event.callSign);
      if (current === undefined) {
        // Registration: type, home district and an initial status.
        expect(event).toMatchObject({ type: 'patrol', status: 'available' });
        expect(agency.districts.features.map((d) => d.properties.code)).toContain(
          event.homeDistrict,
        );
        units.set(event.callSign, 'available');
        continue;
      }
      expect(event.status).toBeDefined();
      const check = checkUnitTransition(current, event.status!);
      expect(check, `${event.callSign}: ${current} → ${event.status}`).toEqual({ ok: true });
      units.set(event.callSign, event.status!);
    }
    expect(units.size).toBeGreaterThanOrEqual(agency.districts.features.length * 6);
    expect([...units.keys()]).toContain('1A12');
    // After shutdown every unit is off duty.
    for (const status of units.values()) expect(status).toBe('off_duty');
  });

  it('reports every unit every 2–5 s, never faster than 120 km/h', () => {
    const log = run.positions;
    expect(log.count).toBeGreaterThan(500_000);
    expect(log.minGap).toBeGreaterThanOrEqual(2);
    expect(log.maxGap).toBeLessThanOrEqual(5.001);
    expect(log.maxKmh).toBeLessThanOrEqual(120);
    expect(log.maxKmh).toBeGreaterThan(30); // units do drive
    expect(log.last.size).toBe(new Set(unitEvents(run).map((e) => e.callSign)).size);
  });

  it('keeps units on the map: positions stay inside (or within metres of) the city', () => {
    const beats = agency.beats.features;
    const outside = run.positions.sample.filter((p) => !findArea(beats, p)).length;
    expect(outside / run.positions.sample.length).toBeLessThan(0.01);
  });

  it('emits only messages that validate against the ingest contracts', () => {
    for (const event of callEvents(run)) expect(ingestCallEventSchema.parse(event)).toEqual(event);
    for (const event of unitEvents(run)) expect(ingestUnitEventSchema.parse(event)).toEqual(event);
    for (const position of run.positions.sample) {
      expect(ingestPositionSchema.safeParse(position).success, JSON.stringify(position)).toBe(true);
    }
  });

  it('creates officer-initiated work on scene at the unit’s own position', () => {
    const byCall = new Map<string, IngestCallEvent[]>();
    for (const e of callEvents(run)) {
      const list = byCall.get(e.sourceCallId) ?? [];
      list.push(e);
      byCall.set(e.sourceCallId, list);
    }
    const officer = [...byCall.values()].filter((list) => list[0]!.officerInitiated);
    expect(officer.length).toBeGreaterThan(100);
    for (const [create, dispatched, onscene] of officer) {
      expect(create!.callerName).toBeUndefined();
      expect(dispatched).toMatchObject({ status: 'dispatched', at: create!.at });
      expect(onscene).toMatchObject({ status: 'onscene', at: create!.at });
    }
    // The unit's next report (within 5 s) is where the call was created.
    const offsets = run.positions.stopOffsets;
    expect(offsets.length).toBeGreaterThan(officer.length / 2);
    expect(Math.max(...offsets)).toBeLessThan(1);
  });

  it('uses clearly fake caller details', () => {
    for (const e of callEvents(run)) {
      if (e.callerPhone !== undefined) expect(e.callerPhone).toMatch(/^707-555-01\d\d$/);
      if (e.callType) expect(e.narrative?.length).toBeGreaterThan(5);
    }
  });

  it('meets most response targets, with some misses', () => {
    const times = new Map<
      string,
      { priority: number; received: number; onscene?: number; oi: boolean }
    >();
    for (const e of callEvents(run)) {
      if (e.callType) {
        times.set(e.sourceCallId, {
          priority: e.priority!,
          received: Date.parse(e.at),
          oi: !!e.officerInitiated,
        });
      } else if (e.status === 'onscene') {
        const call = times.get(e.sourceCallId)!;
        call.onscene ??= Date.parse(e.at);
      }
    }
    for (const priority of agency.priorities) {
      const responses = [...times.values()]
        .filter((c) => c.priority === priority.level && !c.oi && c.onscene !== undefined)
        .map((c) => (c.onscene! - c.received) / 1000);
      const met =
        responses.filter((s) => s <= priority.targets.response!).length / responses.length;
      expect(met, `P${priority.level}`).toBeGreaterThan(0.75);
    }
  });
});

describe('demo city simulation: start, determinism, rate', () => {
  it('starts with a busy picture: registered units, open calls in several states, one position each', () => {
    const run = simulate({
      seed: 'start',
      hours: 0,
      warmupMs: hour,
      start: wednesdayMidnight + 15 * hour,
    });
    const events = run.initial.events;
    const registrations = events.filter((e) => e.kind === 'unit' && e.event.type !== undefined);
    // Registrations come first, all at the start instant.
    expect(events.slice(0, registrations.length)).toEqual(registrations);
    for (const e of registrations) expect(Date.parse(e.event.at)).toBe(run.start);
    // Call history replays the past hour with its real instants.
    for (const e of events) expect(Date.parse(e.event.at)).toBeLessThanOrEqual(run.start);
    const status = new Map<string, string>();
    for (const e of events) {
      if (e.kind === 'call')
        status.set(
          e.event.sourceCallId,
          e.event.status ?? status.get(e.event.sourceCallId) ?? 'pending',
        );
    }
    const open = [...status.values()].filter((s) => s !== 'closed' && s !== 'cancelled');
    expect(open.length).toBeGreaterThanOrEqual(5);
    expect(new Set(open).size).toBeGreaterThanOrEqual(2);
    // Units already on calls say so at the start instant.
    expect(
      events.filter((e) => e.kind === 'unit' && e.event.type === undefined).length,
    ).toBeGreaterThan(3);
    expect(new Set(run.initial.positions.map((p) => p.unit)).size).toBe(registrations.length);
    expect(run.initial.positions.every((p) => Date.parse(p.at) === run.start)).toBe(true);
  });

  it('replays the same city for the same seed, whatever the step', () => {
    const a = simulate({ seed: 42, hours: 1, stepMs: 1000, keepPositions: true });
    const b = simulate({ seed: 42, hours: 1, stepMs: 7000, keepPositions: true });
    const c = simulate({ seed: 43, hours: 1, stepMs: 1000 });
    expect(JSON.stringify(b.events)).toBe(JSON.stringify(a.events));
    expect(JSON.stringify(b.positions.all)).toBe(JSON.stringify(a.positions.all));
    expect(a.positions.all.length).toBeGreaterThan(10_000);
    expect(JSON.stringify(c.events)).not.toBe(JSON.stringify(a.events));
  });

  it('scales the volume with rateMultiplier', () => {
    const run = simulate({
      seed: 'double',
      hours: 24,
      rateMultiplier: 2,
      stepMs: 60_000,
      positionReports: false,
    });
    expect(run.positions.count).toBe(0);
    const expected =
      2 * params.weekdayHourly.meanCallsPerHour[wednesday]!.reduce((a, b) => a + b, 0);
    const count = inDay(run).length;
    expect(count).toBeGreaterThan(expected * 0.9);
    expect(count).toBeLessThan(expected * 1.1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CallReplay,
  HistoricalCall,
  HistoryChange,
  HistoryEvents,
  HistorySnapshot,
} from '@watchfloor/contracts';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';
import { buildTestApp } from '../support/test-app.ts';
import {
  at,
  openCallReceived,
  seedScenario,
  steps,
  t0,
  type Scenario,
} from './history-scenario.ts';

type CallChange = Extract<HistoryChange, { kind: 'call' }>;

describe.each(testDrivers())('the time machine’s replay on %s', (driver) => {
  let database: DatabaseHandle;
  let scenario: Scenario;

  const get = (who: string, path: string, query: Record<string, string | number> = {}) =>
    scenario.agents[who]!.agent.get(path).query(query);
  const events = async (who: string, query: Record<string, string | number>) =>
    (await get(who, '/api/history/events', query).expect(200)).body as HistoryEvents;
  const replay = async (who: string, query: Record<string, string | number> = {}) =>
    (await get(who, `/api/history/calls/${scenario.callId}/replay`, query).expect(200))
      .body as CallReplay;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    scenario = await seedScenario(await buildTestApp(database));
  });
  afterAll(() => database.close());

  describe('GET /api/history/events', () => {
    it('lists every change in the window in time order', async () => {
      const body = await events('dana', { from: at(-1), to: at(1500), positionEverySeconds: 60 });
      expect(body).toMatchObject({ from: at(-1), to: at(1500), positionEverySeconds: 60 });
      const instants = body.changes.map((change) => Date.parse(change.at));
      expect(instants).toEqual([...instants].sort((a, b) => a - b));

      const calls = body.changes.filter((change): change is CallChange => change.kind === 'call');
      expect(calls.map((change) => [change.at, change.call.id, change.call.status])).toEqual([
        [at(steps.received), scenario.callId, 'pending'],
        [at(steps.dispatched), scenario.callId, 'dispatched'],
        [at(openCallReceived), scenario.openCallId, 'pending'],
        [at(steps.onscene), scenario.callId, 'onscene'],
        [at(steps.closed), scenario.callId, 'closed'],
      ]);
      expect(calls[1]!.call.assignedUnits.map((unit) => unit.callSign)).toEqual(['A1']);
      expect(calls[4]!.call).toMatchObject({ assignedUnits: [], disposition: 'RPT' });

      const units = body.changes.filter((change) => change.kind === 'unit');
      expect(units.map((change) => [change.at, change.unitId, change.status])).toEqual([
        [at(steps.dispatched), scenario.unitIds.A1, 'dispatched'],
        [at(steps.onscene), scenario.unitIds.A1, 'onscene'],
        [at(steps.closed), scenario.unitIds.A1, 'available'],
      ]);
      expect(body.units.map((unit) => unit.callSign).sort()).toEqual(['A1', 'F3', 'N2']);
    });

    it('thins positions to one per unit per interval', async () => {
      const body = await events('dana', { from: at(0), to: at(600), positionEverySeconds: 60 });
      const positions = body.changes.filter((change) => change.kind === 'position');
      const a1 = positions.filter((change) => change.unitId === scenario.unitIds.A1);
      // A1 reports every 10 s: one per minute bucket, the first of each.
      expect(a1.map((change) => change.at)).toEqual([
        at(10),
        ...Array.from({ length: 10 }, (_, index) => at((index + 1) * 60)),
      ]);
      const buckets = positions.map(
        (change) => `${change.unitId}:${Math.floor(Date.parse(change.at) / 60_000)}`,
      );
      expect(new Set(buckets).size).toBe(buckets.length);
      const dense = await events('dana', { from: at(0), to: at(600) });
      expect(dense.positionEverySeconds).toBe(5);
      const densePositions = dense.changes.filter(
        (change) => change.kind === 'position' && change.unitId === scenario.unitIds.A1,
      );
      // Every report of A1 (one per 10 s) is in its own 5 s bucket.
      expect(densePositions).toHaveLength(60);
    });

    it('replays the snapshot at `from` forward into the snapshot at `to`', async () => {
      const [from, to] = [at(30), at(700)];
      const start = (await get('dana', '/api/history/snapshot', { at: from }).expect(200))
        .body as HistorySnapshot;
      const end = (await get('dana', '/api/history/snapshot', { at: to }).expect(200))
        .body as HistorySnapshot;
      const body = await events('dana', { from, to, positionEverySeconds: 1 });
      const calls = new Map<string, HistoricalCall>(start.calls.map((call) => [call.id, call]));
      const units = new Map(start.units.map((unit) => [unit.id, { ...unit }]));
      for (const change of body.changes) {
        if (change.kind === 'call') {
          if (['closed', 'cancelled'].includes(change.call.status)) calls.delete(change.call.id);
          else calls.set(change.call.id, change.call);
        } else if (change.kind === 'unit') {
          Object.assign(units.get(change.unitId)!, {
            status: change.status,
            statusSince: change.at,
            callId: change.callId,
          });
        } else {
          const { lat, lon, heading, speed } = change;
          Object.assign(units.get(change.unitId)!, {
            position: { lat, lon, heading, speed, accuracy: null, at: change.at },
          });
        }
      }
      expect([...calls.values()].sort((a, b) => a.priority - b.priority)).toEqual(end.calls);
      expect(units.size).toBe(end.units.length);
      expect(end.units.map((unit) => units.get(unit.id))).toEqual(end.units);
    });

    it('explains the window cap', async () => {
      const response = await get('dana', '/api/history/events', {
        from: at(0),
        to: at(6 * 3600 + 1),
      }).expect(400);
      expect(response.body.error.issues).toEqual([
        {
          path: 'to',
          message: 'The window may not exceed 6 hours; fetch longer periods in pieces',
        },
      ]);
      await get('dana', '/api/history/events', { from: at(0), to: at(6 * 3600) }).expect(200);
    });

    it('scopes changes to what the reader may see', async () => {
      const sam = await events('sam', { from: at(-1), to: at(1500), positionEverySeconds: 60 });
      const callIds = new Set(
        sam.changes.flatMap((change) => (change.kind === 'call' ? [change.call.id] : [])),
      );
      expect([...callIds]).toEqual([scenario.callId]);
      expect(sam.units.map((unit) => unit.callSign).sort()).toEqual(['A1', 'N2']);
      const alex = await events('alex', { from: at(-1), to: at(1500) });
      expect(alex.changes.every((change) => change.kind === 'call')).toBe(true);
      expect(alex.changes.map((change) => (change as CallChange).call.id)).not.toContain(
        scenario.openCallId,
      );
      expect(alex.units).toEqual([]);
      await get('root', '/api/history/events', { from: at(0), to: at(60) }).expect(403);
    });

    it.each([
      ['a missing window', {}, ['from', 'to']],
      ['to before from', { from: at(60), to: at(0) }, ['to']],
      ['an empty window', { from: at(60), to: at(60) }, ['to']],
      ['a window over 6 hours', { from: at(0), to: at(6 * 3600 + 1) }, ['to']],
      [
        'a zero interval',
        { from: at(0), to: at(60), positionEverySeconds: 0 },
        ['positionEverySeconds'],
      ],
      [
        'a fractional interval',
        { from: at(0), to: at(60), positionEverySeconds: 2.5 },
        ['positionEverySeconds'],
      ],
      [
        'several bad fields at once',
        { from: 'yesterday', to: at(60), positionEverySeconds: 'often' },
        ['from', 'positionEverySeconds'],
      ],
      [
        'a long window and a bad interval',
        { from: at(0), to: at(7 * 3600), positionEverySeconds: 301 },
        ['positionEverySeconds', 'to'],
      ],
    ] as const)('answers %s with 400 naming the fields', async (_, query, paths) => {
      const response = await get('dana', '/api/history/events', query).expect(400);
      expect(response.body.error.code).toBe('validation_failed');
      const reported = (response.body.error.issues as { path: string }[]).map(
        (issue) => issue.path,
      );
      expect([...new Set(reported)].sort()).toEqual([...paths].sort());
    });
  });

  describe('GET /api/history/calls/:id/replay', () => {
    it('covers the call from five minutes before to five minutes after', async () => {
      const body = await replay('dana');
      expect(body.window).toEqual({
        from: at(steps.received - 300),
        to: at(steps.closed + 300),
        truncated: false,
      });
      expect(body).toMatchObject({ radiusMeters: 2000, positionEverySeconds: 5 });
      expect(body.call).toMatchObject({
        id: scenario.callId,
        status: 'closed',
        closedAt: at(steps.closed),
      });
      expect(body.timeline.map((event) => [event.type, event.at])).toEqual([
        ['created', at(steps.received)],
        ['status_changed', at(steps.dispatched)],
        ['status_changed', at(steps.onscene)],
        ['status_changed', at(steps.closed)],
      ]);
      expect(body.changes.map((change) => [change.at, change.call.status])).toEqual([
        [at(steps.received), 'pending'],
        [at(steps.dispatched), 'dispatched'],
        [at(steps.onscene), 'onscene'],
        [at(steps.closed), 'closed'],
      ]);
    });

    it('brings the assigned and the nearby unit, not the far one', async () => {
      const body = await replay('dana');
      expect(body.units.map((unit) => [unit.callSign, unit.assigned])).toEqual([
        ['A1', true],
        ['N2', false],
      ]);
      const [a1, n2] = body.units;
      expect(a1!.closestMeters).toBe(0);
      expect(n2!.closestMeters).toBeGreaterThan(150);
      expect(n2!.closestMeters).toBeLessThan(165);
      expect(a1).toMatchObject({
        statusAtStart: 'available',
        statusChanges: [
          { at: at(steps.dispatched), status: 'dispatched', callId: scenario.callId },
          { at: at(steps.onscene), status: 'onscene', callId: scenario.callId },
          { at: at(steps.closed), status: 'available', callId: null },
        ],
      });
      // A1 reports every 10 s from −60 s to +1260 s; at 5 s spacing every report stays.
      expect(a1!.positions).toHaveLength(133);
      expect(a1!.positions[0]!.at).toBe(at(-60));
      const thinned = await replay('dana', { positionEverySeconds: 60 });
      expect(thinned.units[0]!.positions.length).toBeLessThanOrEqual(25);
    });

    it('keeps an assigned unit even outside a small radius', async () => {
      const body = await replay('dana', { radiusMeters: 100 });
      expect(body.units.map((unit) => unit.callSign)).toEqual(['A1']);
      const wide = await replay('dana', { radiusMeters: 5000 });
      expect(wide.units.map((unit) => unit.callSign)).toEqual(['A1', 'N2', 'F3']);
    });

    it('applies field rules and scope', async () => {
      const dana = await replay('dana');
      expect(dana.timeline[0]!.data).toMatchObject({ callerName: 'Pat Caller' });
      const alex = await replay('alex');
      expect(alex.units).toEqual([]);
      expect(JSON.stringify(alex)).not.toMatch(/Pat Caller|555-0100|argument/);
      expect(alex.timeline).toHaveLength(4);
      const sam = await replay('sam', { radiusMeters: 5000 });
      expect(sam.units.map((unit) => unit.callSign)).toEqual(['A1', 'N2']);
      // A call outside the reader's scope, or still open for an analyst, does not exist for them.
      await get('east', `/api/history/calls/${scenario.callId}/replay`).expect(404);
      await get('alex', `/api/history/calls/${scenario.openCallId}/replay`).expect(404);
      await get('root', `/api/history/calls/${scenario.callId}/replay`).expect(403);
    });

    it('replays an open call up to now', async () => {
      const response = await get('dana', `/api/history/calls/${scenario.openCallId}/replay`).expect(
        200,
      );
      const window = (response.body as CallReplay).window;
      expect(window.from).toBe(at(openCallReceived - 300));
      // Open since March: the window stops at the cap.
      expect(window).toMatchObject({ to: at(openCallReceived - 300 + 6 * 3600), truncated: true });
      expect(Date.parse(window.to)).toBeGreaterThan(t0);
    });

    it('answers unknown ids with 404 and bad parameters with 400', async () => {
      await get('dana', `/api/history/calls/${crypto.randomUUID()}/replay`).expect(404);
      await get('dana', '/api/history/calls/not-a-call/replay').expect(404);
      const response = await get('dana', `/api/history/calls/${scenario.callId}/replay`, {
        radiusMeters: 'far',
        positionEverySeconds: 0,
      }).expect(400);
      expect(
        (response.body.error.issues as { path: string }[]).map((issue) => issue.path).sort(),
      ).toEqual(['positionEverySeconds', 'radiusMeters']);
    });
  });
});

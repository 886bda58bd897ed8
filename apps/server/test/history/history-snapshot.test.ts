import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoricalUnit, HistorySnapshot } from '@watchfloor/contracts';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';
import { buildTestApp } from '../support/test-app.ts';
import {
  at,
  callPoint,
  nearPoint,
  nearUnitLastReport,
  openCallReceived,
  seedScenario,
  steps,
  type Scenario,
} from './history-scenario.ts';

describe.each(testDrivers())('the time machine’s snapshot on %s', (driver) => {
  let database: DatabaseHandle;
  let scenario: Scenario;
  let harness: Awaited<ReturnType<typeof buildTestApp>>;

  const snapshot = async (who: string, instant: string) =>
    (
      await scenario.agents[who]!.agent.get('/api/history/snapshot')
        .query({ at: instant })
        .expect(200)
    ).body as HistorySnapshot;
  const unit = (body: HistorySnapshot, callSign: string): HistoricalUnit | undefined =>
    body.units.find((candidate) => candidate.callSign === callSign);

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    harness = await buildTestApp(database);
    scenario = await seedScenario(harness);
  });
  afterAll(() => database.close());

  it('has no call before it was received, and the units as they stood', async () => {
    const body = await snapshot('dana', at(-1));
    expect(body.at).toBe(at(-1));
    expect(body.calls).toEqual([]);
    expect(unit(body, 'A1')).toMatchObject({
      status: 'available',
      statusSince: at(-1800),
      callId: null,
      position: { lat: callPoint.lat, at: at(-10) },
    });
    expect(body.units.map((candidate) => candidate.callSign).sort()).toEqual(['A1', 'F3', 'N2']);
  });

  it('shows the call pending between received and dispatched', async () => {
    const body = await snapshot('dana', at(30));
    expect(body.calls).toHaveLength(1);
    expect(body.calls[0]).toMatchObject({
      id: scenario.callId,
      status: 'pending',
      priority: 1,
      callType: 'DIST',
      district: '1',
      lat: callPoint.lat,
      lon: callPoint.lon,
      address: '100 Main St',
      receivedAt: at(steps.received),
      dispatchedAt: null,
      assignedUnits: [],
    });
    expect(unit(body, 'A1')).toMatchObject({ status: 'available', callId: null });
  });

  it('shows the unit on the call once dispatched, as of the instant and not as now', async () => {
    const body = await snapshot('dana', at(90));
    const [call] = body.calls;
    expect(call).toMatchObject({
      status: 'dispatched',
      dispatchedAt: at(steps.dispatched),
      onsceneAt: null,
      closedAt: null,
      disposition: null,
      assignedUnits: [
        { id: scenario.unitIds.A1, callSign: 'A1', assignedAt: at(steps.dispatched) },
      ],
    });
    expect(unit(body, 'A1')).toMatchObject({
      status: 'dispatched',
      statusSince: at(steps.dispatched),
      callId: scenario.callId,
      position: { at: at(90) },
    });
    // The position is the last report at or before the instant, not the live marker.
    expect(unit(body, 'A1')!.position!.lon).toBeLessThan(callPoint.lon);
  });

  it('shows both calls by priority, the on-scene one first', async () => {
    const body = await snapshot('dana', at(600));
    expect(body.calls.map((call) => [call.id, call.status])).toEqual([
      [scenario.callId, 'onscene'],
      [scenario.openCallId, 'pending'],
    ]);
    expect(body.calls[0]).toMatchObject({ onsceneAt: at(steps.onscene) });
    expect(unit(body, 'A1')).toMatchObject({
      status: 'onscene',
      position: { lat: callPoint.lat, lon: callPoint.lon, speed: 0, at: at(600) },
    });
  });

  it('drops a unit’s position once it is older than the look-back', async () => {
    const fresh = await snapshot('dana', at(nearUnitLastReport + 60));
    expect(unit(fresh, 'N2')!.position).toMatchObject({ ...nearPoint, at: at(180) });
    const stale = await snapshot('dana', at(900));
    expect(stale.positionLookbackSeconds).toBe(600);
    expect(unit(stale, 'N2')!.position).toBeNull();
  });

  it('leaves the call out from the instant it closed', async () => {
    for (const instant of [at(steps.closed), at(steps.closed + 1)]) {
      const body = await snapshot('dana', instant);
      expect(body.calls.map((call) => call.id)).toEqual([scenario.openCallId]);
      expect(unit(body, 'A1')).toMatchObject({ status: 'available', callId: null });
    }
    const before = await snapshot('dana', at(steps.closed - 1));
    expect(before.calls.map((call) => call.id)).toContain(scenario.callId);
  });

  it('accepts any offset and answers in UTC', async () => {
    const body = await snapshot('dana', '2026-03-10T09:01:30-05:00');
    expect(body.at).toBe(at(90));
    expect(body.calls[0]!.status).toBe('dispatched');
  });

  it('never sends caller data', async () => {
    const body = await snapshot('dana', at(90));
    for (const field of ['callerName', 'callerPhone', 'narrative', 'notes'])
      expect(body.calls[0]).not.toHaveProperty(field);
  });

  describe('who sees what', () => {
    it('shows a supervisor only their districts’ calls and units', async () => {
      const body = await snapshot('sam', at(600));
      expect(body.calls.map((call) => call.id)).toEqual([scenario.callId]);
      expect(body.units.map((candidate) => candidate.callSign)).toEqual(['A1', 'N2']);
      const east = await snapshot('east', at(600));
      expect(east.calls.map((call) => call.id)).toEqual([scenario.openCallId]);
      expect(east.units.map((candidate) => candidate.callSign)).toEqual(['F3']);
    });

    it('shows an analyst past states of calls finished now, without units', async () => {
      const body = await snapshot('alex', at(600));
      // C1 is closed now: history. C2 is still open: live work, not for analysts.
      expect(body.calls.map((call) => [call.id, call.status])).toEqual([
        [scenario.callId, 'onscene'],
      ]);
      expect(body.units).toEqual([]);
      expect(JSON.stringify(body)).not.toMatch(/Pat Caller|555-0100|argument/);
    });

    it('refuses roles that may not read calls, and signed-out requests', async () => {
      const response = await scenario.agents
        .root!.agent.get('/api/history/snapshot')
        .query({ at: at(0) })
        .expect(403);
      expect(response.body.error.code).toBe('forbidden');
      // Checked before the input: a refused caller learns nothing about the query.
      await scenario.agents.root!.agent.get('/api/history/snapshot').expect(403);
      await harness
        .request()
        .get('/api/history/snapshot')
        .query({ at: at(0) })
        .expect(401);
    });
  });

  it.each([
    ['a missing instant', {}, ['at']],
    ['an instant without offset', { at: '2026-03-10T14:00:00' }, ['at']],
    ['a date only', { at: '2026-03-10' }, ['at']],
  ] as const)('answers %s with 400 naming the field', async (_, query, paths) => {
    const response = await scenario.agents
      .dana!.agent.get('/api/history/snapshot')
      .query(query)
      .expect(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect((response.body.error.issues as { path: string }[]).map((issue) => issue.path)).toEqual(
      paths,
    );
  });

  it('counts the open call from its own received instant', async () => {
    const before = await snapshot('dana', at(openCallReceived - 1));
    expect(before.calls.map((call) => call.id)).not.toContain(scenario.openCallId);
    const after = await snapshot('dana', at(openCallReceived));
    expect(after.calls.map((call) => call.id)).toContain(scenario.openCallId);
  });
});

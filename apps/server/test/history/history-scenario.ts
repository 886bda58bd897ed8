import { expect } from 'vitest';
import type { Role } from '@watchfloor/authz';
import { cliActor } from '../../src/modules/audit/actor.ts';
import { inDistrict } from '../support/builders.ts';
import { buildUser, signIn, type buildTestApp } from '../support/test-app.ts';

/** The scenario's clock: `at(s)` is t0 + s seconds. */
export const t0 = Date.parse('2026-03-10T14:00:00.000Z');
export const at = (seconds: number) => new Date(t0 + seconds * 1000).toISOString();

/** The call's four steps: received, dispatched with A1, on scene, closed. */
export const steps = { received: 0, dispatched: 60, onscene: 300, closed: 1200 } as const;
/** A second call in district 2 that is still open. */
export const openCallReceived = 120;

export const callPoint = inDistrict('1');
/** ~157 m from the call: a unit that stood nearby. */
export const nearPoint = { lat: 0.006, lon: 0.006 };
/** ~3.9 km east of the call: a unit that never came near. */
export const farPoint = { lat: 0.005, lon: 0.04 };
/** A1 stops reporting after this, so late snapshots show it without a position. */
export const nearUnitLastReport = 200;

export type Harness = Awaited<ReturnType<typeof buildTestApp>>;
export type Agent = Awaited<ReturnType<typeof signIn>>;

export const people: { username: string; role: Role; districts?: string[] }[] = [
  { username: 'dana', role: 'dispatcher' },
  { username: 'sam', role: 'supervisor', districts: ['1'] },
  { username: 'east', role: 'supervisor', districts: ['2'] },
  { username: 'alex', role: 'analyst' },
  { username: 'root', role: 'admin' },
];

/**
 * The scenario through the real ingest API, with CAD event times: units A1
 * (district 1, works the call), N2 (district 1, stands near it), F3 (district
 * 2, far away); call C1 received, dispatched, on scene and closed; call C2 in
 * district 2, still open. A1 reports every 10 s, N2 every 30 s until
 * `nearUnitLastReport`, F3 every 30 s.
 */
export async function seedScenario(harness: Harness) {
  const { token } = await harness.services.tokensService.create(cliActor, 'history-cad');
  const ingest = async (path: string, body: object) => {
    const response = await harness
      .request()
      .post(`/api/ingest/${path}`)
      .set('Authorization', `Bearer ${token}`)
      .send(body)
      .expect(200);
    const summary = response.body.summary as Record<string, number>;
    expect(summary.rejected ?? 0, JSON.stringify(response.body.results)).toBe(0);
    return response.body as { results: { callId?: string }[] };
  };

  await ingest('units', {
    source: 'cad',
    events: [
      {
        sourceEventId: 'u-a1',
        callSign: 'A1',
        homeDistrict: '1',
        status: 'available',
        at: at(-1800),
      },
      {
        sourceEventId: 'u-n2',
        callSign: 'N2',
        homeDistrict: '1',
        status: 'available',
        at: at(-1800),
      },
      {
        sourceEventId: 'u-f3',
        callSign: 'F3',
        homeDistrict: '2',
        status: 'available',
        at: at(-1800),
      },
    ],
  });

  const call = {
    sourceCallId: 'C1',
    callType: 'DIST',
    ...callPoint,
    address: '100 Main St',
    callerName: 'Pat Caller',
    callerPhone: '555-0100',
    narrative: 'Loud argument next door',
  };
  const created = await ingest('calls', {
    source: 'cad',
    events: [{ sourceEventId: 'c1-1', at: at(steps.received), ...call }],
  });
  await ingest('calls', {
    source: 'cad',
    events: [
      {
        sourceEventId: 'c1-2',
        sourceCallId: 'C1',
        at: at(steps.dispatched),
        status: 'dispatched',
        units: ['A1'],
      },
      { sourceEventId: 'c1-3', sourceCallId: 'C1', at: at(steps.onscene), status: 'onscene' },
      {
        sourceEventId: 'c1-4',
        sourceCallId: 'C1',
        at: at(steps.closed),
        status: 'closed',
        disposition: 'RPT',
      },
    ],
  });
  const open = await ingest('calls', {
    source: 'cad',
    events: [
      {
        sourceEventId: 'c2-1',
        sourceCallId: 'C2',
        at: at(openCallReceived),
        callType: 'DIST',
        ...inDistrict('2'),
        priority: 2,
      },
    ],
  });

  const positions: object[] = [];
  for (let second = -60; second <= steps.closed + 60; second += 10) {
    // A1 drives from 556 m west of the call and arrives when it goes on scene.
    const progress = Math.min(1, Math.max(0, (second + 60) / (steps.onscene + 60)));
    positions.push({
      unit: 'A1',
      lat: callPoint.lat,
      lon: callPoint.lon - 0.005 * (1 - progress),
      speed: progress < 1 ? 2 : 0,
      at: at(second),
    });
    if (second % 30 === 0 && second <= nearUnitLastReport)
      positions.push({ unit: 'N2', ...nearPoint, at: at(second) });
    if (second % 30 === 0) positions.push({ unit: 'F3', ...farPoint, at: at(second) });
  }
  await ingest('positions', { positions });

  const callId = created.results[0]!.callId!;
  const openCallId = open.results[0]!.callId!;
  const unitIds = Object.fromEntries(
    (await harness.services.unitsRepo.findByCallSigns(['A1', 'N2', 'F3'])).map((unit) => [
      unit.callSign,
      unit.id,
    ]),
  ) as Record<'A1' | 'N2' | 'F3', string>;

  const agents: Record<string, Agent> = {};
  for (const person of people) {
    await buildUser(harness.services, person);
    agents[person.username] = await signIn(harness.app, person.username);
  }
  return { callId, openCallId, unitIds, agents };
}

export type Scenario = Awaited<ReturnType<typeof seedScenario>>;

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallDetail, HistorySnapshot } from '@watchfloor/contracts';
import type { DatabaseHandle } from '../../src/db/client.ts';
import type { PlannedCall } from '../../src/import/call-plan.ts';
import { writeCallBatch } from '../../src/import/call-writer.ts';
import { buildUnit, callBody, inDistrict } from '../support/builders.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';
import { buildTestApp, buildUser, signIn } from '../support/test-app.ts';

/** A moment before `instant`, as an ISO string. */
const justBefore = (instant: string) => new Date(Date.parse(instant) - 1).toISOString();

describe.each(testDrivers())('the time machine over every writer of events on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: Awaited<ReturnType<typeof buildTestApp>>;
  let dana: Awaited<ReturnType<typeof signIn>>;

  const snapshot = async (instant: string) =>
    (await dana.agent.get('/api/history/snapshot').query({ at: instant }).expect(200))
      .body as HistorySnapshot;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    harness = await buildTestApp(database);
    await buildUser(harness.services, { username: 'dana', role: 'dispatcher' });
    dana = await signIn(harness.app, 'dana');
  });
  afterAll(() => database.close());

  it('follows a dispatcher’s actions, back to the queue when the last unit leaves', async () => {
    const unit = await buildUnit(database.db, { callSign: 'D7' });
    const csrf = { 'X-CSRF-Token': dana.csrfToken };
    const created = await dana.agent.post('/api/calls').set(csrf).send(callBody()).expect(201);
    const id = created.body.id as string;
    await dana.agent
      .post(`/api/calls/${id}/assign`)
      .set(csrf)
      .send({ unitId: unit.id })
      .expect(200);
    const back = await dana.agent
      .post(`/api/calls/${id}/unassign`)
      .set(csrf)
      .send({ unitId: unit.id })
      .expect(200);
    await dana.agent
      .patch(`/api/calls/${id}`)
      .set(csrf)
      .set('If-Match', `"${back.body.version}"`)
      .send({ priority: 2, ...inDistrict('2') })
      .expect(200);
    const detail = (await dana.agent.get(`/api/calls/${id}`).expect(200)).body as CallDetail;
    const [received, assigned, unassigned, moved] = detail.timeline.map((event) => event.at);

    const callAt = async (instant: string) =>
      (await snapshot(instant)).calls.find((call) => call.id === id);
    expect(await callAt(justBefore(received!))).toBeUndefined();
    expect(await callAt(received!)).toMatchObject({
      status: 'pending',
      priority: 1,
      district: '1',
      assignedUnits: [],
    });
    expect(await callAt(assigned!)).toMatchObject({
      status: 'dispatched',
      dispatchedAt: assigned,
      assignedUnits: [{ id: unit.id, callSign: 'D7', assignedAt: assigned }],
    });
    const afterUnassign = await snapshot(unassigned!);
    expect(afterUnassign.calls.find((call) => call.id === id)).toMatchObject({
      status: 'pending',
      assignedUnits: [],
    });
    expect(afterUnassign.units.find((candidate) => candidate.id === unit.id)).toMatchObject({
      status: 'available',
      callId: null,
    });
    // The edit moved the call east: located again as of then, district 1 before.
    expect(await callAt(justBefore(moved!))).toMatchObject({ district: '1', priority: 1 });
    expect(await callAt(moved!)).toMatchObject({
      district: '2',
      beat: '2A',
      priority: 2,
      ...inDistrict('2'),
    });
  });

  it('rebuilds imported calls from their stage events', async () => {
    const stage = (minute: number) => new Date(Date.UTC(2025, 5, 1, 8, minute));
    const planned = {
      sourceId: 'IMP-1',
      callType: 'DIST',
      callTypeDescription: 'Disturbance',
      knownCallType: true,
      priority: 2,
      officerInitiated: false,
      lat: 0.004,
      lon: 0.004,
      address: '5 Old Rd',
      beat: '1A',
      district: '1',
      status: 'closed',
      receivedAt: stage(0),
      dispatchedAt: stage(4),
      enrouteAt: null,
      onsceneAt: stage(11),
      closedAt: stage(40),
      disposition: 'RPT',
      events: [
        { key: 'received', type: 'created', at: stage(0), data: { callType: 'DIST', priority: 2 } },
        { key: 'dispatched', type: 'status_changed', at: stage(4), data: { status: 'dispatched' } },
        { key: 'onscene', type: 'status_changed', at: stage(11), data: { status: 'onscene' } },
        {
          key: 'closed',
          type: 'status_changed',
          at: stage(40),
          data: { status: 'closed', disposition: 'RPT' },
        },
      ],
    };
    // Written by the importer's own writer, as `pnpm watchfloor import` does.
    await writeCallBatch(database.db, 'oakland', 'import:test', [
      planned as unknown as PlannedCall,
    ]);

    const statusAt = async (minute: number) =>
      (await snapshot(stage(minute).toISOString())).calls.find(
        (call) => call.address === '5 Old Rd',
      );
    expect(await statusAt(2)).toMatchObject({
      status: 'pending',
      priority: 2,
      district: '1',
      lat: 0.004,
    });
    expect(await statusAt(5)).toMatchObject({
      status: 'dispatched',
      dispatchedAt: stage(4).toISOString(),
    });
    expect(await statusAt(39)).toMatchObject({ status: 'onscene', disposition: null });
    expect(await statusAt(40)).toBeUndefined();
  });
});

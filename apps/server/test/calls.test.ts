import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DatabaseHandle } from '../src/db/client.ts';
import { openTestDatabase, testDrivers } from './support/databases.ts';
import { buildUnit, callBody, inDistrict } from './support/builders.ts';
import { buildTestApp, buildUser, signIn } from './support/test-app.ts';

type Agent = Awaited<ReturnType<typeof signIn>>;

describe.each(testDrivers())('dispatcher call workflow on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: Awaited<ReturnType<typeof buildTestApp>>;
  let dispatcher: Agent;
  let supervisor1: Agent;
  let analyst: Agent;
  const post = (who: Agent, path: string, body: object = {}) =>
    who.agent.post(path).set('X-CSRF-Token', who.csrfToken).send(body);

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    harness = await buildTestApp(database);
    await buildUser(harness.services, { username: 'dana', role: 'dispatcher' });
    await buildUser(harness.services, { username: 'sam', role: 'supervisor', districts: ['1'] });
    await buildUser(harness.services, { username: 'alex', role: 'analyst' });
    dispatcher = await signIn(harness.app, 'dana');
    supervisor1 = await signIn(harness.app, 'sam');
    analyst = await signIn(harness.app, 'alex');
  });
  afterAll(() => database.close());

  it('creates a call with beat and district from the map and priority from its type', async () => {
    const response = await post(dispatcher, '/api/calls', callBody({ ...inDistrict('2') })).expect(
      201,
    );
    expect(response.body).toMatchObject({
      status: 'pending',
      callType: 'DIST',
      callTypeDescription: 'Disturbance',
      priority: 1,
      originalPriority: 1,
      beat: '2A',
      district: '2',
      version: 1,
      callerName: 'Pat Caller',
      assignedUnits: [],
    });
    expect(response.body.incidentNumber).toMatch(/^\d{4}-\d{6}$/);
    const detail = await dispatcher.agent.get(`/api/calls/${response.body.id}`).expect(200);
    expect(detail.body.timeline.map((event: { type: string }) => event.type)).toEqual(['created']);
    expect(detail.headers.etag).toBe('"1"');
  });

  it('rejects bad input with every problem and the field it concerns', async () => {
    const response = await post(dispatcher, '/api/calls', {
      callType: 'DIST',
      lat: 95,
      lon: 'east',
    }).expect(400);
    expect(response.body.error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual([
      'lat',
      'lon',
    ]);
    const unknownType = await post(dispatcher, '/api/calls', callBody({ callType: 'NOPE' })).expect(
      400,
    );
    expect(unknownType.body.error.issues).toEqual([
      { path: 'callType', message: 'Unknown call type NOPE' },
    ]);
  });

  it('works a call from assignment to close, moving units and call together', async () => {
    const unit = await buildUnit(database.db, { homeDistrict: '1' });
    const busy = await buildUnit(database.db, { homeDistrict: '1', status: 'busy' });
    const { body: call } = await post(dispatcher, '/api/calls', callBody()).expect(201);

    const refused = await post(dispatcher, `/api/calls/${call.id}/assign`, {
      unitId: busy.id,
    }).expect(409);
    expect(refused.body.error).toMatchObject({
      code: 'illegal_transition',
      message: expect.stringMatching(/is busy, not available/),
    });

    const assigned = await post(dispatcher, `/api/calls/${call.id}/assign`, {
      unitId: unit.id,
    }).expect(200);
    expect(assigned.body).toMatchObject({
      status: 'dispatched',
      version: 2,
      assignedUnits: [{ id: unit.id, status: 'dispatched' }],
    });
    expect(assigned.body.dispatchedAt).not.toBeNull();

    await post(dispatcher, `/api/units/${unit.id}/status`, { status: 'enroute' }).expect(200);
    await post(dispatcher, `/api/units/${unit.id}/status`, { status: 'onscene' }).expect(200);
    const onScene = await dispatcher.agent.get(`/api/calls/${call.id}`).expect(200);
    expect(onScene.body).toMatchObject({ status: 'onscene', version: 4 });
    expect(Date.parse(onScene.body.onsceneAt)).toBeGreaterThanOrEqual(
      Date.parse(onScene.body.enrouteAt),
    );

    const badDisposition = await post(dispatcher, `/api/calls/${call.id}/close`, {
      disposition: 'XYZ',
    }).expect(400);
    expect(badDisposition.body.error.issues[0].path).toBe('disposition');
    const closed = await post(dispatcher, `/api/calls/${call.id}/close`, {
      disposition: 'RPT',
    }).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', disposition: 'RPT', assignedUnits: [] });
    const again = await post(dispatcher, `/api/calls/${call.id}/close`, {
      disposition: 'RPT',
    }).expect(409);
    expect(again.body.error.message).toBe('The call is already closed');

    const units = await dispatcher.agent.get('/api/units').expect(200);
    expect(units.body.units.find((row: { id: string }) => row.id === unit.id)).toMatchObject({
      status: 'available',
      currentCallId: null,
    });

    const detail = await dispatcher.agent.get(`/api/calls/${call.id}`).expect(200);
    expect(
      detail.body.timeline.map(
        (event: { type: string; version: number }) => `${event.version}:${event.type}`,
      ),
    ).toEqual([
      '1:created',
      '2:unit_assigned',
      '3:status_changed',
      '4:status_changed',
      '5:status_changed',
    ]);
    const audit = await queryRows<{ action: string; count: number }>(
      database.db,
      sql`select action, count(*)::int as count from audit_events
          where subject_id = ${call.id} group by action order by action`,
    );
    // Created, assigned, closed; and each time the dispatcher opened it with caller data.
    expect(audit).toEqual([
      { action: 'call.assign', count: 1 },
      { action: 'call.close', count: 1 },
      { action: 'call.create', count: 1 },
      { action: 'call.view', count: 2 },
    ]);
  });

  it('puts a call back in the queue when its last unit is unassigned', async () => {
    const unit = await buildUnit(database.db);
    const { body: call } = await post(dispatcher, '/api/calls', callBody()).expect(201);
    await post(dispatcher, `/api/calls/${call.id}/assign`, { unitId: unit.id }).expect(200);
    const back = await post(dispatcher, `/api/calls/${call.id}/unassign`, {
      unitId: unit.id,
    }).expect(200);
    expect(back.body).toMatchObject({ status: 'pending', assignedUnits: [] });
    await post(dispatcher, `/api/calls/${call.id}/unassign`, { unitId: unit.id }).expect(409);
    const cancelled = await post(dispatcher, `/api/calls/${call.id}/cancel`, {
      reason: 'duplicate',
    }).expect(200);
    expect(cancelled.body.status).toBe('cancelled');
  });

  it('PATCH needs If-Match and refuses a stale version with the current state', async () => {
    const { body: call } = await post(dispatcher, '/api/calls', callBody()).expect(201);
    const path = `/api/calls/${call.id}`;
    await dispatcher.agent
      .patch(path)
      .set('X-CSRF-Token', dispatcher.csrfToken)
      .send({ priority: 2 })
      .expect(428);
    const ok = await dispatcher.agent
      .patch(path)
      .set('X-CSRF-Token', dispatcher.csrfToken)
      .set('If-Match', '"1"')
      .send({ priority: 2, ...inDistrict('2') })
      .expect(200);
    expect(ok.body).toMatchObject({ priority: 2, originalPriority: 1, district: '2', version: 2 });
    const stale = await dispatcher.agent
      .patch(path)
      .set('X-CSRF-Token', dispatcher.csrfToken)
      .set('If-Match', '1')
      .send({ priority: 3 })
      .expect(409);
    expect(stale.body.error.code).toBe('version_conflict');
    expect(stale.body.error.current).toMatchObject({ priority: 2, version: 2 });
    const illegal = await dispatcher.agent
      .patch(path)
      .set('X-CSRF-Token', dispatcher.csrfToken)
      .set('If-Match', '2')
      .send({ status: 'onscene' })
      .expect(409);
    expect(illegal.body.error.message).toBe('A call cannot go from pending to onscene');
  });

  it('50 concurrent PATCHes of one version: exactly one wins, no lost update', async () => {
    const { body: call } = await post(dispatcher, '/api/calls', callBody()).expect(201);
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        dispatcher.agent
          .patch(`/api/calls/${call.id}`)
          .set('X-CSRF-Token', dispatcher.csrfToken)
          .set('If-Match', '1')
          .send({ address: `${index} Race St` }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
    const winner = responses.find((response) => response.status === 200)!;
    const detail = await dispatcher.agent.get(`/api/calls/${call.id}`).expect(200);
    expect(detail.body).toMatchObject({ version: 2, address: winner.body.address });
    expect(detail.body.timeline).toHaveLength(2);
  });

  it('a supervisor reads only their districts, and cannot work calls', async () => {
    const { body: west } = await post(dispatcher, '/api/calls', callBody()).expect(201);
    const { body: east } = await post(dispatcher, '/api/calls', callBody(inDistrict('2'))).expect(
      201,
    );
    await supervisor1.agent.get(`/api/calls/${west.id}`).expect(200);
    const hidden = await supervisor1.agent.get(`/api/calls/${east.id}`).expect(404);
    expect(hidden.body.error.code).toBe('not_found');
    const list = await supervisor1.agent.get('/api/calls?status=pending').expect(200);
    expect(list.body.calls.length).toBeGreaterThan(0);
    expect(list.body.calls.every((row: { district: string }) => row.district === '1')).toBe(true);
    expect(list.body.calls[0].callerName).toBeDefined();
    await post(supervisor1, '/api/calls', callBody()).expect(403);
    await post(supervisor1, `/api/calls/${west.id}/close`, { disposition: 'RPT' }).expect(403);
  });

  it('an analyst sees finished calls only, never caller data, from any route', async () => {
    const { body: open } = await post(
      dispatcher,
      '/api/calls',
      callBody({ callerName: 'CANARY-NAME', narrative: 'CANARY-NARR' }),
    ).expect(201);
    await post(dispatcher, `/api/calls/${open.id}/notes`, { text: 'CANARY-NOTE' }).expect(201);
    await analyst.agent.get(`/api/calls/${open.id}`).expect(404);
    await post(dispatcher, `/api/calls/${open.id}/close`, { disposition: 'RPT' }).expect(200);
    const detail = await analyst.agent.get(`/api/calls/${open.id}`).expect(200);
    const list = await analyst.agent.get('/api/calls').expect(200);
    for (const body of [detail.body, list.body])
      expect(JSON.stringify(body)).not.toMatch(/CANARY|555-0100|Pat Caller/);
    expect(detail.body.timeline.map((event: { type: string }) => event.type)).toContain(
      'note_added',
    );
    expect(
      list.body.calls.every(
        (row: { status: string }) => row.status === 'closed' || row.status === 'cancelled',
      ),
    ).toBe(true);
    await analyst.agent.get('/api/units').expect(403);
    const dispatcherView = await dispatcher.agent.get(`/api/calls/${open.id}`).expect(200);
    expect(JSON.stringify(dispatcherView.body)).toMatch(/CANARY-NOTE/);
  });
});

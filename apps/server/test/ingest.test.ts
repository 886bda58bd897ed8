import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DatabaseHandle } from '../src/db/client.ts';
import { cliActor } from '../src/modules/audit/actor.ts';
import { openTestDatabase, testDrivers } from './support/databases.ts';
import { buildUnit, inDistrict } from './support/builders.ts';
import { buildTestApp } from './support/test-app.ts';

const t = (minute: number, second = 0) =>
  new Date(Date.UTC(2026, 0, 5, 10, minute, second)).toISOString();

describe.each(testDrivers())('machine ingest on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: Awaited<ReturnType<typeof buildTestApp>>;
  let token: string;
  const ingest = (path: string, body: object, bearer = token) =>
    harness
      .request()
      .post(`/api/ingest/${path}`)
      .set('Authorization', `Bearer ${bearer}`)
      .send(body);
  const count = async (table: string) =>
    (
      await queryRows<{ n: number }>(
        database.db,
        sql.raw(`select count(*)::int as n from ${table}`),
      )
    )[0]!.n;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    harness = await buildTestApp(database);
    ({ token } = await harness.services.tokensService.create(cliActor, 'cad-test'));
    await buildUnit(database.db, { callSign: '1A10' });
    await buildUnit(database.db, { callSign: '1A11' });
  });
  afterAll(() => database.close());

  it('refuses requests without a valid, unrevoked token', async () => {
    await harness
      .request()
      .post('/api/ingest/calls')
      .send({ source: 'cad', events: [{}] })
      .expect(401);
    await ingest('calls', { source: 'cad', events: [{}] }, 'wf_not-a-token').expect(401);
    const { token: doomed } = await harness.services.tokensService.create(cliActor, 'doomed');
    await harness.services.tokensService.revoke(cliActor, 'doomed');
    await ingest('positions', { positions: [{}] }, doomed).expect(401);
  });

  it('validates each item on its own and reports every problem with its path', async () => {
    const response = await ingest('calls', {
      source: 'cad',
      events: [
        {
          sourceEventId: 'v-1',
          sourceCallId: 'V1',
          at: t(0),
          callType: 'DIST',
          ...inDistrict('1'),
        },
        {
          sourceEventId: 'v-2',
          sourceCallId: 'V2',
          at: 'yesterday',
          callType: 'DIST',
          lat: 91,
          lon: 0,
        },
        {
          sourceEventId: 'v-3',
          sourceCallId: 'V3',
          at: t(0),
          callType: 'NOPE',
          ...inDistrict('1'),
        },
      ],
    }).expect(200);
    expect(response.body.summary).toEqual({ applied: 1, duplicate: 0, history: 0, rejected: 2 });
    expect(
      response.body.results[1].issues.map((issue: { path: string }) => issue.path).sort(),
    ).toEqual(['events.1.at', 'events.1.lat']);
    expect(response.body.results[2].issues).toEqual([
      { path: 'events.2.callType', message: 'Unknown call type NOPE' },
    ]);
    const notJson = await harness
      .request()
      .post('/api/ingest/calls')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/json')
      .send('{"source":')
      .expect(400);
    expect(notJson.body.error.code).toBe('validation_failed');
    const tooLarge = await ingest('positions', { positions: ['x'.repeat(5 * 1024 * 1024)] }).expect(
      413,
    );
    expect(tooLarge.body.error.code).toBe('payload_too_large');
    const bad = await ingest('calls', { source: 'Bad Source!', events: [] }).expect(400);
    expect(bad.body.error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual([
      'events',
      'source',
    ]);
  });

  it('is idempotent: the same batch twice changes nothing', async () => {
    const batch = {
      source: 'cad',
      events: [
        {
          sourceEventId: 'i-1',
          sourceCallId: 'I1',
          at: t(1),
          callType: 'DIST',
          ...inDistrict('2'),
          callerName: 'Kim',
        },
        {
          sourceEventId: 'i-2',
          sourceCallId: 'I1',
          at: t(2),
          status: 'dispatched',
          units: ['1A10'],
        },
      ],
    };
    const first = await ingest('calls', batch).expect(200);
    expect(first.body.summary).toMatchObject({ applied: 2 });
    const before = [
      await count('calls'),
      await count('call_events'),
      await count('unit_events'),
      await count('call_assignments'),
    ];
    const second = await ingest('calls', batch).expect(200);
    expect(second.body.summary).toEqual({ applied: 0, duplicate: 2, history: 0, rejected: 0 });
    expect([
      await count('calls'),
      await count('call_events'),
      await count('unit_events'),
      await count('call_assignments'),
    ]).toEqual(before);
    const [call] = await queryRows<{ status: string; district: string; caller_name: string }>(
      database.db,
      sql`select status, district, caller_name from calls where source_id = 'I1'`,
    );
    expect(call).toEqual({ status: 'dispatched', district: '2', caller_name: 'Kim' });
  });

  it('applies events by event time and never moves a call backwards', async () => {
    const response = await ingest('calls', {
      source: 'cad',
      events: [
        { sourceEventId: 'o-3', sourceCallId: 'O1', at: t(10), status: 'onscene' },
        {
          sourceEventId: 'o-1',
          sourceCallId: 'O1',
          at: t(3),
          callType: 'DIST',
          ...inDistrict('1'),
        },
        {
          sourceEventId: 'o-2',
          sourceCallId: 'O1',
          at: t(5),
          status: 'dispatched',
          units: ['1A11'],
        },
      ],
    }).expect(200);
    expect(response.body.summary).toMatchObject({ applied: 3, rejected: 0 });
    // A late report of an earlier step fills in its instant without moving the call back.
    const late = await ingest('calls', {
      source: 'cad',
      events: [{ sourceEventId: 'o-0', sourceCallId: 'O1', at: t(7), status: 'enroute' }],
    }).expect(200);
    expect(late.body.results[0].outcome).toBe('history');
    const [call] = await queryRows<{
      status: string;
      dispatched_at: Date;
      enroute_at: Date;
      onscene_at: Date;
    }>(
      database.db,
      sql`select status, dispatched_at, enroute_at, onscene_at from calls where source_id = 'O1'`,
    );
    expect(call!.status).toBe('onscene');
    expect(new Date(call!.dispatched_at).toISOString()).toBe(t(5));
    expect(new Date(call!.enroute_at).toISOString()).toBe(t(7));
    expect(new Date(call!.onscene_at).toISOString()).toBe(t(10));
    const closed = await ingest('calls', {
      source: 'cad',
      events: [
        {
          sourceEventId: 'o-4',
          sourceCallId: 'O1',
          at: t(30),
          status: 'closed',
          disposition: 'RPT',
        },
      ],
    }).expect(200);
    expect(closed.body.results[0].outcome).toBe('applied');
    const [unit] = await queryRows<{ status: string; current_call_id: string | null }>(
      database.db,
      sql`select status, current_call_id from units where call_sign = '1A11'`,
    );
    expect(unit).toEqual({ status: 'available', current_call_id: null });
  });

  it('keeps every position in history and moves markers only forward', async () => {
    const position = (at: string, extra: object = {}) => ({
      unit: '1A10',
      lat: 0.005,
      lon: 0.005,
      heading: 90,
      speed: 10,
      at,
      ...extra,
    });
    const response = await ingest('positions', {
      positions: [
        position(t(20, 0)),
        position(t(20, 5), { lon: 0.0052 }),
        position(t(20, 10), { lon: 0.5 }),
        { unit: 'GHOST', lat: 0, lon: 0, at: t(20) },
        { unit: '1A10', lat: 100, lon: 0, at: t(20) },
      ],
    }).expect(200);
    expect(response.body.results.map((result: { outcome: string }) => result.outcome)).toEqual([
      'history',
      'applied',
      'history',
      'rejected',
      'rejected',
    ]);
    expect(response.body.results[2].issues[0].message).toMatch(/Implausible jump/);
    expect(response.body.results[3].issues).toEqual([
      { path: 'positions.3.unit', message: 'Unknown unit GHOST' },
    ]);
    expect(response.body.results[4].issues[0].path).toBe('positions.4.lat');
    const older = await ingest('positions', {
      positions: [position(t(19, 0)), position(t(20, 5))],
    }).expect(200);
    expect(older.body.results.map((result: { outcome: string }) => result.outcome)).toEqual([
      'history',
      'duplicate',
    ]);
    const [unit] = await queryRows<{ lon: number; position_at: Date }>(
      database.db,
      sql`select lon, position_at from units where call_sign = '1A10'`,
    );
    expect(unit!.lon).toBeCloseTo(0.0052);
    expect(new Date(unit!.position_at).toISOString()).toBe(t(20, 5));
    const [history] = await queryRows<{ n: number; flagged: number }>(
      database.db,
      sql`select count(*)::int as n, count(flag)::int as flagged from unit_positions`,
    );
    expect(history).toEqual({ n: 4, flagged: 1 });
  });

  it('creates units from the CAD roster and moves them through their state machine', async () => {
    const response = await ingest('units', {
      source: 'cad',
      events: [
        { sourceEventId: 'u-1', callSign: '2B20', homeDistrict: '2', type: 'patrol', at: t(40) },
        { sourceEventId: 'u-2', callSign: '2B20', status: 'busy', at: t(41) },
        { sourceEventId: 'u-3', callSign: '2B20', status: 'onscene', at: t(42) },
        { sourceEventId: 'u-4', callSign: '2B21', at: t(42) },
      ],
    }).expect(200);
    expect(response.body.results.map((result: { outcome: string }) => result.outcome)).toEqual([
      'applied',
      'applied',
      'rejected',
      'rejected',
    ]);
    expect(response.body.results[2].issues[0].message).toMatch(/cannot go from busy to onscene/);
    const again = await ingest('units', {
      source: 'cad',
      events: [{ sourceEventId: 'u-2', callSign: '2B20', status: 'busy', at: t(41) }],
    }).expect(200);
    expect(again.body.summary.duplicate).toBe(1);
  });

  it('maps a NENA EIDO document to an incident', async () => {
    const document = {
      eidoMessageIdentifier: 'msg-1',
      sendingSystemIdentifier: 'Neighbour CAD',
      incidentComponent: [
        {
          incidentTrackingIdentifier: 'urn:emergency:uid:incidentid:42:neighbour.example',
          incidentTypeCommonRegistryText: 'Disturbance',
          incidentStatusCommonRegistryText: ['Dispatched'],
          lastUpdateTimeStamp: t(50),
          locationReference: [{ $ref: 'loc-1' }],
        },
      ],
      locationComponent: [
        { $id: 'loc-1', locationByValue: { 'gml:Point': { 'gml:pos': '0.005 0.015' } } },
      ],
    };
    const response = await ingest('eido', document).expect(200);
    expect(response.body.summary.applied).toBe(1);
    const [call] = await queryRows<{
      call_type: string;
      status: string;
      district: string;
      source: string;
    }>(
      database.db,
      sql`select call_type, status, district, source from calls where source_id = 'urn:emergency:uid:incidentid:42:neighbour.example'`,
    );
    expect(call).toEqual({
      call_type: 'DIST',
      status: 'dispatched',
      district: '2',
      source: 'eido-neighbour-cad',
    });
    await ingest('eido', document).expect(200);
    const bad = await ingest('eido', {
      ...document,
      eidoMessageIdentifier: 'msg-2',
      incidentComponent: [
        { ...document.incidentComponent[0], incidentStatusCommonRegistryText: 'Exploded' },
      ],
    }).expect(400);
    expect(bad.body.error.issues[0]).toEqual({
      path: 'incidentComponent.0.incidentStatusCommonRegistryText',
      message: 'Unknown status exploded',
    });
    await ingest('eido', { nothing: true }).expect(400);
  });
});

describe.each(testDrivers())('ingest when storage fails on %s', (driver) => {
  it('answers 503 and asks the feed to retry', async () => {
    const database = await openTestDatabase(driver);
    const harness = await buildTestApp(database);
    const { token } = await harness.services.tokensService.create(cliActor, 'cad-503');
    await buildUnit(database.db, { callSign: '9Z9' });
    // Authenticate once so the token check is not what fails, then lose the database.
    const request = harness
      .request()
      .post('/api/ingest/positions')
      .set('Authorization', `Bearer ${token}`);
    await database.db.execute(sql`drop table unit_positions cascade`);
    const response = await request
      .send({ positions: [{ unit: '9Z9', lat: 0, lon: 0, at: t(0) }] })
      .expect(503);
    expect(response.body.error.code).toBe('storage_unavailable');
    expect(response.headers['retry-after']).toBe('5');
    await database.close();
  });
});

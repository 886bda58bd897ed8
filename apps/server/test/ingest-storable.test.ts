import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DatabaseHandle } from '../src/db/client.ts';
import { cliActor } from '../src/modules/audit/actor.ts';
import { openTestDatabase, testDrivers } from './support/databases.ts';
import { buildUnit, inDistrict } from './support/builders.ts';
import { buildTestApp } from './support/test-app.ts';

const t = (minute: number) => new Date(Date.UTC(2026, 0, 6, 9, minute)).toISOString();
const nul = 'bad\u0000text';
const surrogate = 'bad\ud800text';

/**
 * One item with text PostgreSQL cannot store must not stall a feed: it is rejected
 * with its path and reason, every other item applies, and a retry answers the same.
 */
describe.each(testDrivers())('ingest of unstorable text on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: Awaited<ReturnType<typeof buildTestApp>>;
  let token: string;
  const ingest = (path: string, body: object) =>
    harness
      .request()
      .post(`/api/ingest/${path}`)
      .set('Authorization', `Bearer ${token}`)
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
    ({ token } = await harness.services.tokensService.create(cliActor, 'cad-hostile'));
    await buildUnit(database.db, { callSign: '3C30' });
  });
  afterAll(() => database.close());

  it('rejects the call event with its path and applies the others, on every retry', async () => {
    const call = (id: string, extra: object = {}) => ({
      sourceEventId: `s-${id}`,
      sourceCallId: `S${id}`,
      at: t(1),
      callType: 'DIST',
      ...inDistrict('1'),
      ...extra,
    });
    const batch = {
      source: 'cad',
      events: [
        call('1', { callerName: nul }),
        call('2', { callerName: 'Robin' }),
        call('3', { narrative: surrogate }),
        call('4', { units: ['3C30', nul] }),
        { ...call('5'), ['note\u0000']: 'x' },
      ],
    };
    for (const attempt of ['first', 'retry']) {
      const response = await ingest('calls', batch).expect(200);
      expect(response.body.summary, attempt).toEqual({
        applied: attempt === 'first' ? 1 : 0,
        duplicate: attempt === 'first' ? 0 : 1,
        history: 0,
        rejected: 4,
      });
      const issues = (index: number): unknown => response.body.results[index].issues;
      expect(issues(0)).toEqual([
        { path: 'events.0.callerName', message: expect.stringMatching(/NUL/) },
      ]);
      expect(issues(2)).toEqual([
        { path: 'events.2.narrative', message: expect.stringMatching(/lone UTF-16 surrogate/) },
      ]);
      expect(issues(3)).toEqual([
        { path: 'events.3.units.1', message: expect.stringMatching(/NUL/) },
      ]);
      expect(issues(4)).toEqual([
        { path: 'events.4.note\ufffd', message: expect.stringMatching(/^Key: .*NUL/) },
      ]);
    }
    expect(await count(`calls where source = 'cad'`)).toBe(1);
  });

  it('rejects the unit event with its path and applies the others', async () => {
    const unit = (callSign: string, extra: object = {}) => ({
      sourceEventId: `u-${callSign.length}-${Math.random()}`,
      callSign,
      homeDistrict: '1',
      at: t(2),
      ...extra,
    });
    const response = await ingest('units', {
      source: 'cad',
      events: [unit(`4D${nul}`), unit('4D41'), unit('4D42', { homeDistrict: surrogate })],
    }).expect(200);
    expect(response.body.summary).toMatchObject({ applied: 1, rejected: 2 });
    expect(response.body.results[0].issues).toEqual([
      { path: 'events.0.callSign', message: expect.stringMatching(/NUL/) },
    ]);
    expect(response.body.results[2].issues).toEqual([
      { path: 'events.2.homeDistrict', message: expect.stringMatching(/surrogate/) },
    ]);
    expect(await count(`units where call_sign like '4D%'`)).toBe(1);
  });

  it('rejects the position with its path and applies the others', async () => {
    const response = await ingest('positions', {
      positions: [
        { unit: `3C${nul}`, lat: 0.005, lon: 0.005, at: t(3) },
        { unit: '3C30', lat: 0.005, lon: 0.005, at: t(3) },
        { unit: surrogate, lat: 0.005, lon: 0.005, at: t(3) },
      ],
    }).expect(200);
    expect(response.body.summary).toMatchObject({ applied: 1, rejected: 2 });
    expect(response.body.results[0].issues).toEqual([
      { path: 'positions.0.unit', message: expect.stringMatching(/NUL/) },
    ]);
    expect(response.body.results[2].issues).toEqual([
      { path: 'positions.2.unit', message: expect.stringMatching(/surrogate/) },
    ]);
    expect(await count('unit_positions')).toBe(1);
  });

  it('rejects an EIDO document with unstorable text, naming the field', async () => {
    const document = (id: string, incident: object = {}, address = 'Main St') => ({
      eidoMessageIdentifier: `eido-${id}`,
      sendingSystemIdentifier: 'Neighbour CAD',
      incidentComponent: {
        incidentTrackingIdentifier: `urn:incident:${id}`,
        incidentTypeInternalCode: 'DIST',
        lastUpdateTimeStamp: t(4),
        ...incident,
      },
      locationComponent: {
        locationByValue: { latitude: 0.005, longitude: 0.005, civicAddressText: address },
      },
    });
    const badId = await ingest(
      'eido',
      document('1', { incidentTrackingIdentifier: `urn:${nul}` }),
    ).expect(400);
    expect(badId.body.error.issues).toEqual([
      {
        path: 'incidentComponent.incidentTrackingIdentifier',
        message: expect.stringMatching(/NUL/),
      },
    ]);
    const badAddress = await ingest('eido', document('2', {}, surrogate)).expect(400);
    expect(badAddress.body.error.issues).toEqual([
      {
        path: 'locationComponent.locationByValue.civicAddressText',
        message: expect.stringMatching(/surrogate/),
      },
    ]);
    await ingest('eido', document('3')).expect(200);
    expect(await count(`calls where source like 'eido-%'`)).toBe(1);
  });
});

/**
 * An item the database itself refuses (here a CHECK constraint the contract does not
 * know) is that item's problem: it is rejected, the others apply, and only real
 * storage trouble answers 503.
 */
describe.each(testDrivers())('ingest of items the database refuses on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: Awaited<ReturnType<typeof buildTestApp>>;
  let token: string;
  const ingest = (path: string, body: object) =>
    harness
      .request()
      .post(`/api/ingest/${path}`)
      .set('Authorization', `Bearer ${token}`)
      .send(body);

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    harness = await buildTestApp(database);
    ({ token } = await harness.services.tokensService.create(cliActor, 'cad-refused'));
    await buildUnit(database.db, { callSign: '5E50' });
    await database.db.execute(
      sql`alter table calls add constraint refused_address check (address is distinct from 'Refused Rd')`,
    );
    await database.db.execute(
      sql`alter table units add constraint refused_type check (type <> 'refused')`,
    );
    await database.db.execute(
      sql`alter table unit_positions add constraint refused_heading check (heading is distinct from 123)`,
    );
  });
  afterAll(() => database.close());

  it('rejects the refused call or unit event with the reason and applies the others', async () => {
    const calls = await ingest('calls', {
      source: 'cad',
      events: ['Main St', 'Refused Rd'].map((address, index) => ({
        sourceEventId: `r-${index}`,
        sourceCallId: `R${index}`,
        at: t(5),
        callType: 'DIST',
        ...inDistrict('1'),
        address,
      })),
    }).expect(200);
    expect(calls.body.summary).toMatchObject({ applied: 1, rejected: 1 });
    expect(calls.body.results[1].issues).toEqual([
      {
        path: 'events.1',
        message: expect.stringMatching(/^The database refused the item: .*refused_address/),
      },
    ]);

    const units = await ingest('units', {
      source: 'cad',
      events: ['patrol', 'refused'].map((type, index) => ({
        sourceEventId: `ru-${index}`,
        callSign: `6F6${index}`,
        homeDistrict: '1',
        type,
        at: t(5),
      })),
    }).expect(200);
    expect(units.body.summary).toMatchObject({ applied: 1, rejected: 1 });
    expect(units.body.results[1].issues).toEqual([
      { path: 'events.1', message: expect.stringMatching(/refused_type/) },
    ]);
  });

  it('answers 500, not 503, when a refusal sinks a set-based batch: retrying cannot help', async () => {
    const response = await ingest('positions', {
      positions: [{ unit: '5E50', lat: 0.005, lon: 0.005, heading: 123, at: t(6) }],
    }).expect(500);
    expect(response.body.error.code).toBe('internal_error');
    expect(response.headers['retry-after']).toBeUndefined();
    // The id the error was logged under, so the feed's operator can quote it.
    expect(response.body.error.requestId).toBe(response.headers['x-request-id']);
  });
});

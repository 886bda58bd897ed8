import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { cliActor } from '../../src/modules/audit/actor.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';
import { inDistrict } from '../support/builders.ts';
import { buildTestApp, buildUser, signIn } from '../support/test-app.ts';

type Agent = Awaited<ReturnType<typeof signIn>>['agent'];

const range = /between the years 1900 and 2200/;

/** Values a query schema let through that PostgreSQL then refused with a 500. */
describe.each(testDrivers())('query values out of range on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: Awaited<ReturnType<typeof buildTestApp>>;
  let analyst: Agent;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    harness = await buildTestApp(database);
    const user = await buildUser(harness.services, { role: 'analyst' });
    ({ agent: analyst } = await signIn(harness.app, user.username));
  });
  afterAll(() => database.close());

  it('refuses instants outside 1900–2200 in every dated query, naming the field', async () => {
    for (const [url, field] of [
      ['/api/history/snapshot?at=0000-01-01T00:00:00Z', 'at'],
      ['/api/history/events?from=0000-01-01T00:00:00Z&to=0000-01-01T01:00:00Z', 'from'],
      ['/api/hotspots?from=1899-12-31T00:00:00Z&to=1900-01-02T00:00:00Z', 'from'],
      [
        '/api/stats/response-times?metric=response&from=2200-06-01T00:00:00Z&to=2201-01-01T00:00:00Z',
        'to',
      ],
      ['/api/exports/calls/estimate?from=0001-01-01T00:00:00Z&to=0001-01-02T00:00:00Z', 'from'],
    ] as const) {
      const response = await analyst.get(url).expect(400);
      expect(response.body.error.issues, url).toContainEqual({
        path: field,
        message: expect.stringMatching(range),
      });
    }
    await analyst
      .get('/api/history/snapshot?at=1900-01-01T00:00:00Z')
      .expect(200)
      .then((response) => expect(response.body.calls).toEqual([]));
  });

  it('refuses an ingest event dated outside the range as that item, not the batch', async () => {
    const { token } = await harness.services.tokensService.create(cliActor, 'cad-range');
    const response = await harness
      .request()
      .post('/api/ingest/calls')
      .set('Authorization', `Bearer ${token}`)
      .send({
        source: 'cad',
        events: ['0000-01-01T00:00:00Z', '2026-01-07T08:00:00Z'].map((at, index) => ({
          sourceEventId: `range-${index}`,
          sourceCallId: `RANGE${index}`,
          at,
          callType: 'DIST',
          ...inDistrict('1'),
        })),
      })
      .expect(200);
    expect(response.body.summary).toMatchObject({ applied: 1, rejected: 1 });
    expect(response.body.results[0].issues).toEqual([
      { path: 'events.0.at', message: expect.stringMatching(range) },
    ]);
    const eido = await harness
      .request()
      .post('/api/ingest/eido')
      .set('Authorization', `Bearer ${token}`)
      .send({
        eidoMessageIdentifier: 'range-eido',
        incidentComponent: {
          incidentTrackingIdentifier: 'urn:range',
          incidentTypeInternalCode: 'DIST',
          lastUpdateTimeStamp: '0000-01-01T00:00:00Z',
        },
      })
      .expect(400);
    expect(eido.body.error.issues).toEqual([
      {
        path: 'incidentComponent.lastUpdateTimeStamp',
        message: expect.stringMatching(range),
      },
    ]);
  });

  it('refuses an empty hour list on the hotspot map instead of building `in ()`', async () => {
    for (const hour of ['', ',']) {
      const response = await analyst
        .get(`/api/hotspots?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z&hour=${hour}`)
        .expect(400);
      expect(response.body.error.issues).toEqual([
        { path: 'hour', message: 'Give at least one hour, or leave hour out' },
      ]);
    }
  });
});

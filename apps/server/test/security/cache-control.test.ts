import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { cliActor } from '../../src/modules/audit/actor.ts';
import { callBody } from '../support/builders.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';
import { buildTestApp, buildUser, signIn } from '../support/test-app.ts';

/*
 * API responses carry caller data: no browser, proxy or back-forward cache may
 * keep them, whatever the route, the outcome or the method.
 */
describe.each(testDrivers())('Cache-Control on API responses on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: Awaited<ReturnType<typeof buildTestApp>>;
  let dispatcher: Awaited<ReturnType<typeof signIn>>;
  let token: string;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    harness = await buildTestApp(database);
    await buildUser(harness.services, { username: 'dana', role: 'dispatcher' });
    dispatcher = await signIn(harness.app, 'dana');
    ({ token } = await harness.services.tokensService.create(cliActor, 'cache-cad'));
  });
  afterAll(() => database.close());

  it('says no-store on every kind of API response', async () => {
    const created = await dispatcher.agent
      .post('/api/calls')
      .set('X-CSRF-Token', dispatcher.csrfToken)
      .send(callBody())
      .expect(201);
    const id = (created.body as { id: string }).id;
    const responses = [
      created,
      await dispatcher.agent.get('/api/calls').expect(200),
      await dispatcher.agent.get(`/api/calls/${id}`).expect(200),
      await dispatcher.agent.get('/api/me').expect(200),
      await dispatcher.agent.get('/api/users').expect(403),
      await dispatcher.agent.get('/api/no-such-route').expect(404),
      await harness.request().get('/api/calls').expect(401),
      await dispatcher.agent.get('/api/auth/csrf').expect(200),
      await harness.request().get('/api/auth/csrf').expect(401),
      await harness
        .request()
        .post('/api/ingest/positions')
        .set('Authorization', `Bearer ${token}`)
        .send({ positions: [{ unit: 'NONE', lat: 0, lon: 0, at: new Date().toISOString() }] })
        .expect(200),
    ];
    for (const [index, response] of responses.entries())
      expect(response.headers['cache-control'], `response ${index}`).toBe('no-store');
  });
});

import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { cliActor } from '../../src/modules/audit/actor.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';
import { buildUnit, callBody } from '../support/builders.ts';
import { buildTestApp, buildUser, signIn } from '../support/test-app.ts';

/**
 * 5xx answers the hostile-input suite found, one focused case each, with the seed
 * that found it (HOSTILE_SEED=<seed> HOSTILE_ROUTE='<route>' on the code before the fix).
 */
describe.each(testDrivers())('hostile-input regressions on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: Awaited<ReturnType<typeof buildTestApp>>;
  let token: string;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    const webDist = await mkdtemp(path.join(tmpdir(), 'watchfloor-web-'));
    await mkdir(path.join(webDist, 'assets'));
    await writeFile(path.join(webDist, 'index.html'), '<!doctype html><title>Watchfloor</title>');
    harness = await buildTestApp(database, { webDist });
    ({ token } = await harness.services.tokensService.create(cliActor, 'cad-regressions'));
  });
  afterAll(() => database.close());

  // Found in review, not by a seed: the hostile suite does not vary the Host header, and
  // passkey options read the relying party from it (without WEBAUTHN_ORIGIN).
  it('answers passkey options for a Host header that names no host with 400, not 500', async () => {
    const user = await buildUser(harness.services, { role: 'analyst' });
    const session = await signIn(harness.app, user.username);
    for (const host of ['a b', '%%', 'x:99999']) {
      const response = await session.agent
        .post('/api/auth/mfa/webauthn/register/options')
        .set('Host', host)
        .set('X-CSRF-Token', session.csrfToken);
      expect(response.status, host).toBe(400);
      expect(response.body.error.code).toBe('invalid_host');
    }
  });

  // Seed -763087590, route GET /{*route}: the static file's precondition failure was a 500.
  it('answers a failed If-Match on a browser route with 412, not 500', async () => {
    const response = await harness.request().get('/calls').set('If-Match', '"1"').expect(412);
    expect(response.type).toBe('application/json');
    expect(response.body.error).toEqual({
      code: 'precondition_failed',
      message: 'Precondition Failed',
    });
  });

  // Seed -1615899821, route POST /api/ingest/positions: a gzip header on a plain body was a 500.
  it('answers a feed whose body does not match its Content-Encoding with 400, not 500', async () => {
    const response = await harness
      .request()
      .post('/api/ingest/positions')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .send(JSON.stringify({ positions: [[]] }))
      .expect(400);
    expect(response.body.error.message).toBe(
      'The request body does not match its Content-Encoding',
    );
  });

  /*
   * Seed -1346556938, route GET /api/history/calls/:id/replay (PostgreSQL, after other
   * routes had run): a PATCH had stored lat 2e-323, a subnormal number, and the replay's
   * distance SQL failed on it with "value out of range: underflow". Such a coordinate is
   * refused wherever one comes in.
   */
  it('refuses a coordinate too small to compute with, wherever coordinates come in', async () => {
    const user = await buildUser(harness.services, { role: 'dispatcher' });
    const { agent, csrfToken } = await signIn(harness.app, user.username);
    const tiny = 2e-323;
    const created = await agent
      .post('/api/calls')
      .set('X-CSRF-Token', csrfToken)
      .send(callBody({ lat: tiny }))
      .expect(400);
    expect(created.body.error.issues).toEqual([
      { path: 'lat', message: expect.stringMatching(/too close to 0/i) },
    ]);
    const call = await agent.post('/api/calls').set('X-CSRF-Token', csrfToken).send(callBody());
    await agent
      .patch(`/api/calls/${call.body.id}`)
      .set('X-CSRF-Token', csrfToken)
      .set('If-Match', `"${call.body.version}"`)
      .send({ lon: -tiny })
      .expect(400);
    await harness.request().get(`/api/history/calls/${call.body.id}/replay`).expect(401);
    const replay = await agent.get(`/api/history/calls/${call.body.id}/replay`);
    expect(replay.status).toBeLessThan(500);

    await buildUnit(database.db, { callSign: '7G70' });
    const positions = await harness
      .request()
      .post('/api/ingest/positions')
      .set('Authorization', `Bearer ${token}`)
      .send({
        positions: [
          { unit: '7G70', lat: 5e-324, lon: 0.005, at: '2026-01-05T10:00:00Z' },
          { unit: '7G70', lat: 0, lon: 0.005, at: '2026-01-05T10:00:01Z' },
        ],
      })
      .expect(200);
    expect(positions.body.summary).toMatchObject({ applied: 1, rejected: 1 });
    expect(positions.body.results[0].issues).toEqual([
      { path: 'positions.0.lat', message: expect.stringMatching(/too close to 0/i) },
    ]);
  });
});

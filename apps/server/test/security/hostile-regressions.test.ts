import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { cliActor } from '../../src/modules/audit/actor.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';
import { buildTestApp } from '../support/test-app.ts';

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
});

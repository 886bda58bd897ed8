import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/client.ts';
import { openTestDatabase } from './support/databases.ts';
import { buildTestApp } from './support/test-app.ts';

/**
 * `/readyz` waits for a pooled connection; when none comes (every one taken by
 * stuck work, issue 10) it must still answer, as not ready, before a load
 * balancer's probe gives up. PGlite has no pool to exhaust.
 */
describe.runIf(inject('postgresUrl'))('readiness with every pooled connection busy', () => {
  let database: DatabaseHandle;
  let harness: Awaited<ReturnType<typeof buildTestApp>>;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    harness = await buildTestApp(database);
  });
  afterAll(() => database.close());

  it('answers 503 within its deadline, and 200 once a connection is free', async () => {
    const pool = (database.db as unknown as { $client: pg.Pool }).$client;
    const taken = await Promise.all(Array.from({ length: 5 }, () => pool.connect()));
    try {
      const started = Date.now();
      const probes = await Promise.all(
        // Probes that overlap share one database check.
        [1, 2, 3].map(() => harness.request().get('/readyz').timeout(5_000)),
      );
      expect(probes.map((probe) => [probe.status, probe.body as unknown])).toEqual(
        Array(3).fill([503, { status: 'database_unavailable' }]),
      );
      expect(Date.now() - started).toBeLessThan(4_000);
      expect(pool.waitingCount).toBe(1);
    } finally {
      for (const client of taken) client.release();
    }
    await harness.request().get('/readyz').timeout(5_000).expect(200);
  }, 20_000);
});

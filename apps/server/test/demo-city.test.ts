import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTestDatabase } from './support/databases.ts';
import { buildTestApp } from './support/test-app.ts';
import { queryRows, type DatabaseHandle } from '../src/db/client.ts';
import { cliActor } from '../src/modules/audit/actor.ts';
import { startDemoCity } from '../src/demo/city/demo-city.ts';
import { demoAgency as agency, demoParams as params } from '../src/demo/city/test-fixtures.ts';

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The demo city against the real server (PGlite), through HTTP with a real
 * integration token: everything it sends must be accepted, and the server's
 * picture of the units must match the simulation's.
 */
describe('demo city through the real ingest API', () => {
  let database: DatabaseHandle;
  let server: http.Server;
  let baseUrl: string;
  let token: string;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    const harness = await buildTestApp(database, { agency });
    ({ token } = await harness.services.tokensService.create(cliActor, 'demo-city'));
    server = http.createServer(harness.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await database.close();
  });

  it('is accepted item by item, keeps units in step, and ends its shift cleanly', async () => {
    const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const realStart = Date.now();
    const simStart = Date.parse('2024-03-06T22:00:00Z'); // 14:00 in Harbor City
    const speed = 120;
    let frozenAt: number | null = null;
    const now = () => frozenAt ?? simStart + (Date.now() - realStart) * speed;
    const city = startDemoCity({
      baseUrl,
      token,
      agency,
      params,
      logger,
      seed: 'integration',
      tickMs: 100,
      now,
      statsEveryMs: 0,
    });

    // Let about ten simulated minutes go by after the hour of warm-up.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    // Stop the clock, deliver what is queued, then compare both pictures.
    frozenAt = now();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await until(() => city.feed.flush({ timeoutMs: 5000 }));
    const units = await queryRows<{ status: string; n: number }>(
      database.db,
      sql`select status, count(*)::int as n from units group by status`,
    );
    const serverByStatus = Object.fromEntries(units.map((row) => [row.status, row.n]));
    const sim = city.simulation.stats();
    expect(serverByStatus).toEqual(sim.unitsByStatus);
    const [open] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from calls where status not in ('closed', 'cancelled')`,
    );
    expect(open!.n).toBe(sim.openCalls);
    expect(sim.callsCreated).toBeGreaterThan(20);
    const [positions] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from unit_positions`,
    );
    expect(positions!.n).toBeGreaterThan(100);

    await city.stop();
    const after = await queryRows<{ status: string; n: number }>(
      database.db,
      sql`select status, count(*)::int as n from units group by status`,
    );
    expect(after).toEqual([{ status: 'off_duty', n: city.simulation.callSigns.length }]);
    const [stillOpen] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from calls where status not in ('closed', 'cancelled')`,
    );
    expect(stillOpen!.n).toBe(0);

    // A restart (a day later) brings the same units back on duty with a fresh run id.
    const again = startDemoCity({
      baseUrl,
      token,
      agency,
      params,
      logger,
      seed: 'integration',
      tickMs: 100,
      now: () => simStart + 24 * 3600_000 + (Date.now() - realStart) * speed,
      statsEveryMs: 0,
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await again.stop();
    const [calls] = await queryRows<{ n: number; runs: number }>(
      database.db,
      sql`select count(*)::int as n, count(distinct split_part(source_id, '-', 1))::int as runs from calls`,
    );
    expect(calls!.runs).toBe(2);
    expect(logger.warn).not.toHaveBeenCalled();
    expect(logger.error).not.toHaveBeenCalled();
  }, 60_000);
});

import http from 'node:http';
import { createMongoAbility } from '@casl/ability';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppAbility } from '@watchfloor/authz';
import { callExportFormats } from '@watchfloor/contracts';
import { queryRows, type DatabaseHandle } from '../../src/db/client.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';
import { eventually } from '../support/eventually.ts';
import { buildTestApp, buildUser, testPassword } from '../support/test-app.ts';
import { insertHistoricCalls, listen, purpose, sessionCookie } from './exports-fixtures.ts';

const total = 100_000;
const period = { from: '2026-04-01T00:00:00-05:00', to: '2026-04-02T00:00:00-05:00' };
const auditReader = createMongoAbility<AppAbility>([{ action: 'read', subject: 'AuditEvent' }]);

/** Starts a download, resolves with the first chunk and the request, paused. */
function firstChunk(url: string, cookie: string) {
  return new Promise<{ chunk: Buffer; request: http.ClientRequest; status: number }>(
    (resolve, reject) => {
      const request = http.get(url, { headers: { cookie } }, (response) => {
        response.once('data', (chunk: Buffer) => {
          response.pause();
          resolve({ chunk, request, status: response.statusCode ?? 0 });
        });
        response.once('error', () => undefined);
      });
      request.on('error', () => undefined);
      request.once('error', reject);
    },
  );
}

describe.each(testDrivers())('streaming and cancelling exports on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: Awaited<ReturnType<typeof buildTestApp>>;
  let server: Awaited<ReturnType<typeof listen>>;
  let cookie: string;

  const exportUrl = (format: string) =>
    `${server.base}/api/exports/calls?${new URLSearchParams({ ...period, purpose, format }).toString()}`;

  const lastExportEvent = async () => {
    const events = await harness.services.auditService.list(auditReader, { limit: 20 });
    return events.find((event) => event.action === 'call.export');
  };

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    harness = await buildTestApp(database);
    await buildUser(harness.services, { username: 'alex', role: 'analyst' });
    await insertHistoricCalls(database.db, { count: total, receivedAt: period.from });
    server = await listen(harness.app);
    cookie = await sessionCookie(server.base, 'alex', testPassword);
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await database.close();
  });

  it.each(callExportFormats)(
    'sends %s before the rows are all read, and a cancel is audited with the rows sent',
    async (format) => {
      const before = await lastExportEvent();
      const { chunk, request, status } = await firstChunk(exportUrl(format), cookie);
      expect(status).toBe(200);
      expect(chunk.length).toBeGreaterThan(0);
      // The export is audited when it ends: it has not ended while its first bytes are here.
      expect((await lastExportEvent())?.id).toBe(before?.id);
      request.destroy();
      await eventually(async () => {
        const event = await lastExportEvent();
        expect(event?.id).not.toBe(before?.id);
        expect(event).toMatchObject({ outcome: 'failure', details: { result: 'cancelled' } });
        const rows = (event!.details as { rows: number }).rows;
        expect(rows).toBeLessThan(total);
      });
    },
    30_000,
  );

  it.skipIf(driver !== 'postgres')(
    'ends the COPY and returns its connection when the client goes away',
    async () => {
      const pool = (database.db as unknown as { $client: pg.Pool }).$client;
      const copies = () =>
        queryRows<{ state: string }>(
          database.db,
          sql`select state from pg_stat_activity
              where datname = current_database() and pid <> pg_backend_pid()
                and query ilike 'copy (select%'`,
        );
      const { chunk, request } = await firstChunk(exportUrl('csv'), cookie);
      expect(chunk.toString()).toMatch(/^id,incidentNumber,/);
      // The header leaves before the COPY's first row; then, with the client reading
      // nothing more, back-pressure keeps the COPY waiting, still running.
      await eventually(async () => {
        expect((await copies()).map((row) => row.state)).toEqual(['active']);
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await copies()).map((row) => row.state)).toEqual(['active']);
      expect(pool.totalCount - pool.idleCount).toBeGreaterThanOrEqual(1);
      request.destroy();
      await eventually(async () => {
        expect(await copies()).toEqual([]);
        expect(pool.totalCount - pool.idleCount).toBe(0);
        expect(await lastExportEvent()).toMatchObject({ details: { result: 'cancelled' } });
      });
    },
    30_000,
  );

  it('completes a large CSV with every row counted', async () => {
    const response = await fetch(exportUrl('csv'), { headers: { cookie } });
    const text = await response.text();
    expect(text.trimEnd().split('\n')).toHaveLength(total + 1);
    expect(await lastExportEvent()).toMatchObject({
      outcome: 'success',
      details: { rows: total, result: 'completed' },
    });
  }, 60_000);
});

import { createMongoAbility } from '@casl/ability';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AppAbility } from '@watchfloor/authz';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { openTestDatabase } from '../support/databases.ts';
import { buildTestApp, buildUser, testPassword } from '../support/test-app.ts';
import { insertHistoricCalls, listen, purpose, sessionCookie } from './exports-fixtures.ts';
import { eventually } from '../support/eventually.ts';
import { holdDownload } from './held-downloads.ts';

const period = { from: '2026-04-01T00:00:00-05:00', to: '2026-04-02T00:00:00-05:00' };
const auditReader = createMongoAbility<AppAbility>([{ action: 'read', subject: 'AuditEvent' }]);

/**
 * CSV exports on PostgreSQL run one `COPY … TO STDOUT` on a pooled connection.
 * Whatever goes wrong mid-COPY (the query cancelled or timed out, the backend
 * killed, the client gone while every pooled connection is busy), the download
 * must end, the connection must go back, and the audit must say so: the probe
 * of issue 10 hung the whole server with ten such exports.
 */
describe.runIf(inject('postgresUrl'))('CSV export faults on postgres (COPY)', () => {
  let database: DatabaseHandle & { url?: string };
  let harness: Awaited<ReturnType<typeof buildTestApp>>;
  let server: Awaited<ReturnType<typeof listen>>;
  let cookie: string;
  /** A connection outside the app's pool, as an operator's psql would be. */
  let admin: pg.Client;
  let pool: pg.Pool;

  const exportUrl = (base = server.base) =>
    `${base}/api/exports/calls?${new URLSearchParams({ ...period, purpose, format: 'csv' }).toString()}`;

  const lastExportEvent = async () => {
    const events = await harness.services.auditService.list(auditReader, { limit: 20 });
    return events.find((event) => event.action === 'call.export');
  };

  /** The backend pid of the export's COPY, once it runs. */
  async function runningCopy(): Promise<number> {
    let pid = 0;
    await eventually(async () => {
      const { rows } = await admin.query<{ pid: number }>(
        `select pid from pg_stat_activity
          where datname = current_database() and query ilike 'copy (select%' and state = 'active'`,
      );
      expect(rows).toHaveLength(1);
      pid = rows[0]!.pid;
    });
    return pid;
  }

  /** No COPY left, no connection checked out, none stuck in a (failed) transaction. */
  async function expectPoolSettled(checkedOut = 0) {
    await eventually(async () => {
      const { rows } = await admin.query<{ state: string; query: string }>(
        `select state, query from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid()
            and (query ilike 'copy (select%' or state like 'idle in transaction%')`,
      );
      expect(rows).toEqual([]);
      expect(pool.totalCount - pool.idleCount).toBe(checkedOut);
    });
  }

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    pool = (database.db as unknown as { $client: pg.Pool }).$client;
    harness = await buildTestApp(database);
    await buildUser(harness.services, { username: 'alex', role: 'analyst' });
    // ~50 MB of CSV: far more than socket buffers hold, so a held download keeps its COPY running.
    await insertHistoricCalls(database.db, {
      count: 40_000,
      receivedAt: period.from,
      address: `${'Long Address Way '.repeat(60)}`,
    });
    server = await listen(harness.app);
    cookie = await sessionCookie(server.base, 'alex', testPassword);
    admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
  }, 120_000);
  afterAll(async () => {
    await admin?.end();
    await server?.close();
    await database?.close();
  });

  it('cuts the download when the COPY fails, returns its connection and audits the failure', async () => {
    const download = await holdDownload(exportUrl(), cookie);
    expect(download.status).toBe(200);
    await admin.query('select pg_cancel_backend($1)', [await runningCopy()]);
    const end = await download.finish(10_000);
    expect(end.ending).toBe('aborted');
    await expectPoolSettled();
    expect(await lastExportEvent()).toMatchObject({
      outcome: 'failure',
      details: { result: 'failed', error: expect.stringMatching(/cancel/i) },
    });
  }, 30_000);

  it('survives ten failed exports in a row on a pool of five: sign-in and /readyz still answer', async () => {
    const endings: string[] = [];
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const download = await holdDownload(exportUrl(), cookie, 5_000);
      await admin.query('select pg_cancel_backend($1)', [await runningCopy()]);
      const end = await download.finish(5_000);
      endings.push(end.ending);
      if (end.ending === 'hang') break;
    }
    expect(endings).toEqual(Array(10).fill('aborted'));
    await expectPoolSettled();
    const ready = await fetch(`${server.base}/readyz`, { signal: AbortSignal.timeout(5_000) });
    expect(ready.status).toBe(200);
    expect(await sessionCookie(server.base, 'alex', testPassword)).toContain('=');
  }, 120_000);

  it('cuts the download when the backend is killed mid-COPY', async () => {
    const download = await holdDownload(exportUrl(), cookie);
    await admin.query('select pg_terminate_backend($1)', [await runningCopy()]);
    expect((await download.finish(10_000)).ending).toBe('aborted');
    await expectPoolSettled();
    expect(await lastExportEvent()).toMatchObject({
      outcome: 'failure',
      details: { result: 'failed' },
    });
  }, 30_000);

  it('stops the COPY of a client that went away while every pooled connection is busy', async () => {
    const download = await holdDownload(exportUrl(), cookie);
    await runningCopy();
    // The export holds one of the five; the other four are taken, so the pool is full.
    const others = await Promise.all(Array.from({ length: 4 }, () => pool.connect()));
    try {
      expect(pool.totalCount - pool.idleCount).toBe(5);
      download.abandon();
      // Only the four taken here stay checked out: the cancel needed no pooled connection.
      await expectPoolSettled(4);
    } finally {
      for (const client of others) client.release();
    }
    await eventually(async () => {
      expect(await lastExportEvent()).toMatchObject({ details: { result: 'cancelled' } });
    });
  }, 30_000);

  it('ends an export that runs past the statement timeout', async () => {
    const timed = await buildTestApp(database, { exports: { statementTimeoutMs: 300 } });
    const timedServer = await listen(timed.app);
    try {
      const download = await holdDownload(exportUrl(timedServer.base), cookie);
      await runningCopy();
      // Held past its timeout; PostgreSQL acts on it as soon as the client reads again.
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect((await download.finish(10_000)).ending).toBe('aborted');
      await expectPoolSettled();
      expect(await lastExportEvent()).toMatchObject({
        outcome: 'failure',
        details: { result: 'failed', error: expect.stringMatching(/statement timeout/) },
      });
    } finally {
      await timedServer.close();
    }
  }, 30_000);
});

import { createMongoAbility } from '@casl/ability';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppAbility } from '@watchfloor/authz';
import type { DatabaseHandle } from '../../src/db/client.ts';
import type { Actor } from '../../src/modules/audit/actor.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';
import { buildTestApp, buildUser, testPassword } from '../support/test-app.ts';
import { insertHistoricCalls, listen, purpose, sessionCookie } from './exports-fixtures.ts';
import { eventually } from '../support/eventually.ts';
import { holdDownload } from './held-downloads.ts';

const period = { from: '2026-04-01T00:00:00-05:00', to: '2026-04-02T00:00:00-05:00' };
const auditReader = createMongoAbility<AppAbility>([{ action: 'read', subject: 'AuditEvent' }]);
const exporter = createMongoAbility<AppAbility>([{ action: 'export', subject: 'Call' }]);

/**
 * Faults every driver shares: exports read in keyset pages (every format on
 * PGlite, all but CSV on PostgreSQL) must end a download the database fails
 * after the headers went out, and failures are audited whatever their message.
 */
describe.each(testDrivers())('export faults on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: Awaited<ReturnType<typeof buildTestApp>>;
  let server: Awaited<ReturnType<typeof listen>>;
  let cookie: string;
  let actor: Actor;

  const exportUrl = (format: string) =>
    `${server.base}/api/exports/calls?${new URLSearchParams({ ...period, purpose, format }).toString()}`;

  const exportEvents = async () =>
    (await harness.services.auditService.list(auditReader, { limit: 50 })).filter(
      (event) => event.action === 'call.export',
    );

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    harness = await buildTestApp(database);
    server = await listen(harness.app);
    const user = await buildUser(harness.services, { username: 'alex', role: 'analyst' });
    actor = { userId: user.id, username: 'alex', ip: null, requestId: null };
    cookie = await sessionCookie(server.base, 'alex', testPassword);
    await insertHistoricCalls(database.db, { count: 3_000, receivedAt: period.from });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  const pagedFormats = driver === 'pglite' ? ['csv', 'ndjson', 'xlsx'] : ['ndjson', 'xlsx'];
  it.each(pagedFormats)(
    'cuts a %s download the database fails after its headers, and audits the failure',
    async (format) => {
      // A column the export reads is gone (say, a migration running): its first page fails.
      await database.db.execute(
        sql`alter table calls rename column call_type_description to gone_for_the_test`,
      );
      try {
        const download = await holdDownload(exportUrl(format), cookie);
        expect(download.status).toBe(200);
        const end = await download.finish(10_000);
        expect(end.ending).toBe('aborted');
      } finally {
        await database.db.execute(
          sql`alter table calls rename column gone_for_the_test to call_type_description`,
        );
      }
      await eventually(async () => {
        expect((await exportEvents())[0]).toMatchObject({
          outcome: 'failure',
          details: {
            format,
            result: 'failed',
            // PostgreSQL's own words, not drizzle's echo of the query.
            error: 'column calls.call_type_description does not exist',
          },
        });
      });
    },
    30_000,
  );

  it('audits a failure whose message jsonb cannot store (NUL, lone surrogate)', async () => {
    const prepared = await harness.services.exportsService.calls(exporter, actor, {
      ...period,
      purpose,
      format: 'csv',
    });
    await prepared.finish('failed', new Error('invalid byte \u0000 and \ud800 in the filter'));
    expect((await exportEvents())[0]).toMatchObject({
      outcome: 'failure',
      details: { result: 'failed', error: 'invalid byte \u2400 and \ufffd in the filter' },
    });
  });
});

import { createMongoAbility } from '@casl/ability';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppAbility } from '@watchfloor/authz';
import type { DatabaseHandle } from '../../src/db/client.ts';
import type { Actor } from '../../src/modules/audit/actor.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';
import { buildTestApp, buildUser, testPassword } from '../support/test-app.ts';
import { insertHistoricCalls, listen, purpose, sessionCookie } from './exports-fixtures.ts';
import { holdDownload } from './held-downloads.ts';

const period = { from: '2026-04-01T00:00:00-05:00', to: '2026-04-02T00:00:00-05:00' };
const auditReader = createMongoAbility<AppAbility>([{ action: 'read', subject: 'AuditEvent' }]);
const exporter = createMongoAbility<AppAbility>([{ action: 'export', subject: 'Call' }]);

/**
 * An export holds a pooled connection (CSV on PostgreSQL) or at least server
 * work while it runs; nobody may run more at once than the limits allow, and a
 * refused export is on record like a granted one.
 */
describe.each(testDrivers())('export limits on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: Awaited<ReturnType<typeof buildTestApp>>;
  let server: Awaited<ReturnType<typeof listen>>;
  const cookies: Record<string, string> = {};
  const actors: Record<string, Actor> = {};

  const exportUrl = (format: string) =>
    `${server.base}/api/exports/calls?${new URLSearchParams({ ...period, purpose, format }).toString()}`;

  const exportEvents = async () =>
    (await harness.services.auditService.list(auditReader, { limit: 50 })).filter(
      (event) => event.action === 'call.export',
    );

  /** An export prepared through the service: it holds its place until finished. */
  const prepareAs = (username: string) =>
    harness.services.exportsService.calls(exporter, actors[username]!, {
      ...period,
      purpose,
      format: 'csv',
    });

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    harness = await buildTestApp(database, { exports: { perUser: 2, total: 3 } });
    server = await listen(harness.app);
    for (const username of ['alex', 'blake', 'casey']) {
      const user = await buildUser(harness.services, { username, role: 'analyst' });
      actors[username] = { userId: user.id, username, ip: null, requestId: null };
      cookies[username] = await sessionCookie(server.base, username, testPassword);
    }
    await insertHistoricCalls(database.db, { count: 100, receivedAt: period.from });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  it('limits exports running at once: per user (429) and in all (503), each refusal audited', async () => {
    const running = [await prepareAs('alex'), await prepareAs('alex')];
    const third = await holdDownload(exportUrl('csv'), cookies.alex!);
    expect(third.status).toBe(429);
    expect(third.headers['retry-after']).toMatch(/^\d+$/);
    const refusal = JSON.parse((await third.finish(5_000)).body.toString()) as {
      error: { code: string; message: string };
    };
    expect(refusal.error).toMatchObject({ code: 'too_many_exports' });
    expect(refusal.error.message).toMatch(/2 exports/);

    // Another analyst may still export, up to the limit for everyone (3).
    running.push(await prepareAs('blake'));
    const busy = await holdDownload(exportUrl('ndjson'), cookies.casey!);
    expect(busy.status).toBe(503);
    expect(busy.headers['retry-after']).toMatch(/^\d+$/);
    expect(JSON.parse((await busy.finish(5_000)).body.toString())).toMatchObject({
      error: { code: 'exports_busy' },
    });

    const denials = (await exportEvents()).filter((event) => event.outcome === 'denied');
    expect(denials.map((event) => [event.actorUsername, event.details])).toEqual([
      ['casey', expect.objectContaining({ reason: 'exports_busy', format: 'ndjson' })],
      ['alex', expect.objectContaining({ reason: 'too_many_exports', format: 'csv' })],
    ]);

    // An export that ends, however it ends, gives its place back.
    await running[0]!.finish('cancelled');
    await running[1]!.finish('failed', new Error('test'));
    await running[2]!.finish('completed');
    const again = await holdDownload(exportUrl('csv'), cookies.alex!);
    expect(again.status).toBe(200);
    expect((await again.finish(10_000)).ending).toBe('complete');
  }, 30_000);
});

import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEventView } from '@watchfloor/contracts';
import type { DatabaseHandle } from '../src/db/client.ts';
import type { Actor } from '../src/modules/audit/actor.ts';
import { auditCsvColumns } from '../src/modules/audit/audit-export.ts';
import { openTestDatabase, testDrivers } from './support/databases.ts';
import { buildTestApp, buildUser, signIn } from './support/test-app.ts';

const actor = (username: string): Actor => ({
  userId: null,
  username,
  ip: '10.1.2.3',
  userAgent: '@agent',
  requestId: null,
});
const purpose = 'Quarterly review of sign-in failures';

describe.each(testDrivers())('exporting the audit log on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: Awaited<ReturnType<typeof buildTestApp>>;
  let admin: Awaited<ReturnType<typeof signIn>>;
  let analyst: Awaited<ReturnType<typeof signIn>>;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    harness = await buildTestApp(database);
    const audit = harness.services.auditService;
    for (let index = 0; index < 5; index += 1) {
      await audit.record(actor('=cmd|calc'), {
        action: 'auth.login',
        outcome: 'failure',
        details: { reason: '+wrong_password' },
      });
    }
    await audit.record(actor('-other'), { action: 'auth.login', outcome: 'success' });
    const adminUser = await buildUser(harness.services, { role: 'admin' });
    const analystUser = await buildUser(harness.services, { role: 'analyst' });
    admin = await signIn(harness.app, adminUser.username);
    analyst = await signIn(harness.app, analystUser.username);
  });
  afterAll(() => database?.close());

  const exported = (session: typeof admin, query: Record<string, string>) =>
    session.agent.get('/api/audit/export').query(query).buffer(true);

  async function auditRows(query: Record<string, string>): Promise<AuditEventView[]> {
    const response = await admin.agent.get('/api/audit').query({ limit: 500, ...query });
    return (response.body as { events: AuditEventView[] }).events;
  }

  it('asks for a purpose of at least 10 characters, naming the field', async () => {
    for (const query of [{}, { purpose: 'too short' }] as Record<string, string>[]) {
      const response = await exported(admin, query);
      expect(response.status).toBe(400);
      expect(response.body.error.issues).toEqual([
        expect.objectContaining({ path: 'purpose', message: expect.any(String) }),
      ]);
    }
  });

  it('is refused to anyone but an administrator, and the refusal is audited once', async () => {
    const response = await exported(analyst, { purpose });
    expect(response.status).toBe(403);
    const refusals = await auditRows({ action: 'audit.export', outcome: 'denied' });
    expect(refusals).toHaveLength(1);
    await harness.services.auditRollup.flush();
    expect(await auditRows({ action: 'access.denied' })).toEqual([]);
  });

  it('streams every event the search finds, formula cells neutralised, and audits itself', async () => {
    const response = await exported(admin, {
      purpose,
      actor: 'cmd',
      outcome: 'failure',
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="test_audit_/);
    const [header, ...rows]: string[][] = parse(response.text, {});
    expect(header).toEqual([...auditCsvColumns]);
    expect(rows).toHaveLength(5);
    const cell = (row: string[], column: (typeof auditCsvColumns)[number]) =>
      row[auditCsvColumns.indexOf(column)];
    for (const row of rows) {
      expect(cell(row, 'actorUsername')).toBe("'=cmd|calc");
      expect(cell(row, 'userAgent')).toBe("'@agent");
      expect(cell(row, 'details')).toBe('{"reason":"+wrong_password"}');
      expect(cell(row, 'outcome')).toBe('failure');
    }
    const ids = rows.map((row) => Number(cell(row, 'id')));
    expect(ids).toEqual([...ids].sort((x, y) => y - x));

    const [record] = await auditRows({ action: 'audit.export', outcome: 'success' });
    expect(record?.details).toMatchObject({
      purpose,
      filters: { actor: 'cmd', outcome: 'failure' },
      rows: 5,
      result: 'completed',
    });
  });
});

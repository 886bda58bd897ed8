import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditDetailClass,
  auditDetailClasses,
  callEventDataClass,
  defineAbilityFor,
} from '@watchfloor/authz';
import {
  addNoteRequestSchema,
  cancelCallRequestSchema,
  closeCallRequestSchema,
  createCallRequestSchema,
  ingestCallEventSchema,
  updateCallRequestSchema,
} from '@watchfloor/contracts';
import { queryRows, type DatabaseHandle } from '../../src/db/client.ts';
import { importCallFiles, type ImportSummary } from '../../src/import/call-import.ts';
import type { ImportMapping } from '../../src/import/mapping.schema.ts';
import { createAgencyDirectory } from '../../src/modules/agency/agency-directory.ts';
import { cliActor } from '../../src/modules/audit/actor.ts';
import { testAgency } from '../support/agency-fixture.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';
import { buildTestApp, buildUser, signIn, testPassword } from '../support/test-app.ts';
import { passwordStep, totpCode } from './mfa-support.ts';
import { makeCanaries, workCalls } from './privacy-workflow.ts';

/*
 * Every key a call event's data or an audit row's details can carry must be
 * classified in `@watchfloor/authz` (payloads.ts): presenters show an unclassified
 * key to nobody without caller data, and this suite fails until it is classified.
 * Two nets: the schemas and types the writers spread into payloads, and the keys
 * actually stored by the real writers after a workflow through every one of them.
 */

const unclassifiedEventKeys = (keys: readonly string[]) =>
  keys.filter((key) => callEventDataClass(key) === undefined);

/** The import summary's keys, kept complete by the compiler: a new key fails typecheck here. */
const importSummaryKeys = {
  source: true,
  files: true,
  rowsRead: true,
  imported: true,
  duplicates: true,
  rejected: true,
  events: true,
  unknownCallTypes: true,
  seconds: true,
  rowsPerSecond: true,
} satisfies Record<keyof ImportSummary, true>;

describe('payload keys the writers spread from schemas and types', () => {
  it('classifies every field of a call request, edit and ingested event', () => {
    const spread = [
      ...Object.keys(createCallRequestSchema.shape),
      ...Object.keys(updateCallRequestSchema.shape),
      ...Object.keys(ingestCallEventSchema.shape),
      ...Object.keys(addNoteRequestSchema.shape),
      ...Object.keys(closeCallRequestSchema.shape),
      ...Object.keys(cancelCallRequestSchema.shape),
    ];
    expect(unclassifiedEventKeys(spread)).toEqual([]);
  });

  it('classifies every key of the import summary (the CLI audits it as call.import)', () => {
    const keys = [...Object.keys(importSummaryKeys), 'mapping'];
    expect(keys.filter((key) => auditDetailClass('call.import', key) === undefined)).toEqual([]);
  });
});

/** Only the CLI writes these; their details are covered by the checks above. */
/** Actions the app writes that this file does not provoke, and the test that checks theirs. */
const writtenOutsideTheApp = [
  'call.import',
  // Needs an identity provider: test/sso.test.ts checks these rows' details are classified.
  'auth.sso',
];

const importMapping: ImportMapping = {
  name: 'classification',
  source: 'classification-import',
  timeZone: 'UTC',
  columns: {
    sourceCallId: 'id',
    callType: 'type',
    status: 'status',
    disposition: 'disposition',
    coordinates: { lat: 'lat', lon: 'lon' },
    receivedAt: { column: 'received', format: 'iso' },
    closedAt: { column: 'closed', format: 'iso' },
  },
  statusMap: { CLOSED: 'closed', CANCELLED: 'cancelled' },
  defaultPriority: 2,
};
const importCsv = [
  'id,type,status,disposition,lat,lon,received,closed',
  'I1,DIST,CANCELLED,RPT,0.005,0.005,2026-01-01T10:00:00Z,2026-01-01T10:30:00Z',
].join('\n');

describe.each(testDrivers())('payload keys stored by the real writers on %s', (driver) => {
  let database: DatabaseHandle;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    const harness = await buildTestApp(database);
    const { app, services } = harness;
    await workCalls(app, services, database.db, makeCanaries());

    // Sign-in: success, each kind of failure, sign-out.
    const kim = await buildUser(services, { username: 'kim', role: 'analyst' });
    await harness.request().post('/api/auth/login').send({ username: 'kim', password: 'wrong' });
    await harness.request().post('/api/auth/login').send({ username: 'nobody', password: 'x' });
    const analyst = await signIn(app, 'kim');

    // Exports: allowed, and refused.
    const period = {
      from: new Date(Date.now() - 86_400_000).toISOString(),
      to: new Date(Date.now() + 86_400_000).toISOString(),
    };
    const purpose = 'Checking which audit details exports write';
    await analyst.agent.get('/api/exports/calls').query({ ...period, format: 'csv', purpose });
    await analyst.agent
      .get('/api/exports/stats')
      .query({ ...period, metric: 'response', format: 'csv', purpose });
    await analyst.agent
      .get('/api/hotspots/export')
      .query({ ...period, purpose })
      .expect(200);
    const dispatcher = await signIn(app, 'dana');
    await dispatcher.agent.get('/api/exports/calls').query({ ...period, format: 'csv', purpose });
    await analyst.agent.post('/api/auth/logout').set('X-CSRF-Token', analyst.csrfToken);

    await buildUser(services, { username: 'lee2', role: 'analyst' });

    // Accounts and tokens, as an administrator.
    const admin = defineAbilityFor({ id: 'test-admin', role: 'admin', districts: [] });
    await services.usersService.setDisabled(admin, cliActor, kim.id, true);
    await services.usersService.setDisabled(admin, cliActor, kim.id, false);
    await services.usersService.updateGrants(admin, cliActor, kim.id, {
      role: 'supervisor',
      districts: ['1'],
    });
    await services.usersService.unlock(admin, cliActor, kim.id);

    // Passwords and sessions: a wrong and a right change of one's own, a one-time password
    // from an administrator, and a session ended from the Users page.
    const kimSession = await signIn(app, 'kim');
    for (const currentPassword of ['not it at all', testPassword]) {
      await kimSession.agent
        .post('/api/auth/password')
        .set('X-CSRF-Token', kimSession.csrfToken)
        .send({ currentPassword, newPassword: 'quiet ferry lamplight orchard 7' });
    }
    const [kimLive] = await services.userSessionsService.list(admin, kim.id, undefined);
    await services.userSessionsService.end(admin, cliActor, kim.id, kimLive!.id);
    await services.userPasswordsService.reset(admin, cliActor, kim.id);

    const analyst2 = await signIn(app, 'lee2');

    // Second factors: enrolment (a wrong first code, then the right one), a wrong and a
    // right code at sign-in, a recovery code, and an administrator's reset.
    const lee = await buildUser(services, { username: 'lee', role: 'analyst' });
    const leeSession = await signIn(app, 'lee');
    const enrolment = await leeSession.agent
      .post('/api/auth/mfa/totp/enroll')
      .set('X-CSRF-Token', leeSession.csrfToken)
      .expect(200);
    const secret = (enrolment.body as { secret: string }).secret;
    const current = await totpCode(secret);
    await leeSession.agent
      .post('/api/auth/mfa/totp/confirm')
      .set('X-CSRF-Token', leeSession.csrfToken)
      .send({ code: current === '000000' ? '111111' : '000000' })
      .expect(401);
    const confirmed = await leeSession.agent
      .post('/api/auth/mfa/totp/confirm')
      .set('X-CSRF-Token', leeSession.csrfToken)
      .send({ code: current })
      .expect(200);
    const halfWay = await passwordStep(app, 'lee');
    await halfWay.agent
      .post('/api/auth/mfa')
      .set('X-CSRF-Token', halfWay.csrfToken)
      .send({ code: 'zzzz-zzzz-zzzz' })
      .expect(401);
    await halfWay.agent
      .post('/api/auth/mfa')
      .set('X-CSRF-Token', halfWay.csrfToken)
      .send({ code: (confirmed.body as { recoveryCodes: string[] }).recoveryCodes[0] })
      .expect(200);
    await services.usersService.resetMfa(admin, cliActor, lee.id);
    // Rolled-up rows: a refusal and the feed's token use, written at the flush.
    await analyst2.agent
      .post('/api/calls')
      .set('X-CSRF-Token', analyst2.csrfToken)
      .send({})
      .expect(403);
    await services.auditRollup.flush();
    await services.tokensService.revoke(cliActor, 'privacy-cad');

    // A lockout, and the audit log's own export.
    await buildUser(services, { username: 'lou', role: 'analyst' });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await harness.request().post('/api/auth/login').send({ username: 'lou', password: 'wrong' });
    }
    await buildUser(services, { username: 'ada', role: 'admin' });
    const auditor = await signIn(app, 'ada');
    await auditor.agent
      .get('/api/audit/export')
      .query({ purpose: 'Checking which audit details exports write' })
      .expect(200);

    // The historical importer's events.
    const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'classify-')), 'calls.csv');
    await fs.writeFile(file, importCsv);
    const summary = await importCallFiles({
      db: database.db,
      directory: createAgencyDirectory(testAgency),
      mapping: importMapping,
      files: [file],
      actor: 'import:test',
      onRejected: (rejection) => {
        throw new Error(`import rejected ${JSON.stringify(rejection)}`);
      },
    });
    expect(summary.imported).toBe(1);

    // A retention purge (an expired session to remove, so it is audited).
    await database.db.execute(
      sql`insert into sessions (sid, data, expires_at) values ('gone', '{}', now() - interval '1 day')`,
    );
    await services.retentionService.purge({ actor: cliActor });
  });
  afterAll(() => database.close());

  it('classifies every key of every stored call event', async () => {
    const rows = await queryRows<{ key: string }>(
      database.db,
      sql`select distinct jsonb_object_keys(data) as key from call_events order by key`,
    );
    const keys = rows.map((row) => row.key);
    expect(keys).toEqual(expect.arrayContaining(['reason', 'text', 'callerName', 'units']));
    expect(keys).toEqual(expect.arrayContaining(['priorityMapped', 'reportedStatus']));
    expect(unclassifiedEventKeys(keys)).toEqual([]);
  });

  it('classifies every action and detail of every stored audit row', async () => {
    const actions = await queryRows<{ action: string }>(
      database.db,
      sql`select distinct action from audit_events order by action`,
    );
    const details = await queryRows<{ action: string; key: string }>(
      database.db,
      sql`select distinct action, jsonb_object_keys(details) as key from audit_events`,
    );
    const known = Object.keys(auditDetailClasses);
    expect(actions.map((row) => row.action).filter((action) => !known.includes(action))).toEqual(
      [],
    );
    const unclassified = details
      .filter(({ action, key }) => auditDetailClass(action, key) === undefined)
      .map(({ action, key }) => `${action}: ${key}`);
    expect(unclassified).toEqual([]);
    // Not vacuous: every action the app writes was written.
    expect(
      known.filter(
        (action) =>
          !writtenOutsideTheApp.includes(action) && !actions.some((row) => row.action === action),
      ),
    ).toEqual([]);
  });

  it('stores no personal detail in the audit log', async () => {
    const personal = await queryRows<{ action: string; key: string }>(
      database.db,
      sql`select distinct action, jsonb_object_keys(details) as key from audit_events`,
    );
    expect(
      personal.filter(({ action, key }) => auditDetailClass(action, key) === 'personal'),
    ).toEqual([]);
  });
});

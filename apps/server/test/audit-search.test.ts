import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEventView } from '@watchfloor/contracts';
import type { DatabaseHandle } from '../src/db/client.ts';
import type { Actor } from '../src/modules/audit/actor.ts';
import { openTestDatabase, testDrivers } from './support/databases.ts';
import { buildUnit, callBody } from './support/builders.ts';
import { buildTestApp, buildUser, signIn } from './support/test-app.ts';

const actor = (username: string): Actor => ({ userId: null, username, ip: null, requestId: null });

describe.each(testDrivers())('searching the audit log on %s', (driver) => {
  let database: DatabaseHandle;
  let search: (query: Record<string, string>) => Promise<AuditEventView[]>;
  let before: string;
  let labelled: {
    userId: string;
    callId: string;
    incidentNumber: string;
    unitId: string;
    tokenId: string;
  };

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    const harness = await buildTestApp(database);
    const admin = await buildUser(harness.services, { role: 'admin', username: 'auditor' });
    const audit = harness.services.auditService;
    await audit.record(actor('ana.ruiz'), { action: 'auth.login', outcome: 'success' });
    await audit.record(actor('ana.ruiz'), { action: 'auth.logout', outcome: 'success' });
    await audit.record(actor('bo_100%'), { action: 'auth.login', outcome: 'failure' });
    before = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await audit.record(actor('cy'), {
      action: 'call.close',
      outcome: 'success',
      subjectType: 'Call',
      subjectId: 'c0ffee00-0000-4000-8000-000000000001',
    });
    // One subject of each kind, written by the real writers where there is one.
    const dispatcher = await buildUser(harness.services, { role: 'dispatcher', username: 'dee' });
    const desk = await signIn(harness.app, dispatcher.username);
    const created = await desk.agent
      .post('/api/calls')
      .set('X-CSRF-Token', desk.csrfToken)
      .send(callBody())
      .expect(201);
    const unit = await buildUnit(database.db, { callSign: '1A42' });
    await audit.record(actor('cy'), {
      action: 'unit.status',
      outcome: 'success',
      subjectType: 'Unit',
      subjectId: unit.id,
    });
    const token = await harness.services.tokensService.create(actor('cy'), 'cad-feed');
    labelled = {
      userId: dispatcher.id,
      callId: (created.body as { id: string }).id,
      incidentNumber: (created.body as { incidentNumber: string }).incidentNumber,
      unitId: unit.id,
      tokenId: token.row.id,
    };
    const session = await signIn(harness.app, admin.username);
    search = async (query) => {
      const response = await session.agent.get('/api/audit').query({ limit: 500, ...query });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return (response.body as { events: AuditEventView[] }).events;
    };
  });
  afterAll(() => database?.close());

  const actions = (events: AuditEventView[]) => events.map((e) => `${e.actorUsername} ${e.action}`);

  it('finds by part of the actor’s name, an action or a whole domain, and the outcome', async () => {
    expect(actions(await search({ actor: 'RUIZ' }))).toEqual([
      'ana.ruiz auth.logout',
      'ana.ruiz auth.login',
    ]);
    expect(actions(await search({ action: 'auth.login', outcome: 'failure' }))).toEqual([
      'bo_100% auth.login',
    ]);
    expect((await search({ action: 'call.', actor: 'cy' })).map((e) => e.action)).toEqual([
      'call.close',
    ]);
  });

  it('matches what was typed literally: % and _ are not wildcards', async () => {
    expect(actions(await search({ actor: '100%' }))).toEqual(['bo_100% auth.login']);
    expect(await search({ actor: 'a%z' })).toEqual([]);
    expect(await search({ actor: '_' })).toHaveLength(1);
  });

  it('finds by subject and by period', async () => {
    const bySubject = await search({ subject: 'c0ffee00-0000-4000-8000-000000000001' });
    expect(actions(bySubject)).toEqual(['cy call.close']);
    const after = await search({ from: before, actor: 'cy', action: 'call.close' });
    expect(actions(after)).toEqual(['cy call.close']);
    expect(await search({ to: before, actor: 'cy' })).toEqual([]);
  });

  it('names each subject and the acting person, in one lookup per page', async () => {
    const label = async (subject: string) => {
      const [event] = await search({ subject });
      return event && { subject: event.subjectLabel, actor: event.actorLabel, id: event.subjectId };
    };
    expect(await label(labelled.userId)).toMatchObject({
      subject: expect.stringContaining('(dee)'),
    });
    expect(await label(labelled.callId)).toEqual({
      subject: labelled.incidentNumber,
      actor: expect.any(String),
      id: labelled.callId,
    });
    expect(await label(labelled.unitId)).toMatchObject({ subject: '1A42', actor: null });
    expect(await label(labelled.tokenId)).toMatchObject({ subject: 'cad-feed' });
    // Not a uuid, or gone: no label, the raw id stays.
    expect(await label('c0ffee00-0000-4000-8000-000000000001')).toMatchObject({
      subject: null,
      id: 'c0ffee00-0000-4000-8000-000000000001',
    });
    const [signInRow] = await search({ action: 'auth.login', actor: 'dee' });
    expect(signInRow?.userAgent).not.toBeUndefined();
    expect(signInRow?.requestId).toEqual(expect.any(String));
  });

  it('refuses a malformed filter with the field named', async () => {
    const harness = await buildTestApp(database);
    const admin = await buildUser(harness.services, { role: 'admin' });
    const session = await signIn(harness.app, admin.username);
    const bad = await session.agent
      .get('/api/audit')
      .query({ outcome: 'maybe', from: 'yesterday' });
    expect(bad.status).toBe(400);
    expect((bad.body.error.issues as { path: string }[]).map((i) => i.path).sort()).toEqual([
      'from',
      'outcome',
    ]);
  });
});

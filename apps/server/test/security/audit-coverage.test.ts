import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEventView } from '@watchfloor/contracts';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { cliActor } from '../../src/modules/audit/actor.ts';
import { callBody } from '../support/builders.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';
import { buildTestApp, buildUser, signIn } from '../support/test-app.ts';

/**
 * The audit rows CJIS asks for beyond sign-in and changes (AU-2): refusals, views of
 * caller data, integration token use and lockouts — each with who, when and where.
 */
describe.each(testDrivers())('what the audit log records on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: Awaited<ReturnType<typeof buildTestApp>>;
  let admin: Awaited<ReturnType<typeof signIn>>;
  let dispatcher: Awaited<ReturnType<typeof signIn>>;
  let analyst: Awaited<ReturnType<typeof signIn>>;
  let analystName: string;
  let dispatcherName: string;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    harness = await buildTestApp(database);
    const users = {
      admin: await buildUser(harness.services, { role: 'admin' }),
      dispatcher: await buildUser(harness.services, { role: 'dispatcher' }),
      analyst: await buildUser(harness.services, { role: 'analyst' }),
    };
    analystName = users.analyst.username;
    dispatcherName = users.dispatcher.username;
    admin = await signIn(harness.app, users.admin.username);
    dispatcher = await signIn(harness.app, users.dispatcher.username);
    analyst = await signIn(harness.app, users.analyst.username);
  });
  afterAll(() => database?.close());

  async function rows(query: Record<string, string>): Promise<AuditEventView[]> {
    const response = await admin.agent.get('/api/audit').query({ limit: 500, ...query });
    expect(response.status).toBe(200);
    return (response.body as { events: AuditEventView[] }).events;
  }

  it('rolls refusals up into one access.denied row per person, route and minute', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await analyst.agent.get('/api/users').set('User-Agent', 'probe/1').expect(403);
    }
    await analyst.agent.get('/api/audit/verification').expect(403);
    expect(await rows({ action: 'access.denied' })).toEqual([]);
    await harness.services.auditRollup.flush();
    const denied = await rows({ action: 'access.denied', actor: analystName });
    expect(denied.map((row) => row.details)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ method: 'GET', route: '/api/users', requests: 3 }),
        expect.objectContaining({ method: 'GET', route: '/api/audit/verification', requests: 1 }),
      ]),
    );
    expect(denied).toHaveLength(2);
    const users = denied.find((row) => row.details.route === '/api/users')!;
    expect(users).toMatchObject({ outcome: 'denied', userAgent: 'probe/1' });
    expect(users.requestId).toEqual(expect.any(String));
  });

  it('records every view of caller data; a reader without caller fields leaves no such row', async () => {
    const created = await dispatcher.agent
      .post('/api/calls')
      .set('X-CSRF-Token', dispatcher.csrfToken)
      .send(callBody())
      .expect(201);
    const id = (created.body as { id: string }).id;
    await dispatcher.agent.get(`/api/calls/${id}`).expect(200);
    const [opened] = await rows({ action: 'call.view', subject: id });
    expect(opened).toMatchObject({
      actorUsername: dispatcherName,
      subjectType: 'Call',
      details: { fields: expect.arrayContaining(['callerName', 'callerPhone', 'narrative']) },
    });
    await dispatcher.agent.get('/api/calls').expect(200);
    const [listed] = await rows({ action: 'call.view', actor: dispatcherName });
    expect(listed?.details).toMatchObject({ calls: 1, route: 'GET /api/calls' });

    // Cancelled, the call is history an analyst may read, without its caller.
    await dispatcher.agent
      .post(`/api/calls/${id}/cancel`)
      .set('X-CSRF-Token', dispatcher.csrfToken)
      .send({ reason: 'Duplicate of another call' })
      .expect(200);
    const seen = await analyst.agent.get(`/api/calls/${id}`).expect(200);
    expect(seen.body).not.toHaveProperty('callerName');
    await analyst.agent.get('/api/calls').query({ status: 'cancelled' }).expect(200);
    expect(await rows({ action: 'call.view', actor: analystName })).toEqual([]);
  });

  it('rolls a token’s requests up into one token.use row a minute', async () => {
    const { token, row } = await harness.services.tokensService.create(cliActor, 'avl-feed');
    for (let request = 0; request < 5; request += 1) {
      await harness
        .request()
        .post('/api/ingest/positions')
        .set('Authorization', `Bearer ${token}`)
        .send({ positions: [{}, {}] })
        .expect(200);
    }
    await harness.services.auditRollup.flush();
    const used = await rows({ action: 'token.use', subject: row.id });
    expect(used).toHaveLength(1);
    expect(used[0]).toMatchObject({
      actorUsername: 'token:avl-feed',
      subjectLabel: 'avl-feed',
      outcome: 'success',
      details: { requests: 5, items: 10, routes: ['/positions'] },
    });
  });

  it('records the failure that locks an account as its own row', async () => {
    const victim = await buildUser(harness.services, { role: 'dispatcher' });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await harness
        .request()
        .post('/api/auth/login')
        .send({ username: victim.username, password: 'not the password' })
        .expect(401);
    }
    const locked = await rows({ action: 'auth.lockout', subject: victim.id });
    expect(locked).toHaveLength(1);
    expect(locked[0]).toMatchObject({ actorUsername: victim.username, details: { failures: 5 } });
  });
});

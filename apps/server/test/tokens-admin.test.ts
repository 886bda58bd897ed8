import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateIntegrationTokenResponse, IntegrationTokenView } from '@watchfloor/contracts';
import type { DatabaseHandle } from '../src/db/client.ts';
import { openTestDatabase, testDrivers } from './support/databases.ts';
import { buildTestApp, buildUser, signIn } from './support/test-app.ts';

describe.each(testDrivers())('integration tokens from the product on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: Awaited<ReturnType<typeof buildTestApp>>;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    harness = await buildTestApp(database);
  });
  afterAll(() => database?.close());

  const positions = (token: string) =>
    supertest(harness.app)
      .post('/api/ingest/positions')
      .set('Authorization', `Bearer ${token}`)
      .send({
        positions: [{ unit: '1A10', lat: 0.005, lon: 0.005, at: new Date().toISOString() }],
      });

  it('issues a token an administrator sees once, a feed uses, and revocation stops', async () => {
    const admin = await buildUser(harness.services, { role: 'admin' });
    const session = await signIn(harness.app, admin.username);
    const created = await session.agent
      .post('/api/tokens')
      .set('X-CSRF-Token', session.csrfToken)
      .send({ name: 'avl-vendor' })
      .expect(201);
    const { token, integrationToken } = created.body as CreateIntegrationTokenResponse;
    expect(token).toMatch(/^wf_/);
    expect(integrationToken).toMatchObject({ name: 'avl-vendor', revokedAt: null });

    await positions(token).expect(200);
    const listed = await session.agent.get('/api/tokens').expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(token.slice(3));
    const row = (listed.body.tokens as IntegrationTokenView[]).find((t) => t.name === 'avl-vendor');
    expect(row?.lastUsedAt).not.toBeNull();

    // The same name twice is refused; so is a name a feed could not be told apart by.
    await session.agent
      .post('/api/tokens')
      .set('X-CSRF-Token', session.csrfToken)
      .send({ name: 'avl-vendor' })
      .expect(409);
    const badName = await session.agent
      .post('/api/tokens')
      .set('X-CSRF-Token', session.csrfToken)
      .send({ name: 'AVL Vendor!' })
      .expect(400);
    expect(badName.body.error.issues[0].path).toBe('name');

    const revoked = await session.agent
      .post(`/api/tokens/${integrationToken.id}/revoke`)
      .set('X-CSRF-Token', session.csrfToken)
      .expect(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    await positions(token).expect(401);
    // Again: nothing changes, and it says so.
    const again = await session.agent
      .post(`/api/tokens/${integrationToken.id}/revoke`)
      .set('X-CSRF-Token', session.csrfToken)
      .expect(200);
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);

    const audit = await session.agent.get('/api/audit?limit=50').expect(200);
    const actions = (audit.body.events as { action: string; actorUsername: string }[])
      .filter((event) => event.actorUsername === admin.username)
      .map((event) => event.action);
    expect(actions.filter((action) => action === 'token.create')).toHaveLength(1);
    expect(actions.filter((action) => action === 'token.revoke')).toHaveLength(1);
  });
});

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedMigrationCount, type DatabaseHandle } from '../src/db/client.ts';
import { openTestDatabase, testDrivers } from './support/databases.ts';
import { buildTestApp, buildUser, signIn } from './support/test-app.ts';

describe.each(testDrivers())('platform routes on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: Awaited<ReturnType<typeof buildTestApp>>;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    harness = await buildTestApp(database);
    const dana = await buildUser(harness.services, { username: 'dana', role: 'dispatcher' });
    await buildUser(harness.services, { username: 'ari', role: 'admin' });
    // A person can no longer be given the integration role (tokens only); an account
    // created before that rule must still get nothing from the session routes.
    await harness.services.usersRepo.insert({
      username: 'feed',
      displayName: 'feed',
      role: 'integration',
      districts: [],
      passwordHash: dana.passwordHash,
    });
  });
  afterAll(() => database.close());

  it('healthz says alive and readyz says migrations are applied', async () => {
    await harness.request().get('/healthz').expect(200, { status: 'ok' });
    const ready = await harness.request().get('/readyz').expect(200);
    expect(ready.body).toEqual({ status: 'ready', migrations: await shippedMigrationCount() });
  });

  it('readyz is 503 while migrations are missing', async () => {
    const fresh = await openTestDatabase(driver);
    try {
      await fresh.db.execute(
        sql`delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations)`,
      );
      const unready = await buildTestApp(fresh);
      const response = await unready.request().get('/readyz').expect(503);
      const expected = await shippedMigrationCount();
      expect(response.body).toMatchObject({ status: 'migrating', applied: expected - 1, expected });
    } finally {
      await fresh.close();
    }
  });

  it('sends a Content-Security-Policy that allows no external origin and a request id', async () => {
    const response = await harness.request().get('/healthz').set('X-Request-Id', 'trace-123');
    const csp = response.headers['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/https?:|\*/);
    expect(response.headers['x-request-id']).toBe('trace-123');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('unknown API routes answer JSON 404', async () => {
    const response = await harness.request().get('/api/nope').expect(404);
    expect(response.body.error.code).toBe('not_found');
  });

  it('serves the agency configuration to roles that may read it', async () => {
    await harness.request().get('/api/agency').expect(401);
    const { agent } = await signIn(harness.app, 'dana');
    const agency = await agent.get('/api/agency').expect(200);
    expect(agency.body.id).toBe('test');
    expect(agency.body.districts.features).toHaveLength(2);
    const machine = await signIn(harness.app, 'feed');
    await machine.agent.get('/api/agency').expect(403);
  });

  it('lists users for admins only, never with password hashes', async () => {
    const admin = await signIn(harness.app, 'ari');
    const list = await admin.agent.get('/api/users').expect(200);
    const usernames = (list.body.users as { username: string }[]).map((user) => user.username);
    expect(usernames).toEqual(['ari', 'dana', 'feed']);
    expect(JSON.stringify(list.body)).not.toMatch(/argon2|passwordHash/);
    const dispatcher = await signIn(harness.app, 'dana');
    await dispatcher.agent.get('/api/users').expect(403);
  });

  it('keeps an append-only audit log that admins can read', async () => {
    const admin = await signIn(harness.app, 'ari');
    const audit = await admin.agent.get('/api/audit?limit=50').expect(200);
    const actions = (
      audit.body.events as { action: string; outcome: string; actorUsername: string }[]
    ).map((event) => `${event.action}:${event.outcome}:${event.actorUsername}`);
    expect(actions).toContain('auth.login:success:ari');
    expect(actions).toContain('user.create:success:cli');
    await admin.agent.get('/api/audit?limit=0').expect(400);
    const dispatcher = await signIn(harness.app, 'dana');
    await dispatcher.agent.get('/api/audit').expect(403);
    const refused = { cause: { message: expect.stringMatching(/audit_events is append-only/) } };
    await expect(
      database.db.execute(sql`update audit_events set outcome = 'failure'`),
    ).rejects.toMatchObject(refused);
    await expect(database.db.execute(sql`delete from audit_events`)).rejects.toMatchObject(refused);
    await expect(database.db.execute(sql`truncate audit_events`)).rejects.toMatchObject(refused);
  });
});

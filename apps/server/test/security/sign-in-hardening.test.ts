import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DatabaseHandle } from '../../src/db/client.ts';
import { cliActor } from '../../src/modules/audit/actor.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';
import { buildTestApp, buildUser, signIn, testPassword } from '../support/test-app.ts';

// Findings of the outside probe (issue 10) on sign-in, sessions and CSRF; each test
// failed before its fix.
describe.each(testDrivers())('sign-in hardening on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: Awaited<ReturnType<typeof buildTestApp>>;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    harness = await buildTestApp(database, { loginRateLimit: 1000 });
  });
  afterAll(() => database.close());

  const sessionCount = async () => {
    const [row] = await queryRows<{ count: number }>(
      database.db,
      sql`select count(*)::int as count from sessions`,
    );
    return row!.count;
  };

  it('evaluates at most the lockout threshold of parallel wrong passwords', async () => {
    const user = await buildUser(harness.services, { role: 'dispatcher' });
    const attempts = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        harness
          .request()
          .post('/api/auth/login')
          // The right password hides among the guesses: it must not get through either.
          .send({
            username: user.username,
            password: index === 30 ? testPassword : `wrong-${index}`,
          }),
      ),
    );
    const reasons = await queryRows<{ reason: string }>(
      database.db,
      sql`select details->>'reason' as reason from audit_events
          where subject_id = ${user.id} and action = 'auth.login'`,
    );
    const evaluated = reasons.filter((row) => row.reason === 'wrong_password').length;
    expect(evaluated).toBeLessThanOrEqual(5);
    expect(reasons).toHaveLength(40);
    // Once locked, the right password is refused like any other.
    const succeeded = attempts.filter((response) => response.status === 200).length;
    expect(succeeded).toBeLessThanOrEqual(1);
    if (succeeded === 0) {
      expect(reasons.filter((row) => row.reason === 'locked').length).toBeGreaterThanOrEqual(35);
    }
  });

  it('a bearer header on a cookie session does not skip the CSRF check', async () => {
    const dispatcher = await buildUser(harness.services, { role: 'dispatcher' });
    const { agent } = await signIn(harness.app, dispatcher.username);
    const forged = await agent
      .post('/api/calls')
      .set('Authorization', 'Bearer anything')
      .send({ callType: '415', lat: 0.005, lon: 0.005 });
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe('csrf_invalid');
    const forgedLogout = await agent.post('/api/auth/logout').set('Authorization', 'Bearer x');
    expect(forgedLogout.status).toBe(403);
    await agent.get('/api/me').expect(200);
  });

  it('an anonymous CSRF token request stores no session', async () => {
    const before = await sessionCount();
    for (let i = 0; i < 5; i += 1) {
      // Nothing to protect without a session (sign-in itself is exempt): no token, no row.
      const response = await harness.request().get('/api/auth/csrf').expect(401);
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    expect(await sessionCount()).toBe(before);
  });

  it('ends a session that has no sign-in time (the absolute limit cannot be skipped)', async () => {
    const dispatcher = await buildUser(harness.services, { role: 'dispatcher' });
    const { agent } = await signIn(harness.app, dispatcher.username);
    await database.db.execute(
      sql`update sessions set data = data - 'signedInAt' where user_id = ${dispatcher.id}`,
    );
    await agent.get('/api/me').expect(401);
  });

  it('rate-limits sign-in per username, whatever address the guesses come from', async () => {
    const limited = await buildTestApp(database, { loginRateLimit: 3, trustProxy: 1 });
    const user = await buildUser(limited.services, { role: 'analyst' });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const response = await limited
        .request()
        .post('/api/auth/login')
        .set('X-Forwarded-For', `198.51.100.${attempt + 1}`)
        .send({ username: user.username.toUpperCase(), password: 'wrong' });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429]);
  });

  it('throttles bearer-token guessing on ingest', async () => {
    const guessing = await buildTestApp(database, { tokenFailureLimit: 3 });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const response = await guessing
        .request()
        .post('/api/ingest/positions')
        .set('Authorization', `Bearer guess-${attempt}`)
        .send({ positions: [] });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    // A valid token is not counted against the address; it still works after the guesses
    // from elsewhere (supertest requests all come from the same loopback address here, so
    // a fresh app stands in for "another address").
    const fresh = await buildTestApp(database, { tokenFailureLimit: 3 });
    const { token } = await fresh.services.tokensService.create(cliActor, 'cad');
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await fresh
        .request()
        .post('/api/ingest/positions')
        .set('Authorization', `Bearer ${token}`)
        .send({ positions: [] })
        .expect((response) => expect([401, 429]).not.toContain(response.status));
    }
  });
});

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { abilityFromPackedRules, type PackedRules } from '@watchfloor/authz';
import { queryRows, type DatabaseHandle } from '../src/db/client.ts';
import { openTestDatabase, testDrivers } from './support/databases.ts';
import { buildTestApp, buildUser, signIn, testPassword } from './support/test-app.ts';

describe.each(testDrivers())('sign-in on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: Awaited<ReturnType<typeof buildTestApp>>;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    harness = await buildTestApp(database);
    await buildUser(harness.services, { username: 'dana', role: 'dispatcher' });
    await buildUser(harness.services, { username: 'sam', role: 'supervisor', districts: ['1'] });
  });
  afterAll(() => database.close());

  it('signs in, sets a hardened cookie and returns the user with packed rules', async () => {
    const response = await harness
      .request()
      .post('/api/auth/login')
      .send({ username: 'sam', password: testPassword })
      .expect(200);
    const cookie = response.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/^watchfloor\.sid=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    // Idle timeout: the cookie (and the stored session) expire 30 minutes after the last request.
    const expires = Date.parse(/Expires=([^;]+)/.exec(cookie)?.[1] ?? '');
    expect(expires - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(expires - Date.now()).toBeLessThanOrEqual(30 * 60_000);
    const body = response.body as {
      user: { role: string; districts: string[]; rules: PackedRules };
      csrfToken: string;
    };
    expect(body.user.role).toBe('supervisor');
    expect(body.user.districts).toEqual(['1']);
    expect(body.csrfToken).toMatch(/.{20,}/);
    const ability = abilityFromPackedRules(body.user.rules);
    expect(ability.can('read', 'Call')).toBe(true);
    expect(ability.can('create', 'Call')).toBe(false);
  });

  it('usernames are case-insensitive', async () => {
    await harness
      .request()
      .post('/api/auth/login')
      .send({ username: 'DANA', password: testPassword })
      .expect(200);
  });

  it('answers a wrong password and an unknown user with the same generic 401', async () => {
    const wrong = await harness
      .request()
      .post('/api/auth/login')
      .send({ username: 'dana', password: 'nope' });
    const unknown = await harness
      .request()
      .post('/api/auth/login')
      .send({ username: 'nobody', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toEqual({
      error: { code: 'invalid_credentials', message: 'Wrong username or password' },
    });
  });

  it('rejects a malformed body with 400 and the offending fields', async () => {
    const missing = await harness
      .request()
      .post('/api/auth/login')
      .send({ username: 'dana' })
      .expect(400);
    expect(missing.body.error.code).toBe('validation_failed');
    expect(missing.body.error.issues).toEqual([{ path: 'password', message: expect.any(String) }]);
    const notJson = await harness
      .request()
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"username":')
      .expect(400);
    expect(notJson.body.error.issues[0].message).toMatch(/not valid JSON/);
    expect(JSON.stringify(notJson.body)).not.toMatch(/at .*\.ts/);
  });

  it('GET /api/me is 401 when signed out and the user when signed in', async () => {
    await harness.request().get('/api/me').expect(401);
    const { agent } = await signIn(harness.app, 'dana');
    const me = await agent.get('/api/me').expect(200);
    expect(me.body).toMatchObject({ username: 'dana', role: 'dispatcher', districts: [] });
    expect(Object.keys(me.body as object).sort()).toEqual([
      'displayName',
      'districts',
      'id',
      'passwordChangeRequired',
      'role',
      'rules',
      'username',
    ]);
    expect(me.body.passwordChangeRequired).toBe(false);
  });

  it('refuses state changes without a valid CSRF token', async () => {
    const { agent, csrfToken } = await signIn(harness.app, 'dana');
    const missing = await agent.post('/api/auth/logout').expect(403);
    expect(missing.body.error.code).toBe('csrf_invalid');
    await agent.post('/api/auth/logout').set('X-CSRF-Token', `${csrfToken}x`).expect(403);
    await agent.get('/api/me').expect(200);
    const fresh = await agent.get('/api/auth/csrf').expect(200);
    expect(fresh.body.csrfToken).toBe(csrfToken);
  });

  it('logout destroys the session server-side', async () => {
    const { agent, csrfToken } = await signIn(harness.app, 'dana');
    const [before] = await queryRows<{ count: number }>(
      database.db,
      sql`select count(*)::int as count from sessions`,
    );
    await agent.post('/api/auth/logout').set('X-CSRF-Token', csrfToken).expect(204);
    await agent.get('/api/me').expect(401);
    const [after] = await queryRows<{ count: number }>(
      database.db,
      sql`select count(*)::int as count from sessions`,
    );
    expect(after!.count).toBe(before!.count - 1);
  });

  it('sessions live in the database and survive a server restart', async () => {
    const { agent } = await signIn(harness.app, 'dana');
    const restarted = await buildTestApp(database);
    const cookie = (await agent.get('/api/me')).request.cookies;
    const response = await restarted.request().get('/api/me').set('Cookie', cookie).expect(200);
    expect(response.body.username).toBe('dana');
  });

  it('a disabled account loses its session on the next request', async () => {
    const user = await buildUser(harness.services, { role: 'dispatcher' });
    const { agent } = await signIn(harness.app, user.username);
    await harness.services.usersRepo.update(user.id, { disabled: true });
    await agent.get('/api/me').expect(401);
    await harness
      .request()
      .post('/api/auth/login')
      .send({ username: user.username, password: testPassword })
      .expect(401);
  });
});

describe.each(testDrivers())('sign-in protection on %s', (driver) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase(driver);
  });
  afterAll(() => database.close());

  it('rate-limits sign-in attempts', async () => {
    const harness = await buildTestApp(database, { loginRateLimit: 3 });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await harness
        .request()
        .post('/api/auth/login')
        .send({ username: 'x', password: 'y' })
        .expect(401);
    }
    const limited = await harness
      .request()
      .post('/api/auth/login')
      .send({ username: 'x', password: 'y' })
      .expect(429);
    expect(limited.body.error.code).toBe('rate_limited');
  });

  it('counts only refused sign-ins: a whole floor behind one address signs in', async () => {
    const harness = await buildTestApp(database, { loginRateLimit: 3 });
    const user = await buildUser(harness.services, { role: 'dispatcher' });
    for (let seat = 0; seat < 6; seat += 1) await signIn(harness.app, user.username);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await harness
        .request()
        .post('/api/auth/login')
        .send({ username: user.username, password: 'not it' })
        .expect(401);
    }
    await harness
      .request()
      .post('/api/auth/login')
      .send({ username: user.username, password: 'not it' })
      .expect(429);
  });

  it('locks an account after 5 consecutive failures, audits why, and an unlock releases it', async () => {
    const harness = await buildTestApp(database);
    const user = await buildUser(harness.services, { role: 'analyst' });
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await harness
        .request()
        .post('/api/auth/login')
        .send({ username: user.username, password: 'wrong' })
        .expect(401);
    }
    const locked = await harness
      .request()
      .post('/api/auth/login')
      .send({ username: user.username, password: testPassword })
      .expect(401);
    expect(locked.body.error.code).toBe('invalid_credentials');
    const reasons = await queryRows<{ reason: string }>(
      database.db,
      sql`select details->>'reason' as reason from audit_events where subject_id = ${user.id} and action = 'auth.login' order by id`,
    );
    expect(reasons.map((row) => row.reason)).toEqual([
      ...Array<string>(5).fill('wrong_password'),
      'locked',
    ]);
    const admin = (await import('@watchfloor/authz')).defineAbilityFor({
      id: 'a',
      role: 'admin',
      districts: [],
    });
    await harness.services.usersService.unlock(
      admin,
      { userId: null, username: 'cli', ip: null, requestId: null },
      user.id,
    );
    await harness
      .request()
      .post('/api/auth/login')
      .send({ username: user.username, password: testPassword })
      .expect(200);
  });

  it('ends a session past its absolute lifetime however active it is', async () => {
    const harness = await buildTestApp(database, { sessionPolicy: { maxHours: 1 / 3_600_000 } });
    const user = await buildUser(harness.services, { role: 'dispatcher' });
    const { agent } = await signIn(harness.app, user.username);
    await new Promise((resolve) => setTimeout(resolve, 10));
    await agent.get('/api/me').expect(401);
  });
});

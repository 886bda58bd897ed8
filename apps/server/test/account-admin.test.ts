import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/client.ts';
import { openTestDatabase, testDrivers } from './support/databases.ts';
import { buildTestApp, buildUser, signIn, testPassword } from './support/test-app.ts';

const newPassphrase = 'quiet ferry lamplight orchard 7';

describe.each(testDrivers())('accounts administered from the product on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: Awaited<ReturnType<typeof buildTestApp>>;
  let admin: Awaited<ReturnType<typeof signIn>>;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    harness = await buildTestApp(database, {
      passwordPolicy: { minLength: 12, maxAgeDays: null, historySize: 2 },
    });
    const adminUser = await buildUser(harness.services, { role: 'admin' });
    admin = await signIn(harness.app, adminUser.username);
  });
  afterAll(() => database?.close());

  const asAdmin = (method: 'post' | 'patch' | 'get', path: string) =>
    admin.agent[method](path).set('X-CSRF-Token', admin.csrfToken);

  async function auditActions(subjectId: string) {
    const audit = await asAdmin('get', '/api/audit?limit=200').expect(200);
    return (audit.body.events as { action: string; subjectId: string; outcome: string }[])
      .filter((event) => event.subjectId === subjectId)
      .map((event) => `${event.action}:${event.outcome}`);
  }

  it('creates a user with a one-time password that opens nothing but a password change', async () => {
    const created = await asAdmin('post', '/api/users')
      .send({ username: 'new.dispatcher', role: 'dispatcher', districts: ['1'] })
      .expect(201);
    const { user, oneTimePassword } = created.body as {
      user: { id: string; mustChangePassword: boolean; secondFactors: unknown };
      oneTimePassword: string;
    };
    expect(user).toMatchObject({
      mustChangePassword: true,
      secondFactors: { totp: false, passkeys: 0 },
    });
    expect(oneTimePassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){4}$/);

    const person = await signIn(harness.app, 'new.dispatcher', oneTimePassword);
    const me = await person.agent.get('/api/me').expect(200);
    expect(me.body.passwordChangeRequired).toBe(true);
    const refused = await person.agent.get('/api/calls').expect(403);
    expect(refused.body.error.code).toBe('password_change_required');

    const change = (body: object) =>
      person.agent.post('/api/auth/password').set('X-CSRF-Token', person.csrfToken).send(body);
    const wrong = await change({ currentPassword: 'not it', newPassword: newPassphrase }).expect(
      400,
    );
    expect(wrong.body.error.issues[0].path).toBe('currentPassword');
    const same = await change({ currentPassword: oneTimePassword, newPassword: oneTimePassword });
    expect(same.status).toBe(400);
    expect(same.body.error.issues[0]).toMatchObject({ path: 'newPassword' });
    const common = await change({ currentPassword: oneTimePassword, newPassword: '1q2w3e4r5t6y' });
    expect(common.body.error.issues[0].message).toMatch(/breached/);
    const short = await change({ currentPassword: oneTimePassword, newPassword: 'ab3$ q9' });
    expect(short.body.error.issues[0].message).toBe('Use at least 12 characters');

    await change({ currentPassword: oneTimePassword, newPassword: newPassphrase }).expect(204);
    expect((await person.agent.get('/api/me').expect(200)).body.passwordChangeRequired).toBe(false);
    await person.agent.get('/api/calls').expect(200);
    // The one-time password is gone.
    await supertest(harness.app)
      .post('/api/auth/login')
      .send({ username: 'new.dispatcher', password: oneTimePassword })
      .expect(401);
    expect(await auditActions(user.id)).toEqual(
      expect.arrayContaining([
        'user.create:success',
        'password.change:failure',
        'password.change:success',
      ]),
    );
  });

  it('refuses a duplicate username, an integration role and a district the agency lacks', async () => {
    const taken = await asAdmin('post', '/api/users')
      .send({ username: 'NEW.dispatcher', role: 'dispatcher' })
      .expect(409);
    expect(taken.body.error.issues[0].path).toBe('username');
    const integration = await asAdmin('post', '/api/users')
      .send({ username: 'feed', role: 'integration' })
      .expect(400);
    expect(integration.body.error.issues[0].path).toBe('role');
    const district = await asAdmin('post', '/api/users')
      .send({ username: 'sup.x', role: 'supervisor', districts: ['NOPE'] })
      .expect(400);
    expect(district.body.error.issues[0].path).toBe('districts.0');
  });

  it('changes grants and display name, and refuses grants that do not fit', async () => {
    const person = await buildUser(harness.services, { role: 'dispatcher' });
    const changed = await asAdmin('patch', `/api/users/${person.id}`)
      .send({ role: 'supervisor', districts: ['2'], displayName: 'Sgt. Rivera' })
      .expect(200);
    expect(changed.body).toMatchObject({
      role: 'supervisor',
      districts: ['2'],
      displayName: 'Sgt. Rivera',
    });
    const analyst = await asAdmin('patch', `/api/users/${person.id}`)
      .send({ role: 'analyst' })
      .expect(400);
    expect(analyst.body.error.issues[0].path).toBe('districts');
    await asAdmin('patch', `/api/users/${person.id}`).send({}).expect(400);
    expect(await auditActions(person.id)).toContain('user.grants:success');
  });

  it('resets a password: sessions end, a one-time password is answered once', async () => {
    const person = await buildUser(harness.services, { role: 'analyst' });
    const session = await signIn(harness.app, person.username);
    const reset = await asAdmin('post', `/api/users/${person.id}/password/reset`).expect(200);
    expect(reset.body.user.mustChangePassword).toBe(true);
    await session.agent.get('/api/me').expect(401);
    await supertest(harness.app)
      .post('/api/auth/login')
      .send({ username: person.username, password: testPassword })
      .expect(401);
    const again = await signIn(harness.app, person.username, reset.body.oneTimePassword as string);
    expect((await again.agent.get('/api/me')).body.passwordChangeRequired).toBe(true);
    expect(await auditActions(person.id)).toContain('password.reset:success');
  });

  it('lists a user’s sessions and ends one of them, not the others', async () => {
    const person = await buildUser(harness.services, { role: 'dispatcher' });
    const first = await signIn(harness.app, person.username);
    const second = await signIn(harness.app, person.username);
    const listed = await asAdmin('get', `/api/users/${person.id}/sessions`).expect(200);
    const sessions = listed.body.sessions as {
      id: string;
      authenticatedBy: string[];
      current: boolean;
      signedInAt: string;
    }[];
    expect(sessions).toHaveLength(2);
    expect(sessions.every((s) => /^[0-9a-f]{64}$/.test(s.id) && !s.current)).toBe(true);
    expect(sessions[0]!.authenticatedBy).toEqual(['pwd']);
    // The newest sign-in is listed first: end it, and only the second agent is signed out.
    await asAdmin('post', `/api/users/${person.id}/sessions/${sessions[0]!.id}/end`).expect(204);
    await second.agent.get('/api/me').expect(401);
    await first.agent.get('/api/me').expect(200);
    await asAdmin('post', `/api/users/${person.id}/sessions/${sessions[0]!.id}/end`).expect(404);
    await asAdmin('post', `/api/users/${person.id}/sessions/not-a-handle/end`).expect(404);
    // Another user's session handle does not end it through this account.
    const mine = await asAdmin('get', `/api/users/${person.id}/sessions`).expect(200);
    const other = await buildUser(harness.services);
    await asAdmin('post', `/api/users/${other.id}/sessions/${mine.body.sessions[0].id}/end`).expect(
      404,
    );
    await first.agent.get('/api/me').expect(200);
    expect(await auditActions(person.id)).toContain('session.end:success');
  });

  it('a password change ends the person’s other sessions and keeps this one', async () => {
    const person = await buildUser(harness.services, { role: 'dispatcher' });
    const here = await signIn(harness.app, person.username);
    const elsewhere = await signIn(harness.app, person.username);
    await here.agent
      .post('/api/auth/password')
      .set('X-CSRF-Token', here.csrfToken)
      .send({ currentPassword: testPassword, newPassword: newPassphrase })
      .expect(204);
    await elsewhere.agent.get('/api/me').expect(401);
    await here.agent.get('/api/me').expect(200);
  });

  it('keeps a history when configured: a recent password cannot come back', async () => {
    const person = await buildUser(harness.services, { role: 'analyst' });
    const session = await signIn(harness.app, person.username);
    const change = (from: string, to: string) =>
      session.agent
        .post('/api/auth/password')
        .set('X-CSRF-Token', session.csrfToken)
        .send({ currentPassword: from, newPassword: to });
    await change(testPassword, newPassphrase).expect(204);
    const back = await change(newPassphrase, testPassword).expect(400);
    expect(back.body.error.issues[0].message).toMatch(/not used recently/);
  });
});

describe.each(testDrivers())('password expiry by configuration on %s', (driver) => {
  let database: DatabaseHandle;
  afterAll(() => database?.close());

  it('an expired password opens only the password change', async () => {
    database = await openTestDatabase(driver);
    const harness = await buildTestApp(database, {
      passwordPolicy: { minLength: 12, maxAgeDays: 90, historySize: 0 },
    });
    const person = await buildUser(harness.services, { role: 'dispatcher' });
    const fresh = await signIn(harness.app, person.username);
    expect((await fresh.agent.get('/api/me')).body.passwordChangeRequired).toBe(false);
    await harness.services.usersRepo.update(person.id, {
      passwordChangedAt: new Date(Date.now() - 91 * 86_400_000),
    });
    expect((await fresh.agent.get('/api/me')).body.passwordChangeRequired).toBe(true);
    await fresh.agent.get('/api/calls').expect(403);
  });
});

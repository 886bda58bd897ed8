import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@watchfloor/authz';
import type { TotpEnrollResponse } from '@watchfloor/contracts';
import { sql } from 'drizzle-orm';
import { queryRows, type DatabaseHandle } from '../../src/db/client.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';
import { appRoutes, concretePath } from '../support/route-table.ts';
import { buildTestApp, buildUser, signIn, testPassword } from '../support/test-app.ts';
import { startRealtimeHarness, type RealtimeHarness } from '../support/realtime-harness.ts';
import { enrolAfterPassword, passwordStep, totpCode } from './mfa-support.ts';

type Harness = Awaited<ReturnType<typeof buildTestApp>>;

/**
 * What a session that has only passed the password may reach: the public routes, and
 * the steps that finish the sign-in. Everything else must refuse it.
 */
const reachableHalfWay = new Set([
  'GET /healthz',
  'GET /readyz',
  'GET /api/openapi.json',
  // How one may sign in: public, and says nothing about anyone.
  'GET /api/auth/providers',
  'GET /api/auth/mfa',
  'POST /api/auth/mfa/totp/enroll',
  'POST /api/auth/mfa/webauthn/register/options',
]);

const roles: Role[] = ['dispatcher', 'supervisor', 'analyst', 'admin'];

async function auditActions(database: DatabaseHandle, userId: string) {
  const rows = await queryRows<{ action: string; outcome: string; details: unknown }>(
    database.db,
    sql`select action, outcome, details from audit_events
        where actor_user_id = ${userId} or subject_id = ${userId} order by id`,
  );
  return rows.map((row) => `${row.action}:${row.outcome}`);
}

describe.each(testDrivers())('second factor required (MFA_REQUIRED) on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: Harness;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    harness = await buildTestApp(database, { mfaRequired: true });
  });
  afterAll(() => database?.close());

  it.each(roles)(
    'gives a %s nothing but enrolment until a second factor is proven',
    async (role) => {
      const user = await buildUser(harness.services, {
        role,
        districts: role === 'dispatcher' ? ['1'] : [],
      });
      const { agent, pending, csrfToken } = await passwordStep(harness.app, user.username);
      expect(pending).toMatchObject({ enrollmentRequired: true, methods: ['totp', 'webauthn'] });

      const reached: string[] = [];
      for (const route of appRoutes(harness.app)) {
        if (route.path.includes('{*')) continue;
        const key = `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`;
        const verb = route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete';
        const response = await agent[verb](concretePath(route.path))
          .set('X-CSRF-Token', csrfToken)
          .send({});
        if (response.status < 300 && !reachableHalfWay.has(key))
          reached.push(`${key} ${response.status}`);
        if (reachableHalfWay.has(key)) continue;
        expect([400, 401, 403, 404, 405, 409, 428], key).toContain(response.status);
      }
      expect(reached).toEqual([]);
      // The data a person reaches once signed in is refused by name, too.
      await agent.get('/api/me').expect(401);
      await agent.get('/api/calls').expect(401);

      // Enrolling completes the sign-in; the person is then in.
      const enrolled = await enrolAfterPassword(harness.app, user.username);
      expect(enrolled.recoveryCodes).toHaveLength(10);
      expect(new Set(enrolled.recoveryCodes).size).toBe(10);
      await enrolled.agent.get('/api/me').expect(200);
    },
  );

  it('asks an enrolled person for the code, refuses a wrong or replayed one, and accepts each recovery code once', async () => {
    const user = await buildUser(harness.services, { role: 'analyst' });
    const { secret, recoveryCodes } = await enrolAfterPassword(harness.app, user.username);

    const first = await passwordStep(harness.app, user.username);
    expect(first.pending).toMatchObject({
      enrollmentRequired: false,
      methods: ['totp', 'recovery_code'],
    });
    // Someone who knows the password cannot enrol their own app instead.
    await first.agent
      .post('/api/auth/mfa/totp/enroll')
      .set('X-CSRF-Token', first.csrfToken)
      .expect(403);
    const wrong = await first.agent
      .post('/api/auth/mfa')
      .set('X-CSRF-Token', first.csrfToken)
      .send({ code: '000000' === (await totpCode(secret)) ? '111111' : '000000' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_code');

    // The code of the next period: the one enrolment used is spent.
    const code = await totpCode(secret, 1);
    const signedIn = await first.agent
      .post('/api/auth/mfa')
      .set('X-CSRF-Token', first.csrfToken)
      .send({ code })
      .expect(200);
    expect(signedIn.body).toMatchObject({ mfaRequired: false, user: { username: user.username } });
    await first.agent.get('/api/me').expect(200);

    // The same code again, in a new sign-in within its window: a replay.
    const second = await passwordStep(harness.app, user.username);
    await second.agent
      .post('/api/auth/mfa')
      .set('X-CSRF-Token', second.csrfToken)
      .send({ code })
      .expect(401);
    // A recovery code, typed loosely (case, spaces), works once.
    const recovery = recoveryCodes[3]!;
    const loose = ` ${recovery.toUpperCase().replaceAll('-', ' ')} `;
    const recovered = await second.agent
      .post('/api/auth/mfa')
      .set('X-CSRF-Token', second.csrfToken)
      .send({ code: loose })
      .expect(200);
    expect(recovered.body.mfaRequired).toBe(false);
    const third = await passwordStep(harness.app, user.username);
    await third.agent
      .post('/api/auth/mfa')
      .set('X-CSRF-Token', third.csrfToken)
      .send({ code: recovery })
      .expect(401);
    const status = await third.agent.get('/api/auth/mfa/status');
    expect(status.status).toBe(401);

    expect(await auditActions(database, user.id)).toEqual(
      expect.arrayContaining([
        'auth.password:success',
        'mfa.enroll:success',
        'auth.mfa:failure',
        'auth.mfa:success',
        'auth.login:success',
      ]),
    );
  });

  it('counts wrong codes toward the lockout; a right password does not clear them', async () => {
    const user = await buildUser(harness.services, { role: 'supervisor' });
    const { secret } = await enrolAfterPassword(harness.app, user.username);
    const current = await totpCode(secret, 1);
    const wrongCode = current === '123456' ? '654321' : '123456';
    // Four wrong codes across two password sign-ins, then a fifth: the account locks.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const step = await passwordStep(harness.app, user.username);
      const response = await step.agent
        .post('/api/auth/mfa')
        .set('X-CSRF-Token', step.csrfToken)
        .send({ code: wrongCode });
      expect(response.status).toBe(401);
    }
    const row = await harness.services.usersRepo.findById(user.id);
    expect(row!.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
    // Locked: the password is refused, and so would be the right code.
    await supertest(harness.app)
      .post('/api/auth/login')
      .send({ username: user.username, password: testPassword })
      .expect(401);
  });

  it('ends a session signed in without a second factor from before MFA was required', async () => {
    const relaxed = await buildTestApp(database, { mfaRequired: false });
    const user = await buildUser(relaxed.services, { role: 'dispatcher', districts: ['1'] });
    const login = await supertest(relaxed.app)
      .post('/api/auth/login')
      .send({ username: user.username, password: testPassword })
      .expect(200);
    const cookie = (login.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
    await supertest(relaxed.app).get('/api/me').set('Cookie', cookie).expect(200);
    // The same database and session rows, now served with MFA required.
    await supertest(harness.app).get('/api/me').set('Cookie', cookie).expect(401);
    // The session is gone, not just refused there.
    await supertest(relaxed.app).get('/api/me').set('Cookie', cookie).expect(401);
  });

  it('lets an administrator reset a person’s factors: sessions end, and the person enrols again', async () => {
    const admin = await buildUser(harness.services, { role: 'admin' });
    const adminSession = await enrolAfterPassword(harness.app, admin.username);
    const person = await buildUser(harness.services, { role: 'analyst' });
    const personSession = await enrolAfterPassword(harness.app, person.username);
    await personSession.agent.get('/api/me').expect(200);

    const reset = await adminSession.agent
      .post(`/api/users/${person.id}/mfa/reset`)
      .set('X-CSRF-Token', adminSession.csrfToken)
      .expect(200);
    expect(reset.body.removed).toEqual({
      totp: true,
      webauthnCredentials: 0,
      recoveryCodesLeft: 10,
    });
    await personSession.agent.get('/api/me').expect(401);
    const again = await passwordStep(harness.app, person.username);
    expect(again.pending.enrollmentRequired).toBe(true);
    expect(await auditActions(database, person.id)).toContain('mfa.reset:success');

    // A person cannot reset anyone's factors, their own included.
    const other = await enrolAfterPassword(
      harness.app,
      (await buildUser(harness.services, { role: 'supervisor' })).username,
    );
    await other.agent
      .post(`/api/users/${person.id}/mfa/reset`)
      .set('X-CSRF-Token', other.csrfToken)
      .expect(404);
  });
});

describe.each(testDrivers())('second factor optional on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: Harness;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    harness = await buildTestApp(database, { mfaRequired: false });
  });
  afterAll(() => database?.close());

  it('signs in with the password alone until a person enrols; from then on the code is asked', async () => {
    const user = await buildUser(harness.services, { role: 'dispatcher', districts: ['1'] });
    const session = await signIn(harness.app, user.username);
    const status = await session.agent.get('/api/auth/mfa/status').expect(200);
    expect(status.body).toEqual({
      required: false,
      totp: false,
      webauthnCredentials: 0,
      recoveryCodesLeft: 0,
    });

    const enrolment = await session.agent
      .post('/api/auth/mfa/totp/enroll')
      .set('X-CSRF-Token', session.csrfToken)
      .expect(200);
    const { secret, otpauthUrl, qrSvg } = enrolment.body as TotpEnrollResponse;
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expect(otpauthUrl).toContain(`secret=${secret}`);
    expect(qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    await session.agent
      .post('/api/auth/mfa/totp/confirm')
      .set('X-CSRF-Token', session.csrfToken)
      .send({ code: '000000' === (await totpCode(secret)) ? '111111' : '000000' })
      .expect(401);
    const confirmed = await session.agent
      .post('/api/auth/mfa/totp/confirm')
      .set('X-CSRF-Token', session.csrfToken)
      .send({ code: await totpCode(secret) })
      .expect(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect(confirmed.body.signedIn).toBeUndefined();
    // A second app cannot replace the first without an administrator.
    await session.agent
      .post('/api/auth/mfa/totp/enroll')
      .set('X-CSRF-Token', session.csrfToken)
      .expect(409);

    const next = await passwordStep(harness.app, user.username);
    expect(next.pending.methods).toEqual(['totp', 'recovery_code']);
    await next.agent.get('/api/me').expect(401);
  });

  it('keeps the secret sealed and the recovery codes only as digests', async () => {
    const user = await buildUser(harness.services, { role: 'analyst' });
    const session = await signIn(harness.app, user.username);
    const enrolment = await session.agent
      .post('/api/auth/mfa/totp/enroll')
      .set('X-CSRF-Token', session.csrfToken)
      .expect(200);
    const secret = enrolment.body.secret as string;
    const confirmed = await session.agent
      .post('/api/auth/mfa/totp/confirm')
      .set('X-CSRF-Token', session.csrfToken)
      .send({ code: await totpCode(secret) })
      .expect(200);
    const stored = JSON.stringify(
      await queryRows(
        database.db,
        sql`select t.sealed_secret, r.code_digest, s.data from user_totp t
            join user_recovery_codes r using (user_id)
            left join sessions s on s.user_id = t.user_id
            where t.user_id = ${user.id}`,
      ),
    );
    expect(stored).not.toContain(secret);
    for (const code of confirmed.body.recoveryCodes as string[]) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replaceAll('-', ''));
    }
  });
});

describe('second factor required: live sockets', () => {
  let database: DatabaseHandle;
  let realtime: RealtimeHarness;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    realtime = await startRealtimeHarness(database, { secondFactorRequired: true });
  });
  afterAll(async () => {
    await realtime?.close();
    await database?.close();
  });

  const cookieOf = (response: { headers: Record<string, unknown> }) =>
    (response.headers['set-cookie'] as string[])[0]!.split(';')[0]!;

  it('refuses a socket to a session that has only passed the password, and opens one after the code', async () => {
    const user = await buildUser(realtime.services, { role: 'dispatcher', districts: ['1'] });
    const login = await realtime
      .request()
      .post('/api/auth/login')
      .send({ username: user.username, password: testPassword })
      .expect(200);
    const halfWay = cookieOf(login);
    await expect(realtime.connected(realtime.connect(halfWay))).rejects.toThrow(/unauthorized/);

    const csrf = (login.body as { csrfToken: string }).csrfToken;
    const enrolment = await realtime
      .request()
      .post('/api/auth/mfa/totp/enroll')
      .set('Cookie', halfWay)
      .set('X-CSRF-Token', csrf)
      .expect(200);
    const confirmed = await realtime
      .request()
      .post('/api/auth/mfa/totp/confirm')
      .set('Cookie', halfWay)
      .set('X-CSRF-Token', csrf)
      .send({ code: await totpCode((enrolment.body as { secret: string }).secret) })
      .expect(200);
    // The half-way session id is worthless; the signed-in one gets its socket.
    await expect(realtime.connected(realtime.connect(halfWay))).rejects.toThrow(/unauthorized/);
    const socket = await realtime.connected(realtime.connect(cookieOf(confirmed)));
    expect(socket.connected).toBe(true);
  });
});

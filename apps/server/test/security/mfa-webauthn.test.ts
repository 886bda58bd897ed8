import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrolmentConfirmed } from '@watchfloor/contracts';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { openTestDatabase, testDrivers } from '../support/databases.ts';
import { buildTestApp, buildUser } from '../support/test-app.ts';
import { passwordStep } from './mfa-support.ts';
import { softwareAuthenticator, type SoftwareAuthenticator } from './software-authenticator.ts';

type Harness = Awaited<ReturnType<typeof buildTestApp>>;
type Step = Awaited<ReturnType<typeof passwordStep>>;

const origin = 'https://watchfloor.test';

describe.each(testDrivers())('passkeys (WebAuthn) as the second factor on %s', (driver) => {
  let database: DatabaseHandle;
  let harness: Harness;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    harness = await buildTestApp(database, { mfaRequired: true, webauthnOrigin: origin });
  });
  afterAll(() => database?.close());

  /** A new person who enrols `key` right after their password, as MFA_REQUIRED makes them. */
  async function enrolledWith(key: SoftwareAuthenticator) {
    const user = await buildUser(harness.services, { role: 'supervisor' });
    const step = await passwordStep(harness.app, user.username);
    expect(step.pending.methods).toEqual(['totp', 'webauthn']);
    const options = await step.agent
      .post('/api/auth/mfa/webauthn/register/options')
      .set('X-CSRF-Token', step.csrfToken)
      .expect(200);
    expect(options.body.rp).toEqual({ id: 'watchfloor.test', name: 'Watchfloor' });
    expect(options.body.attestation).toBe('none');
    const registered = await step.agent
      .post('/api/auth/mfa/webauthn/register')
      .set('X-CSRF-Token', step.csrfToken)
      .send({ response: key.register(options.body, origin), name: 'Desk key' })
      .expect(200);
    const body = registered.body as EnrolmentConfirmed;
    expect(body.recoveryCodes).toHaveLength(10);
    expect(body.signedIn?.user.username).toBe(user.username);
    await step.agent.get('/api/me').expect(200);
    return user;
  }

  async function challenge(step: Step) {
    const options = await step.agent
      .post('/api/auth/mfa/webauthn/options')
      .set('X-CSRF-Token', step.csrfToken)
      .expect(200);
    return options.body as { challenge: string; rpId: string; allowCredentials: { id: string }[] };
  }

  const prove = (step: Step, webauthn: object) =>
    step.agent.post('/api/auth/mfa').set('X-CSRF-Token', step.csrfToken).send({ webauthn });

  it('enrols a passkey after the password, then signs in with it', async () => {
    const key = softwareAuthenticator();
    const user = await enrolledWith(key);

    const step = await passwordStep(harness.app, user.username);
    expect(step.pending.methods).toEqual(['webauthn', 'recovery_code']);
    await step.agent.get('/api/me').expect(401);
    const options = await challenge(step);
    expect(options.allowCredentials.map((credential) => credential.id)).toEqual([key.credentialId]);
    const signedIn = await prove(step, key.assert(options, origin)).expect(200);
    expect(signedIn.body).toMatchObject({ mfaRequired: false, user: { username: user.username } });
    await step.agent.get('/api/calls').expect(200);
  });

  it('refuses an assertion made for another site, a replayed one, a cloned key and a stranger’s key', async () => {
    const key = softwareAuthenticator();
    const user = await enrolledWith(key);
    const stranger = softwareAuthenticator();
    await enrolledWith(stranger);

    // Signed on a look-alike site the person was lured to: the origin does not match.
    const phished = await passwordStep(harness.app, user.username);
    const phishedOptions = await challenge(phished);
    await prove(phished, key.assert(phishedOptions, 'https://watchf1oor.test')).expect(401);

    // Another person's key, even with this session's challenge.
    const wrongKey = await passwordStep(harness.app, user.username);
    await prove(wrongKey, stranger.assert(await challenge(wrongKey), origin)).expect(401);

    // A good assertion answers its challenge once; sent again it finds none.
    const step = await passwordStep(harness.app, user.username);
    const assertion = key.assert(await challenge(step), origin);
    await prove(step, assertion).expect(200);
    const again = await passwordStep(harness.app, user.username);
    const replay = await prove(again, assertion);
    expect(replay.status).toBe(409);
    expect(replay.body.error.code).toBe('no_challenge');
    // Asked for, the new challenge does not match the old assertion either.
    await challenge(again);
    await prove(again, assertion).expect(401);

    // A copy of the key that reports an old signature counter.
    key.setCounter(0);
    const cloned = await passwordStep(harness.app, user.username);
    await prove(cloned, key.assert(await challenge(cloned), origin)).expect(401);

    // Each refusal since the last sign-in counts toward the lockout: the wrong challenge
    // and the clone (a request without any challenge proves nothing and is not counted).
    const row = await harness.services.usersRepo.findById(user.id);
    expect(row!.failedLoginCount).toBe(2);
  });

  it('lets a recently signed-in person add a second passkey, keeping their recovery codes', async () => {
    const first = softwareAuthenticator();
    const user = await enrolledWith(first);
    const step = await passwordStep(harness.app, user.username);
    await prove(step, first.assert(await challenge(step), origin)).expect(200);
    const signedInToken = (await step.agent.get('/api/auth/csrf').expect(200)).body
      .csrfToken as string;

    const second = softwareAuthenticator();
    const options = await step.agent
      .post('/api/auth/mfa/webauthn/register/options')
      .set('X-CSRF-Token', signedInToken)
      .expect(200);
    expect(options.body.excludeCredentials.map((c: { id: string }) => c.id)).toEqual([
      first.credentialId,
    ]);
    const added = await step.agent
      .post('/api/auth/mfa/webauthn/register')
      .set('X-CSRF-Token', signedInToken)
      .send({ response: second.register(options.body, origin) })
      .expect(200);
    expect(added.body).toEqual({ recoveryCodes: [] });
    const status = await step.agent.get('/api/auth/mfa/status').expect(200);
    expect(status.body).toMatchObject({ webauthnCredentials: 2, recoveryCodesLeft: 10 });
  });

  it('refuses a registration answering a challenge it was not given', async () => {
    const user = await buildUser(harness.services, { role: 'analyst' });
    const step = await passwordStep(harness.app, user.username);
    const key = softwareAuthenticator();
    const forged = key.register(
      { challenge: 'bm90LWdpdmVu', rp: { id: 'watchfloor.test' } },
      origin,
    );
    const withoutOptions = await step.agent
      .post('/api/auth/mfa/webauthn/register')
      .set('X-CSRF-Token', step.csrfToken)
      .send({ response: forged });
    expect(withoutOptions.status).toBe(409);
    await step.agent
      .post('/api/auth/mfa/webauthn/register/options')
      .set('X-CSRF-Token', step.csrfToken)
      .expect(200);
    await step.agent
      .post('/api/auth/mfa/webauthn/register')
      .set('X-CSRF-Token', step.csrfToken)
      .send({ response: forged })
      .expect(401);
    await step.agent.get('/api/me').expect(401);
  });
});

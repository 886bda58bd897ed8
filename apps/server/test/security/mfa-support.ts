import { generate } from 'otplib';
import supertest from 'supertest';
import { expect } from 'vitest';
import type { SecondFactorPending, EnrolmentConfirmed } from '@watchfloor/contracts';
import { testPassword } from '../support/test-app.ts';

type App = Parameters<typeof supertest.agent>[0];

/** The code an authenticator app shows for `secret`, `stepsAhead` periods from now. */
export function totpCode(secret: string, stepsAhead = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 });
}

/** A password sign-in that must stop half-way, owing a second factor. */
export async function passwordStep(app: App, username: string, password = testPassword) {
  const agent = supertest.agent(app);
  const response = await agent.post('/api/auth/login').send({ username, password }).expect(200);
  const pending = response.body as SecondFactorPending;
  expect(pending.mfaRequired).toBe(true);
  return { agent, pending, csrfToken: pending.csrfToken };
}

/**
 * Enrols an authenticator app right after the password, as a new person must when
 * MFA is required: answers the app's secret, the recovery codes and the signed-in agent.
 */
export async function enrolAfterPassword(app: App, username: string) {
  const { agent, csrfToken } = await passwordStep(app, username);
  const enrolment = await agent
    .post('/api/auth/mfa/totp/enroll')
    .set('X-CSRF-Token', csrfToken)
    .expect(200);
  const secret = (enrolment.body as { secret: string }).secret;
  const confirmed = await agent
    .post('/api/auth/mfa/totp/confirm')
    .set('X-CSRF-Token', csrfToken)
    .send({ code: await totpCode(secret) })
    .expect(200);
  const body = confirmed.body as EnrolmentConfirmed;
  expect(body.signedIn?.user.username).toBe(username);
  return { agent, secret, recoveryCodes: body.recoveryCodes, csrfToken: body.signedIn!.csrfToken };
}

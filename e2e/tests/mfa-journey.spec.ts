import { expect, test, type Page } from '@playwright/test';
import { generate } from 'otplib';
import { e2eDemoPassword, e2ePort } from '../support/environment.ts';
import { ownServer } from '../support/server.ts';
import { expectNoSeriousA11yViolations, signIn } from '../support/session.ts';

/** The code an authenticator app shows for `secret`, `stepsAhead` periods from now. */
const appCode = (secret: string, stepsAhead = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 });

async function readSecret(page: Page): Promise<string> {
  const shown = await page.locator('.totp-secret').textContent();
  return (shown ?? '').replace(/\s/g, '');
}

/**
 * Journey: an agency that requires a second factor (MFA_REQUIRED=true). A dispatcher's
 * first sign-in goes through enrolment (QR code, first code, recovery codes); the next
 * one asks for the app's code. Nothing of the floor shows before the second factor.
 */
test('with MFA required, a person enrols an authenticator app, then signs in with its code', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const server = await ownServer(e2ePort + 8, '.data-mfa', {
    MFA_REQUIRED: 'true',
    DEMO_HISTORY_DAYS: '0',
  });
  await server.start();
  const context = await browser.newContext({ baseURL: server.url });
  try {
    const page = await context.newPage();
    await signInWithPassword(page, 'dispatcher');

    await page.getByRole('button', { name: 'Use an authenticator app' }).click();
    await expect(
      page.getByRole('heading', { name: 'Set up your authenticator app' }),
    ).toBeVisible();
    // Half-way through sign-in the floor's data is out of reach.
    expect((await page.request.get('/api/calls')).status()).toBe(401);
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'Show the QR code' }).click();
    await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('1-enrol-qr.png'), fullPage: true });
    const secret = await readSecret(page);
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);

    await page.getByLabel('The code the app now shows').fill(await appCode(secret));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByRole('heading', { name: 'Your recovery codes' })).toBeVisible();
    await expect(
      page.getByRole('list', { name: 'Your recovery codes' }).getByRole('listitem'),
    ).toHaveCount(10);
    await page.screenshot({ path: test.info().outputPath('2-recovery-codes.png'), fullPage: true });
    await page.getByLabel('I have kept these codes somewhere safe').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await signIn(page, 'dispatcher', 'not the password');
    await expect(page.getByRole('alert')).toContainText(/wrong username or password/i);
    await signInWithPassword(page, 'dispatcher');
    const code = page.getByLabel('Authentication code');
    await expect(code).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await code.fill('000000' === (await appCode(secret, 1)) ? '111111' : '000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByRole('alert')).toContainText(/not valid/);
    // The next period's code: the one enrolment used is spent.
    await code.fill(await appCode(secret, 1));
    await page.screenshot({ path: test.info().outputPath('3-code.png'), fullPage: true });
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    expect((await page.request.get('/api/calls')).status()).toBe(200);
  } finally {
    await context.close();
    await server.stop();
  }
});

/**
 * Journey: the same agency, a supervisor who uses a passkey. Chromium's virtual
 * authenticator plays the device's platform authenticator (fingerprint, face or PIN).
 * Passkeys need a host name, not an IP address: the browser uses localhost here.
 */
test('with MFA required, a person enrols a passkey, then signs in with it', async ({ browser }) => {
  test.setTimeout(150_000);
  const port = e2ePort + 9;
  const server = await ownServer(port, '.data-mfa-passkey', {
    MFA_REQUIRED: 'true',
    DEMO_HISTORY_DAYS: '0',
  });
  await server.start();
  const context = await browser.newContext({ baseURL: `http://localhost:${port}` });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });

    await signInWithPassword(page, 'supervisor');
    await expect(page.getByRole('heading', { name: 'Add a second factor' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.screenshot({ path: test.info().outputPath('1-choose.png'), fullPage: true });
    await page.getByRole('button', { name: 'Use a passkey or security key' }).click();
    await page.getByRole('button', { name: 'Create the passkey' }).click();
    await expect(page.getByRole('heading', { name: 'Your recovery codes' })).toBeVisible();
    await page.getByLabel('I have kept these codes somewhere safe').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await signInWithPassword(page, 'supervisor');
    const usePasskey = page.getByRole('button', { name: 'Use your passkey instead' });
    await expect(usePasskey).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('2-second-factor.png'), fullPage: true });
    await usePasskey.click();
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    expect((await page.request.get('/api/auth/mfa/status')).status()).toBe(200);
    const status = (await (await page.request.get('/api/auth/mfa/status')).json()) as {
      webauthnCredentials: number;
    };
    expect(status.webauthnCredentials).toBe(1);
  } finally {
    await context.close();
    await server.stop();
  }
});

async function signInWithPassword(page: Page, username: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(e2eDemoPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

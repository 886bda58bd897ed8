import { expect, request, test } from '@playwright/test';
import { pointInDistrict } from '../support/agency.ts';
import { e2eDemoPassword, e2ePort } from '../support/environment.ts';
import { ownServer } from '../support/server.ts';
import { signIn } from '../support/session.ts';

/**
 * Journey 3: the server restarts mid-session. The dashboard says live updates are lost (and
 * stops looking live), then, once the server is back, resyncs without a reload: a call
 * created while the browser could not hear about it appears, and the banner says so.
 */
test('after a server restart the dashboard resyncs without a reload', async ({ browser }) => {
  test.setTimeout(150_000);
  const server = await ownServer(e2ePort + 7, '.data-restart');
  await server.start();
  const context = await browser.newContext({ baseURL: server.url });
  try {
    const page = await context.newPage();
    await signIn(page, 'dispatcher');
    await expect(page.getByText('Live', { exact: true })).toBeVisible();
    // Survives only if the page is never reloaded.
    await page.evaluate(() => {
      Object.assign(globalThis, { sameDocument: true });
    });

    await server.stop();
    await expect(page.getByText('Live updates lost — reconnecting…')).toBeVisible();
    await expect(page.getByText(/^Not live/)).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('1-connection-lost.png') });

    // While the browser cannot reach the server, the server returns and a call is created.
    await context.setOffline(true);
    await server.start();
    const address = `${Date.now() % 100000} Restart Avenue`;
    await createCall(server.url, address);

    await context.setOffline(false);
    await expect(page.getByRole('option').filter({ hasText: address })).toBeVisible({
      timeout: 30_000,
    });
    await expect(page.getByText('Live', { exact: true })).toBeVisible();
    expect(await page.evaluate(() => 'sameDocument' in globalThis)).toBe(true);
    await page.screenshot({ path: test.info().outputPath('2-resynced.png') });
  } finally {
    await context.close();
    await server.stop();
  }
});

/** A call created through the REST API, as another dispatcher's screen would. */
async function createCall(baseURL: string, address: string) {
  const api = await request.newContext({ baseURL });
  try {
    const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as {
      csrfToken: string;
    };
    const login = await api.post('/api/auth/login', {
      headers: { 'X-CSRF-Token': csrfToken },
      data: { username: 'dispatcher', password: e2eDemoPassword },
    });
    expect(login.status()).toBe(200);
    const session = (await login.json()) as { csrfToken: string };
    const point = await pointInDistrict(api, '1');
    const created = await api.post('/api/calls', {
      headers: { 'X-CSRF-Token': session.csrfToken },
      data: { callType: 'SHOTS', lat: point.lat, lon: point.lon, address },
    });
    expect(created.status()).toBe(201);
  } finally {
    await api.dispose();
  }
}

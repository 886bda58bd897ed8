import { expect, test } from '@playwright/test';
import { signIn } from '../support/session.ts';

/**
 * Journey 2: an analyst cannot reach the live views. The UI sends them away from the map and
 * the unit board, no live socket is opened, and the API refuses the live data itself.
 */
test('an analyst is kept out of the live views, in the UI and by the API', async ({
  page,
  browser,
}) => {
  const sockets: string[] = [];
  page.on('websocket', (socket) => sockets.push(socket.url()));
  await signIn(page, 'analyst');
  await expect(page.getByRole('main')).toBeVisible();
  await expect(page).not.toHaveURL(/\/(map|units)/);

  for (const livePath of ['/map', '/units', '/map?call=anything']) {
    await page.goto(livePath);
    await expect(page.getByRole('main')).toBeVisible();
    await expect(page).not.toHaveURL(/\/(map|units)/);
    await expect(page.locator('canvas.maplibregl-canvas')).toHaveCount(0);
  }
  await page.screenshot({ path: test.info().outputPath('analyst-redirected.png') });
  expect(sockets).toEqual([]);

  // The API: units are forbidden outright; an open call, by id, does not exist for them.
  expect((await page.request.get('/api/units')).status()).toBe(403);
  const dispatcherContext = await browser.newContext();
  const dispatcher = await dispatcherContext.newPage();
  await signIn(dispatcher, 'dispatcher');
  await expect(dispatcher.getByText('Live', { exact: true })).toBeVisible();
  const open = (await (
    await dispatcher.request.get('/api/calls?status=pending,dispatched,enroute,onscene&limit=1')
  ).json()) as { calls: { id: string }[] };
  const openCall = open.calls[0];
  expect(openCall, 'the demo city has open calls').toBeDefined();
  expect((await page.request.get(`/api/calls/${openCall!.id}`)).status()).toBe(404);
  const analystOpen = (await (
    await page.request.get('/api/calls?status=pending,dispatched,enroute,onscene')
  ).json()) as { calls: unknown[] };
  expect(analystOpen.calls).toEqual([]);
  await dispatcherContext.close();
});

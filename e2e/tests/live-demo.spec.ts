import { expect, test } from '@playwright/test';
import { signIn } from '../support/session.ts';

interface UnitView {
  id: string;
  position: { lat: number; lon: number; at: string } | null;
}

/**
 * The README's promise: the embedded default shows the demo city live within
 * seconds — calls in the queue, units on the map, and positions moving.
 */
test('a dispatcher sees the demo city live: calls queued and units moving', async ({ page }) => {
  await signIn(page, 'dispatcher');
  await expect(page).toHaveURL(/\/map$/);
  await expect(page.getByText('Live', { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: /\d+ open calls?/ })).toBeVisible();

  const positions = async () => {
    const response = await page.request.get('/api/units');
    expect(response.ok()).toBe(true);
    const { units } = (await response.json()) as { units: UnitView[] };
    return new Map(
      units.filter((unit) => unit.position).map((unit) => [unit.id, unit.position!.at]),
    );
  };
  const before = await positions();
  expect(before.size).toBeGreaterThan(10);
  await expect
    .poll(
      async () => {
        const after = await positions();
        return [...after].filter(([id, at]) => before.get(id) !== at).length;
      },
      { timeout: 15_000 },
    )
    .toBeGreaterThan(5);
  await page.screenshot({ path: test.info().outputPath('live-demo.png') });
});

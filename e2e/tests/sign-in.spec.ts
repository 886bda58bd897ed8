import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, signIn, type DemoRole } from '../support/session.ts';

/** Exactly the navigation each role must see: no more, no less. */
const navigationByRole: Record<DemoRole, string[]> = {
  dispatcher: ['Map', 'Units', 'Hotspots', 'Time machine'],
  supervisor: ['Map', 'Units', 'Response times', 'Hotspots', 'Time machine'],
  analyst: ['Response times', 'Hotspots', 'Time machine', 'Exports'],
  admin: ['Users', 'Integrations', 'Audit log'],
};

test.describe('sign-in', () => {
  test('the sign-in page is accessible', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  for (const [role, expected] of Object.entries(navigationByRole)) {
    test(`${role} signs in and sees exactly their navigation`, async ({ page }) => {
      await signIn(page, role);
      const nav = page.getByRole('navigation', { name: 'Main' });
      await expect(nav.getByRole('link')).toHaveText(expected);
      await expect(page.getByRole('main')).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: test.info().outputPath(`${role}-home.png`), fullPage: true });
    });
  }

  test('a wrong password shows one generic error', async ({ page }) => {
    await signIn(page, 'dispatcher', 'not the password');
    await expect(page.getByRole('alert')).toContainText(/wrong username or password/i);
    await expect(page).toHaveURL(/\/sign-in$/);
    await signIn(page, 'nobody-here', 'not the password');
    await expect(page.getByRole('alert')).toContainText(/wrong username or password/i);
  });

  test('sign-out ends the session on the server', async ({ page }) => {
    await signIn(page, 'supervisor');
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    const me = await page.request.get('/api/me');
    expect(me.status()).toBe(401);
    await page.goto('/map');
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test('the map shows the agency districts without any remote request', async ({ page }) => {
    const external: string[] = [];
    page.on('request', (request) => {
      if (
        !request.url().startsWith('http://127.0.0.1') &&
        !request.url().startsWith('data:') &&
        !request.url().startsWith('blob:')
      ) {
        external.push(request.url());
      }
    });
    await signIn(page, 'dispatcher');
    await expect(page).toHaveURL(/\/map$/);
    await expect(page.locator('canvas.maplibregl-canvas')).toBeVisible();
    await expect(page.getByRole('button', { name: /District 1/ })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('dispatcher-map.png') });
    expect(external).toEqual([]);
  });
});

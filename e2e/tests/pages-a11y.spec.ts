import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, signIn, type DemoRole } from '../support/session.ts';

/** Every page each role can open, with the heading that says it has loaded. */
const pages: { role: DemoRole; path: string; ready: string }[] = [
  { role: 'dispatcher', path: '/map', ready: 'Districts, live' },
  { role: 'dispatcher', path: '/units', ready: 'District 1' },
  { role: 'dispatcher', path: '/no-such-page', ready: 'Page not found' },
  { role: 'supervisor', path: '/map', ready: 'Districts, live' },
  { role: 'supervisor', path: '/units', ready: 'District 1' },
  { role: 'admin', path: '/admin/users', ready: 'Users' },
  { role: 'admin', path: '/admin/audit', ready: 'Audit log' },
  { role: 'supervisor', path: '/stats', ready: 'By priority, against target' },
  { role: 'supervisor', path: '/history', ready: 'Time machine' },
  { role: 'analyst', path: '/', ready: 'Response times' },
  { role: 'analyst', path: '/hotspots?period=last7', ready: 'Calls in the selected hexagon' },
  { role: 'analyst', path: '/exports', ready: 'Exports' },
];

test.describe('every page passes axe-core (no serious or critical violation)', () => {
  for (const { role, path, ready } of pages) {
    test(`${role} ${path}`, async ({ page }) => {
      await signIn(page, role);
      await expect(page).not.toHaveURL(/\/sign-in/);
      await page.goto(path);
      await expect(page.getByRole('heading', { name: ready }).first()).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      await page.screenshot({ path: test.info().outputPath('page.png') });
    });
  }

  test('the light theme too', async ({ page }) => {
    await signIn(page, 'dispatcher');
    await expect(page).not.toHaveURL(/\/sign-in/);
    await page.getByRole('button', { name: 'Light theme' }).click();
    for (const path of ['/map', '/units']) {
      await page.goto(path);
      await expect(
        page.getByRole('heading', { name: /^Districts, live$|^District 1/ }).first(),
      ).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    }
    await page.screenshot({ path: test.info().outputPath('light-units.png') });
  });
});

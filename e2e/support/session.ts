import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { e2eDemoPassword } from './environment.ts';

/** The demo accounts are named after their roles. */
export type DemoRole = 'dispatcher' | 'supervisor' | 'analyst' | 'admin';

/**
 * Signs in through the form. With the demo password it also waits until the app has left the
 * sign-in page, so the session exists before the test moves on (a navigation started earlier
 * would abandon the sign-in request).
 */
export async function signIn(page: Page, username: string, password = e2eDemoPassword) {
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (password === e2eDemoPassword) await expect(page).not.toHaveURL(/\/sign-in/);
}

/** Fails on any serious or critical axe-core violation on the current page. */
export async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  expect(
    serious.map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.length} nodes: ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(', ')})`,
    ),
  ).toEqual([]);
}

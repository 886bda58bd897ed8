import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, signIn } from '../support/session.ts';

/**
 * Journey: an administrator connects a feed while the floor runs (the embedded default,
 * no command line): issues a token, the feed sends with it, then it is revoked and the
 * feed is refused.
 */
test('an administrator issues an integration token from the web, and revokes it', async ({
  page,
  request,
}) => {
  await signIn(page, 'admin');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Integrations' })
    .click();
  await expect(page.getByRole('heading', { name: 'Integrations', level: 1 })).toBeVisible();

  const name = `e2e-avl-${Date.now() % 100000}`;
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Create token' }).click();
  const shown = page.locator('.token-once__value');
  await expect(shown).toHaveText(/^wf_/);
  const token = (await shown.textContent()) ?? '';
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('Active');
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: test.info().outputPath('1-token-issued.png'), fullPage: true });

  const send = () =>
    request.post('/api/ingest/positions', {
      headers: { Authorization: `Bearer ${token}` },
      data: { positions: [{ unit: 'E2E-1', lat: 0, lon: 0, at: new Date().toISOString() }] },
    });
  expect((await send()).status()).toBe(200);

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: `Revoke ${name}` }).click();
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('Revoked');
  expect((await send()).status()).toBe(401);
  await page.screenshot({ path: test.info().outputPath('2-token-revoked.png'), fullPage: true });

  // Both changes are in the audit log, and the log still proves itself.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Audit log' })
    .click();
  await expect(page.getByText(/^Chain verified up to #\d+/)).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'token.revoke' }).first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('3-audit-chain.png'), fullPage: true });
});

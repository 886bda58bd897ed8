import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, signIn } from '../support/session.ts';

/**
 * Journey: an administrator creates an account on the running floor, its holder replaces
 * the one-time password at first sign-in, the administrator ends that session (the
 * person's page is signed out at once), and finds both in the audit log.
 */
test('an administrator creates a user, ends their session and searches the audit log', async ({
  page,
  browser,
}) => {
  const username = `e2e-disp-${Date.now() % 100000}`;
  await signIn(page, 'admin');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();

  const newUser = page.getByRole('region', { name: 'New user' });
  await newUser.getByLabel('Username').fill(username);
  await newUser.getByLabel('Display name').fill('E2E Dispatcher');
  await newUser.getByLabel('Role').selectOption('dispatcher');
  await newUser.getByRole('button', { name: 'Create user' }).click();
  const shown = page.getByTestId('one-time-password');
  await expect(shown).toHaveText(/^[a-z2-9]{4}(-[a-z2-9]{4}){4}$/);
  const oneTimePassword = (await shown.textContent()) ?? '';
  await expect(page.getByRole('row', { name: new RegExp(username) })).toContainText(
    'Must change password',
  );
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: test.info().outputPath('1-user-created.png'), fullPage: true });

  // The new dispatcher, in their own browser: the one-time password opens only the change.
  const theirs = await browser.newContext();
  const person = await theirs.newPage();
  await signIn(person, username, oneTimePassword);
  await expect(person.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await person.getByLabel('Current password').fill(oneTimePassword);
  await person.getByLabel('New password', { exact: true }).fill('harbor lantern quiet ferry 9');
  await person.getByLabel('Repeat the new password').fill('harbor lantern quiet ferry 9');
  await expectNoSeriousA11yViolations(person);
  await person.screenshot({
    path: test.info().outputPath('2-password-change.png'),
    fullPage: true,
  });
  await person.getByRole('button', { name: 'Change password' }).click();
  await expect(person.getByRole('navigation', { name: 'Main' })).toBeVisible();

  // The administrator sees the session and ends it; the person's page signs out by itself.
  await page.getByRole('button', { name: `Manage ${username}` }).click();
  const manage = page.getByRole('region', { name: `Manage ${username}` });
  const sessionRow = manage.getByRole('row').filter({ hasText: 'pwd' });
  await expect(sessionRow).toHaveCount(1);
  await page.screenshot({ path: test.info().outputPath('3-sessions.png'), fullPage: true });
  await sessionRow.getByRole('button', { name: 'End session' }).click();
  await expect(manage.getByText(`${username} is not signed in anywhere.`)).toBeVisible();
  await expect(person).toHaveURL(/\/sign-in/, { timeout: 10_000 });
  await theirs.close();

  // Both are in the audit log, found by searching for the action.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Audit log' })
    .click();
  await page.getByLabel('Action').fill('session.end');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const ended = page.getByRole('row').filter({ hasText: 'session.end' });
  await expect(ended.first()).toContainText('E2E Dispatcher');
  await page.getByLabel('Action').fill('password.change');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('row').filter({ hasText: 'password.change' }).first()).toContainText(
    'E2E Dispatcher',
  );
  await page.screenshot({ path: test.info().outputPath('4-audit-search.png'), fullPage: true });
});

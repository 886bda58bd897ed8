import { expect, test } from '@playwright/test';
import { waitForDemoHistory } from '../support/history.ts';
import { expectNoSeriousA11yViolations, signIn } from '../support/session.ts';

/**
 * Issue 5's journey: a supervisor opens their districts' response times, gets figures with
 * their method stated, clicks through to the calls behind one, opens a call's timeline and
 * replays it, then replays yesterday's busiest hour. The demo's generated history (the past
 * 35 days) is what there is to review on a fresh database.
 */
test('a supervisor reviews response times, drills to the calls and replays the past', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await signIn(page, 'supervisor');
  await expect(page).not.toHaveURL(/\/sign-in/);
  await waitForDemoHistory(page.request);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Response times' })
    .click();
  await page.getByLabel('Period').selectOption('last7');
  await expect(page).toHaveURL(/period=last7/);

  const byPriority = page.getByRole('table', { name: 'By priority, against target' });
  await expect(byPriority.getByRole('row', { name: /^P1/ })).toBeVisible();
  await expect(page.getByText(/percentile_cont: linear interpolation/)).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: test.info().outputPath('1-scorecard.png'), fullPage: true });

  // The calls behind priority 1, and one call's timeline.
  await byPriority.getByRole('button', { name: 'Show calls for P1' }).click();
  const drill = page.locator('.drill-panel');
  await expect(drill.getByRole('heading', { name: 'Calls behind: P1' })).toBeFocused();
  const firstIncident = drill.getByRole('row').nth(1).getByRole('button');
  await firstIncident.click();
  await expect(drill.getByRole('heading', { name: 'Timeline' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('2-drill-down.png'), fullPage: true });

  // After-action: replay that call's minutes.
  await drill.getByRole('row').nth(1).getByRole('link', { name: 'Replay' }).click();
  await expect(page).toHaveURL(/\/history\?call=/);
  const clock = page.locator('.player__time');
  await expect(clock).toHaveText(/\d\d:\d\d:\d\d/);
  const before = await clock.textContent();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(clock).not.toHaveText(before!);
  await page.screenshot({ path: test.info().outputPath('3-call-replay.png') });

  // Yesterday's busiest hour, found from the statistics.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Time machine' })
    .click();
  await page.getByRole('button', { name: /Yesterday's busiest hour/ }).click();
  await expect(page).toHaveURL(/\/history\?at=.*&minutes=60/);
  await expect(page.getByRole('heading', { name: /\d+ open, \d+ pending/ })).toBeVisible();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.getByLabel('Speed').selectOption('60');
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: test.info().outputPath('4-busiest-hour.png') });
});

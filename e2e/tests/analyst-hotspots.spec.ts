import fs from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { waitForDemoHistory } from '../support/history.ts';
import { expectNoSeriousA11yViolations, signIn } from '../support/session.ts';

/**
 * Issue 6's journey: an analyst finds last month's busiest hexagons without mixing community
 * and officer-initiated calls, lists the calls of one, downloads the hexagon table and a
 * spreadsheet of calls without personal data, and both downloads are in the audit log.
 */
test('an analyst finds hotspots and exports a spreadsheet that is accounted for', async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  await signIn(page, 'analyst');
  await expect(page.getByRole('heading', { name: 'Response times', level: 1 })).toBeVisible();
  await waitForDemoHistory(page.request);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Hotspots' })
    .click();
  await expect(page).toHaveURL(/\/hotspots/);
  const summary = page.getByText(/calls in the period/);
  // Last month by default; the journeys' server holds a few days, so look at the last 7.
  // Last month's figures are on the page until the last 7 days' answer arrives: read the
  // summary only once it shows that answer (last month can hold fewer of the demo's days).
  await expect(summary).toBeVisible();
  const last7Answer = page.waitForResponse(
    (response) => response.url().includes('/api/hotspots?') && response.ok(),
  );
  await page.getByLabel('Period').selectOption('last7');
  const { total } = (await (await last7Answer).json()) as { total: number };
  await expect(summary).toHaveText(new RegExp(`^${total} calls in the period`));
  await expect(page.getByRole('radio', { name: 'Community-generated' })).toBeChecked();
  const table = page.getByRole('table', { name: 'Busiest hexagons' });
  const firstHexagon = table.getByRole('button', { name: 'Show calls for hexagon 1', exact: true });
  await expect(firstHexagon).toBeVisible();
  const community = await summary.textContent();
  // The URL holds the filter and the router applies it in a transition: click, then wait.
  await page.getByRole('radio', { name: 'Officer-initiated' }).click();
  await expect(page.getByRole('radio', { name: 'Officer-initiated' })).toBeChecked();
  await expect(summary).not.toHaveText(community!);
  await page.getByRole('radio', { name: 'Community-generated' }).click();
  await expect(page.getByRole('radio', { name: 'Community-generated' })).toBeChecked();
  await expect(summary).toHaveText(community!);
  await expectNoSeriousA11yViolations(page);

  await firstHexagon.click();
  await expect(page.locator('.hotspot-cell__list li').first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('1-hotspots.png') });

  // The hexagon table, with a purpose.
  await page.getByLabel('Purpose (kept in the audit log)').fill('Patrol planning for next month');
  const tableDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const hexagons = await fs.readFile(await (await tableDownload).path(), 'utf8');
  expect(hexagons.split('\r\n')[0]).toBe(
    'rank,h3_cell,resolution,centre_lat,centre_lon,calls,previous_calls,change,origin,from,to',
  );

  // Calls as CSV: the columns an analyst may have, and none of the caller's.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Exports' })
    .click();
  await page.getByLabel('Format').selectOption('csv');
  await page
    .getByLabel('Purpose', { exact: true })
    .fill('Monthly performance report to the council');
  await expect(page.getByText(/About \d+ rows?/)).toBeVisible();
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const csv = await fs.readFile(await (await csvDownload).path(), 'utf8');
  const header = csv.replace(/^\uFEFF/, '').split(/\r?\n/)[0]!;
  expect(header).toContain('incidentNumber');
  expect(header).not.toMatch(/caller|phone|narrative|notes/i);
  await expect(page.getByText(/^Done/)).toBeVisible();

  // The spreadsheet.
  await page.getByLabel('Format').selectOption('xlsx');
  const xlsxDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const xlsx = await xlsxDownload;
  expect(xlsx.suggestedFilename()).toMatch(
    /_calls_\d{4}-\d{2}-\d{2}_to_\d{4}-\d{2}-\d{2}_exported-.*\.xlsx$/,
  );
  const bytes = await fs.readFile(await xlsx.path());
  expect(bytes.subarray(0, 2).toString()).toBe('PK');
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: test.info().outputPath('2-exports.png') });

  // Both downloads are in the audit log, with the analyst's purpose.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, 'admin');
  await admin
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Audit log' })
    .click();
  await expect(admin.getByRole('row', { name: /hotspots\.export/ }).first()).toBeVisible();
  // The purpose is in the row's full record, one click away.
  const callExport = admin.getByRole('row', { name: /call\.export/ }).first();
  await callExport.getByRole('button', { name: /^Show details of event/ }).click();
  await expect(admin.getByLabel('Details', { exact: true })).toContainText(
    'Monthly performance report to the council',
  );
  await admin.screenshot({ path: test.info().outputPath('3-audit.png'), fullPage: true });
  await adminContext.close();
});

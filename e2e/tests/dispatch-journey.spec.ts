import { expect, test, type Page } from '@playwright/test';
import { pointInDistrict } from '../support/agency.ts';
import { expectNoSeriousA11yViolations, signIn } from '../support/session.ts';

/** What a supervisor must see of each step, and how fast (issue: within 2 s). */
const seenWithin = { timeout: 2_000 };

function callRow(page: Page, address: string) {
  return page.getByRole('option').filter({ hasText: address });
}

/**
 * Journey 1: a dispatcher works a call from creation to close on the live map;
 * a supervisor of the call's district, in a second browser context, sees each step.
 */
test('a dispatcher works a call from creation to close while a supervisor watches', async ({
  browser,
}) => {
  // Two browsers rendering a software-WebGL map on two cores: the journey as a whole takes about
  // a minute; each step the supervisor must see keeps its own 2 s limit below.
  test.setTimeout(180_000);
  const dispatcherContext = await browser.newContext();
  const supervisorContext = await browser.newContext();
  const dispatcher = await dispatcherContext.newPage();
  const supervisor = await supervisorContext.newPage();
  await signIn(dispatcher, 'dispatcher');
  await signIn(supervisor, 'supervisor');
  await expect(supervisor.getByText('Live', { exact: true })).toBeVisible();

  const address = `${Date.now() % 100000} Journey Street`;
  const point = await pointInDistrict(dispatcher.request, '1');

  // Create: a priority-1 call in district 1 (the demo supervisor watches districts 1 and 2).
  await dispatcher.getByRole('button', { name: 'New call' }).click();
  await dispatcher.getByLabel('Call type', { exact: true }).selectOption('SHOTS');
  await dispatcher
    .getByLabel('Location (lat, lon)')
    .fill(`${point.lat.toFixed(6)}, ${point.lon.toFixed(6)}`);
  await dispatcher.getByLabel('Address').fill(address);
  await dispatcher.getByLabel('Caller name').fill('Journey Caller');
  await dispatcher.getByRole('button', { name: 'Create call' }).click();
  await expect(callRow(supervisor, address)).toContainText('Pending', seenWithin);
  await expectNoSeriousA11yViolations(dispatcher);
  await dispatcher.screenshot({ path: test.info().outputPath('1-created.png') });

  // Assign the recommended (nearest) unit.
  await dispatcher.getByRole('button', { name: 'Assign…' }).click();
  const recommended = dispatcher.getByRole('button', { name: /^Assign / }).first();
  const callSign = (await recommended.textContent())!.replace(/^Assign\s+/, '').split(/\s/)[0]!;
  await recommended.click();
  await expect(callRow(supervisor, address)).toContainText('Dispatched', seenWithin);
  await dispatcher.screenshot({ path: test.info().outputPath('2-assigned.png') });

  // The unit arrives: the call follows it on scene.
  await dispatcher.getByRole('button', { name: `${callSign}: On scene` }).click();
  await expect(callRow(supervisor, address)).toContainText('On scene', seenWithin);
  await dispatcher.screenshot({ path: test.info().outputPath('3-on-scene.png') });

  // Close with a disposition: the call leaves every open queue.
  await dispatcher.getByRole('button', { name: 'Close…' }).click();
  await dispatcher.getByLabel('Disposition').selectOption({ index: 1 });
  await dispatcher.getByRole('button', { name: 'Close the call' }).click();
  await expect(callRow(supervisor, address)).toHaveCount(0, seenWithin);
  await supervisor.screenshot({ path: test.info().outputPath('4-supervisor-after-close.png') });

  await dispatcherContext.close();
  await supervisorContext.close();
});

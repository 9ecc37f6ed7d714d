import { expect, test } from '@playwright/test';
import { screenshot, signIn, uniqueId, USERS } from './support/quorum';

test('a lab creates a job with the wizard, uploads items with one bad line, and publishes it', async ({ page }) => {
  const title = `E2E intents ${uniqueId()}`;
  await signIn(page, USERS.lab);
  await expect(page.getByRole('heading', { level: 1, name: 'Jobs' })).toBeVisible();

  // The lab's vendors as its policy sees them (the seeded world: Lattice blocked).
  await page.getByRole('navigation').getByRole('link', { name: 'Vendors', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Vendors' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Lattice Data' }).getByText('Blocked')).toBeVisible();
  await screenshot(page, 'lab-vendors.png');

  // The wizard: task, schema (labels), instructions, quality, price and budget.
  await page.getByRole('navigation').getByRole('link', { name: 'Lab', exact: true }).click();
  await page.getByRole('link', { name: 'New job' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New job' })).toBeVisible();
  await page.getByLabel('Title').fill(title);
  await page.getByRole('combobox', { name: 'Task type' }).click();
  await page.getByRole('option', { name: 'Classification' }).click();
  const labelInput = page.getByPlaceholder('Type a label and press Enter');
  for (const label of ['card_arrival', 'lost_or_stolen_card', 'exchange_rate']) {
    await labelInput.fill(label);
    await labelInput.press('Enter');
  }
  await expect(page.getByRole('grid', { name: 'Labels' }).getByRole('row')).toHaveCount(3);
  await page.getByLabel('Instructions (Markdown)').fill('Pick the **intent** of the customer message.');
  await page.getByRole('spinbutton', { name: 'Overlap' }).fill('2');
  const languages = page.getByPlaceholder('ISO code, e.g. en or pt-BR');
  await languages.fill('en');
  await languages.press('Enter');
  await page.getByRole('spinbutton', { name: 'Price per answer' }).fill('0.05');
  await page.getByRole('spinbutton', { name: 'Budget' }).fill('25');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.getByRole('heading', { level: 1, name: 'New job' }).scrollIntoViewIfNeeded();
  await screenshot(page, 'new-job.png');
  await page.getByRole('button', { name: 'Create draft job' }).click();

  // The job page of the new draft.
  await expect(page).toHaveURL(/\/lab\/jobs\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const status = page.locator('q-job-status-badge');
  await expect(status).toHaveText('Draft');

  // Items as JSON Lines; line 3 is not JSON and is reported by its number.
  const lines = [
    { externalId: 'q1', data: { text: 'My card still has not arrived.' } },
    { externalId: 'q2', data: { text: 'Someone stole my wallet with the card in it.' } },
    '{"externalId": "q3", "data": {"text": "unterminated',
    { externalId: 'q4', data: { text: 'What rate do you use for euros?' } },
    { externalId: 'q5', data: { text: 'When will the new card be delivered?' } },
  ].map((l) => (typeof l === 'string' ? l : JSON.stringify(l)));
  await page.locator('#upload-items-file').setInputFiles({
    name: 'items.jsonl',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(lines.join('\n') + '\n'),
  });
  const items = page.getByRole('region', { name: 'Items', exact: true });
  const report = items.getByRole('status').filter({ hasText: 'items.jsonl' });
  await expect(report).toContainText('1 rejected');
  await expect(report.getByRole('definition').first()).toHaveText('4');
  const errors = report.getByRole('table', { name: 'Lines not imported' });
  await expect(errors.getByRole('row')).toHaveCount(2); // header + the one bad line
  const bad = errors.getByRole('row').nth(1);
  await expect(bad.getByRole('cell').first()).toHaveText('3');
  await expect(bad.getByRole('cell').nth(1)).toContainText('not valid JSON');

  // Publish: the budget check passes (4 items × 2 × 0.05 ≤ 25) and the job is published.
  await page.getByRole('group', { name: 'Job actions' }).getByRole('button', { name: 'Publish' }).click();
  await expect(status).toHaveText('Published');
  await expect(page.getByRole('group', { name: 'Job actions' }).getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(page.getByText(/^Published .+/)).toBeVisible();
  // Routing runs on the worker; it may still be pending here, so it is not asserted.

  // The seeded classification job shows the routing split as a chart and a table.
  await page.getByRole('navigation').getByRole('link', { name: 'Lab', exact: true }).click();
  await page.getByRole('link', { name: 'Banking77 customer intents' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Banking77 customer intents' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Routing by vendor' }).getByRole('row').filter({ hasText: 'Fernway Annotations' })).toBeVisible({ timeout: 15_000 });
  const chart = page.getByRole('img', { name: /^Slots routed to/ });
  await expect(chart.locator('canvas')).toBeVisible();
  await chart.scrollIntoViewIfNeeded();
  await page.waitForTimeout(1200); // the bars' entry animation
  await screenshot(page, 'lab-job.png');
});

import { expect, test } from '@playwright/test';
import { Api, screenshot, signIn, uniqueId, USERS } from './support/quorum';

test('a vendor admin declines routed work after confirming, and sees it declined', async ({ page, request }) => {
  // A fresh job routed to Fernway, so declining it takes no work away from the other journeys.
  const title = `E2E decline ${uniqueId()}`;
  const lab = await Api.as(request, USERS.lab);
  const job = await lab.publishClassificationJob(title, ['Where is my card?', 'Can I change my PIN?']);
  const vendor = await Api.as(request, USERS.vendorAdmin);
  await expect
    .poll(async () => (await vendor.get<{ items: { jobId: string; status: string }[] }>('/vendor/work')).items.find((w) => w.jobId === job.id)?.status, {
      message: `job ${job.id} offered to Fernway`,
      timeout: 20_000,
      intervals: [250, 500, 1000],
    })
    .toBe('offered');

  await signIn(page, USERS.vendorAdmin);
  await expect(page).toHaveURL(/\/vendor/);
  await expect(page.getByRole('heading', { level: 1, name: 'Routed work' })).toBeVisible();
  const row = page.getByRole('table', { name: 'Routed work' }).getByRole('row').filter({ hasText: title });
  await expect(row.getByText('Offered', { exact: true })).toBeVisible();
  await expect(row).toContainText('Northwind AI');
  // The seeded work is listed too (Fernway is neutral for Northwind).
  await expect(page.getByRole('row').filter({ hasText: 'Banking77 customer intents' })).toBeVisible();
  await screenshot(page, 'vendor-work.png');

  // Keep the work first: nothing changes.
  await row.getByRole('button', { name: `Decline ${title}` }).click();
  let dialog = page.getByRole('dialog', { name: `Decline “${title}”?` });
  await expect(dialog).toContainText('Northwind AI');
  await dialog.getByRole('button', { name: 'Keep the work' }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByText('Offered', { exact: true })).toBeVisible();

  // Decline and confirm.
  await row.getByRole('button', { name: `Decline ${title}` }).click();
  dialog = page.getByRole('dialog', { name: `Decline “${title}”?` });
  await dialog.getByRole('button', { name: 'Decline', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByText('Declined', { exact: true })).toBeVisible();
  await expect(row.getByRole('button')).toHaveCount(0);

  // It stays declined after a reload (the server recorded it).
  await page.reload();
  await expect(page.getByRole('row').filter({ hasText: title }).getByText('Declined', { exact: true })).toBeVisible();
});

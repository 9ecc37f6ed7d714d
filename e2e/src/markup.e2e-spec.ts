import { expect, test } from '@playwright/test';
import { Api, signIn, uniqueId, USERS } from './support/quorum';

test('an item whose text is markup is shown to the annotator as text, and never runs', async ({ page, request }) => {
  const markup = '<img src=x onerror="window.__xss=1">';
  // A fresh English classification job, so Fernway (annotator1's vendor) is routed a slot of its one item.
  const lab = await Api.as(request, USERS.lab);
  const job = await lab.publishClassificationJob(`E2E markup ${uniqueId()}`, [markup]);
  await lab.waitForRouting(job.id, 'Fernway Annotations');

  await signIn(page, USERS.annotator);
  await page.goto(`/annotate?jobId=${job.id}`);
  await expect(page.getByText(`Only tasks from one job (${job.id}).`)).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Classification', { exact: true })).toBeVisible();

  // The characters are on screen as typed, and no element was made of them.
  const text = page.locator('.q-task-text');
  await expect(text).toHaveText(markup);
  await expect(page.getByText(markup, { exact: true })).toBeVisible();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(await text.evaluate((el) => el.children.length)).toBe(0);
  // Give a failing image load (were there one) the time to fire its handler.
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

  // Answering it works like any other task.
  await page.keyboard.press('1');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('session-count')).toHaveText('1');
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});

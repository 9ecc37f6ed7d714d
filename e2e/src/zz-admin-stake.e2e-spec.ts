import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { ADMIN_PASSWORD, screenshot, signIn, USERS } from './support/quorum';

/**
 * Runs last (files run alphabetically with one worker): the stake recorded here makes Fernway a
 * conflicted vendor for Northwind, which would take work away from the journeys that need Fernway.
 */
test('an admin records a competitor stake; the lab sees the vendor conflicted; the auditor verifies the chain and checks a kept checkpoint', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, USERS.admin, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/admin/);
  await expect(page.getByRole('heading', { level: 1, name: 'Ownership registry' })).toBeVisible();

  // An entity page with its ownership graph (Orchard & Vale sits in a cross-holding cycle).
  await page.getByLabel('Search by name').fill('Orchard');
  await page.getByRole('table', { name: 'Entities' }).getByRole('link', { name: 'Orchard & Vale', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Orchard & Vale' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Effective owners' })).toContainText('Orchard Holdings Ltd');
  const graph = page.getByRole('img', { name: /Orchard/ }).first();
  await expect(graph.locator('canvas').first()).toBeAttached();
  await page.waitForTimeout(1000); // the layout settles
  await screenshot(page, 'admin-entity-graph.png');

  // The neutrality matrix before the stake.
  await page.getByRole('navigation').getByRole('link', { name: 'Neutrality matrix' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Neutrality matrix' })).toBeVisible();
  await expect(page.locator('q-neutrality-heatmap canvas').first()).toBeAttached();
  await page.waitForTimeout(1000);
  await screenshot(page, 'admin-matrix.png');

  // Record interest: Helios Labs (a lab, so a competitor of Northwind) takes 30% of Fernway.
  await page.getByRole('navigation').getByRole('link', { name: 'Admin', exact: true }).click();
  await page.getByRole('button', { name: 'Record interest' }).click();
  const dialog = page.getByRole('dialog', { name: 'Record interest' });
  await dialog.getByRole('combobox', { name: 'Interested party (owner)' }).fill('Helios');
  await page.getByRole('option', { name: /^Helios Labs/ }).click();
  await dialog.getByRole('combobox', { name: 'Subject (owned entity)' }).fill('Fernway');
  await page.getByRole('option', { name: /^Fernway Annotations/ }).click();
  await expect(dialog.getByRole('combobox', { name: 'Interest type (BODS)' })).toContainText('Shareholding');
  await dialog.getByRole('radio', { name: 'Exact' }).check();
  await dialog.getByRole('spinbutton', { name: /^Share/ }).fill('30');
  await dialog.getByLabel('Details').fill('E2E: minority stake');
  await dialog.getByLabel('Source description').fill('E2E: trade press report of the Helios investment');
  await dialog.getByRole('button', { name: 'Record interest' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Interest recorded. Neutrality is being re-evaluated.')).toBeVisible();

  // The lab sees Fernway conflicted once the worker has re-evaluated (the page does not poll: reload).
  await signIn(page, USERS.lab);
  await page.goto('/lab/vendors');
  const fernway = page.getByRole('row').filter({ hasText: 'Fernway Annotations' });
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Vendors' })).toBeVisible();
    await expect(fernway.getByText(/^(Blocked|Flagged)$/)).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 15_000, intervals: [500, 1000, 1000] });
  await fernway.getByRole('button', { name: /conflict/ }).click();
  const reasons = page.getByRole('region', { name: 'Conflicts with Fernway Annotations' });
  await expect(reasons).toContainText('Helios Labs');
  await expect(reasons).toContainText(/30\s?%/);

  // The auditor verifies the hash chain, which now holds the stake and the conflict it opened.
  await signIn(page, USERS.auditor);
  await page.getByRole('navigation').getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await page.getByRole('button', { name: 'Verify chain' }).click();
  const chain = page.getByRole('region', { name: 'Hash chain' });
  await expect(chain).toContainText(/Result\s*Valid/);
  await expect(chain).toContainText(/First invalid event\s*None/);
  await expect(chain.getByRole('img', { name: /^Audit chain of \d+ events, all intact\./ })).toBeVisible();
  await screenshot(page, 'audit-verify.png');

  // The auditor signs a checkpoint, keeps the file, and later checks it back against the chain.
  const checkpoints = page.getByRole('region', { name: 'Checkpoints' });
  await checkpoints.getByRole('button', { name: 'Sign checkpoint now' }).click();
  const signed = checkpoints.getByRole('status');
  await expect(signed).toContainText(/Checkpoint #\d+ signed/);
  const seq = Number(/#(\d+)/.exec((await signed.textContent()) ?? '')?.[1]);
  await expect(checkpoints.getByRole('table', { name: 'Signed checkpoints' }).getByRole('row').nth(1)).toContainText(String(seq));
  const downloading = page.waitForEvent('download');
  await checkpoints.getByRole('button', { name: `Download checkpoint #${seq}` }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`audit-checkpoint-${seq}.json`);
  const keptPath = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(keptPath);
  const kept = JSON.parse(readFileSync(keptPath, 'utf8'));
  expect(Object.keys(kept).sort()).toEqual(['at', 'headHash', 'keyId', 'seq', 'signature']);
  expect(kept.seq).toBe(seq);

  await chain.getByRole('button', { name: 'Verify chain' }).click();
  await expect(chain).toContainText(/Agrees with checkpoint #\d+ signed/);

  const check = page.getByRole('region', { name: 'Check a kept checkpoint' });
  await check.getByLabel('Kept checkpoint file (JSON)').setInputFiles(keptPath);
  await expect(check.getByText(`Checkpoint #${seq} holds`)).toBeVisible();
  const facts = check.getByRole('list', { name: 'What the check found' });
  for (const fact of ['Signature genuine', 'Chain intact up to it', 'Newest events present (not truncated)', 'Checkpointed event unchanged']) {
    await expect(facts.getByText(fact, { exact: true })).toBeVisible();
  }
  await expect(check).toContainText(/First invalid event\s*None/);
  await check.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await screenshot(page, 'audit-checkpoints.png');
});

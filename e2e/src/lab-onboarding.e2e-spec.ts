import { expect, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';

test('a lab registers, signs out, signs in again and lands in the lab area', async ({ page }) => {
  const id = randomBytes(4).toString('hex');
  const email = `e2e-${id}@northwind.example`;
  const password = 'e2e-password-123';

  await page.goto('/register');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('Display name').fill('Erin Example');
  await page.getByLabel('Organization name').fill(`E2E Lab ${id}`);
  await page.getByRole('radio', { name: 'Lab' }).check();
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page).toHaveURL(/\/lab/);
  await expect(page.getByRole('heading', { level: 1, name: 'Jobs' })).toBeVisible();
  // A lab admin sees the lab area and not the vendor or admin areas.
  const nav = page.getByRole('navigation');
  await expect(nav.getByRole('link', { name: 'Lab', exact: true })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Admin', exact: true })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Vendor', exact: true })).toHaveCount(0);

  await page.getByRole('button', { name: /Erin Example/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);

  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Wrong email or password')).toBeVisible();

  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/lab/);
  await expect(page.getByRole('heading', { level: 1, name: 'Jobs' })).toBeVisible();

  // A reload keeps the session; the page is served by the API with the SPA fallback.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Jobs' })).toBeVisible();
});

test('the API answers health and serves its OpenAPI document beside the app', async ({ request }) => {
  const health = await request.get('/health');
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: 'ok' });
  const docs = await request.get('/api/docs-json');
  expect((await docs.json()).paths).toHaveProperty(['/api/v1/auth/register']);
});

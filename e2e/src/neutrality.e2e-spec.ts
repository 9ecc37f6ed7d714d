import { expect, Page, test } from '@playwright/test';

const DEMO_PASSWORD = 'quorum-demo-2026';

async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a lab sees the vendor its competitor bought into as blocked, and why', async ({ page }) => {
  await signIn(page, 'lab@northwind.example');
  await expect(page).toHaveURL(/\/lab/);
  await page.getByRole('navigation').getByRole('link', { name: 'Vendors', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Vendors' })).toBeVisible();
  const lattice = page.getByRole('row').filter({ hasText: 'Lattice Data' });
  await expect(lattice.getByText('Blocked')).toBeVisible();
  const fernway = page.getByRole('row').filter({ hasText: 'Fernway Annotations' });
  await expect(fernway.getByText('Clear')).toBeVisible();
  await lattice.getByRole('button', { name: /conflict/ }).click();
  await expect(page.getByText('Helios Labs').first()).toBeVisible();
  await expect(page.getByText(/49\s?%/).first()).toBeVisible();
});

test('an auditor verifies the audit chain from the browser', async ({ page }) => {
  await signIn(page, 'auditor@quorum.local');
  await expect(page).toHaveURL(/\/admin/);
  await page.getByRole('navigation').getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Audit/ })).toBeVisible();
  await expect(page.getByText('conflict.opened').first()).toBeVisible();
  await page.getByRole('button', { name: 'Verify chain' }).click();
  const chain = page.getByRole('region', { name: 'Hash chain' });
  await expect(chain).toContainText(/Result\s*Valid/);
  await expect(chain).toContainText(/First invalid event\s*None/);
});

test('task data is rendered as text, never as HTML', async ({ page }) => {
  await signIn(page, 'admin@quorum.local', 'e2e-admin-password');
  await expect(page).toHaveURL(/\/admin/);
  // An entity whose name is markup: it must show as characters, and no element may be created from it.
  const name = `<img src=x onerror="window.__xss=1">Acme ${Date.now()}`;
  const token = await page.evaluate(() => localStorage.getItem('quorum.accessToken'));
  const created = await page.request.post('/api/v1/entities', { data: { name, kind: 'company' }, headers: { authorization: `Bearer ${token}` } });
  expect(created.status()).toBe(201);
  await page.reload();
  await page.getByLabel(/Search/i).fill('Acme');
  await expect(page.getByText(name)).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});

import { expect, Page, test } from '@playwright/test';
import { Api, screenshot, signIn, USERS } from './support/quorum';

const FERNWAY = 'Fernway Annotations';

/** The seeded jobs the annotator works on, found (and waited for) through the lab's API. */
async function seededJobs(request: Parameters<typeof Api.as>[0]) {
  const lab = await Api.as(request, USERS.lab);
  const jobs = {
    classification: await lab.jobByTitle('Banking77 customer intents'),
    pairwise: await lab.jobByTitle('Assistant reply preferences'),
    ranking: await lab.jobByTitle('Rank assistant replies'),
  };
  // The worker routes the seeded jobs as it starts; wait until Fernway holds open slots in each.
  for (const job of Object.values(jobs)) await lab.waitForRouting(job.id, FERNWAY);
  return jobs;
}

/** Opens the task loop on one job and claims its first task with Enter (keyboard only). */
async function claim(page: Page, jobId: string, taskType: string): Promise<void> {
  await page.goto(`/annotate?jobId=${jobId}`);
  await expect(page.getByRole('heading', { level: 2, name: 'Ready when you are' })).toBeVisible();
  await expect(page.getByTestId('session-count')).toHaveText('0');
  await page.keyboard.press('Enter');
  await expect(page.getByText(taskType, { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Submit/ })).toBeEnabled();
}

/** Submits with Enter and waits for the answer to be recorded. */
async function submitWithEnter(page: Page): Promise<void> {
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('session-count')).toHaveText('1');
  await expect(page.getByRole('alert')).toHaveCount(0);
}

test('an annotator answers a classification, a pairwise and a ranking task from the keyboard', async ({ page, request }) => {
  const jobs = await seededJobs(request);
  await signIn(page, USERS.annotator);
  await expect(page).toHaveURL(/\/annotate/);

  // Classification: 2 picks the second label, Enter submits.
  await claim(page, jobs.classification.id, 'Classification');
  const labels = page.getByRole('group', { name: 'Label' });
  const second = labels.getByRole('button').nth(1);
  await expect(second).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('2');
  await expect(second).toHaveAttribute('aria-pressed', 'true');
  await expect(labels.getByRole('button', { pressed: true })).toHaveCount(1);
  await screenshot(page, 'annotate-classification.png');
  await submitWithEnter(page);
  // The next task is on screen, with nothing chosen yet.
  await expect(labels.getByRole('button', { pressed: true })).toHaveCount(0);

  // Pairwise: Enter before choosing is refused; B picks response B, 2 sets the strength.
  await claim(page, jobs.pairwise.id, 'Pairwise preference');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Finish the answer first.')).toBeVisible();
  await expect(page.getByTestId('session-count')).toHaveText('0');
  await page.keyboard.press('b');
  await page.keyboard.press('2');
  const overall = page.getByRole('group', { name: 'Overall' });
  await expect(overall.getByRole('button', { name: 'B is better' })).toHaveAttribute('aria-pressed', 'true');
  await expect(overall.getByRole('button', { name: 'A is better' })).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByRole('group', { name: 'Strength' }).getByRole('button', { name: 'Clearly better' })).toHaveAttribute('aria-pressed', 'true');
  await screenshot(page, 'annotate-pairwise.png');
  await submitWithEnter(page);

  // Ranking: 1 selects the top response, ↓ moves it to second place, Enter submits.
  await claim(page, jobs.ranking.id, 'Ranking');
  const list = page.getByRole('list', { name: 'Responses, best first' });
  const first = list.getByRole('listitem').first();
  const firstResponse = (await first.locator('.q-label').textContent())?.trim();
  expect(firstResponse).toBe('Response 1');
  await page.keyboard.press('1');
  await page.keyboard.press('ArrowDown');
  await expect(list.getByRole('listitem').nth(1).getByText('Response 1', { exact: true })).toBeVisible();
  await expect(list.getByRole('listitem').first().getByText('Response 2', { exact: true })).toBeVisible();
  await screenshot(page, 'annotate-ranking.png');
  await submitWithEnter(page);
});

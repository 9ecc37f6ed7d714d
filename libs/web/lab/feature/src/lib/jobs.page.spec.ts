import type { JobView } from '@quorum/contracts';
import { LabJobsPage } from './jobs.page';
import { renderAs } from '@quorum/web/shared/testing';

function jobOf(overrides: Partial<JobView> = {}): JobView {
  return {
    id: 'j-1',
    labOrgId: 'org-1',
    title: 'Banking intents',
    instructions: '',
    taskType: 'classification',
    schema: { labels: ['card'] },
    overlap: 3,
    minDistinctVendors: 1,
    goldRatio: 0,
    pricePerAnswer: 0.05,
    budget: null,
    deadline: null,
    priority: 0,
    requiredSkills: [],
    languages: [],
    conflictPolicy: null,
    leaseSeconds: 600,
    agreementThreshold: 0.5,
    status: 'in_progress',
    createdAt: '2026-05-01T10:00:00Z',
    publishedAt: '2026-05-01T11:00:00Z',
    progress: {
      items: 100,
      goldItems: 5,
      answers: 75,
      completedItems: 20,
      percent: 25,
    },
    routing: [],
    routingNote: null,
    spend: 0,
    conflicts: [],
    ...overrides,
  };
}

describe('LabJobsPage', () => {
  it('says there are no jobs only when the lab has none, and offers to create one', async () => {
    const { http, el, stable } = await renderAs(
      LabJobsPage,
      ['lab_member'],
      'lab',
    );
    expect(el.querySelector('h1')?.textContent?.trim()).toBe('Jobs');
    http
      .expectOne((r) => r.url === '/api/v1/jobs')
      .flush({ items: [], nextCursor: null });
    await stable();
    expect(el.querySelector('q-empty-state h2')?.textContent).toBe(
      'No jobs yet',
    );
    expect(el.querySelector('q-empty-state button')?.textContent).toContain(
      'New job',
    );
    expect(el.querySelector('table')).toBeNull();
  });

  it('lists jobs with status, progress, items and a prominent routing note, then loads more', async () => {
    const { http, el, stable, text } = await renderAs(
      LabJobsPage,
      ['lab_admin'],
      'lab',
    );
    http
      .expectOne((r) => r.url === '/api/v1/jobs')
      .flush({
        items: [
          jobOf(),
          jobOf({
            id: 'j-2',
            title: 'Preferences',
            taskType: 'pairwise_preference',
            status: 'published',
            routingNote: 'no eligible vendor speaks de',
          }),
        ],
        nextCursor: 'c-2',
      });
    await stable();
    expect(el.querySelector('q-empty-state')).toBeNull();
    const rows = el.querySelectorAll('tr[mat-row]');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('Banking intents');
    expect(rows[0].textContent).toContain('In progress');
    expect(rows[0].textContent?.replace(/\s+/g, ' ')).toContain(
      '25% · 75 / 300 answers',
    );
    expect(rows[0].querySelector('a')?.getAttribute('href')).toBe('/jobs/j-1');
    expect(
      rows[1]
        .querySelector('.waiting')
        ?.textContent?.replace(/\s+/g, ' ')
        .trim(),
    ).toBe('Waiting: no eligible vendor speaks de');
    expect(text()).toContain('New job');

    (
      [...el.querySelectorAll('button')].find((b) =>
        b.textContent?.includes('Load more jobs'),
      ) as HTMLButtonElement
    ).click();
    const more = http.expectOne(
      (r) => r.url === '/api/v1/jobs' && r.params.get('cursor') === 'c-2',
    );
    more.flush({
      items: [jobOf({ id: 'j-3', title: 'Third' })],
      nextCursor: null,
    });
    await stable();
    expect(el.querySelectorAll('tr[mat-row]')).toHaveLength(3);
    http.verify();
  });
});

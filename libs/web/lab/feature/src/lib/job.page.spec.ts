import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialog } from '@angular/material/dialog';
import type {
  ConflictView,
  JobStats,
  JobStatus,
  JobView,
} from '@quorum/contracts';
import { LabJobPage } from './job.page';
import { problemHeaders, renderAs } from '@quorum/web/shared/testing';

// ECharts needs a canvas; a stand-in takes the options the charts draw.
const chart = {
  setOption: jest.fn(),
  resize: jest.fn(),
  on: jest.fn(),
  dispose: jest.fn(),
};
jest.mock('echarts/core', () => ({
  use: jest.fn(),
  init: jest.fn(() => chart),
}));
jest.mock('echarts/charts', () => ({ BarChart: {} }));
jest.mock('echarts/components', () => ({
  GridComponent: {},
  LegendComponent: {},
  MarkLineComponent: {},
  TooltipComponent: {},
}));
jest.mock('echarts/renderers', () => ({ CanvasRenderer: {} }));

const conflict: ConflictView = {
  id: 'c-1',
  labOrgId: 'org-1',
  vendorOrgId: 'v-2',
  labName: 'Northwind AI',
  vendorName: 'Tessellate',
  rule: 'economic',
  severity: 'flag',
  status: 'open',
  evidence: {
    competitorEntityId: 'e-helios',
    competitorName: 'Helios Labs',
    certainty: 'confirmed',
    threshold: 10,
    economic: { min: 49, max: 49 },
    voting: { min: 0, max: 0 },
    controls: false,
    boardSeats: 0,
    seats: [],
    agreements: [],
    paths: [],
    cyclic: false,
    interestIds: [],
    policyVersion: 0,
    asOf: '2026-05-01',
  },
  detectedAt: '2026-05-01T10:00:00Z',
  updatedAt: '2026-05-01T10:00:00Z',
  resolvedAt: null,
  waiver: null,
};

const stats: JobStats = {
  jobId: 'j-1',
  throughput: [
    { hour: '2026-05-01T10:00:00Z', answers: 12 },
    { hour: '2026-05-01T11:00:00Z', answers: 18 },
  ],
  agreement: [
    { bucket: 0.6, items: 3 },
    { bucket: 0.9, items: 7 },
  ],
  byVendor: [
    {
      vendorOrgId: 'v-1',
      vendorName: 'Fernway',
      answers: 20,
      meanTimeMs: 4000,
    },
    {
      vendorOrgId: 'v-2',
      vendorName: 'Tessellate',
      answers: 10,
      meanTimeMs: 6000,
    },
  ],
  meanAgreement: 0.84,
};

function jobOf(overrides: Partial<JobView> = {}): JobView {
  return {
    id: 'j-1',
    labOrgId: 'org-1',
    title: 'Assistant preferences',
    instructions:
      '# Read both\n\nPick the **better** reply.\n\n<b>not bold</b>',
    taskType: 'pairwise_preference',
    schema: { allowTie: true },
    overlap: 2,
    minDistinctVendors: 1,
    goldRatio: 0,
    pricePerAnswer: 0.4,
    budget: 10,
    deadline: null,
    priority: 0,
    requiredSkills: [],
    languages: [],
    conflictPolicy: null,
    leaseSeconds: 600,
    agreementThreshold: 0.5,
    status: 'draft',
    createdAt: '2026-05-01T10:00:00Z',
    publishedAt: null,
    progress: {
      items: 50,
      goldItems: 4,
      answers: 30,
      completedItems: 10,
      percent: 30,
    },
    routing: [
      {
        vendorOrgId: 'v-1',
        vendorName: 'Fernway',
        slots: 60,
        openSlots: 40,
        status: 'accepted',
      },
      {
        vendorOrgId: 'v-2',
        vendorName: 'Tessellate',
        slots: 40,
        openSlots: 30,
        status: 'offered',
      },
    ],
    routingNote: null,
    spend: 0,
    conflicts: [],
    ...overrides,
  };
}

async function openJob(job: JobView) {
  const r = await renderAs(LabJobPage, ['lab_admin'], 'lab', {
    inputs: { id: job.id },
  });
  r.http.expectOne('/api/v1/jobs/j-1').flush(job);
  await r.stable();
  const buttons = async () =>
    Promise.all(
      (
        await r.loader.getAllHarnesses(
          MatButtonHarness.with({ ancestor: '.actions' }),
        )
      ).map((b) => b.getText()),
    );
  return { ...r, buttons };
}

describe('LabJobPage', () => {
  afterEach(() => TestBed.inject(MatDialog).closeAll());

  it.each<[JobStatus, string[]]>([
    ['draft', ['Publish', 'Cancel job']],
    ['published', ['Pause', 'Cancel job']],
    ['in_progress', ['Pause', 'Cancel job']],
    ['paused', ['Resume', 'Cancel job']],
    ['completed', []],
    ['cancelled', []],
  ])('offers the actions a %s job allows', async (status, expected) => {
    const { buttons, el } = await openJob(jobOf({ status }));
    expect((await buttons()).map((t) => t.trim())).toEqual(expected);
    expect(el.querySelector('h1')?.textContent).toBe('Assistant preferences');
  });

  it('shows the budget problem when publishing is refused', async () => {
    const { http, loader, stable, text } = await openJob(jobOf());
    await (
      await loader.getHarness(MatButtonHarness.with({ text: /Publish/ }))
    ).click();
    http.expectOne({ method: 'POST', url: '/api/v1/jobs/j-1/publish' }).flush(
      {
        type: 'about:blank',
        title: 'The request breaks a rule',
        status: 422,
        detail:
          '50 items × overlap 2 × 0.4 per answer = 40, which exceeds the budget of 10',
        errors: [{ path: 'budget', message: 'needs at least 40' }],
      },
      { status: 422, statusText: 'Unprocessable Entity', ...problemHeaders },
    );
    await stable();
    expect(text()).toContain('which exceeds the budget of 10');
    expect(text()).toContain('budget: needs at least 40');
    expect(text()).toContain('Draft');
  });

  it('publishes, then fetches the job again', async () => {
    const { http, loader, stable, text } = await openJob(jobOf());
    await (
      await loader.getHarness(MatButtonHarness.with({ text: /Publish/ }))
    ).click();
    http
      .expectOne('/api/v1/jobs/j-1/publish')
      .flush({ id: 'j-1', status: 'published' });
    http.expectOne('/api/v1/jobs/j-1').flush(jobOf({ status: 'published' }));
    await stable();
    expect(text()).toContain('Published');
    expect(text()).toContain('updates every 5 s');
  });

  it('pauses a running job and cancels only after confirming', async () => {
    const { http, loader, root, stable, text } = await openJob(
      jobOf({ status: 'in_progress' }),
    );
    await (
      await loader.getHarness(MatButtonHarness.with({ text: /Pause/ }))
    ).click();
    http.expectOne('/api/v1/jobs/j-1/pause').flush(jobOf({ status: 'paused' }));
    http.expectOne('/api/v1/jobs/j-1').flush(jobOf({ status: 'paused' }));
    await stable();
    expect(text()).toContain('Resume');

    await (
      await loader.getHarness(MatButtonHarness.with({ text: /Cancel job/ }))
    ).click();
    http.expectNone('/api/v1/jobs/j-1/cancel');
    await (
      await root.getHarness(
        MatButtonHarness.with({
          text: 'Cancel job',
          ancestor: 'mat-dialog-container',
        }),
      )
    ).click();
    http
      .expectOne('/api/v1/jobs/j-1/cancel')
      .flush(jobOf({ status: 'cancelled' }));
    http.expectOne('/api/v1/jobs/j-1').flush(jobOf({ status: 'cancelled' }));
    await stable();
    expect(text()).toContain('Cancelled');
  });

  it('shows progress, the routing table, preference-pair export and safe instructions', async () => {
    const { el, text } = await openJob(jobOf({ status: 'in_progress' }));
    expect(text()).toContain('30 of 100 answers');
    const rows = [
      ...el.querySelectorAll(
        'table[aria-label="Routing by vendor"] tr[mat-row]',
      ),
    ].map((r) =>
      [...r.querySelectorAll('td')]
        .map((td) => td.textContent?.trim())
        .join(' '),
    );
    expect(rows).toEqual([
      'Fernway Accepted 60 40',
      'Tessellate Offered 40 30',
    ]);
    expect(text()).toContain('Preference pairs');
    expect(el.querySelector('q-markdown strong')?.textContent).toBe('better');
    expect(el.querySelector('q-markdown b')).toBeNull();
    expect(el.querySelector('q-markdown')?.textContent).toContain(
      '<b>not bold</b>',
    );
  });

  it('shows spend against the budget, the conflicts affecting the job and its charts', async () => {
    chart.setOption.mockClear();
    const { http, el, stable, text } = await openJob(
      jobOf({
        status: 'in_progress',
        spend: 12.4,
        budget: 50,
        conflicts: [conflict],
      }),
    );
    expect(text()).toContain('12.40 of 50.00 spent');
    const bar = el.querySelector('mat-progress-bar[aria-label="Budget spent"]');
    expect(bar?.getAttribute('aria-valuenow')).toBe('24.8');

    const conflicts = el.querySelector(
      'ul[aria-label="Conflicts affecting this job"]',
    );
    expect(conflicts?.querySelectorAll('q-conflict-card')).toHaveLength(1);
    expect(conflicts?.textContent).toContain('Helios Labs');
    expect(conflicts?.textContent).toContain('Tessellate');
    // Read-only on the job page: deciding happens on the Conflicts page.
    expect(conflicts?.querySelector('button')).toBeNull();

    http
      .expectOne({ method: 'GET', url: '/api/v1/jobs/j-1/stats' })
      .flush(stats);
    await stable();
    for (let i = 0; i < 5 && chart.setOption.mock.calls.length < 4; i++) {
      await new Promise((resolve) => setTimeout(resolve));
      await stable();
    }
    const labels = [...el.querySelectorAll('q-chart [role="img"]')].map((c) =>
      c.getAttribute('aria-label'),
    );
    expect(labels).toEqual([
      'Answers per hour over the last 7 days: 30 answers in 2 hours, at most 18 in one hour.',
      'Agreement of 10 items by tenth; mean 84%.',
      'Answers per vendor: Fernway 20, Tessellate 10',
    ]);
    expect(text()).toContain('Agreement · mean 84%');
    // The routing chart and the three job charts.
    expect(chart.setOption.mock.calls.length).toBeGreaterThanOrEqual(4);
  });

  it('says so when the job has no budget, no conflicts and no answers yet', async () => {
    const { http, stable, text } = await openJob(
      jobOf({ budget: null, spend: 0 }),
    );
    http.expectOne('/api/v1/jobs/j-1/stats').flush({
      jobId: 'j-1',
      throughput: [],
      agreement: [],
      byVendor: [],
      meanAgreement: null,
    } satisfies JobStats);
    await stable();
    expect(text()).toContain('0.00 spent (no budget)');
    expect(text()).toContain('No live conflict between your lab');
    expect(text()).toContain('Charts appear once answers arrive.');
  });

  it('uploads items with progress and shows the per-line report', async () => {
    const { http, el, stable, text } = await openJob(jobOf());
    const input = el.querySelector<HTMLInputElement>('#upload-items-file');
    if (!input) throw new Error('no file input');
    const file = new File(['{"data":{}}\n'], 'items.jsonl');
    Object.defineProperty(input, 'files', { value: [file] });
    input.dispatchEvent(new Event('change'));
    const req = http.expectOne('/api/v1/jobs/j-1/items');
    expect(req.request.headers.get('Content-Type')).toBe(
      'application/x-ndjson',
    );
    req.flush({
      accepted: 4,
      rejected: 1,
      errors: [{ line: 2, message: 'data.prompt is required' }],
    });
    http.expectOne('/api/v1/jobs/j-1').flush(jobOf());
    await stable();
    expect(text()).toContain('1 rejected');
    const cells = [...el.querySelectorAll('q-upload-panel tbody td')].map(
      (td) => td.textContent?.trim(),
    );
    expect(cells).toEqual(['2', 'data.prompt is required']);
  });
});

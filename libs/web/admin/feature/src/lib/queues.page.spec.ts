import type { QueueHealth } from '@quorum/contracts';
import {
  AdminQueuesPage,
  queueChartLabel,
  queueChartOption,
} from './queues.page';
import { problemHeaders, renderAs } from '@quorum/web/shared/testing';

// ECharts needs a canvas; a stand-in takes the option the page draws.
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

function healthOf(overrides: Partial<QueueHealth> = {}): QueueHealth {
  return {
    queues: [
      {
        name: 'routing',
        waiting: 3,
        active: 1,
        delayed: 0,
        failed: 0,
        completed: 1200,
        paused: false,
      },
      {
        name: 'delivery',
        waiting: 0,
        active: 0,
        delayed: 2,
        failed: 4,
        completed: 40,
        paused: true,
      },
    ],
    outbox: { pending: 7, dead: 2, oldestPendingSeconds: 125 },
    checkedAt: '2026-05-01T10:00:00Z',
    ...overrides,
  };
}

function outbox(el: HTMLElement): string[] {
  return [...el.querySelectorAll('dl div')].map((d) =>
    [...d.children].map((c) => c.textContent?.trim()).join(' '),
  );
}

async function drawn(page: Awaited<ReturnType<typeof renderAs>>) {
  for (let i = 0; i < 5 && !chart.setOption.mock.calls.length; i++) {
    await new Promise((resolve) => setTimeout(resolve));
    await page.stable();
  }
}

describe('queueChartOption', () => {
  it('stacks waiting, active, delayed and failed per queue', () => {
    const option = queueChartOption(healthOf());
    expect(option.xAxis.data).toEqual(['Routing', 'Delivery']);
    expect(option.series.map((s) => [s.name, s.stack, s.data])).toEqual([
      ['Waiting', 'jobs', [3, 0]],
      ['Active', 'jobs', [1, 0]],
      ['Delayed', 'jobs', [0, 2]],
      ['Failed', 'jobs', [0, 4]],
    ]);
    expect(queueChartLabel(healthOf())).toContain(
      'Delivery 0 waiting, 0 active, 2 delayed, 4 failed',
    );
  });
});

describe('AdminQueuesPage', () => {
  beforeEach(() => jest.clearAllMocks());

  it('shows each queue with failures highlighted, the outbox backlog and the chart', async () => {
    const page = await renderAs(AdminQueuesPage, ['auditor'], 'platform');
    page.http.expectOne('/api/v1/admin/queues').flush(healthOf());
    await page.stable();
    await drawn(page);

    expect(page.el.querySelector('h1')?.textContent).toBe('Queue health');
    const rows = [
      ...page.el.querySelectorAll('table[aria-label="Queues"] tr[mat-row]'),
    ].map((r) =>
      [...r.querySelectorAll('td')]
        .map((td) => td.textContent?.trim())
        .join(' '),
    );
    expect(rows).toEqual([
      'Routing 3 1 0 0 1,200 Running',
      'Delivery 0 0 2 4 40 Paused',
    ]);
    const failed = [...page.el.querySelectorAll('td.failed')].map((td) =>
      td.textContent?.trim(),
    );
    expect(failed).toEqual(['4']);
    expect(outbox(page.el)).toEqual([
      'Pending events 7',
      'Oldest pending 2 min',
      'Dead (failed every retry) 2',
    ]);
    expect(page.text()).toContain('4 failed');
    expect(page.text()).toContain('Checked');
    expect(chart.setOption).toHaveBeenCalled();
    const option = chart.setOption.mock.calls.at(-1)[0];
    expect(option.series).toHaveLength(4);
    page.fixture.destroy();
  });

  it('refreshes every 5 s while open and keeps the table when a refresh fails', async () => {
    const every = jest.spyOn(globalThis, 'setInterval');
    const stopped = jest.spyOn(globalThis, 'clearInterval');
    const page = await renderAs(
      AdminQueuesPage,
      ['platform_admin'],
      'platform',
    );
    page.http.expectOne('/api/v1/admin/queues').flush(healthOf());
    await page.stable();

    const tick = every.mock.calls.find(([, ms]) => ms === 5000)?.[0];
    if (typeof tick !== 'function') throw new Error('no 5 s refresh');
    tick();
    page.http
      .expectOne('/api/v1/admin/queues')
      .flush(healthOf({ outbox: { pending: 0, dead: 0, oldestPendingSeconds: null } }));
    await page.stable();
    expect(outbox(page.el)).toEqual(['Pending events 0', 'Oldest pending —', 'Dead (failed every retry) 0']);

    tick();
    page.http
      .expectOne('/api/v1/admin/queues')
      .flush(
        { type: 'about:blank', title: 'Redis is unreachable', status: 503 },
        { status: 503, statusText: 'Service Unavailable', ...problemHeaders },
      );
    await page.stable();
    expect(page.text()).toContain('Redis is unreachable');
    expect(page.el.querySelectorAll('tr[mat-row]')).toHaveLength(2);

    page.fixture.destroy();
    expect(stopped).toHaveBeenCalled();
    every.mockRestore();
    stopped.mockRestore();
  });

  it('shows the problem when the health cannot be read', async () => {
    const page = await renderAs(AdminQueuesPage, ['auditor'], 'platform');
    page.http.expectOne('/api/v1/admin/queues').flush(
      {
        type: 'about:blank',
        title: 'Forbidden',
        status: 403,
        detail: 'Platform staff only',
      },
      { status: 403, statusText: 'Forbidden', ...problemHeaders },
    );
    await page.stable();
    expect(page.text()).toContain('Platform staff only');
    expect(page.el.querySelector('table')).toBeNull();
    page.fixture.destroy();
  });
});

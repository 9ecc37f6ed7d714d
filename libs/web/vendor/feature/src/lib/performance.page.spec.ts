import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import type { MeResponse, VendorEarnings } from '@quorum/contracts';
import {
  ACCESS_TOKEN_KEY,
  AuthStore,
  TOKEN_STORAGE,
  apiInterceptor,
  memoryStorage,
} from '@quorum/web/shared/data-access';
import { provideQuorumIcons } from '@quorum/web/shared/ui';
import { firstValueFrom } from 'rxjs';
import {
  VendorPerformancePage,
  earningsChartLabel,
  earningsChartOption,
} from './performance.page';

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

const vic: MeResponse = {
  id: 'u-1',
  email: 'vic@acme.test',
  displayName: 'Vic',
  orgId: 'o-9',
  orgKind: 'vendor',
  orgName: 'Acme Labeling',
  roles: ['vendor_admin'],
};

const earnings: VendorEarnings = {
  vendorOrgId: 'o-9',
  total: 1234.5,
  answers: 2150,
  byAnnotator: [
    {
      annotatorId: 'u-2',
      displayName: 'Ana',
      answers: 1500,
      earnings: 900,
      goldAccuracy: 0.925,
      abandoned: 2,
    },
    {
      annotatorId: 'u-3',
      displayName: 'Bo',
      answers: 650,
      earnings: 334.5,
      goldAccuracy: null,
      abandoned: 0,
    },
  ],
  byJob: [
    {
      jobId: 'j-1',
      title: 'Banking intents',
      labName: 'Northwind AI',
      answers: 2000,
      earnings: 1200,
    },
    {
      jobId: 'j-2',
      title: 'Chat ratings',
      labName: 'Cobalt',
      answers: 150,
      earnings: 34.5,
    },
  ],
};

async function open(body: VendorEarnings) {
  const storage = memoryStorage();
  storage.setItem(ACCESS_TOKEN_KEY, 'tok');
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(withInterceptors([apiInterceptor])),
      provideHttpClientTesting(),
      provideRouter([]),
      provideQuorumIcons(),
      { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      { provide: TOKEN_STORAGE, useValue: storage },
    ],
  });
  const http = TestBed.inject(HttpTestingController);
  const loaded = firstValueFrom(TestBed.inject(AuthStore).loadMe());
  http.expectOne('/api/v1/auth/me').flush(vic);
  await loaded;
  const fixture = TestBed.createComponent(VendorPerformancePage);
  await fixture.whenStable();
  http.expectOne({ method: 'GET', url: '/api/v1/vendor/earnings' }).flush(body);
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  const rows = (label: string) =>
    [...el.querySelectorAll(`table[aria-label="${label}"] tr[mat-row]`)].map(
      (r) =>
        [...r.querySelectorAll('td')]
          .map((td) => td.textContent?.trim())
          .join(' | '),
    );
  return { http, fixture, el, rows };
}

describe('earningsChartOption', () => {
  it('bars earnings per annotator with money labels', () => {
    const option = earningsChartOption(earnings);
    expect(option.yAxis.data).toEqual(['Ana', 'Bo']);
    expect(option.series[0].data).toEqual([900, 334.5]);
    expect(option.series[0].label.formatter({ value: 334.5 })).toBe('334.50');
    expect(option.tooltip.valueFormatter(900)).toBe('900.00');
    expect(earningsChartLabel(earnings)).toBe(
      'Earnings per annotator: Ana 900.00, Bo 334.50',
    );
  });
});

describe('VendorPerformancePage', () => {
  beforeEach(() => jest.clearAllMocks());

  it('shows totals, each annotator and each job, and draws earnings per annotator', async () => {
    const { el, rows, fixture } = await open(earnings);
    for (let i = 0; i < 5 && !chart.setOption.mock.calls.length; i++) {
      await new Promise((resolve) => setTimeout(resolve));
      await fixture.whenStable();
    }
    expect(el.querySelector('h1')?.textContent).toBe('Performance');
    const totals = [...el.querySelectorAll('dl div')].map((d) =>
      [...d.children].map((c) => c.textContent?.trim()).join(' '),
    );
    expect(totals).toEqual([
      'Total earnings 1,234.50',
      'Answers 2,150',
      'Annotators 2',
    ]);
    expect(rows('Earnings by annotator')).toEqual([
      'Ana | 1,500 | 900.00 | 92.5% | 2',
      'Bo | 650 | 334.50 | — | 0',
    ]);
    expect(rows('Earnings by job')).toEqual([
      'Banking intents | Northwind AI | 2,000 | 1,200.00',
      'Chat ratings | Cobalt | 150 | 34.50',
    ]);
    expect(chart.setOption).toHaveBeenCalled();
    expect(
      el.querySelector('q-chart [role="img"]')?.getAttribute('aria-label'),
    ).toBe('Earnings per annotator: Ana 900.00, Bo 334.50');
  });

  it('explains an empty vendor without drawing a chart', async () => {
    const { el } = await open({
      vendorOrgId: 'o-9',
      total: 0,
      answers: 0,
      byAnnotator: [],
      byJob: [],
    });
    expect(el.querySelector('q-empty-state h2')?.textContent).toBe(
      'No annotators yet',
    );
    expect(el.textContent).toContain('No answers yet');
    expect(el.querySelector('q-chart')).toBeNull();
  });
});

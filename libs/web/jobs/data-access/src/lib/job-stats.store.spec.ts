import { TestBed } from '@angular/core/testing';
import type { JobStats, VendorEarnings } from '@quorum/contracts';
import { firstValueFrom } from 'rxjs';
import { JobStatsStore, STATS_MIN_AGE_MS } from './job-stats.store';
import { JobsApi } from './jobs.api';
import { problemHeaders, setupHttp } from './testing.spec-helpers';
import { VendorEarningsStore } from './vendor-earnings.store';
import { VendorWorkApi } from './vendor-work.api';

const stats: JobStats = {
  jobId: 'j-1',
  throughput: [
    { hour: '2026-05-01T10:00:00Z', answers: 12 },
    { hour: '2026-05-01T11:00:00Z', answers: 30 },
  ],
  agreement: [
    { bucket: 0.5, items: 2 },
    { bucket: 0.9, items: 8 },
  ],
  byVendor: [
    {
      vendorOrgId: 'v-1',
      vendorName: 'Fernway',
      answers: 42,
      meanTimeMs: 5400,
    },
  ],
  meanAgreement: 0.86,
};

const earnings: VendorEarnings = {
  vendorOrgId: 'v-1',
  total: 12.4,
  answers: 155,
  byAnnotator: [
    {
      annotatorId: 'u-1',
      displayName: 'Ana',
      answers: 100,
      earnings: 8,
      goldAccuracy: 0.9,
      abandoned: 1,
    },
  ],
  byJob: [
    {
      jobId: 'j-1',
      title: 'Banking intents',
      labName: 'Northwind AI',
      answers: 155,
      earnings: 12.4,
    },
  ],
};

const forbidden = {
  problem: {
    type: 'about:blank',
    title: 'Forbidden',
    status: 403,
    detail: "Only the vendor's admin sees its earnings",
  },
  options: { status: 403, statusText: 'Forbidden', ...problemHeaders },
};

describe('JobsApi.stats', () => {
  it('reads GET /jobs/:id/stats', async () => {
    const http = setupHttp();
    const got = firstValueFrom(TestBed.inject(JobsApi).stats('j 1'));
    http
      .expectOne({ method: 'GET', url: '/api/v1/jobs/j%201/stats' })
      .flush(stats);
    expect((await got).meanAgreement).toBe(0.86);
    http.verify();
  });
});

describe('JobStatsStore', () => {
  it('loads the charts of a job', () => {
    const http = setupHttp([JobStatsStore]);
    const store = TestBed.inject(JobStatsStore);
    store.load('j-1');
    expect(store.loading()).toBe(true);
    http.expectOne('/api/v1/jobs/j-1/stats').flush(stats);
    expect(store.loading()).toBe(false);
    expect(store.stats()?.byVendor[0].vendorName).toBe('Fernway');
    http.verify();
  });

  it('refreshes only when the last answer is old enough, keeping the charts when it fails', () => {
    const http = setupHttp([JobStatsStore]);
    const store = TestBed.inject(JobStatsStore);
    store.load('j-1');
    http.expectOne('/api/v1/jobs/j-1/stats').flush(stats);

    store.refreshIfStale();
    http.expectNone('/api/v1/jobs/j-1/stats');

    store.refreshIfStale(STATS_MIN_AGE_MS, Date.now() + STATS_MIN_AGE_MS);
    http
      .expectOne('/api/v1/jobs/j-1/stats')
      .flush(forbidden.problem, forbidden.options);
    expect(store.stats()).toEqual(stats);
    expect(store.problem()).toBeNull();
    http.verify();
  });

  it('reports a first load that fails', () => {
    const http = setupHttp([JobStatsStore]);
    const store = TestBed.inject(JobStatsStore);
    store.load('j-1');
    http
      .expectOne('/api/v1/jobs/j-1/stats')
      .flush(forbidden.problem, forbidden.options);
    expect(store.problem()?.status).toBe(403);
    expect(store.loading()).toBe(false);
  });
});

describe('VendorWorkApi.earnings and VendorEarningsStore', () => {
  it('reads GET /vendor/earnings', async () => {
    const http = setupHttp();
    const got = firstValueFrom(TestBed.inject(VendorWorkApi).earnings());
    http
      .expectOne({ method: 'GET', url: '/api/v1/vendor/earnings' })
      .flush(earnings);
    expect((await got).total).toBe(12.4);
    http.verify();
  });

  it('loads the earnings and reports a refusal', () => {
    const http = setupHttp([VendorEarningsStore]);
    const store = TestBed.inject(VendorEarningsStore);
    store.load();
    expect(store.loading()).toBe(true);
    http.expectOne('/api/v1/vendor/earnings').flush(earnings);
    expect(store.earnings()?.byJob[0].title).toBe('Banking intents');
    expect(store.loading()).toBe(false);

    store.load();
    http
      .expectOne('/api/v1/vendor/earnings')
      .flush(forbidden.problem, forbidden.options);
    expect(store.problem()?.detail).toBe(
      "Only the vendor's admin sees its earnings",
    );
    http.verify();
  });
});

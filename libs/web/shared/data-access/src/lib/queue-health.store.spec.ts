import { TestBed } from '@angular/core/testing';
import type { QueueHealth } from '@quorum/contracts';
import { firstValueFrom } from 'rxjs';
import { QueueHealthStore } from './queue-health.store';
import { QueuesApi } from './queues.api';
import { problemHeaders, setupHttp } from './testing.spec-helpers';

function healthOf(failed = 0): QueueHealth {
  return {
    queues: [
      {
        name: 'routing',
        waiting: 3,
        active: 1,
        delayed: 0,
        failed,
        completed: 120,
        paused: false,
      },
      {
        name: 'quality',
        waiting: 0,
        active: 0,
        delayed: 2,
        failed: 1,
        completed: 40,
        paused: true,
      },
    ],
    outbox: { pending: 4, oldestPendingSeconds: 75 },
    checkedAt: '2026-05-01T10:00:00Z',
  };
}

describe('QueuesApi', () => {
  it('reads GET /admin/queues', async () => {
    const http = setupHttp();
    const health = firstValueFrom(TestBed.inject(QueuesApi).health());
    http
      .expectOne({ method: 'GET', url: '/api/v1/admin/queues' })
      .flush(healthOf());
    expect((await health).outbox.pending).toBe(4);
    http.verify();
  });
});

describe('QueueHealthStore', () => {
  afterEach(() => jest.useRealTimers());

  it('loads, then refreshes every 5 s until stopped', () => {
    jest.useFakeTimers();
    const http = setupHttp([QueueHealthStore]);
    const store = TestBed.inject(QueueHealthStore);
    store.startPolling();
    expect(store.loading()).toBe(true);
    http.expectOne('/api/v1/admin/queues').flush(healthOf());
    expect(store.loading()).toBe(false);
    expect(store.polling()).toBe(true);
    expect(store.failedTotal()).toBe(1);

    jest.advanceTimersByTime(5000);
    const refresh = http.expectOne('/api/v1/admin/queues');
    // A slow answer is not asked again on the next tick.
    jest.advanceTimersByTime(5000);
    http.expectNone('/api/v1/admin/queues');
    expect(store.loading()).toBe(false);
    refresh.flush(healthOf(5));
    expect(store.failedTotal()).toBe(6);

    store.stop();
    expect(store.polling()).toBe(false);
    jest.advanceTimersByTime(20000);
    http.verify();
  });

  it('keeps the last figures and shows the problem when a refresh fails', () => {
    jest.useFakeTimers();
    const http = setupHttp([QueueHealthStore]);
    const store = TestBed.inject(QueueHealthStore);
    store.startPolling(1000);
    http.expectOne('/api/v1/admin/queues').flush(healthOf());

    jest.advanceTimersByTime(1000);
    http
      .expectOne('/api/v1/admin/queues')
      .flush(
        { type: 'about:blank', title: 'Redis is unreachable', status: 503 },
        { status: 503, statusText: 'Service Unavailable', ...problemHeaders },
      );
    expect(store.problem()?.title).toBe('Redis is unreachable');
    expect(store.health()?.outbox.pending).toBe(4);

    jest.advanceTimersByTime(1000);
    http.expectOne('/api/v1/admin/queues').flush(healthOf());
    expect(store.problem()).toBeNull();
    store.stop();
    http.verify();
  });

  it('stops its timer when destroyed', () => {
    jest.useFakeTimers();
    const http = setupHttp([QueueHealthStore]);
    const store = TestBed.inject(QueueHealthStore);
    store.startPolling();
    http.expectOne('/api/v1/admin/queues').flush(healthOf());
    TestBed.resetTestingModule();
    jest.advanceTimersByTime(20000);
    http.verify();
  });
});
